"""The extracted document and options, shared text normalisation, format dispatch."""

import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from domain.errors import DomainError, ErrorCode

logger = logging.getLogger(__name__)

METHODS = ("text-layer", "ocr", "mixed", "docx", "doc:antiword", "doc:soffice")


@dataclass(frozen=True)
class TextBlock:
    """A paragraph-like run of text. PDF coordinates are points from the page's
    top-left corner, scanned images use pixels; flow formats (DOCX, DOC, RTF, TXT)
    have no geometry, so their coordinates are 0 and `page` is 1."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    font_size: float | None
    bold: bool


@dataclass(frozen=True)
class ExtractedDocument:
    """`text` is the blocks' texts joined by one newline, and by a blank line where a
    page ends, so a character offset into `text` maps back to a block and a page."""

    text: str
    blocks: tuple[TextBlock, ...]
    pages: int
    method: str  # text-layer|ocr|mixed|docx|doc:antiword|doc:soffice|rtf|txt
    ocr_pages: tuple[int, ...]
    warnings: tuple[str, ...]
    encoding: str | None

    def page_at(self, offset: int) -> int | None:
        """The 1-based page of the character at `offset` in `text`, None between
        blocks or outside the text."""
        position = 0
        previous: TextBlock | None = None
        for block in self.blocks:
            if previous is not None:
                position += _separator_length(previous, block)
            if position <= offset < position + len(block.text):
                return block.page
            position += len(block.text)
            previous = block
        return None


@dataclass(frozen=True)
class ExtractionOptions:
    """Limits and OCR settings; `timeout_seconds` bounds one whole document."""

    max_pages: int = 50
    ocr_enabled: bool = True
    ocr_dpi: int = 200
    ocr_language: str = "eng"
    ocr_accent_language: str = "Latin"  # re-reads names; "" to skip
    min_chars_per_page: int = 40
    max_image_pixels: int = 40_000_000
    timeout_seconds: float = 120
    tesseract_cmd: str = "tesseract"  # a name on PATH or a path


DEFAULT_OPTIONS = ExtractionOptions()

Extractor = Callable[[Path, ExtractionOptions, float], ExtractedDocument]


def extract_document(
    path: Path, kind: str, *, options: ExtractionOptions = DEFAULT_OPTIONS
) -> ExtractedDocument:
    """Text and layout of the file at `path`, whose type intake already checked.

    Raises DomainError: UNSUPPORTED_FILE_TYPE, CORRUPT_FILE, EXTRACTION_FAILED,
    TOO_MANY_PAGES, OCR_UNAVAILABLE, CONVERTER_UNAVAILABLE or NO_TEXT_FOUND.
    """
    extractor = _extractor_for(str(kind))
    started = time.monotonic()
    try:
        document = extractor(path, options, started + options.timeout_seconds)
    except OSError as exc:
        raise DomainError(
            f"The stored file could not be read ({exc.strerror or exc}); "
            "upload the resume again.",
            code=ErrorCode.EXTRACTION_FAILED,
        ) from exc
    if not document.text.strip():
        raise DomainError(
            " ".join(
                (
                    "No text was found in this file. Upload a text-based file or a "
                    "clearer scan.",
                    *document.warnings,
                )
            ),
            code=ErrorCode.NO_TEXT_FOUND,
        )
    logger.debug(
        "extracted kind=%s method=%s pages=%d ocr_pages=%d chars=%d ms=%.1f",
        kind,
        document.method,
        document.pages,
        len(document.ocr_pages),
        len(document.text),
        (time.monotonic() - started) * 1000,
    )
    return document


def _extractor_for(kind: str) -> Extractor:
    # The format modules import this module's dataclasses, so they are imported
    # here rather than at the top; this also keeps pymupdf and lxml out of
    # processes that never see such a file.
    if kind == "pdf":
        from domain.extraction.pdf import extract_pdf

        return extract_pdf
    if kind == "docx":
        from domain.extraction.docx import extract_docx

        return extract_docx
    if kind == "doc":
        from domain.extraction.doc import extract_doc

        return extract_doc
    if kind in ("rtf", "txt"):
        from domain.extraction.text import extract_rtf, extract_txt

        return extract_rtf if kind == "rtf" else extract_txt
    if kind in ("png", "jpeg", "tiff"):
        from domain.extraction.ocr import extract_image

        return extract_image
    raise DomainError(
        f"Files of type {kind!r} cannot be read; upload a PDF, DOCX, DOC, RTF, TXT, "
        "PNG, JPEG or TIFF file.",
        code=ErrorCode.UNSUPPORTED_FILE_TYPE,
    )


def remaining_seconds(deadline: float) -> float:
    """Seconds left before `deadline` (time.monotonic); EXTRACTION_FAILED when none."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise DomainError(
            "Reading this file took too long and was stopped; upload a smaller or "
            "text-based version of the resume.",
            code=ErrorCode.EXTRACTION_FAILED,
        )
    return left


def build_document(
    blocks: Iterable[TextBlock],
    *,
    pages: int,
    method: str,
    ocr_pages: Iterable[int] = (),
    warnings: Iterable[str] = (),
    encoding: str | None = None,
) -> ExtractedDocument:
    """Normalise each block's text, drop empty blocks and join the text."""
    kept: list[TextBlock] = []
    for block in blocks:
        text = normalize_text(block.text)
        if text:
            kept.append(_with_text(block, text))
    parts: list[str] = []
    for index, block in enumerate(kept):
        if index:
            parts.append("\n" * _separator_length(kept[index - 1], block))
        parts.append(block.text)
    return ExtractedDocument(
        text="".join(parts),
        blocks=tuple(kept),
        pages=pages,
        method=method,
        ocr_pages=tuple(ocr_pages),
        warnings=tuple(warnings),
        encoding=encoding,
    )


def flow_block(
    text: str, *, bold: bool = False, font_size: float | None = None
) -> TextBlock:
    """A block of a format without geometry (DOCX, DOC, RTF, TXT)."""
    return TextBlock(1, 0.0, 0.0, 0.0, 0.0, text, font_size, bold)


def _with_text(block: TextBlock, text: str) -> TextBlock:
    return TextBlock(
        block.page,
        block.x0,
        block.y0,
        block.x1,
        block.y1,
        text,
        block.font_size,
        block.bold,
    )


def _separator_length(previous: TextBlock, block: TextBlock) -> int:
    return 2 if block.page != previous.page else 1


# Symbol and Wingdings bullets that Word writes as private-use code points.
_PUA_BULLETS = str.maketrans(
    dict.fromkeys("\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06c\uf06e", "•")
)
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ufeff\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_BULLET = re.compile(
    r"^(?:[•●▪■◦○◆◇❖➢➤►▶▸‣\u2043∙·→✓✔☐□※]|[-*\u2013\u2014](?=\s|$))[^\S\n]*",
    re.MULTILINE,
)
_LONE_BULLET = re.compile(r"^- \n(?=\S)", re.MULTILINE)
_SOFT_HYPHEN_AT_END = re.compile(r"\u00ad[^\S\n]*\n")
_SPLIT_WORD = re.compile(r"([^\W\d_])[-\u2010]\n([^\W\d_])")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFKC (which also expands ligatures such as ﬁ and ﬂ), invisible characters and
    icon-font glyphs removed, bullets as "- " at line start, whitespace runs
    collapsed with line breaks kept, words split across lines joined."""
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFKC", text).translate(_PUA_BULLETS)
    text = _SOFT_HYPHEN_AT_END.sub("-\n", text)
    text = _CONTROLS.sub("", _INVISIBLE.sub("", text))
    lines = [_spaced(line) for line in text.split("\n")]
    text = _LONE_BULLET.sub("- ", _BULLET.sub("- ", "\n".join(lines)))
    text = _SPLIT_WORD.sub(_join_split_word, text)
    return _BLANK_LINES.sub("\n\n", text).strip()


# A tab, or three spaces or more, inside a line: a gap between a table's cells or a
# right-aligned part ("Henkel\tAtlanta"), kept as three spaces where every other
# run of spaces becomes one, so that the cells stay apart.
_GAP = re.compile(r"[^\S\n]*\t[^\S\n]*|[^\S\n]{3,}")


def _spaced(line: str) -> str:
    marked = _SPACES.sub(" ", _GAP.sub("\x00", line)).strip(" \x00")
    return re.sub(" ?\x00[\x00 ]*", "   ", marked)


def _join_split_word(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    if head.islower() and tail.islower():
        return head + tail
    return match.group(0)
