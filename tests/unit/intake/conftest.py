"""Real sample files of every supported kind, and the hostile corpus."""

import io
from pathlib import Path

import docx
import pymupdf
import pytest
from PIL import Image

from domain.intake.filetypes import FileKind
from tests.samples.make_hostile import build_hostile_corpus, zip_bytes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _pdf() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), "Jane Doe - Python developer")
    data: bytes = document.tobytes()
    document.close()
    return data


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Jane Doe - Python developer")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _image(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, image_format)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def samples() -> dict[FileKind, bytes]:
    """One small, real file of every kind."""
    return {
        FileKind.PDF: _pdf(),
        FileKind.DOCX: _docx(),
        FileKind.DOC: OLE_MAGIC + bytes(504),
        FileKind.RTF: b"{\\rtf1\\ansi Jane Doe\\par Python developer}",
        FileKind.TXT: b"Jane Doe\nPython developer\n",
        FileKind.PNG: _image("PNG"),
        FileKind.JPEG: _image("JPEG"),
        FileKind.TIFF: _image("TIFF"),
        FileKind.ZIP: zip_bytes({"resume.txt": b"Jane Doe\n"}),
    }


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hostile corpus, built once per run."""
    return build_hostile_corpus(tmp_path_factory.mktemp("hostile"))
