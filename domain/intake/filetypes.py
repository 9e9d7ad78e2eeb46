"""File kinds told apart by their magic bytes and a ZIP's central directory."""

import codecs
import os
import struct
from collections.abc import Generator, Iterator
from contextlib import ExitStack, closing
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from domain.errors import DomainError, ErrorCode

HEAD_BYTES = 8192
"""How much of a file's start `detect_kind` needs to see."""


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"
    RTF = "rtf"
    TXT = "txt"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    ZIP = "zip"


_CONTENT_TYPES: dict[FileKind, tuple[str, str]] = {
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

_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"%PDF-", FileKind.PDF),
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
    (b"\xff\xd8\xff", FileKind.JPEG),
    (b"II*\x00", FileKind.TIFF),
    (b"MM\x00*", FileKind.TIFF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FileKind.DOC),
    (b"{\\rtf", FileKind.RTF),
    (b"PK\x03\x04", FileKind.ZIP),
    (b"PK\x05\x06", FileKind.ZIP),
)

_MIN_PRINTABLE_RATIO = 0.95
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")

_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_CENTRAL_RECORD = struct.Struct("<4s4B4HL2L5H2L")
_MAX_COMMENT = 0xFFFF
_DOCX_MAIN_PART = b"word/document.xml"
_DOCX_MAX_ENTRIES = 10_000


def content_type(kind: FileKind) -> str:
    """The MIME type to store and serve a file of this kind with."""
    return _CONTENT_TYPES[kind][0]


def default_extension(kind: FileKind) -> str:
    """The file name extension (with its dot) for a file of this kind."""
    return _CONTENT_TYPES[kind][1]


def detect_kind(head: bytes) -> FileKind | None:
    """The kind of a file from its first bytes (`HEAD_BYTES` is plenty), or None.

    A ZIP may still be a DOCX: `classify_zip` tells them apart.
    """
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return FileKind.TXT if _looks_like_text(head) else None


def _looks_like_text(head: bytes) -> bool:
    for bom, encoding in (
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return _printable(head[len(bom) :], encoding)
    if b"\x00" in head:
        return False
    body = head.removeprefix(codecs.BOM_UTF8)
    return _printable(body, "utf-8") or _printable(body, "cp1252")


def _printable(data: bytes, encoding: str) -> bool:
    # The head may end inside a multi-byte character: decode incrementally.
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    if not text:
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in _TEXT_CONTROLS)
    return printable / len(text) >= _MIN_PRINTABLE_RATIO


def classify_zip(path_or_file: Path | BinaryIO, *, name: str | None = None) -> FileKind:
    """DOCX when the central directory lists `word/document.xml`, else ZIP.

    Reads the central directory only, one record at a time; a file object keeps
    its position. Raises CORRUPT_FILE when there is no readable directory.
    """
    label = name or (path_or_file.name if isinstance(path_or_file, Path) else "")
    with closing(iter_zip_names(path_or_file, name=label)) as names:
        for index, entry in enumerate(names):
            if entry == _DOCX_MAIN_PART:
                return FileKind.DOCX
            if index >= _DOCX_MAX_ENTRIES:
                break
    return FileKind.ZIP


def count_zip_entries(
    path_or_file: Path | BinaryIO, *, stop_after: int, name: str = ""
) -> int:
    """Entries in the central directory, counting no further than `stop_after + 1`.

    Memory stays constant however many entries the archive claims.
    """
    count = 0
    with closing(iter_zip_names(path_or_file, name=name)) as names:
        for _ in names:
            count += 1
            if count > stop_after:
                break
    return count


def has_zip_directory(path: Path) -> bool:
    """Whether a ZIP central directory with at least one entry ends this file."""
    try:
        return count_zip_entries(path, stop_after=1) > 0
    except DomainError:
        return False


def iter_zip_names(
    path_or_file: Path | BinaryIO, *, name: str = ""
) -> Generator[bytes, None, None]:
    """The raw entry names of a ZIP's central directory, read as zipfile reads it.

    Raises CORRUPT_FILE when the directory is missing or malformed.
    """
    with ExitStack() as stack:
        if isinstance(path_or_file, Path):
            fp: BinaryIO = stack.enter_context(path_or_file.open("rb"))
        else:
            fp = path_or_file
            stack.callback(fp.seek, fp.tell())
        start, size = _central_directory(fp, name)
        yield from _walk_central_directory(fp, start, size, name)


def corrupt_file(label: str) -> DomainError:
    """CORRUPT_FILE for a file (named by `label`) that cannot be read as its kind."""
    return DomainError(
        f"{label or 'The file'} is damaged or incomplete: save or create it again,"
        " then upload it.",
        code=ErrorCode.CORRUPT_FILE,
        field="file",
    )


def _central_directory(fp: BinaryIO, name: str) -> tuple[int, int]:
    """Start and size of the central directory, located the way zipfile does."""
    file_size = fp.seek(0, os.SEEK_END)
    tail_start = max(file_size - _MAX_COMMENT - _EOCD.size, 0)
    fp.seek(tail_start)
    tail = fp.read()
    at = _eocd_position(tail)
    if at < 0:
        raise corrupt_file(name)
    eocd_offset = tail_start + at
    fields = _EOCD.unpack_from(tail, at)
    size, end = fields[5], eocd_offset
    zip64 = _zip64_directory_size(fp, eocd_offset)
    if zip64 is not None:
        size, end = zip64, eocd_offset - _EOCD64_LOCATOR.size - _EOCD64.size
    if end - size < 0:
        raise corrupt_file(name)
    return end - size, size


def _eocd_position(tail: bytes) -> int:
    last = len(tail) - _EOCD.size
    if last >= 0 and tail.startswith(b"PK\x05\x06", last) and tail.endswith(b"\0\0"):
        return last
    at = tail.rfind(b"PK\x05\x06")
    return at if 0 <= at <= last else -1


def _zip64_directory_size(fp: BinaryIO, eocd_offset: int) -> int | None:
    record_offset = eocd_offset - _EOCD64_LOCATOR.size - _EOCD64.size
    if record_offset < 0:
        return None
    fp.seek(record_offset)
    data = fp.read(_EOCD64.size + _EOCD64_LOCATOR.size)
    locator = _EOCD64_LOCATOR.unpack_from(data, _EOCD64.size)
    record = _EOCD64.unpack_from(data)
    if locator[0] != b"PK\x06\x07" or record[0] != b"PK\x06\x06":
        return None
    size: int = record[8]
    return size


def _walk_central_directory(
    fp: BinaryIO, start: int, size: int, name: str
) -> Iterator[bytes]:
    position = 0
    while position < size:
        fp.seek(start + position)
        fixed = fp.read(_CENTRAL_RECORD.size)
        if len(fixed) != _CENTRAL_RECORD.size or not fixed.startswith(b"PK\x01\x02"):
            raise corrupt_file(name)
        record = _CENTRAL_RECORD.unpack(fixed)
        name_length, extra_length, comment_length = record[12:15]
        entry = fp.read(name_length)
        if len(entry) != name_length:
            raise corrupt_file(name)
        yield entry
        position += _CENTRAL_RECORD.size + name_length + extra_length + comment_length
