"""DOCX text in document order: paragraphs, tables, text boxes, headers, footers."""

import logging
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import OpcError
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import BaseStyle
from docx.text.font import Font

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import (
    ExtractedDocument,
    ExtractionOptions,
    build_document,
    flow_block,
    remaining_seconds,
)

logger = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_VAL = f"{_W}val"
# The same text box is stored twice: as DrawingML (mc:Choice) and as VML
# (mc:Fallback). Deleted and moved-away revisions are not part of the text.
_SKIPPED = {f"{_MC}Fallback", f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent"}
_RUN_TEXT = {
    f"{_W}t": None,
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
    f"{_W}softHyphen": "\u00ad",
}
_FALSE = {"0", "false", "off"}
_MAX_UNPACKED_BYTES = (
    200 * 1024 * 1024
)  # far above any resume; guards against ZIP bombs


@dataclass(frozen=True, slots=True)
class _Format:
    bold: bool | None
    size: float | None
    heading: bool = False
    listed: bool = False


@dataclass(frozen=True, slots=True)
class _Para:
    text: str
    bold: bool
    size: float | None


def extract_docx(
    path: Path, options: ExtractionOptions, deadline: float
) -> ExtractedDocument:
    """Headers first (they usually hold the name and contacts), then the body, then
    footers. Raises CORRUPT_FILE, EXTRACTION_FAILED or TOO_MANY_PAGES."""
    document = _open_docx(path)
    pages = _page_estimate(document.element.body)
    if pages > options.max_pages:
        raise DomainError(
            f"This document has about {pages} pages; a resume may have at most "
            f"{options.max_pages}. Upload the resume on its own.",
            code=ErrorCode.TOO_MANY_PAGES,
        )
    styles = _style_formats(document)
    headers, footers = _header_footer_parts(document)
    paragraphs = [
        *(para for part in headers for para in _blocks(part, styles)),
        *_blocks(document.element.body, styles),
        *(para for part in footers for para in _blocks(part, styles)),
    ]
    remaining_seconds(deadline)
    return build_document(
        (flow_block(p.text, bold=p.bold, font_size=p.size) for p in paragraphs),
        pages=pages,
        method="docx",
    )


def _open_docx(path: Path) -> Document:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
        if unpacked > _MAX_UNPACKED_BYTES:
            raise DomainError(
                f"This document unpacks to {unpacked // 2**20} MB, far more than a "
                "resume; save it again without embedded media and upload it.",
                code=ErrorCode.EXTRACTION_FAILED,
            )
        return docx.Document(str(path))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, SyntaxError) as exc:
        # lxml's XMLSyntaxError is a SyntaxError; a missing part is a KeyError.
        raise DomainError(
            "This Word document is damaged and could not be opened; open it in Word "
            "or LibreOffice, save it again and upload the new copy.",
            code=ErrorCode.CORRUPT_FILE,
        ) from exc


def _page_estimate(body: BaseOxmlElement) -> int:
    """Pages as Word last laid them out, or explicit page breaks when it never did."""
    rendered = sum(1 for _ in body.iter(f"{_W}lastRenderedPageBreak"))
    explicit = sum(1 for br in body.iter(f"{_W}br") if br.get(f"{_W}type") == "page")
    return 1 + max(rendered, explicit)


def _header_footer_parts(
    document: Document,
) -> tuple[list[BaseOxmlElement], list[BaseOxmlElement]]:
    """Each distinct header and footer of every section, in section order."""
    related = document.part.related_parts
    seen: set[str] = set()
    headers: list[BaseOxmlElement] = []
    footers: list[BaseOxmlElement] = []
    for section in document.element.body.iter(f"{_W}sectPr"):
        for reference in section:
            target = {f"{_W}headerReference": headers, f"{_W}footerReference": footers}
            rel_id = reference.get(_R_ID)
            if reference.tag not in target or rel_id is None or rel_id in seen:
                continue
            seen.add(rel_id)
            part = related.get(rel_id)
            if part is not None:
                target[reference.tag].append(part.element)
    return headers, footers


# Styles


def _style_formats(document: Document) -> dict[str, _Format]:
    """Bold and size of each paragraph and character style, inherited along
    `basedOn`, by style id."""
    formats: dict[str, _Format] = {}
    for style in document.styles:
        name = (style.name or "").lower()
        formats[style.style_id] = _Format(
            bold=_inherited_bold(style),
            size=_inherited_size(style),
            heading=name.startswith(("heading", "title")),
            listed=name.startswith(("list bullet", "list number")),
        )
    return formats


def _inherited_bold(style: BaseStyle) -> bool | None:
    for font in _fonts(style):
        if font.bold is not None:
            return font.bold
    return None


def _inherited_size(style: BaseStyle) -> float | None:
    for font in _fonts(style):
        if font.size is not None:
            return float(font.size.pt)
    return None


def _fonts(style: BaseStyle) -> Iterator[Font]:
    """The fonts of the style and of the styles it is based on, nearest first."""
    current: BaseStyle | None = style
    for _ in range(20):  # basedOn chains are short; this bounds a cyclic one
        if current is None:
            return
        font = getattr(current, "font", None)  # numbering styles have none
        if isinstance(font, Font):
            yield font
        current = getattr(current, "base_style", None)


# Body


def _blocks(container: BaseOxmlElement, styles: dict[str, _Format]) -> Iterator[_Para]:
    """Paragraphs of a body, cell, header, footer or text box, in document order."""
    for child in container:
        if child.tag == f"{_W}p":
            yield from _paragraph(child, styles)
        elif child.tag == f"{_W}tbl":
            yield from _table(child, styles)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _blocks(child if content is None else content, styles)


def _table(table: BaseOxmlElement, styles: dict[str, _Format]) -> Iterator[_Para]:
    """A row of one-line cells reads as "a | b | c"; a row holding longer cells (a
    layout table, as in table-only CVs) reads cell by cell."""
    for row in table.iterchildren(f"{_W}tr"):
        cells = [list(_blocks(cell, styles)) for cell in row.iterchildren(f"{_W}tc")]
        cells = [cell for cell in cells if cell]
        if all(len(cell) == 1 and "\n" not in cell[0].text for cell in cells):
            if cells:
                yield _Para(
                    " | ".join(cell[0].text for cell in cells),
                    bold=all(cell[0].bold for cell in cells),
                    size=cells[0][0].size,
                )
        else:
            yield from (para for cell in cells for para in cell)


def _paragraph(
    paragraph: BaseOxmlElement, styles: dict[str, _Format]
) -> Iterator[_Para]:
    """The paragraph's own text, then the text boxes anchored in it."""
    style = styles.get(_style_id(paragraph, "pPr", "pStyle") or "", _Format(None, None))
    pieces: list[tuple[str, _Format]] = [
        (_run_text(run), _run_format(run, style, styles)) for run in _runs(paragraph)
    ]
    text = "".join(piece for piece, _ in pieces)
    if text.strip():
        chars: Counter[float | None] = Counter()
        bold = 0
        for piece, run_format in pieces:
            chars[run_format.size] += len(piece)
            bold += len(piece) if run_format.bold else 0
        prefix = "- " if _is_listed(paragraph, style) else ""
        yield _Para(
            prefix + text,
            bold=style.heading or bold * 2 >= len(text),
            size=chars.most_common(1)[0][0],
        )
    for box in _text_boxes(paragraph):
        yield from _blocks(box, styles)


def _runs(element: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    for child in element:
        if child.tag == f"{_W}r":
            yield child
        elif child.tag not in _SKIPPED:
            yield from _runs(child)


def _text_boxes(element: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    for child in element:
        if child.tag == f"{_W}txbxContent":
            yield child
        elif child.tag != f"{_MC}Fallback":
            yield from _text_boxes(child)


def _run_text(run: BaseOxmlElement) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[child.tag] or child.text or "")
        elif child.tag == f"{_W}sym":
            # Symbol-font characters such as Wingdings bullets live in U+F0xx.
            parts.append(_symbol(child.get(f"{_W}char", "")))
    return "".join(parts)


def _symbol(code: str) -> str:
    try:
        return chr(int(code, 16))
    except ValueError:
        return ""


def _run_format(
    run: BaseOxmlElement, style: _Format, styles: dict[str, _Format]
) -> _Format:
    character = styles.get(_style_id(run, "rPr", "rStyle") or "", _Format(None, None))
    properties = run.find(f"{_W}rPr")
    bold_element = properties.find(f"{_W}b") if properties is not None else None
    size_element = properties.find(f"{_W}sz") if properties is not None else None
    bold = (
        bold_element.get(_VAL, "true").lower() not in _FALSE
        if bold_element is not None
        else next((b for b in (character.bold, style.bold) if b is not None), False)
    )
    size = _half_points(size_element) or character.size or style.size
    return _Format(bold=bold or style.heading, size=size)


def _half_points(element: BaseOxmlElement | None) -> float | None:
    if element is None:
        return None
    try:
        return int(element.get(_VAL, "")) / 2
    except ValueError:
        return None


def _style_id(element: BaseOxmlElement, properties: str, style: str) -> str | None:
    found = element.find(f"{_W}{properties}/{_W}{style}")
    return None if found is None else found.get(_VAL)


def _is_listed(paragraph: BaseOxmlElement, style: _Format) -> bool:
    number = paragraph.find(f"{_W}pPr/{_W}numPr/{_W}numId")
    if number is not None:
        return bool(number.get(_VAL) != "0")
    return style.listed
