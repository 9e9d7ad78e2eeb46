"""One question to the model with a pydantic answer type: the cache first, then
the budget, then the call; every call recorded with its tokens and cost. Any
problem raises `Unusable` (with the outcome code) so callers keep the local result."""

import json
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, ValidationError

from domain.llm.cache import find_answer, store_answer
from domain.llm.client import LlmClient, LlmFailure
from domain.llm.structuring import content_hash
from domain.llm.usage import month_usage, record_call

A = TypeVar("A", bound=BaseModel)


class Unusable(Exception):  # carries the outcome code
    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


class BudgetSpent(Exception):  # a state, not an error
    """The recruiter's monthly budget is spent: nothing was sent."""


async def ask(
    llm: LlmClient,
    answer_type: type[A],
    *,
    purpose: str,
    prompt_version: str,
    system: str,
    user: str,
    user_id: UUID | None,
) -> A:
    options = llm.options
    model = options.chat_model
    key = content_hash(user)
    cached = await find_answer(model, prompt_version, key)
    if cached is not None:
        await record_call(
            options, user_id=user_id, purpose=purpose, model=model, cached=True
        )
        return answer_type.model_validate(cached)
    if (await month_usage(options, user_id)).paused:
        raise BudgetSpent
    try:
        chat = await llm.chat_json(
            system=system,
            user=user,
            schema_name=purpose,
            schema=answer_type.model_json_schema(),
        )
    except LlmFailure as exc:
        await record_call(
            options, user_id=user_id, purpose=purpose, model=model, outcome=exc.reason
        )
        raise Unusable(exc.reason) from exc
    outcome, answer = _validate(answer_type, chat.content)
    await record_call(
        options,
        user_id=user_id,
        purpose=purpose,
        model=model,
        usage=chat.usage,
        outcome=outcome,
    )
    if answer is None:
        raise Unusable(outcome)
    await store_answer(model, prompt_version, key, answer.model_dump(mode="json"))
    return answer


def _validate(answer_type: type[A], content: str) -> tuple[str, A | None]:
    try:
        data: Any = json.loads(content)
    except json.JSONDecodeError:
        return "malformed_json", None
    try:
        return "ok", answer_type.model_validate(data)
    except ValidationError:
        return "schema_violation", None
