"""LLM settings and the circuit breaker, without a server."""

import pytest
from pydantic import SecretStr

from domain.config import Settings
from domain.llm.breaker import CircuitBreaker
from domain.llm.options import LlmOptions


def test_no_key_means_local_only():
    settings = Settings(_env_file=None)
    assert settings.llm_enabled is False
    assert LlmOptions.from_settings(settings) is None


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    monkeypatch.setenv("LLM_PRICES", '{"llama3.1:8b": [0, 0]}')
    monkeypatch.setenv("LLM_MONTHLY_BUDGET_USD", "7.5")
    options = LlmOptions.from_settings(Settings(_env_file=None))
    assert options is not None
    assert options.base_url == "http://localhost:11434/v1"
    assert options.monthly_budget_usd == 7.5
    assert options.cost_usd("llama3.1:8b", 10_000, 10_000) == 0.0
    assert options.send_contacts is False


def test_cost_uses_the_price_table_and_its_fallback():
    options = LlmOptions(api_key="k", prices={"m": (0.15, 0.60), "*": (1.0, 4.0)})
    assert options.cost_usd("m", 1_000_000, 1_000_000) == pytest.approx(0.75)
    assert options.cost_usd("other", 1_000, 1_000) == pytest.approx(0.005)


def test_a_bad_budget_names_the_variable(monkeypatch):
    monkeypatch.setenv("LLM_MONTHLY_BUDGET_USD", "-1")
    with pytest.raises(ValueError, match="llm_monthly_budget_usd"):
        Settings(_env_file=None, openai_api_key=SecretStr("k"))


def test_breaker_opens_rests_and_tries_once():
    now = [0.0]
    breaker = CircuitBreaker(failures=2, cooldown_seconds=10, clock=lambda: now[0])
    breaker.record_failure()
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow()
    now[0] = 10.0
    assert breaker.allow()  # one trial call
    assert not breaker.allow()  # and only one
    breaker.record_failure()
    assert not breaker.allow()  # reopened
    now[0] = 20.0
    assert breaker.allow()
    breaker.record_success()
    assert breaker.allow()
    assert not breaker.is_open
