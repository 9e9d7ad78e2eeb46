"""Content-addressed file storage in a local directory, keyed by SHA-256 of the
plaintext; files are encrypted at rest (Fernet) when the store has a key."""

import errno
import hashlib
import io
import logging
import os
import re
import stat
import tempfile
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.fernet import Fernet, InvalidToken

from domain.errors import DomainError, ErrorCode, NotFound
from domain.intake.checks import display_name, resume_too_large

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
FILE_MODE = 0o640
DIR_MODE = 0o750
_KEY = re.compile(r"[0-9a-f]{64}")
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_TEMP_DIR = ".tmp"
# Encrypted files start with this line, then one Fernet token; files without it
# are plaintext (stored before a key was configured) and stay readable.
ENCRYPTED_MAGIC = b"HGENC1\n"


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    key: str


@contextmanager
def disk_full_as_storage_full(where: Path) -> Iterator[None]:
    """Turn ENOSPC/EDQUOT into STORAGE_FULL (logged with `where`, a directory)."""
    try:
        yield
    except OSError as error:
        if error.errno not in _DISK_FULL:
            raise
        logger.error("storage full dir=%s errno=%s", where, error.errno)
        raise DomainError(
            "The server's file storage is full: an administrator must free disk"
            " space or raise the disk quota, then the upload can be retried.",
            code=ErrorCode.STORAGE_FULL,
        ) from error


def read_chunks(path: Path) -> Generator[bytes, None, None]:
    """The bytes of a file in chunks of `CHUNK_BYTES`."""
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk


def _write_chunk(out: BinaryIO, chunk: bytes) -> None:
    out.write(chunk)


class FileStore:
    """Files stored once under `root/ab/cd/<sha256>`, written via a temp file."""

    def __init__(self, root: Path, *, encryption_key: str | None = None) -> None:
        self.root = root
        self._fernet = Fernet(encryption_key.encode()) if encryption_key else None

    @property
    def encrypts(self) -> bool:
        return self._fernet is not None

    def put_stream(
        self, chunks: Iterable[bytes], *, max_bytes: int, name: str = ""
    ) -> StoredFile:
        """Store the bytes; RESUME_TOO_LARGE past `max_bytes`, STORAGE_FULL on ENOSPC.

        Nothing is left behind on failure. The same bytes stored twice are one file.
        """
        temp: Path | None = None
        try:
            with disk_full_as_storage_full(self.root):
                self._make_dir(self.root / _TEMP_DIR)
                fd, temp_name = tempfile.mkstemp(dir=self.root / _TEMP_DIR)
                temp = Path(temp_name)
                with os.fdopen(fd, "wb") as out:
                    sha256, size = self._write(chunks, out, max_bytes, name)
                    out.flush()
                    os.fchmod(out.fileno(), FILE_MODE)
                    os.fsync(out.fileno())
                return self._commit(temp, sha256, size)
        finally:
            if temp is not None:
                temp.unlink(missing_ok=True)

    def put_path(
        self, path: Path, *, max_bytes: int, name: str = "", move: bool = False
    ) -> StoredFile:
        """Store a file's bytes; with `move` the file is consumed.

        A moved file on the store's filesystem is renamed in (when it is a plain
        file with no other link); any other file is copied.
        """
        with disk_full_as_storage_full(self.root):
            self._make_dir(self.root)
            if move and not self.encrypts and self._can_rename_in(path):
                sha256, size = _hash_file(path, max_bytes, name)
                path.chmod(FILE_MODE)
                return self._commit(path, sha256, size)
        with closing(read_chunks(path)) as chunks:
            stored = self.put_stream(chunks, max_bytes=max_bytes, name=name)
        if move:
            path.unlink()
        return stored

    def path(self, key: str) -> Path:
        """Where the file for `key` lives; a key is 64 lowercase hex characters."""
        if not _KEY.fullmatch(key):
            raise DomainError(
                "Not a stored file key: keys are 64 lowercase hexadecimal characters"
                " (a SHA-256).",
                field="key",
            )
        return self.root / key[:2] / key[2:4] / key

    def open(self, key: str) -> BinaryIO:
        """The stored file, open for reading; NotFound when it is not stored."""
        try:
            return self.path(key).open("rb")
        except FileNotFoundError:
            raise NotFound(
                f"No stored file has the key {key}: upload the file again.",
                field="key",
            ) from None

    def read_bytes(self, key: str) -> bytes:
        """The stored file's plaintext, decrypted when it was stored encrypted."""
        with self.open(key) as file:
            return self._plaintext(file.read(), key)

    def is_encrypted(self, key: str) -> bool:
        with self.open(key) as file:
            return file.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC

    @contextmanager
    def plain_path(self, key: str) -> Iterator[Path]:
        """A path holding the plaintext, for readers that need a file (PyMuPDF,
        converters): the stored file itself, or a decrypted temp copy (mode 0600,
        removed on exit; the sweep removes one a killed process left behind)."""
        if not self.is_encrypted(key):
            yield self.path(key)
            return
        self._make_dir(self.root / _TEMP_DIR)
        fd, temp_name = tempfile.mkstemp(dir=self.root / _TEMP_DIR)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(self.read_bytes(key))
            yield temp
        finally:
            temp.unlink(missing_ok=True)

    def _write(
        self, chunks: Iterable[bytes], out: BinaryIO, max_bytes: int, name: str
    ) -> tuple[str, int]:
        """Copy (or encrypt) the chunks to `out`; the digest is of the plaintext, so
        deduplication works the same with and without encryption."""
        if self._fernet is None:
            return _copy(chunks, out, max_bytes, name)
        plain = io.BytesIO()  # bounded by max_bytes (a resume: a few MB)
        sha256, size = _copy(chunks, plain, max_bytes, name)
        out.write(ENCRYPTED_MAGIC + self._fernet.encrypt(plain.getvalue()))
        return sha256, size

    def _plaintext(self, data: bytes, key: str) -> bytes:
        if not data.startswith(ENCRYPTED_MAGIC):
            return data
        if self._fernet is None:
            raise DomainError(
                f"The stored file {key} is encrypted and no STORAGE_ENCRYPTION_KEY"
                " is configured: set the key it was stored with.",
                field="key",
            )
        try:
            return self._fernet.decrypt(data[len(ENCRYPTED_MAGIC) :])
        except InvalidToken as exc:
            raise DomainError(
                f"The stored file {key} cannot be decrypted with the configured"
                " STORAGE_ENCRYPTION_KEY: set the key it was stored with.",
                field="key",
            ) from exc

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        """Remove the stored file; a key that is not stored is not an error."""
        self.path(key).unlink(missing_ok=True)

    def stale_keys(self, *, older_than: float) -> Iterator[str]:
        """Keys of stored files last written before `older_than` (a Unix time)."""
        for path in self.root.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*"):
            if _KEY.fullmatch(path.name) and _mtime(path) < older_than:
                yield path.name

    def remove_stale_temp_files(self, *, older_than: float) -> int:
        """Remove temp files a killed process left behind; returns how many."""
        removed = 0
        for path in (self.root / _TEMP_DIR).glob("*"):
            if _mtime(path) < older_than:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _commit(self, source: Path, sha256: str, size: int) -> StoredFile:
        """Rename `source` to its content address, or drop it if already stored."""
        target = self.path(sha256)
        self._make_dir(target.parent)
        if target.exists():
            source.unlink()
            # Fresh again: the orphan sweep spares files stored within its grace
            # period, so a new upload of old bytes is never swept under it.
            os.utime(target)
        else:
            os.replace(source, target)
            _fsync_dir(target.parent)
        return StoredFile(sha256=sha256, size=size, key=sha256)

    def _can_rename_in(self, path: Path) -> bool:
        status = path.lstat()
        return (
            stat.S_ISREG(status.st_mode)
            and status.st_nlink == 1
            and status.st_dev == self.root.stat().st_dev
        )

    def _make_dir(self, path: Path) -> None:
        if path.is_dir():
            return
        if path != self.root:
            self._make_dir(path.parent)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            return
        path.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask.


def _copy(
    chunks: Iterable[bytes], out: BinaryIO | None, max_bytes: int, name: str
) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise resume_too_large(display_name(name), max_bytes)
        digest.update(chunk)
        if out is not None:
            _write_chunk(out, chunk)
    return digest.hexdigest(), size


def _hash_file(path: Path, max_bytes: int, name: str) -> tuple[str, int]:
    if path.stat().st_size > max_bytes:
        raise resume_too_large(display_name(name), max_bytes)
    with closing(read_chunks(path)) as chunks:
        return _copy(chunks, None, max_bytes, name)


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except FileNotFoundError:  # removed meanwhile: never stale
        return float("inf")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
