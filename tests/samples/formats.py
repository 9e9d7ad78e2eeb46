"""One resume with known truth, written in several formats and layouts at test time:
two-column PDF, table-only DOCX, scanned (image-only) PDF, cp1252 and UTF-8-BOM TXT,
RTF. The truth is `TRUTH`; every builder returns the file's bytes."""

import io
from dataclasses import dataclass
from pathlib import Path

import docx
import pymupdf
from PIL import Image, ImageDraw, ImageFont


@dataclass(frozen=True)
class Job:
    title: str
    company: str
    start: str
    end: str | None


@dataclass(frozen=True)
class Truth:
    name: str
    email: str
    phone: str  # E.164
    location: str
    jobs: tuple[Job, ...]
    institution: str
    degree: str
    graduation_year: int
    skills: tuple[str, ...]


TRUTH = Truth(
    name="Renée Dubois",
    email="renee.dubois@example.com",
    phone="+14155550142",
    location="San Francisco, CA",
    jobs=(
        Job("Senior Data Engineer", "Northwind Analytics", "2019-03", None),
        Job("Data Analyst", "Contoso Retail", "2016-06", "2019-02"),
    ),
    institution="University of Texas at Austin",
    degree="BSc Computer Science",
    graduation_year=2016,
    skills=("Python", "SQL", "Apache Spark", "Apache Airflow", "Docker"),
)

CONTACT = [
    "Renée Dubois",
    "renee.dubois@example.com",
    "(415) 555-0142",
    "San Francisco, CA",
]
EXPERIENCE = [
    "Experience",
    "Senior Data Engineer",
    "Northwind Analytics",
    "Mar 2019 \u2013 Present",
    "- Built batch pipelines that load 2 TB a day into the warehouse.",
    "- Cut the nightly run from six hours to forty minutes.",
    "Data Analyst",
    "Contoso Retail",
    "Jun 2016 \u2013 Feb 2019",
    "- Wrote the weekly sales dashboards for 40 stores.",
]
EDUCATION = [
    "Education",
    "BSc Computer Science",
    "University of Texas at Austin",
    "2012 \u2013 2016",
]
SKILLS = ["Skills", "Python", "SQL", "Apache Spark", "Apache Airflow", "Docker"]
ONE_COLUMN = [*CONTACT, "", *EXPERIENCE, "", *EDUCATION, "", *SKILLS]
FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)


def plain_text() -> str:
    return "\n".join(ONE_COLUMN) + "\n"


def txt_cp1252() -> bytes:
    """Windows-1252: "é" is 0xE9 and the en dash 0x96, which no UTF-8 reader takes."""
    return plain_text().replace("\n", "\r\n").encode("cp1252")


def txt_utf8_bom() -> bytes:
    return plain_text().encode("utf-8-sig")


def rtf() -> bytes:
    """Word-style RTF: a font table, \\par paragraphs, \\'e9 and \\u8211? escapes."""
    body = []
    for line in ONE_COLUMN:
        escaped = (
            line.replace("\\", "\\\\")
            .replace("{", "\\{")
            .replace("}", "\\}")
            .replace("é", "\\'e9")
            .replace("\u2013", "\\u8211?")
        )
        bold = line in ("Experience", "Education", "Skills")
        body.append(f"{{\\b {escaped}}}\\par" if bold else f"{escaped}\\par")
    head = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\\f0\\fs22 "
    return (head + "\n".join(body) + "}").encode("ascii")


def two_column_pdf() -> bytes:
    """A sidebar (contact, skills) left of the main column (experience, education),
    their lines at the same heights so that reading across would mix them."""
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    page.draw_rect(pymupdf.Rect(0, 0, 190, 842), color=None, fill=(0.93, 0.93, 0.96))
    page.insert_text((30, 70), CONTACT[0], fontsize=16, fontname="helv")
    sidebar = [*CONTACT[1:], "", *SKILLS]
    main = [*EXPERIENCE, "", *EDUCATION]
    _column(page, sidebar, x=30, y=110, headings=("Skills",))
    _column(page, main, x=220, y=110, headings=("Experience", "Education"))
    data: bytes = document.tobytes()
    document.close()
    return data


def _column(
    page: pymupdf.Page,
    lines: list[str],
    *,
    x: float,
    y: float,
    headings: tuple[str, ...],
) -> None:
    for line in lines:
        if line:
            bold = line in headings
            # The base-14 fonts have no en dash; PDFs from such tools use "-".
            text = line.replace("\u2013", "-")
            page.insert_text(
                (x, y),
                text.upper() if bold else text,
                fontsize=12 if bold else 9.5,
                fontname="hebo" if bold else "helv",
            )
        y += 16


def table_docx() -> bytes:
    """Everything inside one two-cell table, as some real CVs are written: contact
    and skills in the left cell, experience and education in the right one."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _cell(left, [*CONTACT, "", *SKILLS])
    _cell(right, [*EXPERIENCE, "", *EDUCATION])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cell(cell: docx.table._Cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = line in ("Experience", "Education", "Skills")


def scanned_pdf(
    dpi: int = 200,
    lines: list[str] | None = None,
    size: float = 0.16,
    step: float = 0.24,
) -> bytes:
    """An image-only A4 page (no text layer): `lines` (the one-column resume) drawn
    at `dpi`, with a font `size` and line `step` in inches."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = _font(int(dpi * size))
    y = int(dpi * 0.8)
    for line in ONE_COLUMN if lines is None else lines:
        if line:
            draw.text((int(dpi * 0.8), y), line, fill=0, font=font)
        y += int(dpi * step)
    png = io.BytesIO()
    image.save(png, format="PNG")
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=png.getvalue())
    data: bytes = document.tobytes()
    document.close()
    return data


SIDEBAR_SCAN = [
    "LI WEI",
    "Shanghai, China",
    "wei.li@example.cn",
    "+86 138 0013 8000",
    "",
    "SKILLS",
    *("Go", "Kubernetes", "gRPC", "MySQL", "Redis", "Linux"),
    "",
    "EDUCATION",
    "Fudan University",
    "M.S. Computer Science",
    "2012 - 2015",
]
MAIN_SCAN = [
    "EXPERIENCE",
    "",
    "Staff Software Engineer",
    "ByteDance",
    "Apr 2020 - Present",
    "Designed the service mesh for 3,000 microservices in Go.",
    "",
    "Backend Engineer",
    "Alibaba Group",
    "Jul 2015 - Mar 2020",
    "Built order processing services handling 50k QPS.",
]


def scanned_two_column_pdf(dpi: int = 200) -> bytes:
    """A two-column page printed and scanned (an image only): a sidebar of short
    lines and the main column beside it, in 10 pt, white space between them."""
    source = pymupdf.open()
    page = source.new_page(width=595, height=842)
    page.insert_textbox(pymupdf.Rect(30, 40, 190, 800), "\n".join(SIDEBAR_SCAN))
    page.insert_textbox(pymupdf.Rect(210, 40, 570, 800), "\n".join(MAIN_SCAN))
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    document = pymupdf.open()
    scan = document.new_page(width=595, height=842)
    scan.insert_image(scan.rect, stream=pixmap.tobytes("png"))
    data: bytes = document.tobytes()
    document.close()
    source.close()
    return data


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)
