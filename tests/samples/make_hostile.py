"""Writes the hostile upload corpus: zip bombs, unsafe entries, polyglots, junk,
active PDFs, a page bomb, a pixel bomb, XXE and bytes that are not UTF-8.

`python -m tests.samples.make_hostile` writes it to tests/samples/hostile/
(git-ignored); the tests build it in a temporary directory.
"""

import hashlib
import io
import stat
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

MIB = 1024 * 1024
_ZEROS = bytes(MIB)
RESUME_TEXT = b"Jane Doe\njane@example.com\nPython developer, 7 years.\n"
_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def build_hostile_corpus(target_dir: Path) -> dict[str, Path]:
    """Write every hostile sample into `target_dir`; returns them by sample name."""
    target_dir.mkdir(parents=True, exist_ok=True)
    corpus: dict[str, Path] = {}
    for key, (file_name, write) in _SAMPLES.items():
        path = target_dir / file_name
        write(path)
        corpus[key] = path
    return corpus


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A small, well-formed deflated ZIP of `entries` (name -> content)."""

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _write_zeros(
    archive: zipfile.ZipFile, name: str, mebibytes: int, *, level: int
) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = level  # type: ignore[attr-defined]  # no public setter
    with archive.open(info, "w") as out:
        for _ in range(mebibytes):
            out.write(_ZEROS)
    return info


def _rewrite_local_header(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Make the local header agree with a doctored `info` (the central directory
    is written from `info` when the archive closes)."""
    assert archive.fp is not None
    end = archive.fp.tell()
    archive.fp.seek(info.header_offset)
    archive.fp.write(info.FileHeader())
    archive.fp.seek(end)


def _ratio_bomb(path: Path) -> None:
    # 50 MiB of zeros in about 50 KB: a ratio near 1000.
    with zipfile.ZipFile(path, "w") as archive:
        _write_zeros(archive, "resume.txt", 50, level=9)


def _size_bomb(path: Path) -> None:
    # 21 resumes of 10 MiB each: every one within the resume limit, 210 MiB in all.
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(21):
            _write_zeros(archive, f"resume-{index:02d}.txt", 10, level=1)


def _lying_size_bomb(path: Path) -> None:
    # The headers claim 1 KB; the data expands to 20 MiB.
    with zipfile.ZipFile(path, "w") as archive:
        info = _write_zeros(archive, "resume.txt", 20, level=9)
        info.file_size = 1024
        _rewrite_local_header(archive, info)


def _nested(path: Path) -> None:
    inner = zip_bytes({"resume.txt": RESUME_TEXT})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner.zip", inner)
        archive.writestr("disguised.pdf", inner)
        archive.writestr("resume.txt", RESUME_TEXT)


def _traversal(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in (
            "../../etc/passwd",
            "/etc/passwd",
            "..\\..\\windows\\win.ini",
            "C:/Users/evil.txt",
            "resumes/resume.txt",
        ):
            archive.writestr(name, RESUME_TEXT)


def _symlink(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        link = zipfile.ZipInfo("resume.pdf", date_time=(2024, 1, 1, 0, 0, 0))
        link.create_system = 3  # Unix, where the high 16 bits are st_mode
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("resume.txt", RESUME_TEXT)


def _encrypted(path: Path) -> None:
    # zipfile cannot encrypt: set the "encrypted" flag bit on a stored entry.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("secret.txt", RESUME_TEXT)
        info = archive.getinfo("secret.txt")
        info.flag_bits |= 0x1
        _rewrite_local_header(archive, info)
        archive.writestr("resume.txt", RESUME_TEXT)


def _many_entries(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for index in range(10_001):
            archive.writestr(f"resume-{index:05d}.txt", b"x")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _docx_bomb(path: Path) -> None:
    # Passes for a DOCX (word/document.xml is listed) but is a ratio bomb.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        _write_zeros(archive, "word/document.xml", 50, level=9)


def _junk_text(path: Path) -> None:
    # Deterministic bytes that look random.
    path.write_bytes(hashlib.shake_256(b"junk").digest(4096))


def _polyglot(path: Path) -> None:
    path.write_bytes(_PDF + zip_bytes({"resume.txt": RESUME_TEXT}))


def _truncated(path: Path) -> None:
    whole = zip_bytes({f"resume-{i}.txt": RESUME_TEXT * 20 for i in range(3)})
    path.write_bytes(whole[: len(whole) * 3 // 5])


def _pdf_document(pages: int, text: str) -> bytes:
    import pymupdf  # only this builder needs it

    document = pymupdf.open()
    for number in range(pages):
        page = document.new_page()
        page.insert_text((72, 72), f"{text} (page {number + 1})")
    data: bytes = document.tobytes()
    document.close()
    return data


def _active_pdf(path: Path) -> None:
    # A readable resume that runs JavaScript when opened and carries a program.
    import pymupdf

    document = pymupdf.open("pdf", _pdf_document(1, "Jane Doe, Python developer"))
    document.embfile_add("invoice.exe", b"MZ" + b"EMBEDDED-PAYLOAD" * 64)
    document.xref_set_key(
        document.pdf_catalog(),
        "OpenAction",
        "<</S/JavaScript/JS(app.alert('ACTIVE-CONTENT'))>>",
    )
    path.write_bytes(document.tobytes())
    document.close()


def _truncated_pdf(path: Path) -> None:
    whole = _pdf_document(3, "Jane Doe, Python developer " * 20)
    path.write_bytes(whole[: len(whole) // 3])


def _page_bomb(path: Path) -> None:
    path.write_bytes(_pdf_document(500, "Jane Doe"))


def _xxe_docx(path: Path) -> None:
    import docx

    buffer = io.BytesIO()
    source = docx.Document()
    source.add_paragraph("Jane Doe MARKER Python developer")
    source.save(buffer)
    with (
        zipfile.ZipFile(buffer) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                declaration, rest = data.split(b"?>", 1)
                doctype = (
                    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                    b'<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>'
                )
                data = declaration + b"?>" + doctype + rest
                data = data.replace(b"MARKER", b"&xxe;&remote;")
            copy.writestr(item, data)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _pixel_bomb(path: Path, side: int = 20_000) -> None:
    # A 20000x20000 black-and-white PNG of about 60 KB: 400 million pixels,
    # 1.2 GB as RGB once decoded. Written row by row, never held whole.
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    squeeze = zlib.compressobj(9)
    row = bytes(1 + (side + 7) // 8)
    data = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def _invalid_utf8(path: Path) -> None:
    # A text resume with bytes no UTF-8 decoder accepts: a lone continuation
    # byte, an overlong "/", an encoded surrogate, 0xFF 0xFE and a Latin-1 "é".
    path.write_bytes(
        RESUME_TEXT
        + b"Caf\xe9 owner \x80 overlong \xc0\xaf surrogate \xed\xa0\x80 \xff\xfe\n"
        + b"Skills: Python, SQL, Docker.\n"
    )


_SAMPLES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "ratio_bomb": ("ratio_bomb.zip", _ratio_bomb),
    "size_bomb": ("size_bomb.zip", _size_bomb),
    "lying_size_bomb": ("lying_size_bomb.zip", _lying_size_bomb),
    "nested": ("nested.zip", _nested),
    "traversal": ("traversal.zip", _traversal),
    "symlink": ("symlink.zip", _symlink),
    "encrypted": ("encrypted.zip", _encrypted),
    "many_entries": ("many_entries.zip", _many_entries),
    "empty": ("empty.pdf", _empty),
    "docx_bomb": ("resume.docx", _docx_bomb),
    "junk_text": ("notes.txt", _junk_text),
    "polyglot": ("resume.pdf", _polyglot),
    "truncated": ("truncated.zip", _truncated),
    "active_pdf": ("active.pdf", _active_pdf),
    "truncated_pdf": ("truncated.pdf", _truncated_pdf),
    "page_bomb": ("500-pages.pdf", _page_bomb),
    "xxe_docx": ("xxe.docx", _xxe_docx),
    "pixel_bomb": ("scan.png", _pixel_bomb),
    "invalid_utf8": ("invalid-utf8.txt", _invalid_utf8),
}


if __name__ == "__main__":
    default = Path(__file__).parent / "hostile"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    for key, sample in build_hostile_corpus(target).items():
        sys.stdout.write(f"{key}: {sample} ({sample.stat().st_size} bytes)\n")
