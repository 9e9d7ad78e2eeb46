"""Six renderings of a synthetic resume: one-column PDF, two-column PDF (sidebar),
DOCX paragraphs, DOCX layout table, TXT (UTF-8, UTF-8 with BOM or cp1252) and a
scanned, image-only PDF. Each returns the file's bytes."""

import io
import random
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import numpy as np
import pymupdf
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt
from PIL import Image

from tests.samples.synthetic.compose import Composition, Line, compose, plain_lines
from tests.samples.synthetic.fresh_compose import compose_fresh, plain_fresh
from tests.samples.synthetic.pools import MONTHS
from tests.samples.synthetic.truth import Resume

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
SIZES = {"name": 18.0, "headline": 11.0, "heading": 11.5, "strong": 9.5}
WIDTH, HEIGHT, BOTTOM = 595.0, 842.0, 800.0
BULLETS = "\u2022-\u2013*\u25aa"
MARGIN = 118.0  # width of a left margin column (dates), in points


def _composed(resume: Resume, sidebar: bool) -> Composition:
    if resume.fresh is not None:
        return compose_fresh(resume, sidebar=sidebar)
    return compose(resume, sidebar=sidebar)


def _plain(resume: Resume) -> list[Line]:
    return plain_fresh(resume) if resume.fresh is not None else plain_lines(resume)


class _Flow:
    """Lines placed down a column from `x0` to `x1`, wrapped, onto new pages."""

    def __init__(
        self, document: pymupdf.Document, x0: float, x1: float, y: float
    ) -> None:
        self.document, self.x0, self.x1, self.y, self.page_no = document, x0, x1, y, 0
        self.fonts = {
            False: pymupdf.Font(fontfile=str(REGULAR)),
            True: pymupdf.Font(fontfile=str(BOLD)),
        }

    def page(self) -> pymupdf.Page:
        while len(self.document) <= self.page_no:
            page = self.document.new_page(width=WIDTH, height=HEIGHT)
            page.insert_font(fontname="dj", fontfile=str(REGULAR))
            page.insert_font(fontname="djb", fontfile=str(BOLD))
        return self.document[self.page_no]

    def write(self, line: Line) -> None:
        if not line.text:
            self.y += 6
            return
        if line.kind == "rule":  # a drawn rule under a heading: no text
            self.page().draw_line((self.x0, self.y + 3), (self.x1, self.y + 3))
            self.y += 5
            return
        size = SIZES.get(line.kind, 9.5)
        bold = line.kind in ("name", "heading", "strong")
        font = self.fonts[bold]
        x0 = self.x0 + (MARGIN if line.left else 0)
        right_width = font.text_length(line.right, size) + 8 if line.right else 0
        for i, piece in enumerate(
            _wrap(line.text, font, size, self.x1 - x0 - right_width)
        ):
            if self.y + size > BOTTOM:
                self.page_no, self.y = self.page_no + 1, 50.0
            self.y += size * 1.35
            page = self.page()
            if line.left.strip() and i == 0:
                page.insert_text(
                    (self.x0, self.y), line.left, fontsize=8.5, fontname="dj"
                )
            cells = piece.split("\t")
            step = (self.x1 - x0 - right_width) / len(cells)
            for number, cell in enumerate(cells):
                page.insert_text(
                    (x0 + number * step, self.y),
                    cell,
                    fontsize=size,
                    fontname="djb" if bold else "dj",
                )
            if line.right and i == 0:
                page.insert_text(
                    (self.x1 - right_width + 8, self.y),
                    line.right,
                    fontsize=size,
                    fontname="dj",
                )
        if line.kind == "heading":
            self.y += 3


def _wrap(text: str, font: pymupdf.Font, size: float, width: float) -> list[str]:
    if "\t" in text:
        return [text]  # a table row: its cells stay on one line
    # Letter-spaced text ("S K I L L S   A N D") breaks only between its words.
    gap = "   " if "   " in text else " "
    words = text.split(gap) if gap != " " else _unbroken(text.split(" "))
    pieces, current = [], ""
    for word in words:
        trial = f"{current}{gap}{word}" if current else word
        if current and font.text_length(trial, size) > width:
            pieces.append(current)
            current = word
        else:
            current = trial
    return [*pieces, current]


def _unbroken(words: list[str]) -> list[str]:
    """Words with a date range's parts kept together ("Jun 2019 to 06/2022"), as a
    writer would keep them on one line."""
    kept: list[str] = []
    for word in words:
        last = kept[-1].split(" ")[-1] if kept else ""
        month = last.rstrip(".")[:3] in _MONTHS and word[:4].isdigit()
        if kept and (word in _JOINERS or last in _JOINERS or month):
            kept[-1] += " " + word
        else:
            kept.append(word)
    return kept


_MONTHS = frozenset(m[:3] for m in MONTHS)
_JOINERS = frozenset({"to", "-", "\u2013", "\u2014"})


def pdf_one_column(resume: Resume) -> bytes:
    document = pymupdf.open()
    flow = _Flow(document, 50, WIDTH - 50, 40)
    for line in _plain(resume):
        flow.write(line)
    _footer(document, resume)
    return _bytes(document)


def pdf_two_column(resume: Resume) -> bytes:
    """Name across the top, a shaded sidebar (contact, skills, certifications,
    languages) beside the main column (summary, experience, education)."""
    composition = _composed(resume, sidebar=True)
    document = pymupdf.open()
    right = resume.style.sidebar_right
    side_x, main_x = (
        ((410.0, 585.0), (40.0, 390.0)) if right else ((20.0, 185.0), (210.0, 560.0))
    )
    top = _Flow(document, main_x[0], main_x[1], 30)
    for line in composition.top:
        top.write(line)
    top.page().draw_rect(
        pymupdf.Rect(side_x[0] - 8, 0, side_x[1] + 5, HEIGHT),
        color=None,
        fill=(0.92, 0.93, 0.96),
        overlay=False,
    )
    side = _Flow(document, *side_x, top.y + 10)
    for block in (composition.contact, *composition.side):
        for line in (*block, Line("")):
            side.write(line)
    main = _Flow(document, *main_x, top.y + 10)
    for block in composition.main:
        for line in (*block, Line("")):
            main.write(line)
    _footer(document, resume)
    return _bytes(document)


def _footer(document: pymupdf.Document, resume: Resume) -> None:
    """ "Name - Page 1 of 2" at the foot of every page, as word processors print it."""
    if not resume.style.footer:
        return
    for number, page in enumerate(document, start=1):
        text = f"{resume.name} \u2013 Page {number} of {len(document)}"
        page.insert_text((50, 825), text, fontsize=7.5, fontname="dj")


def _bytes(document: pymupdf.Document) -> bytes:
    document.subset_fonts()
    data: bytes = document.tobytes(garbage=3, deflate=True)
    document.close()
    return data


def docx_paragraphs(resume: Resume) -> bytes:
    document = docx.Document()
    for line in _plain(resume):
        _paragraph(document, line, resume.style.heading_styles)
    return _docx_bytes(document)


def docx_table(resume: Resume) -> bytes:
    """Everything in a layout table: the name across the first row, then the
    sidebar cell beside the main cell."""
    composition = _composed(resume, sidebar=True)
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    head = table.cell(0, 0).merge(table.cell(0, 1))
    left, right = table.cell(1, 0), table.cell(1, 1)
    if resume.style.sidebar_right:
        left, right = right, left
    _fill(head, composition.top)
    _fill(
        left,
        [
            x
            for block in (composition.contact, *composition.side)
            for x in (*block, Line(""))
        ],
    )
    _fill(right, [x for block in composition.main for x in (*block, Line(""))])
    return _docx_bytes(document)


def _fill(cell: docx.table._Cell, lines: Sequence[Line]) -> None:
    first = True
    for line in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _runs(paragraph, line)


def _paragraph(document: docx.document.Document, line: Line, styles: bool) -> None:
    if styles and line.kind == "name":
        document.add_paragraph(line.text, style="Title")
    elif styles and line.kind == "heading":
        document.add_paragraph(line.text, style="Heading 1")
    elif styles and line.kind == "bullet" and line.text[:1] in BULLETS:
        document.add_paragraph(line.text[2:], style="List Bullet")
    else:
        _runs(document.add_paragraph(), line)


def _runs(paragraph: docx.text.paragraph.Paragraph, line: Line) -> None:
    if line.kind == "rule":  # Word's border under a heading: an empty paragraph
        return
    if line.left:
        paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(MARGIN))
        paragraph.add_run(line.left.strip() + "\t")
    run = paragraph.add_run(line.text)
    run.bold = line.kind in ("name", "heading", "strong")
    if line.kind in ("name", "heading"):
        run.font.size = Pt(16 if line.kind == "name" else 12)
    if line.right:
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Pt(460), WD_TAB_ALIGNMENT.RIGHT
        )
        paragraph.add_run("\t" + line.right)


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def txt(resume: Resume, index: int) -> bytes:
    """Plain text; by `index`: UTF-8, UTF-8 with BOM, or cp1252 with CRLF when
    every character has a cp1252 byte (else UTF-8)."""
    underline = resume.style.underline
    lines = [
        y
        for x in _plain(resume)
        for y in (x, Line(underline * len(x.text)))[
            : 2 if underline and x.kind == "heading" else 1
        ]
    ]
    text = "\n".join(_txt_line(x) for x in lines) + "\n"
    if index % 3 == 2:
        try:
            return text.replace("\n", "\r\n").encode("cp1252")
        except UnicodeEncodeError:
            pass
    return text.encode("utf-8-sig" if index % 3 == 1 else "utf-8")


def _txt_line(line: Line) -> str:
    """Right-aligned text after four spaces; a margin column padded to 22 (and
    never closer than four spaces)."""
    text = f"{line.text}    {line.right}" if line.right else line.text
    left = line.left.strip()
    return f"{left:<{max(22, len(left) + 4)}}{text}" if line.left else text


def scanned_pdf(resume: Resume, index: int, dpi: int = 200) -> bytes:
    """The one-column PDF (every third resume: the two-column one) printed and
    scanned: grey pages at `dpi`, slightly rotated, with light noise; no text layer."""
    rng = random.Random(index)  # noqa: S311  # test data, seeded
    source = pymupdf.open(
        stream=(pdf_two_column if index % 3 == 2 else pdf_one_column)(resume)
    )
    document = pymupdf.open()
    for page in source:
        pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
        image = image.rotate(
            rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=255
        )
        pixels = np.asarray(image, dtype=np.float32)
        noise = np.random.default_rng(index).normal(0, 10, pixels.shape)
        noisy = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))
        buffer = io.BytesIO()
        noisy.save(buffer, format="JPEG", quality=75)
        scan = document.new_page(width=WIDTH, height=HEIGHT)
        scan.insert_image(scan.rect, stream=buffer.getvalue())
    source.close()
    return _bytes(document)


# format name -> (file suffix, renderer of (resume, index))
FORMATS: dict[str, tuple[str, Callable[[Resume, int], bytes]]] = {
    "pdf1": (".pdf", lambda r, i: pdf_one_column(r)),
    "pdf2": (".pdf", lambda r, i: pdf_two_column(r)),
    "docx": (".docx", lambda r, i: docx_paragraphs(r)),
    "docx_table": (".docx", lambda r, i: docx_table(r)),
    "txt": (".txt", txt),
    "scan": (".pdf", scanned_pdf),
}


def write_all(
    resumes: Sequence[Resume], folder: Path, formats: Sequence[str] = tuple(FORMATS)
) -> list[tuple[Resume, str, Path]]:
    """Every resume in every format under `folder`: (resume, format, path)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, resume in enumerate(resumes):
        for name in formats:
            suffix, render = FORMATS[name]
            path = folder / f"{resume.key}-{name}{suffix}"
            path.write_bytes(render(resume, index))
            written.append((resume, name, path))
    return written
