"""File kinds come from magic bytes and a ZIP's central directory, never names."""

import codecs
import hashlib
import io
import zipfile

import pytest

from domain.errors import DomainError, ErrorCode
from domain.intake.filetypes import (
    FileKind,
    classify_zip,
    content_type,
    count_zip_entries,
    default_extension,
    detect_kind,
)
from tests.samples.make_hostile import zip_bytes

RESUME = "Jürgen Müller — Senior Developer\nSkills: Python, SQL\n"


@pytest.mark.parametrize("kind", list(FileKind))
def test_detects_each_kind_from_its_first_bytes(samples, kind):
    expected = FileKind.ZIP if kind is FileKind.DOCX else kind
    assert detect_kind(samples[kind][:8192]) is expected


def test_detects_big_endian_tiff():
    assert detect_kind(b"MM\x00*\x00\x00\x00\x08") is FileKind.TIFF


def test_detects_empty_zip_archive():
    assert detect_kind(zip_bytes({})) is FileKind.ZIP


@pytest.mark.parametrize(
    "head",
    [
        RESUME.encode(),
        codecs.BOM_UTF8 + RESUME.encode(),
        codecs.BOM_UTF16_LE + RESUME.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + RESUME.encode("utf-16-be"),
        RESUME.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_detects_text_in_common_encodings(head):
    assert detect_kind(head) is FileKind.TXT


def test_text_cut_inside_a_character_is_still_text():
    head = ("Müller " * 1100).encode()[:8186]
    assert head.endswith(b"\xc3")
    assert detect_kind(head) is FileKind.TXT


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",
        RESUME.encode() + b"\x00",
        bytes(range(1, 32)) * 10,
        hashlib.shake_256(b"junk").digest(4096).replace(b"\x00", b"\x01"),
        codecs.BOM_UTF8,
    ],
    ids=["empty", "exe", "nul", "controls", "junk", "bom-only"],
)
def test_detects_no_kind_for_binary_or_empty_heads(head):
    assert detect_kind(head) is None


def test_magic_bytes_count_only_at_the_start():
    assert detect_kind(b"Resume attached: %PDF-1.7\n") is FileKind.TXT
    assert detect_kind(b"\x00\x00%PDF-1.7\n") is None


def test_classifies_docx_by_its_central_directory(tmp_path, samples):
    path = tmp_path / "upload.bin"
    path.write_bytes(samples[FileKind.DOCX])
    assert classify_zip(path) is FileKind.DOCX


def test_classifies_plain_zip_as_archive(samples):
    file = io.BytesIO(samples[FileKind.ZIP])
    file.seek(3)
    assert classify_zip(file) is FileKind.ZIP
    assert file.tell() == 3


def test_classifies_zip_with_comment_and_prefix(samples):
    buffer = io.BytesIO()
    buffer.write(b"#!/bin/sh\n")
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.comment = b"made by hand"
    assert classify_zip(buffer) is FileKind.DOCX


def test_classify_zip_refuses_truncated_zip(hostile):
    with pytest.raises(DomainError) as raised:
        classify_zip(hostile["truncated"], name="truncated.zip")
    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert raised.value.message == (
        "truncated.zip is damaged or incomplete: save or create it again, then"
        " upload it."
    )
    assert raised.value.field == "file"


def test_counts_zip_entries_up_to_one_past_the_limit(hostile):
    assert count_zip_entries(hostile["many_entries"], stop_after=50) == 51
    assert count_zip_entries(hostile["many_entries"], stop_after=20_000) == 10_001


def test_counts_entries_of_a_zip64_archive(monkeypatch):
    # Lower zipfile's threshold so that three entries get a ZIP64 end record.
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 2)
    archive_bytes = zip_bytes({f"r{index}.txt": b"resume" for index in range(3)})
    monkeypatch.undo()
    assert b"PK\x06\x06" in archive_bytes
    assert count_zip_entries(io.BytesIO(archive_bytes), stop_after=10) == 3


def test_every_kind_has_a_content_type_and_extension():
    assert {k: (content_type(k), default_extension(k)) for k in FileKind} == {
        FileKind.PDF: ("application/pdf", ".pdf"),
        FileKind.DOCX: (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
        FileKind.DOC: ("application/msword", ".doc"),
        FileKind.RTF: ("application/rtf", ".rtf"),
        FileKind.TXT: ("text/plain", ".txt"),
        FileKind.PNG: ("image/png", ".png"),
        FileKind.JPEG: ("image/jpeg", ".jpg"),
        FileKind.TIFF: ("image/tiff", ".tiff"),
        FileKind.ZIP: ("application/zip", ".zip"),
    }
