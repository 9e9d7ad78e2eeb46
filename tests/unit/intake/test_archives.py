"""Archives expand member by member: bad members are reported, bombs refused."""

import zipfile
from pathlib import Path

import pytest

from domain.errors import DomainError, ErrorCode
from domain.intake.archives import ArchiveMember, iter_archive
from domain.intake.filetypes import FileKind
from domain.intake.limits import MIB, IntakeLimits
from tests.samples.make_hostile import RESUME_TEXT, zip_bytes

LIMITS = IntakeLimits()
RESUME = b"Jane Doe\njane@example.com\nPython developer.\n"


def write_zip(
    path: Path,
    entries: list[tuple[str | zipfile.ZipInfo, bytes]],
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name_or_info, data in entries:
            archive.writestr(name_or_info, data)
    return path


def expand(
    path: Path, workdir: Path, limits: IntakeLimits = LIMITS, name: str | None = None
) -> list[ArchiveMember]:
    return list(iter_archive(path, limits, workdir=workdir, name=name))


def refusals(members: list[ArchiveMember]) -> list[tuple[str, ErrorCode, str]]:
    return [
        (m.name, m.error.code, m.error.message) for m in members if m.error is not None
    ]


def accepted(
    members: list[ArchiveMember],
) -> list[tuple[str, FileKind | None, int]]:
    return [(m.name, m.kind, m.size) for m in members if m.error is None]


def test_extracts_each_resume_under_a_generated_name(tmp_path, samples):
    archive = write_zip(
        tmp_path / "bulk.zip",
        [
            ("jane/resume.pdf", samples[FileKind.PDF]),
            ("john.docx", samples[FileKind.DOCX]),
            ("scan.png", samples[FileKind.PNG]),
            ("notes.txt", RESUME),
        ],
    )
    workdir = tmp_path / "work"
    members = expand(archive, workdir)
    assert accepted(members) == [
        ("jane/resume.pdf", FileKind.PDF, len(samples[FileKind.PDF])),
        ("john.docx", FileKind.DOCX, len(samples[FileKind.DOCX])),
        ("scan.png", FileKind.PNG, len(samples[FileKind.PNG])),
        ("notes.txt", FileKind.TXT, len(RESUME)),
    ]
    paths = [m.path for m in members]
    assert [p.read_bytes() for p in paths] == [
        samples[FileKind.PDF],
        samples[FileKind.DOCX],
        samples[FileKind.PNG],
        RESUME,
    ]
    assert all(p.parent == workdir and p.name.startswith("member-") for p in paths)
    assert set(workdir.iterdir()) == set(paths)


def test_skips_folders_and_desktop_metadata(tmp_path):
    archive = write_zip(
        tmp_path / "bulk.zip",
        [
            ("resumes/", b""),
            ("resumes\\old\\", b""),
            ("__MACOSX/resumes/._resume.txt", b"\x00\x05\x16\x07"),
            ("resumes/.DS_Store", b"\x00\x00\x00\x01Bud1"),
            ("Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
            ("resumes/resume.txt", RESUME),
        ],
    )
    members = expand(archive, tmp_path / "work")
    assert [(m.name, m.error) for m in members] == [("resumes/resume.txt", None)]


def test_rejects_zip_with_path_traversal(tmp_path, hostile):
    members = expand(hostile["traversal"], tmp_path)
    advice = "has an unsafe path: add the resumes to the archive from a plain folder."
    traversal = ErrorCode.ARCHIVE_PATH_TRAVERSAL
    assert refusals(members) == [
        ("../../etc/passwd", traversal, f"../../etc/passwd in traversal.zip {advice}"),
        ("/etc/passwd", traversal, f"/etc/passwd in traversal.zip {advice}"),
        (
            "..\\..\\windows\\win.ini",
            traversal,
            f"..\\..\\windows\\win.ini in traversal.zip {advice}",
        ),
        (
            "C:/Users/evil.txt",
            traversal,
            f"C:/Users/evil.txt in traversal.zip {advice}",
        ),
    ]
    assert accepted(members) == [("resumes/resume.txt", FileKind.TXT, len(RESUME_TEXT))]
    assert [m.path for m in members if m.error] == [None] * 4
    assert not (tmp_path / "etc").exists()


def test_rejects_symlink_entry(tmp_path, hostile):
    members = expand(hostile["symlink"], tmp_path)
    assert refusals(members) == [
        (
            "resume.pdf",
            ErrorCode.ARCHIVE_SYMLINK,
            "resume.pdf in symlink.zip is a symbolic link: add the resume file itself"
            " to the archive.",
        )
    ]
    assert accepted(members) == [("resume.txt", FileKind.TXT, len(RESUME_TEXT))]


def test_rejects_encrypted_entry(tmp_path, hostile):
    members = expand(hostile["encrypted"], tmp_path)
    assert refusals(members) == [
        (
            "secret.txt",
            ErrorCode.ENCRYPTED_ARCHIVE,
            "secret.txt in encrypted.zip is password-protected: create the archive"
            " again without a password.",
        )
    ]
    assert accepted(members) == [("resume.txt", FileKind.TXT, len(RESUME_TEXT))]


def test_rejects_nested_archive_by_content(tmp_path, hostile):
    members = expand(hostile["nested"], tmp_path)
    advice = "is an archive inside the archive: unpack it and add its resumes directly."
    assert refusals(members) == [
        ("inner.zip", ErrorCode.NESTED_ARCHIVE, f"inner.zip in nested.zip {advice}"),
        (
            "disguised.pdf",
            ErrorCode.NESTED_ARCHIVE,
            f"disguised.pdf in nested.zip {advice}",
        ),
    ]
    assert accepted(members) == [("resume.txt", FileKind.TXT, len(RESUME_TEXT))]
    assert [p.name for p in tmp_path.iterdir()] == [members[2].path.name]


def test_expands_one_nested_level_when_allowed(tmp_path, hostile):
    limits = IntakeLimits(max_archive_depth=1)
    members = expand(hostile["nested"], tmp_path, limits)
    assert accepted(members) == [
        ("inner.zip/resume.txt", FileKind.TXT, len(RESUME_TEXT)),
        ("disguised.pdf/resume.txt", FileKind.TXT, len(RESUME_TEXT)),
        ("resume.txt", FileKind.TXT, len(RESUME_TEXT)),
    ]
    assert set(tmp_path.iterdir()) == {m.path for m in members}


def test_refuses_too_many_entries_before_extracting_anything(tmp_path, hostile):
    with pytest.raises(DomainError) as raised:
        expand(hostile["many_entries"], tmp_path)
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.ARCHIVE_TOO_MANY_ENTRIES,
        "many_entries.zip holds more than 1000 files: split it into archives of at"
        " most 1000 files.",
    )
    assert list(tmp_path.iterdir()) == []


def test_refuses_zip_bomb_by_compression_ratio(tmp_path, hostile):
    with pytest.raises(DomainError) as raised:
        expand(hostile["ratio_bomb"], tmp_path, name="cvs.zip")
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.ARCHIVE_COMPRESSION_RATIO,
        "cvs.zip expands more than 100 times its compressed size, as zip bombs do:"
        " create it again with ordinary compression.",
    )
    assert list(tmp_path.iterdir()) == []


def test_refuses_docx_zip_bomb_inside_an_archive(tmp_path, hostile):
    archive = write_zip(
        tmp_path / "bulk.zip",
        [("resume.docx", hostile["docx_bomb"].read_bytes())],
        zipfile.ZIP_STORED,
    )
    members = expand(archive, tmp_path / "work")
    assert refusals(members) == [
        (
            "resume.docx",
            ErrorCode.ARCHIVE_COMPRESSION_RATIO,
            "resume.docx in bulk.zip expands more than 100 times its compressed size,"
            " as zip bombs do: create it again with ordinary compression.",
        )
    ]


def test_refuses_one_entry_with_a_bomb_ratio(tmp_path):
    archive = write_zip(
        tmp_path / "bulk.zip",
        [("resume.txt", bytes(2 * MIB)), ("other.txt", RESUME * 60_000)],
    )
    with pytest.raises(DomainError) as raised:
        expand(archive, tmp_path / "work", IntakeLimits(max_compression_ratio=500))
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.ARCHIVE_COMPRESSION_RATIO,
        "resume.txt in bulk.zip expands more than 500 times its compressed size, as"
        " zip bombs do: create it again with ordinary compression.",
    )


def test_refuses_archive_expanding_past_the_size_limit(tmp_path, hostile):
    with pytest.raises(DomainError) as raised:
        expand(hostile["size_bomb"], tmp_path)
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.ARCHIVE_TOO_LARGE,
        "size_bomb.zip expands to more than 200 MB: split it into smaller archives.",
    )
    assert list(tmp_path.iterdir()) == []


def test_header_that_understates_the_size_stops_expansion_as_corrupt(tmp_path, hostile):
    # zipfile yields no more than the declared 1 KB, then the CRC does not match.
    with pytest.raises(DomainError) as raised:
        expand(hostile["lying_size_bomb"], tmp_path)
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.CORRUPT_FILE,
        "lying_size_bomb.zip is damaged or incomplete: save or create it again, then"
        " upload it.",
    )
    assert list(tmp_path.iterdir()) == []


def test_refuses_truncated_zip_as_corrupt(tmp_path, hostile):
    with pytest.raises(DomainError) as raised:
        expand(hostile["truncated"], tmp_path)
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.CORRUPT_FILE,
        "truncated.zip is damaged or incomplete: save or create it again, then"
        " upload it.",
    )


def test_refuses_damaged_entry_data_as_corrupt(tmp_path):
    data = bytearray(zip_bytes({"resume.txt": RESUME * 100}))
    data[40:60] = bytes(20)  # inside the deflated data of the only entry
    archive = tmp_path / "bulk.zip"
    archive.write_bytes(data)
    with pytest.raises(DomainError) as raised:
        expand(archive, tmp_path / "work")
    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert list((tmp_path / "work").iterdir()) == []


@pytest.mark.parametrize("sample", ["polyglot", "junk_text", "empty"])
def test_refuses_files_that_do_not_start_as_a_zip(tmp_path, hostile, sample):
    with pytest.raises(DomainError) as raised:
        expand(hostile[sample], tmp_path, name="bulk.zip")
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.UNSUPPORTED_FILE_TYPE,
        "bulk.zip is not a ZIP archive: pack the resumes in a .zip file, or upload"
        " them one by one.",
    )


def test_reports_bad_members_and_carries_on(tmp_path, samples):
    archive = write_zip(
        tmp_path / "bulk.zip",
        [
            ("empty.pdf", b""),
            ("setup.exe", b"MZ\x90\x00" + bytes(100)),
            ("big.txt", RESUME * 30),
            ("resume.pdf", samples[FileKind.PDF]),
        ],
    )
    members = expand(archive, tmp_path / "work", IntakeLimits(max_file_bytes=1024))
    assert refusals(members) == [
        (
            "empty.pdf",
            ErrorCode.EMPTY_FILE,
            "empty.pdf in bulk.zip is empty: check that it was saved completely, then"
            " upload it again.",
        ),
        (
            "setup.exe",
            ErrorCode.UNSUPPORTED_FILE_TYPE,
            "setup.exe in bulk.zip is not a supported resume format: upload a PDF,"
            " DOCX, DOC, RTF, TXT, PNG, JPEG or TIFF file.",
        ),
        (
            "big.txt",
            ErrorCode.RESUME_TOO_LARGE,
            "big.txt in bulk.zip is larger than the 1 KB limit for one resume:"
            " compress its images or split it, then upload it again.",
        ),
    ]
    assert [m.size for m in members] == [0, 104, 1320, len(samples[FileKind.PDF])]
    assert accepted(members) == [
        ("resume.pdf", FileKind.PDF, len(samples[FileKind.PDF]))
    ]


def test_refuses_entry_with_unreadable_compression_method(tmp_path):
    archive = tmp_path / "bulk.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as writer:
        writer.writestr("resume.txt", RESUME)
        writer.getinfo("resume.txt").compress_type = 9  # Deflate64
        writer.writestr("other.txt", RESUME)
    members = expand(archive, tmp_path / "work")
    assert refusals(members) == [
        (
            "resume.txt",
            ErrorCode.UNSUPPORTED_FILE_TYPE,
            "resume.txt in bulk.zip uses a compression method we cannot read: create"
            " the archive again with standard (Deflate) compression.",
        )
    ]
    assert accepted(members) == [("other.txt", FileKind.TXT, len(RESUME))]


def test_member_names_in_messages_are_printable(tmp_path):
    archive = write_zip(tmp_path / "bulk.zip", [("cv\x1b[2J.exe", b"MZ" + bytes(64))])
    [member] = expand(archive, tmp_path / "work")
    assert member == ArchiveMember(
        name="cv\x1b[2J.exe", path=None, size=66, error=member.error
    )
    assert member.error.message.startswith("cv?[2J.exe in bulk.zip is not")


def test_counts_real_bytes_across_nested_archives_against_the_limit(tmp_path):
    # Each archive declares less than the limit; together they expand past it.
    inner = zip_bytes({"a.txt": RESUME * 40, "b.txt": RESUME * 40})
    archive = write_zip(
        tmp_path / "bulk.zip",
        [("first.txt", RESUME * 40), ("inner.zip", inner)],
        zipfile.ZIP_STORED,
    )
    limits = IntakeLimits(max_archive_expanded_bytes=4000, max_archive_depth=1)
    members = iter_archive(archive, limits, workdir=tmp_path / "work")
    first, second = next(members), next(members)
    assert [(first.name, first.size), (second.name, second.size)] == [
        ("first.txt", 1760),
        ("inner.zip/a.txt", 1760),
    ]
    with pytest.raises(DomainError) as raised:
        next(members)
    assert (raised.value.code, raised.value.message) == (
        ErrorCode.ARCHIVE_TOO_LARGE,
        "bulk.zip expands to more than 3.9 KB: split it into smaller archives.",
    )
    assert set((tmp_path / "work").iterdir()) == {first.path, second.path}
