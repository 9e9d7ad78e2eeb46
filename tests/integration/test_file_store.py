"""The file store keeps each content once, under its SHA-256, on a real disk."""

import errno
import hashlib
import os
import stat
from pathlib import Path

import pytest

from domain.errors import DomainError, ErrorCode, NotFound
from domain.intake import storage
from domain.intake.storage import FileStore, StoredFile

RESUME = b"Jane Doe\njane@example.com\nPython developer.\n"
SHA = hashlib.sha256(RESUME).hexdigest()


@pytest.fixture
def store(tmp_path):
    return FileStore(tmp_path / "files")


def files_under(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
    )


def test_stores_bytes_under_their_sha256(store):
    stored = store.put_stream([RESUME[:10], RESUME[10:]], max_bytes=1024)
    assert stored == StoredFile(sha256=SHA, size=len(RESUME), key=SHA)
    assert store.path(SHA) == store.root / SHA[:2] / SHA[2:4] / SHA
    assert store.path(SHA).read_bytes() == RESUME
    assert files_under(store.root) == [f"{SHA[:2]}/{SHA[2:4]}/{SHA}"]


def test_storing_the_same_bytes_twice_keeps_one_file(store):
    first = store.put_stream([RESUME], max_bytes=1024)
    second = store.put_stream([RESUME[:5], RESUME[5:]], max_bytes=1024)
    assert first == second
    assert files_under(store.root) == [f"{SHA[:2]}/{SHA[2:4]}/{SHA}"]


def test_stores_an_empty_stream(store):
    stored = store.put_stream([], max_bytes=1024)
    assert (stored.size, stored.key) == (0, hashlib.sha256(b"").hexdigest())


def test_refuses_stream_over_max_bytes_and_leaves_nothing(store):
    with pytest.raises(DomainError) as raised:
        store.put_stream([RESUME] * 30, max_bytes=1024, name="cv.pdf")
    assert (raised.value.code, raised.value.message, raised.value.field) == (
        ErrorCode.RESUME_TOO_LARGE,
        "cv.pdf is larger than the 1 KB limit for one resume: compress its images or"
        " split it, then upload it again.",
        "file",
    )
    assert files_under(store.root) == []


def test_stops_reading_the_stream_at_max_bytes(store):
    consumed = []

    def chunks():
        for index in range(1000):
            consumed.append(index)
            yield bytes(512)

    with pytest.raises(DomainError):
        store.put_stream(chunks(), max_bytes=1024)
    assert consumed == [0, 1, 2]


def test_files_and_folders_are_private(store):
    old_umask = os.umask(0o022)
    try:
        store.put_stream([RESUME], max_bytes=1024)
    finally:
        os.umask(old_umask)
    path = store.path(SHA)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [
        stat.S_IMODE(p.stat().st_mode) for p in (path.parent, path.parent.parent)
    ] == [
        0o750,
        0o750,
    ]
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o750


def test_put_path_copies_a_file_in(store, tmp_path):
    source = tmp_path / "upload.bin"
    source.write_bytes(RESUME)
    assert store.put_path(source, max_bytes=1024).key == SHA
    assert source.read_bytes() == RESUME
    with store.open(SHA) as stored:
        assert stored.read() == RESUME


def test_put_path_moves_a_file_in(store, tmp_path):
    source = tmp_path / "upload.bin"
    source.write_bytes(RESUME)
    assert store.put_path(source, max_bytes=1024, move=True).key == SHA
    assert not source.exists()
    assert store.path(SHA).read_bytes() == RESUME
    assert stat.S_IMODE(store.path(SHA).stat().st_mode) == 0o640


def test_moving_in_a_symlink_copies_its_target_and_removes_the_link(store, tmp_path):
    target = tmp_path / "target.txt"
    target.write_bytes(RESUME)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert store.put_path(link, max_bytes=1024, move=True).key == SHA
    assert not link.is_symlink()
    assert target.read_bytes() == RESUME
    assert store.path(SHA).is_file()
    assert not store.path(SHA).is_symlink()


def test_moving_in_bytes_already_stored_drops_the_file(store, tmp_path):
    store.put_stream([RESUME], max_bytes=1024)
    source = tmp_path / "again.bin"
    source.write_bytes(RESUME)
    assert store.put_path(source, max_bytes=1024, move=True).key == SHA
    assert not source.exists()
    assert files_under(store.root) == [f"{SHA[:2]}/{SHA[2:4]}/{SHA}"]


def test_put_path_refuses_a_file_over_max_bytes_and_keeps_it(store, tmp_path):
    source = tmp_path / "big.pdf"
    source.write_bytes(RESUME * 30)
    with pytest.raises(DomainError) as raised:
        store.put_path(source, max_bytes=1024, name="big.pdf", move=True)
    assert raised.value.code is ErrorCode.RESUME_TOO_LARGE
    assert source.exists()
    assert files_under(store.root) == []


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "/etc/passwd",
        SHA.upper(),
        SHA[:63],
        SHA + "0",
        SHA + "\n",
        "g" * 64,
        "",
    ],
)
def test_rejects_keys_that_are_not_a_sha256(store, key):
    for use in (store.path, store.open, store.exists, store.delete):
        with pytest.raises(DomainError) as raised:
            use(key)
        assert (raised.value.code, raised.value.message, raised.value.field) == (
            ErrorCode.INVALID_INPUT,
            "Not a stored file key: keys are 64 lowercase hexadecimal characters (a"
            " SHA-256).",
            "key",
        )


def test_open_of_a_missing_key_is_not_found(store):
    with pytest.raises(NotFound) as raised:
        store.open(SHA)
    assert raised.value.message == (
        f"No stored file has the key {SHA}: upload the file again."
    )


def test_delete_removes_the_file_and_is_idempotent(store):
    store.put_stream([RESUME], max_bytes=1024)
    assert store.exists(SHA) is True
    store.delete(SHA)
    assert store.exists(SHA) is False
    store.delete(SHA)
    assert files_under(store.root) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_full_disk_raises_storage_full_and_leaves_nothing(
    store, monkeypatch, caplog, code
):
    # A full disk cannot be arranged portably without root: fail the write itself.
    def full(out, chunk):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage, "_write_chunk", full)
    with pytest.raises(DomainError) as raised:
        store.put_stream([RESUME], max_bytes=1024)
    assert (raised.value.code, raised.value.message, raised.value.field) == (
        ErrorCode.STORAGE_FULL,
        "The server's file storage is full: an administrator must free disk space or"
        " raise the disk quota, then the upload can be retried.",
        None,
    )
    assert files_under(store.root) == []
    assert [r.getMessage() for r in caplog.records] == [
        f"storage full dir={store.root} errno={code}"
    ]


def test_other_write_errors_are_not_storage_full(store, monkeypatch):
    def broken(out, chunk):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(storage, "_write_chunk", broken)
    with pytest.raises(OSError, match="I/O error"):
        store.put_stream([RESUME], max_bytes=1024)
    assert files_under(store.root) == []
