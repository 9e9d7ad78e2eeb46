"""Resume files encrypted at rest: keyed by the plaintext's SHA-256, decrypted on
read, with files stored before a key was configured still readable."""

import hashlib
import stat

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from domain.config import Settings
from domain.errors import DomainError
from domain.intake.storage import ENCRYPTED_MAGIC, FileStore

RESUME = b"Jane Doe\njane@example.com\nPython developer.\n"
SHA = hashlib.sha256(RESUME).hexdigest()
KEY = Fernet.generate_key().decode()


@pytest.fixture
def store(tmp_path):
    return FileStore(tmp_path / "files", encryption_key=KEY)


def test_stored_bytes_are_encrypted_and_keyed_by_the_plaintext(store):
    stored = store.put_stream([RESUME[:7], RESUME[7:]], max_bytes=1024)

    on_disk = store.path(SHA).read_bytes()
    assert (stored.key, stored.sha256, stored.size) == (SHA, SHA, len(RESUME))
    assert on_disk.startswith(ENCRYPTED_MAGIC)
    assert b"jane@example.com" not in on_disk
    assert store.read_bytes(SHA) == RESUME
    assert store.is_encrypted(SHA) is True


def test_the_same_plaintext_twice_is_one_file(store):
    store.put_stream([RESUME], max_bytes=1024)
    store.put_stream([RESUME[:3], RESUME[3:]], max_bytes=1024)

    assert [p.name for p in store.root.rglob(SHA)] == [SHA]


def test_a_moved_file_is_encrypted_not_renamed_in(store, tmp_path):
    source = tmp_path / "upload.txt"
    source.write_bytes(RESUME)

    stored = store.put_path(source, max_bytes=1024, move=True)

    assert source.exists() is False
    assert store.path(stored.key).read_bytes().startswith(ENCRYPTED_MAGIC)
    assert store.read_bytes(stored.key) == RESUME


def test_a_file_stored_before_the_key_stays_readable(tmp_path):
    plain = FileStore(tmp_path / "files")
    plain.put_stream([RESUME], max_bytes=1024)
    keyed = FileStore(tmp_path / "files", encryption_key=KEY)

    with keyed.plain_path(SHA) as path:
        assert path == keyed.path(SHA)
        assert path.read_bytes() == RESUME
    assert keyed.read_bytes(SHA) == RESUME
    assert keyed.is_encrypted(SHA) is False


def test_plain_path_of_an_encrypted_file_is_a_private_temp_copy(store):
    store.put_stream([RESUME], max_bytes=1024)

    with store.plain_path(SHA) as path:
        assert path.parent == store.root / ".tmp"
        assert path.read_bytes() == RESUME
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.exists() is False


def test_a_wrong_key_says_which_key_to_set(store, tmp_path):
    store.put_stream([RESUME], max_bytes=1024)
    wrong = FileStore(store.root, encryption_key=Fernet.generate_key().decode())
    keyless = FileStore(store.root)

    with pytest.raises(DomainError) as wrong_key:
        wrong.read_bytes(SHA)
    with pytest.raises(DomainError) as no_key:
        keyless.read_bytes(SHA)

    assert wrong_key.value.message == (
        f"The stored file {SHA} cannot be decrypted with the configured"
        " STORAGE_ENCRYPTION_KEY: set the key it was stored with."
    )
    assert no_key.value.message == (
        f"The stored file {SHA} is encrypted and no STORAGE_ENCRYPTION_KEY is"
        " configured: set the key it was stored with."
    )


def test_settings_refuse_a_key_that_is_not_a_fernet_key():
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None, storage_encryption_key="not-a-key")

    assert "storage_encryption_key" in str(error.value)
    assert "must be a Fernet key" in str(error.value)
    assert Settings(_env_file=None, storage_encryption_key=KEY).storage_key == KEY
    assert Settings(_env_file=None).storage_key is None
