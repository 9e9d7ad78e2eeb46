"""Plain-language match reasons written by the model from a match's evidence: the
LLM variant of `domain/matching/reasons.py`, used only when a model is configured.
The model sees the job title, the factors' evidence and the template sentences,
never the candidate's name or contacts; a sentence with a number the evidence
does not hold is dropped, and with nothing left the template reasons stand."""

import json
import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict
from pydantic import Field as Constraint

from domain.llm.asking import BudgetSpent, Unusable, ask
from domain.llm.client import LlmClient

PROMPT_VERSION = "match-reasons-v1"
PURPOSE = "match_reasons"
MAX_SENTENCES = 5
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

SYSTEM_PROMPT = """You explain to a recruiter why a candidate fits a job. Write short,
plain sentences from the evidence only: never add skills, years, degrees or places
that the evidence does not state. `strengths` say what fits, `gaps` what does not;
at most five of each; no names."""


class LlmReasons(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    strengths: list[str] = Constraint(max_length=10)
    gaps: list[str] = Constraint(max_length=10)


@dataclass(frozen=True)
class GeneratedReasons:
    strengths: tuple[str, ...]
    gaps: tuple[str, ...]
    model: str


def reasons_prompt(
    job_title: str, factors: dict[str, Any], local: dict[str, list[str]]
) -> str:
    return (
        f"Job: {job_title}\n\nEvidence (JSON):\n"
        + json.dumps(factors, ensure_ascii=False, sort_keys=True)
        + "\n\nTemplate reasons (JSON):\n"
        + json.dumps(local, ensure_ascii=False, sort_keys=True)
    )


def grounded(sentences: list[str], evidence: str) -> tuple[str, ...]:
    """The sentences whose every number is written in `evidence` (the prompt),
    trimmed, at most `MAX_SENTENCES`."""
    known = set(_NUMBER.findall(evidence))
    kept = [
        s.strip()
        for s in sentences
        if s.strip() and all(n in known for n in _NUMBER.findall(s))
    ]
    return tuple(kept[:MAX_SENTENCES])


async def explain_match(
    llm: LlmClient,
    *,
    job_title: str,
    factors: dict[str, Any],
    local: dict[str, list[str]],
    user_id: UUID | None,
) -> GeneratedReasons | None:
    """None when the model cannot be used or wrote nothing grounded: callers
    show the template reasons."""
    prompt = reasons_prompt(job_title, factors, local)
    try:
        answer = await ask(
            llm,
            LlmReasons,
            purpose=PURPOSE,
            prompt_version=PROMPT_VERSION,
            system=SYSTEM_PROMPT,
            user=prompt,
            user_id=user_id,
        )
    except (Unusable, BudgetSpent):
        return None
    strengths = grounded(answer.strengths, prompt)
    gaps = grounded(answer.gaps, prompt)
    if not strengths and not gaps:
        return None
    return GeneratedReasons(strengths, gaps, llm.options.chat_model)
