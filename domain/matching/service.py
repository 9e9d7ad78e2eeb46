"""Match refresh and reads: a job against the candidates its owner may see, a
candidate against the open jobs whose owners may see it. Retrieval by vector
inside that scope, then the structured score of the shortlist, stored with its
breakdown, reasons and history; which matches stay is `domain.matching.kept`.

Similarity is the centred cosine (`centering`): the scan looks for the query
minus its side's deployment mean (cosine of unit stored vectors ranks as the
inner product, the centred cosine's numerator), then the shortlist's cosines
are recomputed with both means taken away, and blended with the centred cosine
of the job and the candidate's titles (`title_similarity`): that is what the
score uses."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    candidates_with_merged,
    editable_candidates,
    editable_jobs,
    editable_matches,
    jobs_seeing_pool,
    visible_jobs,
    visible_matches,
    visible_pools,
    visible_users,
)
from domain.applications import applied_job_ids
from domain.candidates import preferences
from domain.errors import DomainError, InvalidInput, NotFound
from domain.jobs import (
    MATCHING_QUEUE,
    REFRESH_CANDIDATE_MATCHES,
    REFRESH_JOB_MATCHES,
    enqueue,
)
from domain.matching import compute
from domain.matching.centering import Vector, centred_cosines, shifted
from domain.matching.compute import Scored
from domain.matching.deployment_centers import deployment_centers
from domain.matching.kept import CANDIDATE_SIDE, JOB_SIDE, drop_unkept, kept_results
from domain.matching.retrieval import nearest_candidates, nearest_jobs
from domain.matching.scoring import SCORE_VERSION
from domain.matching.stored_vectors import (
    RunCpu,
    candidate_input,
    embed_candidates,
    embed_job,
    embed_missing,
    job_input,
)
from domain.matching.title_similarity import (
    blended,
    titles_cosines_for_candidate,
    titles_cosines_for_job,
)
from domain.models import Candidate, Job, JobStatus, Match, MatchFeedback

logger = logging.getLogger(__name__)

SHORTLIST = 200  # retrieved by vector, then scored (jobs for a candidate)
# Candidates scored for a job: more than the job keeps, so that the job is also
# weighed for the best jobs of each candidate near it (every candidate of a
# scope up to this size).
JOB_SHORTLIST = 1000
# What scoring reads of a candidate (the embedding for the centred cosine).
SCORED_CANDIDATE_FIELDS = (
    "id",
    "profile",
    "skills",
    "embedding",
    "years_experience",
    "location",
)

HISTORY_KEPT = 10
SCORE_VERSION_NAME = f"score-v{SCORE_VERSION}"


@dataclass(frozen=True)
class RefreshResult:
    scored: int
    removed: int
    # The matches this refresh created: (match id, job id, candidate id, score).
    created: tuple[tuple[UUID, UUID, UUID, float], ...] = ()
    # Candidates in scope still lack a vector of the job's model (the embedding
    # budget ran out): a further refresh embeds and scores them.
    embedding_left: bool = False


async def _owner_viewer(job: Job) -> Viewer:
    owner = await visible_users(Viewer.system()).get(id=job.owner_id)
    return Viewer(user_id=owner.id, role=owner.role)


async def refresh_job_matches(
    job_id: UUID, *, run_cpu: RunCpu[Any], embed_budget_seconds: float | None = None
) -> RefreshResult:
    """Score the job against the nearest candidates its owner may see; an open
    job only (a closed one keeps the matches it had). Candidates without a vector
    of the job's model are embedded first, for up to `embed_budget_seconds`."""
    job = await visible_jobs(Viewer.system()).get_or_none(id=job_id)
    if job is None or job.status is not JobStatus.OPEN:
        return RefreshResult(scored=0, removed=0)
    vector, model = await embed_job(job, run_cpu)
    owner = await _owner_viewer(job)
    pool_ids = [row["id"] for row in await visible_pools(owner).values("id")]
    embedding_left = await embed_missing(
        pool_ids, model, run_cpu, budget_seconds=embed_budget_seconds
    )
    centers = await deployment_centers(model)
    query = shifted(vector, centers.jobs).tolist()
    near = await nearest_candidates(pool_ids, query, model=model, limit=JOB_SHORTLIST)
    found = (
        await candidates_with_merged(Viewer.system())
        .filter(id__in=[n.id for n in near])
        .only(*SCORED_CANDIDATE_FIELDS)
    )
    by_id = {row.id: row for row in found}
    rows = [by_id[n.id] for n in near if n.id in by_id]
    with_cosines = _with_cosines(rows, vector, centers.jobs, centers.candidates)
    titles = await titles_cosines_for_job(
        vector, [row.id for row, _ in with_cosines], centers
    )
    inputs = [
        candidate_input(row, blended(cosine, titles.get(row.id)))
        for row, cosine in with_cosines
    ]
    scored = await run_cpu(partial(compute.score_candidates, job_input(job), inputs))
    ranked = sorted(scored, key=lambda s: -s.score)
    kept = await kept_results(ranked, job.id, side=CANDIDATE_SIDE)
    async with in_transaction():
        created = await _save_all(
            [(job.id, UUID(result.id), result) for result in kept]
        )
        removed = await drop_unkept(
            _matches().filter(job_id=job.id),
            scored={UUID(s.id) for s in scored},
            kept={UUID(s.id) for s in kept},
            out_of_scope=~Q(candidate__pool_id__in=pool_ids),
            field="candidate_id",
        )
        job.matched_at = datetime.now(UTC)
        await job.save(update_fields=["matched_at"])
    logger.info("job matches job_id=%s scored=%d", job.id, len(kept))
    return RefreshResult(
        scored=len(kept),
        removed=removed,
        created=created,
        embedding_left=embedding_left,
    )


async def refresh_candidate_matches(
    candidate_id: UUID, *, run_cpu: RunCpu[Any]
) -> RefreshResult:
    """Score the candidate against the nearest open jobs whose owners may see it."""
    candidate = await candidates_with_merged(Viewer.system()).get_or_none(
        id=candidate_id, merged_into_id__isnull=True
    )
    if candidate is None:
        return RefreshResult(scored=0, removed=0)
    embedded = await embed_candidates([candidate], run_cpu)
    vector, model = embedded.vectors[0], embedded.model
    applied = await applied_job_ids(candidate.id)
    job_ids = await _jobs_for(candidate, applied)
    stale = visible_jobs(Viewer.system()).filter(id__in=job_ids)
    for job in await stale.filter(embedding_model__not=model) if job_ids else []:
        await embed_job(job, run_cpu)  # not yet embedded, or by another model
    centers = await deployment_centers(model)
    query = shifted(vector, centers.candidates).tolist()
    near = await nearest_jobs(job_ids, query, model=model, limit=SHORTLIST)
    # Jobs applied to are always scored, however far down they rank.
    missing = sorted(applied.intersection(job_ids) - {n.id for n in near})
    near += await nearest_jobs(missing, query, model=model, limit=len(missing))
    found = await visible_jobs(Viewer.system()).filter(id__in=[n.id for n in near])
    by_id = {job.id: job for job in found}
    jobs = [by_id[n.id] for n in near if n.id in by_id]
    with_cosines = _with_cosines(jobs, vector, centers.candidates, centers.jobs)
    titles = titles_cosines_for_candidate(
        candidate.title_embedding,
        [job.embedding or [] for job, _ in with_cosines],
        centers,
    )
    work = [
        (str(job.id), job_input(job), blended(cosine, title))
        for (job, cosine), title in zip(with_cosines, titles, strict=True)
    ]
    scored = await run_cpu(
        partial(compute.score_jobs, candidate_input(candidate), work)
    )
    ranked = sorted(scored, key=lambda s: -s.score)
    kept = await kept_results(
        ranked, candidate.id, side=JOB_SIDE, always=frozenset(map(str, applied))
    )
    async with in_transaction():
        created = await _save_all(
            [(UUID(result.id), candidate.id, result) for result in kept]
        )
        await (
            _matches()
            .filter(
                candidate_id=candidate.id, job_id__in=applied, feedback__isnull=True
            )
            .update(feedback=MatchFeedback.APPLIED)
        )
        removed = await drop_unkept(
            _matches().filter(candidate_id=candidate.id),
            scored={UUID(s.id) for s in scored},
            kept={UUID(s.id) for s in kept},
            out_of_scope=~Q(job_id__in=job_ids),
            field="job_id",
        )
        candidate.matched_at = datetime.now(UTC)
        await candidate.save(update_fields=["matched_at"])
    return RefreshResult(scored=len(kept), removed=removed, created=created)


Embedded = TypeVar("Embedded", Candidate, Job)


def _with_cosines(
    rows: list[Embedded],
    vector: list[float],
    own_center: Vector | None,
    their_center: Vector | None,
) -> list[tuple[Embedded, float]]:
    """Each row that has a vector, with its centred cosine to `vector`."""
    embedded = [row for row in rows if row.embedding]
    cosines = centred_cosines(
        vector, own_center, [row.embedding or [] for row in embedded], their_center
    )
    return list(zip(embedded, cosines, strict=True))


PREFERENCE_FIELDS: tuple[str, ...] = ("remote", "employment_type", "location")
PREFERENCE_FIELDS += ("salary_min", "salary_max", "salary_currency")


async def _jobs_for(candidate: Candidate, applied: set[UUID]) -> list[UUID]:
    """Open jobs whose owners may see the candidate, less those that conflict
    with the candidate's preferences (`domain.candidates.preferences`); a job
    they applied to stays."""
    wanted = preferences.stored(candidate.preferences)
    rows = await jobs_seeing_pool(candidate.pool_id).values("id", *PREFERENCE_FIELDS)
    return [
        row["id"]
        for row in rows
        if row["id"] in applied or preferences.job_fits(wanted, row)
    ]


def _matches() -> QuerySet[Match]:
    return visible_matches(Viewer.system())


def _values(result: Scored, now: datetime) -> dict[str, Any]:
    return {
        "score": result.score,
        "similarity": result.similarity,
        "factors": result.factors,
        "reasons": {"strengths": list(result.strengths), "gaps": list(result.gaps)},
        "score_version": SCORE_VERSION_NAME,
        "computed_at": now,
    }


def _with_history(match: Match) -> list[dict[str, Any]]:
    if match.computed_at is None:
        return match.history
    earlier = {
        "score": match.score,
        "score_version": match.score_version,
        "computed_at": match.computed_at.isoformat(),
    }
    return [*match.history, earlier][-HISTORY_KEPT:]


async def _save_all(
    scores: list[tuple[UUID, UUID, Scored]],
) -> tuple[tuple[UUID, UUID, UUID, float], ...]:
    """Insert or update the (job id, candidate id, score) matches in a few
    statements; each replaced score goes to its match's history. Returns the
    inserted ones as (match id, job id, candidate id, score)."""
    if not scores:
        return ()
    now = datetime.now(UTC)
    existing = {
        (m.job_id, m.candidate_id): m
        for m in await _matches().filter(
            job_id__in={job for job, _, _ in scores},
            candidate_id__in={candidate for _, candidate, _ in scores},
        )
    }
    new, changed = [], []
    for job_id, candidate_id, result in scores:
        match = existing.get((job_id, candidate_id))
        if match is None:
            new.append(
                Match(job_id=job_id, candidate_id=candidate_id, **_values(result, now))
            )
            continue
        history = _with_history(match)
        match.update_from_dict({**_values(result, now), "history": history})
        changed.append(match)
    await Match.bulk_create(new)
    if changed:
        fields = [*_values(scores[0][2], now), "history", "updated_at"]
        for match in changed:
            match.updated_at = now
        await Match.bulk_update(changed, fields=fields)
    return tuple((m.id, m.job_id, m.candidate_id, m.score) for m in new)


def list_job_matches(
    viewer: Viewer, job_id: UUID, *, min_score: float
) -> QuerySet[Match]:
    return visible_matches(viewer).filter(job_id=job_id, score__gte=min_score)


def list_candidate_matches(
    viewer: Viewer, candidate_id: UUID, *, min_score: float
) -> QuerySet[Match]:
    return visible_matches(viewer).filter(
        candidate_id=candidate_id, score__gte=min_score
    )


async def get_match(viewer: Viewer, match_id: UUID) -> Match:
    match = await visible_matches(viewer).get_or_none(id=match_id)
    if match is None:
        raise NotFound("No such match.", field="matchId")
    return match


async def matches_by_id(viewer: Viewer, ids: list[UUID]) -> dict[UUID, Match]:
    return {m.id: m for m in await visible_matches(viewer).filter(id__in=ids)}


async def set_match_feedback(
    viewer: Viewer, match_id: UUID, feedback: MatchFeedback | None
) -> Match:
    match = await editable_matches(viewer).get_or_none(id=match_id)
    if match is None:
        raise NotFound("No such match, or you may not change it.", field="matchId")
    match.update_from_dict({"feedback": feedback})
    await match.save(update_fields=["feedback", "updated_at"])
    return match


async def request_refresh(
    viewer: Viewer,
    queue: ArqRedis,
    *,
    job_id: UUID | None = None,
    candidate_id: UUID | None = None,
) -> bool:
    """`matchesRefresh`: queue a refresh of a job the viewer may change, or of a
    candidate they may change; False when one is already queued."""
    if (job_id is None) == (candidate_id is None):
        raise InvalidInput(
            [DomainError("Give either jobId or candidateId.", field="jobId")]
        )
    function, entity = REFRESH_JOB_MATCHES, job_id
    if job_id is not None:
        if not await editable_jobs(viewer).filter(id=job_id).exists():
            raise NotFound("No such job, or you may not change it.", field="jobId")
    else:
        function, entity = REFRESH_CANDIDATE_MATCHES, candidate_id
        if not await editable_candidates(viewer).filter(id=candidate_id).exists():
            raise NotFound(
                "No such candidate, or you may not change it.", field="candidateId"
            )
    # A request a minute at most per entity: a click twice is one refresh.
    revision = int(datetime.now(UTC).timestamp()) // 60
    return await enqueue(
        queue, function, entity, queue_name=MATCHING_QUEUE, revision=revision
    )
