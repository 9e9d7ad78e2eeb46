"""Job-description refinement: the model sorts the posting's skills into required
and preferred, as a suggestion beside the local analysis (a recruiter applies it
with the usual analysis edits). A skill the description does not name is refused."""

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from pydantic import BaseModel, ConfigDict
from tortoise.expressions import Subquery

from domain.access import Viewer, visible_jobs
from domain.llm.asking import BudgetSpent, Unusable, ask
from domain.llm.client import LlmClient
from domain.llm.grounding import ResumeText
from domain.matching.model import (
    JobAnalysis,
    SkillRequirement,
    load_analysis,
    same_skill,
    skill_requirement,
)
from domain.models import Job, JobRefinement, JobStatus
from domain.parsing.taxonomy import Taxonomy

logger = logging.getLogger(__name__)
PROMPT_VERSION = "job-requirements-v1"
PURPOSE = "job_requirements"
MAX_DESCRIPTION_CHARS = 16_000
SYSTEM_PROMPT = """You read job postings. List the skills the posting asks for, as
written in it, under `required` (must have) or `preferred` (nice to have, a plus,
ideally). Never add a skill the posting does not name. The local analysis may have
sorted some wrongly: correct it."""


class LlmRequirements(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    required: list[str]
    preferred: list[str]


@dataclass(frozen=True)
class Refinement:
    required: tuple[str, ...]
    preferred: tuple[str, ...]
    moved: tuple[str, ...]  # skills the model put in the other list
    added: tuple[str, ...]  # skills the local analysis missed
    rejected: tuple[str, ...]  # names the description does not hold


def description_hash(title: str, description: str) -> str:
    return hashlib.sha256(f"{title}\n{description}".encode()).hexdigest()


def refine(
    analysis: JobAnalysis,
    answer: LlmRequirements,
    description: str,
    taxonomy: Taxonomy,
) -> Refinement:
    text = ResumeText(description)
    lists: dict[str, list[SkillRequirement]] = {"required": [], "preferred": []}
    moved: list[str] = []
    added: list[str] = []
    rejected: list[str] = []
    local = {
        "required": analysis.required_skills,
        "preferred": analysis.preferred_skills,
    }
    for kind, other, names in (
        ("required", "preferred", answer.required),
        ("preferred", "required", answer.preferred),
    ):
        for name in names:
            if not name.strip() or text.find(name) is None:
                rejected.append(name)
                continue
            skill = skill_requirement(name, taxonomy)
            if any(
                same_skill(skill, s) for s in lists["required"] + lists["preferred"]
            ):
                continue
            lists[kind].append(skill)
            if any(same_skill(skill, s) for s in local[other]):
                moved.append(skill.name)
            elif not any(same_skill(skill, s) for s in local[kind]):
                added.append(skill.name)
    for kind in ("required", "preferred"):  # what the model did not mention stays
        for skill in local[kind]:
            if not any(
                same_skill(skill, s) for s in lists["required"] + lists["preferred"]
            ):
                lists[kind].append(skill)
    return Refinement(
        required=tuple(s.name for s in lists["required"]),
        preferred=tuple(s.name for s in lists["preferred"]),
        moved=tuple(moved),
        added=tuple(added),
        rejected=tuple(rejected),
    )


def _prompt(job: Job, analysis: JobAnalysis) -> str:
    local = {
        "required": [s.name for s in analysis.required_skills],
        "preferred": [s.name for s in analysis.preferred_skills],
    }
    posting = job.description[:MAX_DESCRIPTION_CHARS]
    return (
        f"Title: {job.title}\n\nPosting:\n<<<\n{posting}\n>>>\n\n"
        f"Local analysis (JSON): {json.dumps(local, ensure_ascii=False)}"
    )


async def refine_job(llm: LlmClient, job: Job, taxonomy: Taxonomy) -> bool:
    """Store a refinement of `job`'s requirements; False when the model could not
    be used (the local analysis stands)."""
    analysis = load_analysis(job.analysis)
    prompt = _prompt(job, analysis)
    try:
        answer = await ask(
            llm,
            LlmRequirements,
            purpose=PURPOSE,
            prompt_version=PROMPT_VERSION,
            system=SYSTEM_PROMPT,
            user=prompt,
            user_id=job.owner_id,
        )
    except (Unusable, BudgetSpent):
        return False
    result = refine(analysis, answer, job.description, taxonomy)
    await JobRefinement.update_or_create(
        job_id=job.id,
        defaults={
            "model": llm.options.chat_model,
            "description_hash": description_hash(job.title, job.description),
            "required": list(result.required),
            "preferred": list(result.preferred),
            "moved": list(result.moved),
            "added": list(result.added),
            "rejected": list(result.rejected),
        },
    )
    return True


async def refine_new_jobs(
    llm: LlmClient, taxonomy: Taxonomy, *, limit: int = 20
) -> int:
    """Refine up to `limit` open jobs with a description and no refinement of its
    current text; returns how many were refined."""
    jobs = (
        await visible_jobs(Viewer.system())
        .filter(status=JobStatus.OPEN)
        .exclude(description="")
        .order_by("-updated_at")
        .limit(limit * 4)
    )
    done = {
        row.job_id: row.description_hash
        for row in await JobRefinement.filter(job_id__in=[j.id for j in jobs])
    }
    todo = [
        j for j in jobs if done.get(j.id) != description_hash(j.title, j.description)
    ]
    refined = 0
    for job in todo[:limit]:
        refined += await refine_job(llm, job, taxonomy)
    return refined


async def refinements_by_job(
    viewer: Viewer, job_ids: Iterable[UUID]
) -> dict[UUID, JobRefinement]:
    visible = visible_jobs(viewer).filter(id__in=list(job_ids)).values("id")
    rows = await JobRefinement.filter(job_id__in=Subquery(visible))
    return {row.job_id: row for row in rows}
