"""OCR with Tesseract of scanned images and rendered PDF pages."""

import logging
import math
import os
import shutil
import statistics
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf
import pytesseract  # type: ignore[import-untyped]  # ships no type information
from PIL import Image, ImageOps

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import (
    ExtractedDocument,
    ExtractionOptions,
    TextBlock,
    build_document,
    remaining_seconds,
)
from domain.extraction.ocr_accents import restore_accents
from domain.extraction.ocr_deskew import levelled, skew_angle
from domain.extraction.ocr_lines import Word, ordered_blocks, page_lines

logger = logging.getLogger(__name__)

_POOR_CONFIDENCE = 50.0  # mean word confidence (0-100) below which a page is re-read
_MIN_WORDS_TO_RETRY = 5
_MIN_ROTATION_CONFIDENCE = 2.0  # Tesseract's OSD orientation confidence
_PLAUSIBLE_DPI = (70.0, 1200.0)  # a stated resolution outside it is ignored
_SMALL_IMAGE = 1200  # pixels on the longer side; smaller scans are enlarged twice


def tesseract_available(options: ExtractionOptions) -> bool:
    """Whether the configured Tesseract runs here; it also becomes the program
    pytesseract calls in this (pool) process."""
    pytesseract.pytesseract.tesseract_cmd = options.tesseract_cmd
    return shutil.which(options.tesseract_cmd) is not None


def unavailable_error() -> DomainError:
    return DomainError(
        "OCR is not available: the Tesseract program is not installed. Ask an "
        "administrator to run `apt-get install tesseract-ocr tesseract-ocr-eng`, or "
        "upload a text-based file.",
        code=ErrorCode.OCR_UNAVAILABLE,
    )


def extract_image(
    path: Path, options: ExtractionOptions, deadline: float
) -> ExtractedDocument:
    """Every frame of a PNG, JPEG or TIFF scan, read by OCR; coordinates are pixels."""
    with _open_image(path) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > options.max_pages:
            raise DomainError(
                f"This image has {frames} pages; a resume may have at most "
                f"{options.max_pages}. Upload the resume on its own.",
                code=ErrorCode.TOO_MANY_PAGES,
            )
        if not options.ocr_enabled:
            return build_document(
                (),
                pages=frames,
                method="ocr",
                warnings=["OCR is disabled; scans are not read."],
            )
        if not tesseract_available(options):
            raise unavailable_error()
        blocks: list[TextBlock] = []
        for frame in range(frames):
            image.seek(frame)
            dpi = _stated_dpi(image)
            page = _load_frame(image, options)
            blocks.extend(
                read_image(
                    page,
                    page=frame + 1,
                    scale=1.0,
                    options=options,
                    deadline=deadline,
                    dpi=dpi,
                )
            )
    return build_document(
        blocks, pages=frames, method="ocr", ocr_pages=range(1, frames + 1)
    )


def _stated_dpi(image: Image.Image) -> float | None:
    """The resolution the scan states, when it is a plausible one."""
    stated = image.info.get("dpi")
    try:
        dpi = float(stated[0]) if stated else None
    except (TypeError, ValueError, IndexError):
        return None
    return dpi if dpi and _PLAUSIBLE_DPI[0] <= dpi <= _PLAUSIBLE_DPI[1] else None


def _open_image(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large_error() from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            raise  # the file system failed, not the image
        raise DomainError(
            "This image is damaged or not in a known format; scan the resume again "
            "as PDF, PNG, JPEG or TIFF and upload the new file.",
            code=ErrorCode.CORRUPT_FILE,
        ) from exc


def _load_frame(image: Image.Image, options: ExtractionOptions) -> Image.Image:
    """The current frame as an upright grayscale image on white."""
    if image.width * image.height > options.max_image_pixels:
        raise _too_large_error(image.width, image.height, options.max_image_pixels)
    try:
        image.load()
        return _upright_gray(image)
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's "bad image data"
        raise DomainError(
            "This image is damaged or truncated; scan the resume again and upload "
            "the new file.",
            code=ErrorCode.CORRUPT_FILE,
        ) from exc


def _upright_gray(image: Image.Image) -> Image.Image:
    frame = ImageOps.exif_transpose(image)
    if frame.mode in ("RGBA", "LA", "PA", "P") or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(white, rgba)
    return frame.convert("L")


def _too_large_error(width: int = 0, height: int = 0, limit: int = 0) -> DomainError:
    size = f" ({width}x{height} pixels, more than {limit:,})" if limit else ""
    return DomainError(
        f"This image is too large to read{size}; scan the resume at 300 dpi or less "
        "and upload the new file.",
        code=ErrorCode.IMAGE_TOO_LARGE,
    )


def read_pdf_page(
    page: pymupdf.Page,
    number: int,
    options: ExtractionOptions,
    deadline: float,
    warnings: list[str],
) -> list[TextBlock]:
    """The page rendered in grayscale at `ocr_dpi` and read; coordinates in points."""
    dpi = _render_dpi(page, options)
    if dpi < options.ocr_dpi:
        warnings.append(f"Page {number} is very large and was read at {dpi} dpi.")
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
    return read_image(
        image, page=number, scale=72 / dpi, options=options, deadline=deadline, dpi=dpi
    )


def _render_dpi(page: pymupdf.Page, options: ExtractionOptions) -> int:
    """`ocr_dpi`, lowered so that the rendered page stays within max_image_pixels."""
    inches = (page.rect.width / 72) * (page.rect.height / 72)
    pixels = inches * options.ocr_dpi**2
    if pixels <= options.max_image_pixels:
        return options.ocr_dpi
    return max(36, math.floor(math.sqrt(options.max_image_pixels / inches)))


def read_image(
    image: Image.Image,
    *,
    page: int,
    scale: float,
    options: ExtractionOptions,
    deadline: float,
    dpi: float | None = None,
) -> list[TextBlock]:
    """Tesseract's paragraphs as blocks in its reading order; `scale` turns pixels of
    `image` into the caller's units and `dpi` is its resolution, when known. Poor
    reads are retried upright and binarised; the words of a skewed scan are put
    where they would be on the page scanned level."""
    image = ImageOps.autocontrast(
        image.convert("L")
    )  # no cutoff: it erases sparse text
    factor = 2 if max(image.size) < _SMALL_IMAGE else 1
    if factor > 1:
        image = image.resize(
            (image.width * factor, image.height * factor), Image.Resampling.LANCZOS
        )
    resolution = _Resolution(dpi * factor if dpi else None)
    words = _read_words(image, options, deadline, resolution)
    if _is_poor(words):
        words, image = _best_retry(image, words, options, deadline, resolution)
    parts = page_lines(words)
    if page == 1:  # where the name stands
        parts = restore_accents(
            image,
            parts,
            options,
            lambda strip, language, extra: _read_words(
                strip, options, deadline, resolution, language, extra
            ),
        )
    parts = levelled(parts, skew_angle(image), image.size)
    return ordered_blocks(parts, page=page, scale=scale / factor)


def _best_retry(
    image: Image.Image,
    words: list[Word],
    options: ExtractionOptions,
    deadline: float,
    resolution: "_Resolution",
) -> tuple[list[Word], Image.Image]:
    """The best reading and the image (upright or as given) its boxes lie on."""
    rotation = _rotation(image, deadline, resolution)
    if rotation:
        upright = image.rotate(-rotation, expand=True)
        rotated = _read_words(upright, options, deadline, resolution)
        if _mean_confidence(rotated) > _mean_confidence(words):
            words, image = rotated, upright
        logger.debug(
            "ocr rotated=%d confidence=%.1f", rotation, _mean_confidence(words)
        )
    if _is_poor(words):
        binary = _read_words(_binarise(image), options, deadline, resolution)
        words = max(words, binary, key=_mean_confidence)
    return words, image


def _is_poor(words: list[Word]) -> bool:
    return (
        len(words) >= _MIN_WORDS_TO_RETRY and _mean_confidence(words) < _POOR_CONFIDENCE
    )


def _mean_confidence(words: list[Word]) -> float:
    return statistics.fmean(word.confidence for word in words) if words else 0.0


def _read_words(
    image: Image.Image,
    options: ExtractionOptions,
    deadline: float,
    resolution: "_Resolution",
    language: str | None = None,
    extra: str = "",
) -> list[Word]:
    data = _run(
        pytesseract.image_to_data,
        image,
        deadline,
        resolution,
        extra=extra,
        lang=language or options.ocr_language,
        output_type=pytesseract.Output.DICT,
    )
    return [
        Word(
            paragraph=(int(data["block_num"][i]), int(data["par_num"][i])),
            line=int(data["line_num"][i]),
            left=int(data["left"][i]),
            top=int(data["top"][i]),
            width=int(data["width"][i]),
            height=int(data["height"][i]),
            confidence=float(data["conf"][i]),
            text=text.strip(),
        )
        for i, text in enumerate(data["text"])
        if str(text).strip()
    ]


def _rotation(image: Image.Image, deadline: float, resolution: "_Resolution") -> int:
    """Degrees to turn the image clockwise to make it upright, 0 when unsure."""
    try:
        osd = _run(
            pytesseract.image_to_osd,
            image,
            deadline,
            resolution,
            extra="--psm 0 -c min_characters_to_try=10",
            output_type=pytesseract.Output.DICT,
        )
    except DomainError as exc:
        if exc.code is ErrorCode.OCR_UNAVAILABLE:
            raise
        return 0  # too little text to tell the orientation
    if float(osd["orientation_conf"]) < _MIN_ROTATION_CONFIDENCE:
        return 0
    return int(osd["rotate"]) % 360


@dataclass(frozen=True, slots=True)
class _Resolution:
    """How the image reaches Tesseract. Its page layout analysis measures gaps in
    inches: a known resolution is passed with `--dpi` and the image goes as BMP (the
    fastest to write); an unknown one goes as PNG, which states none, so that
    Tesseract estimates it from the text. (A BMP always states one, 96 dpi by
    default: a 200 dpi scan read as 96 dpi had the two columns of a resume merged
    line by line.)"""

    dpi: float | None

    def prepare(self, image: Image.Image, extra: str) -> str:
        image.format = "BMP" if self.dpi else "PNG"
        flag = f"--dpi {round(self.dpi)}" if self.dpi else ""
        return " ".join(part for part in (flag, extra) if part)


def _run(
    function: Callable[..., Any],
    image: Image.Image,
    deadline: float,
    resolution: _Resolution,
    *,
    extra: str = "",
    **kwargs: object,
) -> dict[str, Any]:
    # Debian's Tesseract uses OpenMP threads and runs ~3.5 times slower per page when it
    # competes with other OCR processes; this module runs in a pool process, one
    # OCR at a time, so one thread is the right setting.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    config = resolution.prepare(image, extra)
    try:
        result: dict[str, Any] = function(
            image, timeout=remaining_seconds(deadline), config=config, **kwargs
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise unavailable_error() from exc
    except pytesseract.TesseractError as exc:
        raise _tesseract_error(str(exc.message)) from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise DomainError(
            "Reading this scan took too long and was stopped; upload a text-based "
            "file or a smaller scan.",
            code=ErrorCode.EXTRACTION_FAILED,
        ) from exc
    return result


def _tesseract_error(message: str) -> DomainError:
    if "Failed loading language" in message or "traineddata" in message:
        return DomainError(
            f"OCR is not available for this language ({message.strip()}); install the "
            "matching tesseract-ocr-<language> package.",
            code=ErrorCode.OCR_UNAVAILABLE,
        )
    return DomainError(
        f"Tesseract could not read this scan ({message.strip()}); scan the resume "
        "again and upload the new file.",
        code=ErrorCode.EXTRACTION_FAILED,
    )


def _binarise(image: Image.Image) -> Image.Image:
    """Black and white at Otsu's threshold (the one that best separates two tones)."""
    histogram = image.histogram()[:256]
    total = sum(histogram)
    weighted_total = sum(value * count for value, count in enumerate(histogram))
    best, threshold = -1.0, 127
    dark = dark_weighted = 0
    for value, count in enumerate(histogram):
        dark += count
        dark_weighted += value * count
        light = total - dark
        if dark == 0 or light == 0:
            continue
        mean_gap = dark_weighted / dark - (weighted_total - dark_weighted) / light
        spread = dark * light * mean_gap * mean_gap
        if spread > best:
            best, threshold = spread, value
    return image.point([0 if value <= threshold else 255 for value in range(256)])
