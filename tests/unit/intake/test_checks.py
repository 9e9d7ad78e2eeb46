"""Uploads are refused with a specific code and a message that says what to do."""

from typing import Any

import pytest
from pydantic import ValidationError

from domain.config import Settings
from domain.errors import DomainError, ErrorCode
from domain.intake.checks import (
    check_file,
    check_request,
    display_name,
    format_size,
    inspect_file,
)
from domain.intake.filetypes import FileKind
from domain.intake.limits import MIB, IntakeLimits

LIMITS = IntakeLimits()
FORMATS = "upload a PDF, DOCX, DOC, RTF, TXT, PNG, JPEG or TIFF file."


def assert_refused(
    raised: pytest.ExceptionInfo[DomainError], code: ErrorCode, message: str
) -> None:
    assert (raised.value.code, raised.value.message) == (code, message)
    assert raised.value.field == "file"


@pytest.mark.parametrize("kind", list(FileKind))
def test_accepts_each_supported_kind(samples, kind):
    data = samples[kind]
    expected = FileKind.ZIP if kind is FileKind.DOCX else kind
    assert check_file("upload", data[:8192], len(data), LIMITS) is expected


def test_kind_comes_from_content_not_extension(samples):
    data = samples[FileKind.PDF]
    assert check_file("resume.docx", data, len(data), LIMITS) is FileKind.PDF


def test_rejects_empty_file():
    with pytest.raises(DomainError) as raised:
        check_file("cv.pdf", b"", 0, LIMITS)
    assert_refused(
        raised,
        ErrorCode.EMPTY_FILE,
        "cv.pdf is empty: check that it was saved completely, then upload it again.",
    )


def test_rejects_unsupported_file_type():
    with pytest.raises(DomainError) as raised:
        check_file("cv.exe", b"MZ\x90\x00\x03\x00\x00\x00", 4096, LIMITS)
    assert_refused(
        raised,
        ErrorCode.UNSUPPORTED_FILE_TYPE,
        f"cv.exe is not a supported resume format: {FORMATS}",
    )


def test_rejects_resume_over_the_size_limit(samples):
    with pytest.raises(DomainError) as raised:
        check_file("cv.pdf", samples[FileKind.PDF], 10 * MIB + 1, LIMITS)
    assert_refused(
        raised,
        ErrorCode.RESUME_TOO_LARGE,
        "cv.pdf is larger than the 10 MB limit for one resume: compress its images"
        " or split it, then upload it again.",
    )


def test_accepts_resume_of_exactly_the_size_limit(samples):
    head = samples[FileKind.PDF]
    assert check_file("cv.pdf", head, 10 * MIB, LIMITS) is FileKind.PDF


def test_holds_a_zip_to_the_request_limit(samples):
    head = samples[FileKind.ZIP]
    assert check_file("bulk.zip", head, 50 * MIB, LIMITS) is FileKind.ZIP
    with pytest.raises(DomainError) as raised:
        check_file("bulk.zip", head, 100 * MIB + 1, LIMITS)
    assert_refused(
        raised,
        ErrorCode.REQUEST_TOO_LARGE,
        "bulk.zip is larger than the 100 MB limit for an upload: split the resumes"
        " into smaller archives.",
    )


def test_rejects_request_over_the_limit():
    check_request(100 * MIB, LIMITS)
    with pytest.raises(DomainError) as raised:
        check_request(100 * MIB + 1, LIMITS)
    assert_refused(
        raised,
        ErrorCode.REQUEST_TOO_LARGE,
        "The upload is larger than the 100 MB limit: send fewer files at a time.",
    )


def test_messages_name_the_file_safely():
    assert display_name("cv\n\x1b[31m.pdf") == "cv??[31m.pdf"
    assert display_name("  ") == "The file"
    assert display_name("a" * 200) == "a" * 117 + "..."


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1536, "1.5 KB"),
        (10 * MIB, "10 MB"),
        (int(2.25 * MIB), "2.2 MB"),
        (5 * 1024 * MIB, "5 GB"),
        (3 * 1024 * 1024 * MIB, "3072 GB"),
    ],
)
def test_formats_sizes_for_people(size, text):
    assert format_size(size) == text


def test_inspects_docx_and_zip_on_disk(tmp_path, samples):
    docx = tmp_path / "a"
    docx.write_bytes(samples[FileKind.DOCX])
    archive = tmp_path / "b"
    archive.write_bytes(samples[FileKind.ZIP])
    assert inspect_file("cv.docx", docx, LIMITS) is FileKind.DOCX
    assert inspect_file("bulk.zip", archive, LIMITS) is FileKind.ZIP


def test_inspects_real_pdf_on_disk(tmp_path, samples):
    path = tmp_path / "cv.pdf"
    path.write_bytes(samples[FileKind.PDF])
    assert inspect_file("cv.pdf", path, LIMITS) is FileKind.PDF


def test_rejects_docx_over_the_resume_limit(tmp_path, samples):
    path = tmp_path / "cv.docx"
    path.write_bytes(samples[FileKind.DOCX])
    limits = IntakeLimits(max_file_bytes=1024)
    with pytest.raises(DomainError) as raised:
        inspect_file("cv.docx", path, limits)
    assert_refused(
        raised,
        ErrorCode.RESUME_TOO_LARGE,
        "cv.docx is larger than the 1 KB limit for one resume: compress its images"
        " or split it, then upload it again.",
    )


@pytest.mark.parametrize(
    ("sample", "name", "code", "message"),
    [
        (
            "empty",
            "empty.pdf",
            ErrorCode.EMPTY_FILE,
            "empty.pdf is empty: check that it was saved completely, then upload it"
            " again.",
        ),
        (
            "junk_text",
            "notes.txt",
            ErrorCode.UNSUPPORTED_FILE_TYPE,
            f"notes.txt is not a supported resume format: {FORMATS}",
        ),
        (
            "polyglot",
            "resume.pdf",
            ErrorCode.UNSUPPORTED_FILE_TYPE,
            "resume.pdf hides a ZIP archive behind its PDF content: save the resume"
            " again as a plain PDF file and upload that.",
        ),
        (
            "docx_bomb",
            "resume.docx",
            ErrorCode.ARCHIVE_COMPRESSION_RATIO,
            "resume.docx expands more than 100 times its compressed size, as zip"
            " bombs do: create it again with ordinary compression.",
        ),
        (
            "truncated",
            "truncated.zip",
            ErrorCode.CORRUPT_FILE,
            "truncated.zip is damaged or incomplete: save or create it again, then"
            " upload it.",
        ),
    ],
)
def test_rejects_hostile_single_uploads(hostile, sample, name, code, message):
    with pytest.raises(DomainError) as raised:
        inspect_file(name, hostile[sample], LIMITS)
    assert_refused(raised, code, message)


def test_limits_come_from_settings():
    settings = Settings(
        _env_file=None,
        upload_max_file_mb=5,
        upload_max_request_mb=50,
        archive_max_entries=20,
        archive_max_expanded_mb=60,
        archive_max_ratio=30.5,
    )
    assert IntakeLimits.from_settings(settings) == IntakeLimits(
        max_file_bytes=5 * MIB,
        max_request_bytes=50 * MIB,
        max_archive_entries=20,
        max_archive_expanded_bytes=60 * MIB,
        max_compression_ratio=30.5,
        max_archive_depth=0,
    )


def test_default_settings_give_the_default_limits():
    assert IntakeLimits.from_settings(Settings(_env_file=None)) == IntakeLimits()


@pytest.mark.parametrize(
    "variable",
    [
        "upload_max_file_mb",
        "upload_max_request_mb",
        "archive_max_entries",
        "archive_max_expanded_mb",
        "archive_max_ratio",
    ],
)
def test_settings_refuse_limits_that_are_not_positive(variable):
    overrides: dict[str, Any] = {variable: 0}
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None, **overrides)
    assert [e["loc"] for e in raised.value.errors()] == [(variable,)]


def test_limits_refuse_values_that_are_not_positive():
    with pytest.raises(ValueError, match="max_archive_entries must be positive, got 0"):
        IntakeLimits(max_archive_entries=0)
    assert IntakeLimits(max_archive_depth=0).max_archive_depth == 0
