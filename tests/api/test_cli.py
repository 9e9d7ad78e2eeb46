"""The `hotgigs` command, run as a newcomer runs it (a real process)."""

import json
import os
import subprocess
import sys

import jwt
import pytest

from domain.models import Pool, User
from tests.conftest import TEST_JWT_SECRET


def _hotgigs(settings, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "JWT_SECRET": TEST_JWT_SECRET,
        "DATA_DIR": str(settings.data_dir),
    }
    return subprocess.run(  # noqa: S603  # our own interpreter and module
        [sys.executable, "-c", "from api.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [[], ["serve"], ["worker"], ["dev"], ["migrate"], ["user", "create"], ["token"]],
)
def test_every_command_explains_itself(settings, command):
    result = _hotgigs(settings, *command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: hotgigs")


async def test_user_create_then_token_print_working_tokens(settings, db):
    created = _hotgigs(
        settings,
        "user",
        "create",
        "--email",
        "Ops@Example.com",
        "--role",
        "recruiter",
        "--password-stdin",
        stdin="long enough password\n",
    )
    assert created.returncode == 0, created.stderr
    user = await User.get(email="ops@example.com")
    claims = jwt.decode(created.stdout.strip(), TEST_JWT_SECRET, algorithms=["HS256"])
    assert (claims["sub"], claims["role"]) == (str(user.id), "recruiter")
    assert await Pool.filter(owner_id=user.id, is_default=True).count() == 1

    again = _hotgigs(settings, "token", "--email", "ops@example.com")
    assert again.returncode == 0
    assert jwt.decode(again.stdout.strip(), TEST_JWT_SECRET, algorithms=["HS256"])[
        "sub"
    ] == (str(user.id))


async def test_user_create_refuses_a_taken_email_and_token_an_unknown_one(settings, db):
    args = ["user", "create", "--email", "a@example.com", "--role", "admin"]
    assert _hotgigs(settings, *args).returncode == 0
    taken = _hotgigs(settings, *args)
    assert (taken.returncode, taken.stdout) == (
        1,
        "error: a@example.com is already registered: sign in instead.\n",
    )
    unknown = _hotgigs(settings, "token", "--email", "nobody@example.com")
    assert (unknown.returncode, unknown.stdout) == (
        1,
        "error: no active user is registered as nobody@example.com\n",
    )


async def test_migrate_is_idempotent(settings, migrated):
    result = _hotgigs(settings, "migrate")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Database is up to date.\n"


def test_parse_prints_one_json_object_per_file_without_servers(settings, tmp_path):
    from tests.samples.resumes import docx_resume

    resume = tmp_path / "grace.docx"
    resume.write_bytes(docx_resume())
    binary = tmp_path / "tool.bin"
    binary.write_bytes(b"\x7fELF\x00\x00\x01" * 20)
    env_free = settings.model_copy(update={"database_url": "", "redis_url": ""})
    result = _hotgigs(env_free, "parse", "--jsonl", str(resume), str(binary))
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["file"], first["name"]["value"], first["email"]["value"]) == (
        str(resume),
        "Grace Hopper",
        "grace.hopper@example.com",
    )
    assert first["parser_version"] == "local-1"
    assert second["file"] == str(binary)
    assert second["error"]["code"] == "UNSUPPORTED_FILE_TYPE"
