"""The one way out to the model: the real `openai` client with bounded concurrency,
timeouts, its retries (backoff on 429/5xx, honouring Retry-After) and a circuit
breaker. Every failure becomes `LlmFailure`, which callers answer with the local
result."""

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from domain.llm.breaker import CircuitBreaker
from domain.llm.options import LlmOptions

if TYPE_CHECKING:
    import openai

logger = logging.getLogger(__name__)
# `openai` takes about 2 s to import and every worker process (and each child of
# its process pool, which re-imports the worker's main module) imports this
# package: it is imported when a client is made, so that no key costs nothing.


class LlmFailure(Exception):  # a fact, like the other domain errors
    """The model gave no usable answer; `reason` is a short code for the record."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Usage:
    model: str
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class ChatAnswer:
    content: str
    usage: Usage


@dataclass(frozen=True)
class EmbeddingAnswer:
    vectors: list[list[float]]
    usage: Usage


def _reason(exc: "openai.OpenAIError") -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.RateLimitError):
        return "rate_limited"
    if isinstance(exc, openai.APIStatusError):
        return "server_error" if exc.status_code >= 500 else f"http_{exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "unreachable"
    return "bad_response"


class LlmClient:
    """One per worker process; safe to share between its concurrent jobs."""

    def __init__(self, options: LlmOptions) -> None:
        from openai import AsyncAzureOpenAI, AsyncOpenAI

        self.options = options
        common: dict[str, Any] = {
            "api_key": options.api_key,
            "timeout": options.timeout_seconds,
            "max_retries": options.max_retries,
        }
        # Azure-style servers: the deployment is in the base URL, the version
        # a query parameter, and the key an `api-key` header.
        self._client: openai.AsyncOpenAI = (
            AsyncAzureOpenAI(
                base_url=options.base_url,
                api_version=options.api_version,
                **common,
            )
            if options.api_version and options.base_url
            else AsyncOpenAI(base_url=options.base_url, **common)
        )
        self._limit = asyncio.Semaphore(options.concurrency)
        self.breaker = CircuitBreaker(
            failures=options.breaker_failures,
            cooldown_seconds=options.breaker_cooldown_seconds,
        )

    async def close(self) -> None:
        await self._client.close()

    async def chat_json(
        self, *, system: str, user: str, schema_name: str, schema: dict[str, Any]
    ) -> ChatAnswer:
        """A chat completion constrained to `schema` (structured output); the
        content is returned unparsed: the caller validates it."""
        response = await self._call(
            self._client.chat.completions.create(
                model=self.options.chat_model,
                messages=[
                    {"role": "system", "content": system},
                    {"role": "user", "content": user},
                ],
                response_format={
                    "type": "json_schema",
                    "json_schema": {
                        "name": schema_name,
                        "strict": True,
                        "schema": schema,
                    },
                },
                temperature=0,
            )
        )
        if not response.choices or response.choices[0].message.content is None:
            raise LlmFailure("empty_answer")
        usage = response.usage
        return ChatAnswer(
            content=response.choices[0].message.content,
            usage=Usage(
                response.model or self.options.chat_model,
                usage.prompt_tokens if usage else 0,
                usage.completion_tokens if usage else 0,
            ),
        )

    async def embed(self, texts: Sequence[str], model: str) -> EmbeddingAnswer:
        response = await self._call(
            self._client.embeddings.create(model=model, input=list(texts))
        )
        rows = sorted(response.data, key=lambda item: item.index)
        if len(rows) != len(texts):
            raise LlmFailure("bad_response", "embedding count differs")
        return EmbeddingAnswer(
            vectors=[list(row.embedding) for row in rows],
            usage=Usage(model, response.usage.prompt_tokens, 0),
        )

    async def _call(self, request: Any) -> Any:
        """Await `request` inside the concurrency bound and the breaker."""
        import openai

        if not self.breaker.allow():
            request.close()  # the coroutine was never started
            raise LlmFailure("circuit_open", "the model failed repeatedly; local only")
        async with self._limit:
            try:
                result = await request
            except openai.OpenAIError as exc:
                self.breaker.record_failure()
                logger.warning("llm call failed reason=%s", _reason(exc))
                raise LlmFailure(_reason(exc), str(exc)[:200]) from exc
        self.breaker.record_success()
        return result
