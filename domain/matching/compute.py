"""The CPU side of matching, run in the worker's process pool: embeddings and
scores, taking and returning plain JSON-able values (pydantic generics do not
pickle). Vectors come from `load_default_provider`, read once per process."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, TypeVar

from domain.matching.embeddings import load_default_provider, similarity_from_cosine
from domain.matching.model import WorkMode, load_analysis
from domain.matching.profile import CandidateProfile, CandidateSkill, JobRequirements
from domain.matching.reasons import explain, factors_json
from domain.matching.scoring import score_match, validate_weights
from domain.matching.vectors import (
    JobDocument,
    job_vectors,
    resume_vectors_with_titles,
)
from domain.parsing.model import ParsedResume
from domain.parsing.taxonomy import load_taxonomy


@dataclass(frozen=True)
class JobInput:
    title: str
    description: str
    analysis: dict[str, Any]
    weights: dict[str, float]
    remote: str | None
    location: str | None


@dataclass(frozen=True)
class CandidateInput:
    """A candidate as the scorer may see it: no name, e-mail or phone."""

    id: str
    profile: dict[str, Any]  # a stored ParsedResume, or {} for a typed-in profile
    skills: tuple[str, ...]
    years_experience: float | None
    location: str | None
    cosine: float | None


@dataclass(frozen=True)
class Scored:
    id: str
    score: float
    similarity: float | None
    factors: dict[str, Any]
    strengths: tuple[str, ...]
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class Embedded:
    """Vectors and the model that made them (stored beside them); with a paid
    provider, the tokens and estimated cost of each vector (0 for local ones)."""

    vectors: list[list[float]]
    model: str
    tokens: tuple[int, ...] = ()
    cost_usd: tuple[float, ...] = ()
    # Candidates only: each one's headline and titles row (zero: no titles).
    title_vectors: tuple[list[float], ...] = ()


def _spent(provider: object) -> tuple[int, float]:
    """A paid provider's running totals (`domain.llm.embeddings`); 0 locally."""
    return getattr(provider, "tokens_used", 0), getattr(provider, "cost_usd", 0.0)


Made = TypeVar("Made")


def _measured(make: Callable[[], Made]) -> tuple[Made, int, float]:
    tokens, cost = _spent(load_default_provider())
    made = make()
    tokens_after, cost_after = _spent(load_default_provider())
    return made, tokens_after - tokens, cost_after - cost


def embed_job(job: JobInput) -> Embedded:
    provider = load_default_provider()
    document = JobDocument(job.title, job.description, load_analysis(job.analysis))
    vector, tokens, cost = _measured(
        lambda: [float(x) for x in job_vectors(provider, [document])[0]]
    )
    return Embedded([vector], provider.name, (tokens,), (cost,))


def _candidate_vectors(
    candidate: CandidateInput, fallback_text: str, headline: str
) -> tuple[list[float], list[float]]:
    """The stored vector and the titles row: from the parsed resume; a profile
    typed in by hand embeds `fallback_text` and its `headline`."""
    provider = load_default_provider()
    if candidate.profile:
        parsed = ParsedResume.model_validate(candidate.profile)
        rows, titles = resume_vectors_with_titles(provider, [parsed])
        return _floats(rows[0]), _floats(titles[0])
    rows = provider.embed([fallback_text, headline])
    return _floats(rows[0]), _floats(rows[1])


def _floats(row: Sequence[float]) -> list[float]:
    return [float(x) for x in row]


def embed_candidates(items: Sequence[tuple[CandidateInput, str, str]]) -> Embedded:
    """One vector and one titles row per (candidate, fallback text, headline)."""
    measured = [
        _measured(partial(_candidate_vectors, candidate, text, headline))
        for candidate, text, headline in items
    ]
    return Embedded(
        [vectors[0] for vectors, _, _ in measured],
        load_default_provider().name,
        tuple(tokens for _, tokens, _ in measured),
        tuple(cost for _, _, cost in measured),
        tuple(vectors[1] for vectors, _, _ in measured),
    )


def profile_of(candidate: CandidateInput) -> CandidateProfile:
    """The parsed resume, corrected by the profile's own fields (a recruiter's
    edits live there): its location, and skills typed in by hand."""
    if not candidate.profile:
        return CandidateProfile(
            skills=tuple(_typed_skill(name) for name in candidate.skills),
            experience_months=round((candidate.years_experience or 0) * 12),
            location=candidate.location,
        )
    parsed = CandidateProfile.from_parsed(
        ParsedResume.model_validate(candidate.profile)
    )
    known = {skill.name.casefold() for skill in parsed.skills}
    typed = tuple(
        _typed_skill(name) for name in candidate.skills if name.casefold() not in known
    )
    return replace(
        parsed,
        skills=(*parsed.skills, *typed),
        location=candidate.location or parsed.location,
    )


def _typed_skill(name: str) -> CandidateSkill:
    """A skill typed in by hand, under its taxonomy id when the taxonomy knows it."""
    entry = load_taxonomy().lookup(name)
    return CandidateSkill(entry.canonical_id if entry else None, name)


def requirements_of(job: JobInput) -> JobRequirements:
    return JobRequirements.from_analysis(
        load_analysis(job.analysis),
        remote=WorkMode(job.remote) if job.remote else None,
        location=job.location,
    )


def _scored(
    entity_id: str,
    job: JobInput,
    candidate: CandidateInput,
    cosine: float | None,
) -> Scored:
    similarity = None if cosine is None else similarity_from_cosine(cosine)
    result = score_match(
        requirements_of(job),
        profile_of(candidate),
        weights=validate_weights(job.weights),
        similarity=similarity,
    )
    reasons = explain(result)
    return Scored(
        id=entity_id,
        score=round(result.score, 6),
        similarity=similarity,
        factors=factors_json(result),
        strengths=reasons.strengths,
        gaps=reasons.gaps,
    )


def score_candidates(job: JobInput, candidates: list[CandidateInput]) -> list[Scored]:
    """One score per candidate (`Scored.id` is the candidate's id)."""
    return [_scored(c.id, job, c, c.cosine) for c in candidates]


def score_jobs(
    candidate: CandidateInput, jobs: Sequence[tuple[str, JobInput, float | None]]
) -> list[Scored]:
    """One score per (job id, job, cosine) (`Scored.id` is the job's id)."""
    return [_scored(job_id, job, candidate, cosine) for job_id, job, cosine in jobs]
