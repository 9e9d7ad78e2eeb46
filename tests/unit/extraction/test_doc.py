"""Legacy Word (.doc): antiword, LibreOffice, missing converters, look-alike files."""

import shutil
import struct
import sys
import textwrap

import docx
import pytest

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import ExtractionOptions, extract_document
from tests.samples.word97 import word97_doc

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_which = shutil.which
SECTOR = 512
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = (
    0xFFFFFFFE,
    0xFFFFFFFF,
    0xFFFFFFFD,
    0xFFFFFFFF,
)


def _word6_stream(text: str) -> bytes:
    """A Word 6 "WordDocument" stream: a FIB, the text (cp1252, paragraphs end in
    CR) and an empty stylesheet, padded to at least 4096 bytes."""
    body = text.replace("\n", "\r").encode("cp1252")
    text_at = 0x400
    fib = bytearray(text_at)
    struct.pack_into("<HH", fib, 0, 0xA5DC, 101)  # wIdent, nFib of Word 6
    struct.pack_into("<II", fib, 0x18, text_at, text_at + len(body))  # fcMin, fcMac
    struct.pack_into("<I", fib, 0x34, len(body))  # ccpText
    stylesheet = struct.pack("<HHH", 14, 0, 10) + bytes(10)  # no styles
    struct.pack_into("<II", fib, 0x60, text_at + len(body), len(stylesheet))
    stream = bytes(fib) + body + stylesheet
    size = max(4096, -(-len(stream) // SECTOR) * SECTOR)
    return stream + bytes(size - len(stream))


def _directory_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    entry = bytearray(128)
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 0x44, NO_STREAM, NO_STREAM, child)
    struct.pack_into("<II", entry, 0x74, start, size)
    return bytes(entry)


def _word6_doc(text: str) -> bytes:
    """A minimal OLE2 compound file (FAT, directory, WordDocument stream)."""
    stream = _word6_stream(text)
    sectors = len(stream) // SECTOR
    fat = [FAT_SECTOR, END_OF_CHAIN, *range(3, 2 + sectors), END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = bytearray(SECTOR)
    header[:8] = OLE_HEADER
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into(
        "<8I", header, 0x2C, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0
    )
    struct.pack_into("<109I", header, 0x4C, 0, *[FREE] * 108)
    directory = (
        _directory_entry("Root Entry", 5, 1, END_OF_CHAIN, 0)
        + _directory_entry("WordDocument", 2, NO_STREAM, 2, len(stream))
        + _directory_entry("", 0, NO_STREAM, 0, 0) * 2
    )
    return bytes(header) + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + stream


def _fake_soffice(bin_dir, body: str):
    """An executable `soffice` on PATH whose conversion runs `body` (Python, with
    `outdir`, `source` and `argv` defined)."""
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        "argv = sys.argv[1:]\n"
        "outdir = pathlib.Path(argv[argv.index('--outdir') + 1])\n"
        "source = pathlib.Path(argv[-1])\n" + textwrap.dedent(body)
    )
    script.chmod(0o755)


def test_without_any_converter_doc_is_converter_unavailable(tmp_path, monkeypatch):
    path = tmp_path / "cv.doc"
    path.write_bytes(OLE_HEADER + bytes(504))
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(DomainError) as raised:
        extract_document(path, "doc")

    assert raised.value.code is ErrorCode.CONVERTER_UNAVAILABLE
    assert raised.value.message == (
        "Legacy Word (.doc) files cannot be read here: no converter is installed. Ask "
        "an administrator to run `apt-get install antiword` (or install LibreOffice), "
        "or upload the resume as DOCX or PDF."
    )


def test_doc_that_antiword_cannot_read_fails(tmp_path, monkeypatch):
    if _which("antiword") is None:
        pytest.skip("antiword is not installed: apt-get install antiword")
    path = tmp_path / "cv.doc"
    path.write_bytes(OLE_HEADER + b"not a word document at all")
    monkeypatch.setattr(
        shutil, "which", lambda name: _which(name) if name == "antiword" else None
    )

    with pytest.raises(DomainError) as raised:
        extract_document(path, "doc")

    assert raised.value.code is ErrorCode.EXTRACTION_FAILED
    assert raised.value.message == (
        "This Word file could not be read (the file is not a Word Document.); open it "
        "in Word or LibreOffice, save it as DOCX and upload that."
    )


def test_rtf_named_doc_is_read_as_rtf(tmp_path):
    path = tmp_path / "cv.doc"
    path.write_bytes(rb"{\rtf1\ansi Jane Doe\par Engineer}")

    document = extract_document(path, "doc")

    assert document.text == "Jane Doe\nEngineer"
    assert document.method == "rtf"
    assert document.warnings == (
        "This .doc file is really an RTF document and was read as one.",
    )


def test_docx_named_doc_is_read_as_docx(tmp_path):
    path = tmp_path / "cv.doc"
    source = docx.Document()
    source.add_paragraph("Jane Doe")
    source.save(str(path))

    document = extract_document(path, "doc")

    assert (document.text, document.method) == ("Jane Doe", "docx")


def test_reads_a_word_document_with_antiword(tmp_path):
    if _which("antiword") is None:
        pytest.skip("antiword is not installed: apt-get install antiword")
    path = tmp_path / "cv.doc"
    path.write_bytes(_word6_doc("Jane Doe\nSenior Data Engineer\nCafé résumé\n"))

    document = extract_document(path, "doc")

    assert document.text == "Jane Doe\nSenior Data Engineer\nCafé résumé"
    assert (document.method, document.pages, document.warnings) == (
        "doc:antiword",
        1,
        (),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe\nSenior Data Engineer\nCafé résumé, 5 years\n",  # 8-bit piece
        "Zoë Łukasz\nInżynier danych, Kraków\n",  # UTF-16 piece
    ],
)
def test_reads_a_word97_document_with_antiword(tmp_path, text):
    if _which("antiword") is None:
        pytest.skip("antiword is not installed: apt-get install antiword")
    path = tmp_path / "cv.doc"
    path.write_bytes(word97_doc(text))

    document = extract_document(path, "doc")

    assert document.text == text.strip()
    assert (document.method, document.pages, document.warnings) == (
        "doc:antiword",
        1,
        (),
    )


def test_converts_with_libreoffice_when_antiword_is_missing(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    _fake_soffice(
        bin_dir,
        """
        import docx
        (source.parent / "argv.txt").write_text("\\n".join(argv))
        converted = docx.Document()
        converted.add_paragraph("Converted " + source.name)
        converted.save(str(outdir / (source.stem + ".docx")))
        """,
    )
    monkeypatch.setenv("PATH", str(bin_dir))
    path = tmp_path / "cv.doc"
    path.write_bytes(_word6_doc("Jane Doe\n"))

    document = extract_document(path, "doc")

    assert (document.text, document.method) == ("Converted cv.doc", "doc:soffice")
    argv = (tmp_path / "argv.txt").read_text().split("\n")
    assert argv[0].startswith("-env:UserInstallation=file:///tmp/lo-")
    assert argv[1:] == [
        *("--headless", "--norestore", "--nologo", "--nolockcheck"),
        *("--convert-to", "docx", "--outdir", argv[-2], str(path)),
    ]


def test_libreoffice_that_writes_nothing_fails(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    _fake_soffice(bin_dir, "sys.stderr.write('Error: source file could not be loaded')")
    monkeypatch.setenv("PATH", str(bin_dir))
    path = tmp_path / "cv.doc"
    path.write_bytes(_word6_doc("Jane Doe\n"))

    with pytest.raises(DomainError) as raised:
        extract_document(path, "doc")

    assert raised.value.code is ErrorCode.EXTRACTION_FAILED
    assert raised.value.message == (
        "LibreOffice could not convert this Word file (Error: source file could not "
        "be loaded); open it in Word or LibreOffice, save it as DOCX and upload that."
    )


def test_libreoffice_that_hangs_is_stopped(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    _fake_soffice(bin_dir, "import time\ntime.sleep(30)")
    monkeypatch.setenv("PATH", str(bin_dir))
    path = tmp_path / "cv.doc"
    path.write_bytes(_word6_doc("Jane Doe\n"))

    with pytest.raises(DomainError) as raised:
        extract_document(path, "doc", options=ExtractionOptions(timeout_seconds=1))

    assert raised.value.code is ErrorCode.EXTRACTION_FAILED
    assert raised.value.message == (
        "Converting this Word file took too long and was stopped; save it as DOCX or "
        "PDF and upload that."
    )
