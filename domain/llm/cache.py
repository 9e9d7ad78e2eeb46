"""Validated answers keyed by (model, prompt version, content hash), kept in
PostgreSQL so that every worker shares them and a re-upload costs nothing."""

from typing import Any

from domain.models import LlmCacheEntry


async def find_answer(
    model: str, prompt_version: str, content_hash: str
) -> dict[str, Any] | None:
    entry = await LlmCacheEntry.get_or_none(
        model=model, prompt_version=prompt_version, content_hash=content_hash
    )
    return None if entry is None else entry.answer


async def store_answer(
    model: str, prompt_version: str, content_hash: str, answer: dict[str, Any]
) -> None:
    """Two workers may store the same answer at once: the first one stays."""
    await LlmCacheEntry.get_or_create(
        model=model,
        prompt_version=prompt_version,
        content_hash=content_hash,
        defaults={"answer": answer},
    )
