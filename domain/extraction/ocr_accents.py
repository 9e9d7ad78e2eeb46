"""Accented letters on scans: Tesseract's English model reads "María García-López"
as "Maria Garcia-Lopez", and the model that reads every Latin-script letter (Debian's
tesseract-ocr-script-latn) reads ~1.4 times slower than it, too much for a whole
page. So only a page's short lines in larger type and its topmost line (where a
name stands) are read again by it, stacked in one strip, and only the accents of
its reading are kept (~0.12 s of CPU with the lean copy of ocr_models)."""

import logging
from collections.abc import Callable

from PIL import Image

from domain.errors import DomainError
from domain.extraction.document import ExtractionOptions
from domain.extraction.ocr_lines import Word, accent_candidates, with_accents
from domain.extraction.ocr_models import accent_model

logger = logging.getLogger(__name__)


def restore_accents(
    image: Image.Image,
    parts: list[list[Word]],
    options: ExtractionOptions,
    read: Callable[[Image.Image, str, str], list[Word]],
) -> list[list[Word]]:
    """`parts` (a page's lines) with the accents the accent model reads in the
    name and title lines; `read` runs Tesseract on an image in a language with
    extra options. The strip is read as a column of lines in several sizes
    ("--psm 4": the full page analysis found no text in a strip of two lines)."""
    chosen = accent_candidates(parts)
    model = accent_model(options) if chosen else None
    if model is None:
        return parts
    strip, rows = _stack([_box(parts[i]) for i in chosen], image)
    try:
        words = read(strip, model.language, f"{model.config} --psm 4")
    except DomainError as exc:  # the page's first reading stands
        logger.warning("accent re-read failed: %s", exc)
        return parts
    by_row: list[list[Word]] = [[] for _ in rows]
    for word in words:
        row = _row_of(word, rows)
        if row is not None:
            by_row[row].append(word)
    restored = list(parts)
    for index, row_words in zip(chosen, by_row, strict=True):
        row_words.sort(key=lambda word: word.left)
        restored[index] = with_accents(parts[index], [w.text for w in row_words])
    return restored


def _row_of(word: Word, rows: list[tuple[int, int]]) -> int | None:
    """The row whose line holds the word's middle (an accent raises the top of
    the accent model's box, "FERNÁNDEZ", not its middle out of the line); a word
    in a margin is the edge of the next line, and no part of any."""
    middle = word.top + word.height / 2
    return next(
        (i for i, (top, bottom) in enumerate(rows) if top <= middle <= bottom), None
    )


def _box(part: list[Word]) -> tuple[int, int, int, int]:
    """The line's bounding box."""
    return (
        min(w.left for w in part),
        min(w.top for w in part),
        max(w.right for w in part),
        max(w.top + w.height for w in part),
    )


def _stack(
    boxes: list[tuple[int, int, int, int]], image: Image.Image
) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The boxes cut from `image` with a margin of half their height, set one under
    another on white, and the rows (top, bottom) the boxes themselves take in the
    strip: a word read in the margin belongs to the line above or below."""
    crops, pads = [], []
    for left, top, right, bottom in boxes:
        pad = (bottom - top) // 2
        crops.append(image.crop((left - pad, top - pad, right + pad, bottom + pad)))
        pads.append(pad)
    gap = max(crop.height for crop in crops)
    strip = Image.new(
        "L",
        (
            max(c.width for c in crops) + 2 * gap,
            sum(c.height + gap for c in crops) + gap,
        ),
        255,
    )
    rows, y = [], gap
    for crop, pad in zip(crops, pads, strict=True):
        strip.paste(crop, (gap, y))
        rows.append((y + pad, y + crop.height - pad))
        y += crop.height + gap
    return strip, rows
