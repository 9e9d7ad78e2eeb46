"""The LLM settings the domain needs, taken from `Settings` once at start."""

from dataclasses import dataclass, field

from domain.config import Settings

PRICE_FALLBACK_KEY = "*"


@dataclass(frozen=True)
class LlmOptions:
    """`prices` are USD per million tokens, (input, output), by model name."""

    api_key: str
    base_url: str | None = None
    api_version: str | None = None
    chat_model: str = "gpt-4o-mini"
    embedding_model: str | None = None
    concurrency: int = 4
    timeout_seconds: float = 60.0
    max_retries: int = 3
    monthly_budget_usd: float = 20.0
    prices: dict[str, tuple[float, float]] = field(default_factory=dict)
    send_contacts: bool = False
    breaker_failures: int = 5  # consecutive failures that open the circuit
    breaker_cooldown_seconds: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> "LlmOptions | None":
        """None when no key is configured: everything stays local."""
        if not settings.llm_enabled or settings.openai_api_key is None:
            return None
        return cls(
            api_key=settings.openai_api_key.get_secret_value(),
            base_url=settings.openai_base_url,
            api_version=settings.openai_api_version,
            chat_model=settings.openai_chat_model,
            embedding_model=settings.openai_embedding_model,
            concurrency=settings.llm_concurrency,
            timeout_seconds=settings.llm_timeout_seconds,
            max_retries=settings.llm_max_retries,
            monthly_budget_usd=settings.llm_monthly_budget_usd,
            prices=dict(settings.llm_prices),
            send_contacts=settings.llm_send_contacts,
        )

    def cost_usd(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        """The estimated cost of a call from the price table."""
        price_in, price_out = self.prices.get(
            model, self.prices.get(PRICE_FALLBACK_KEY, (0.0, 0.0))
        )
        return (prompt_tokens * price_in + completion_tokens * price_out) / 1_000_000
