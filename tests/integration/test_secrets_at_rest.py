"""Secrets at rest: after a sign-in, an API key minted and used, nothing in
PostgreSQL or Redis holds the password, the bearer token or the raw API key;
and secrets are read from Settings only."""

import ast
from pathlib import Path

from tortoise import Tortoise, connections

from domain.auth import hash_api_key
from domain.config import Settings
from domain.models import ApiKey, Role, User
from tests.factories import TEST_PASSWORD, make_user
from tests.graphql import gql

ROOT = Path(__file__).parents[2]
LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token userErrors { code } }
}"""
MINT = """mutation {
  apiKeyCreate(input: {name: "CRM", scopes: [CANDIDATES_READ]}) {
    secret userErrors { code }
  }
}"""


async def _database_text() -> str:
    """Every row of every table, as JSON text."""
    rows = []
    for app in Tortoise.apps.values():
        for model in app.values():
            table = model._meta.db_table
            result = await connections.get("default").execute_query_dict(
                f'SELECT row_to_json(t)::text AS row FROM "{table}" t'  # noqa: S608  # table names from the models
            )
            rows.extend(r["row"] for r in result)
    return "\n".join(rows)


async def _redis_bytes(queue) -> bytes:
    dumps = [await queue.dump(key) or b"" for key in await queue.keys("*")]
    return b"\n".join([*dumps, *(await queue.keys("*"))])


async def test_no_password_token_or_api_key_is_stored_in_the_clear(client, queue):
    user = await make_user(Role.RECRUITER, email="olga@example.com")
    signed_in = await gql(
        client, LOGIN, {"email": "olga@example.com", "password": TEST_PASSWORD}
    )
    token = signed_in["data"]["login"]["token"]
    minted = await gql(client, MINT, as_user=user)
    raw_key = minted["data"]["apiKeyCreate"]["secret"]
    used = await gql(client, "{ viewer { email } }", api_key=raw_key)
    assert used["data"] == {"viewer": {"email": "olga@example.com"}}

    secret_part = raw_key.rsplit("_", 1)[1]
    stored = await _database_text()
    in_redis = await _redis_bytes(queue)
    for secret in (TEST_PASSWORD, token, raw_key, secret_part):
        assert secret not in stored
        assert secret.encode() not in in_redis
    # What is stored instead: the key's SHA-256 and an argon2 password hash.
    key = await ApiKey.get(user_id=user.id)
    assert key.key_hash == hash_api_key(raw_key)
    assert len(key.key_hash) == 64
    assert (await User.get(id=user.id)).password_hash.startswith("$argon2")


def test_secret_settings_never_show_in_reprs_or_logs():
    settings = Settings(
        _env_file=None,
        jwt_secret="a-private-jwt-secret-of-some-length-123456",
        drive_client_secret="google-client-secret",
    )
    shown = repr(settings) + str(settings) + str(settings.model_dump())
    assert "a-private-jwt-secret" not in shown
    assert "google-client-secret" not in shown


# Reading the environment outside Settings: (file, why).
ENVIRONMENT_USERS = {
    "api/dev.py": "the dev CLI hands its environment to the processes it starts",
    "domain/extraction/ocr.py": "sets OMP_THREAD_LIMIT for Tesseract child processes",
}


def _environment_users() -> set[str]:
    found = set()
    for layer in ("api", "domain", "workers"):
        for path in (ROOT / layer).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in ("environ", "getenv", "environb")
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "os"
                ):
                    found.add(relative)
    return found


def test_only_settings_read_the_environment():
    # domain/config.py holds Settings (pydantic reads the environment for it).
    assert _environment_users() - {"domain/config.py"} == set(ENVIRONMENT_USERS)
