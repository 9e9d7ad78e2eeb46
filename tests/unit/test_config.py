"""Settings fail at start, naming the variable, when a value is bad."""

import pytest
from pydantic import ValidationError

from domain.config import Settings


def test_bad_port_names_the_variable(monkeypatch):
    monkeypatch.setenv("API_PORT", "eighty")
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None)
    assert [e["loc"] for e in raised.value.errors()] == [("api_port",)]


def test_short_jwt_secret_is_refused():
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(_env_file=None, jwt_secret="short")


def test_production_needs_its_own_secret_and_servers():
    with pytest.raises(ValidationError, match="JWT_SECRET must be set"):
        Settings(_env_file=None, environment="production")
    with pytest.raises(ValidationError, match="DATABASE_URL and REDIS_URL must be set"):
        Settings(_env_file=None, environment="production", jwt_secret="p" * 40)


def test_defaults_run_the_embedded_setup():
    settings = Settings(_env_file=None)
    assert (settings.database_url, settings.redis_url) == (None, None)
    assert settings.uses_dev_secret is True
