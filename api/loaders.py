"""DataLoaders: one query per kind of related row, whatever the page size."""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar
from uuid import UUID

from strawberry.dataloader import DataLoader

from domain.access import Viewer
from domain.candidates.merges import duplicates_by_candidate, merges_by_kept
from domain.candidates.service import candidates_by_id, sources_by_candidate
from domain.drive.syncs import drive_syncs_by_id
from domain.llm.explanations import explanations_by_match
from domain.llm.reading import enrichments_by_resume
from domain.llm.requirements import refinements_by_job
from domain.matching.postings import jobs_by_id
from domain.models import (
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    CandidateSource,
    DriveSync,
    ImportBatch,
    Job,
    JobRefinement,
    MatchExplanation,
    Pool,
    ProcessingJob,
    Resume,
    ResumeEnrichment,
    User,
)
from domain.pools import pools_by_id
from domain.resumes.service import batches_by_id, jobs_by_resume, resumes_by_id
from domain.users import users_by_id

V = TypeVar("V")


@dataclass
class Loaders:
    pool: DataLoader[UUID, Pool | None]
    user: DataLoader[UUID, User | None]
    candidate: DataLoader[UUID, Candidate | None]
    candidate_sources: DataLoader[UUID, list[CandidateSource]]
    candidate_duplicates: DataLoader[UUID, list[tuple[CandidateDuplicate, UUID]]]
    candidate_merges: DataLoader[UUID, list[CandidateMerge]]
    resume: DataLoader[UUID, Resume | None]
    processing_job: DataLoader[UUID, ProcessingJob | None]
    batch: DataLoader[UUID, ImportBatch | None]
    drive_sync: DataLoader[UUID, DriveSync | None]
    job: DataLoader[UUID, Job | None]
    resume_enrichment: DataLoader[UUID, ResumeEnrichment | None]
    match_explanation: DataLoader[UUID, MatchExplanation | None]
    job_refinement: DataLoader[UUID, JobRefinement | None]


def _by_id(
    viewer: Viewer,
    fetch: Callable[[Viewer, Iterable[UUID]], Awaitable[dict[UUID, V]]],
) -> DataLoader[UUID, V | None]:
    async def load(ids: list[UUID]) -> list[V | None]:
        found = await fetch(viewer, ids)
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _grouped(
    viewer: Viewer,
    fetch: Callable[[Viewer, list[UUID]], Awaitable[dict[UUID, list[V]]]],
) -> DataLoader[UUID, list[V]]:
    async def load(ids: list[UUID]) -> list[list[V]]:
        found = await fetch(viewer, ids)
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def make_loaders(viewer: Viewer) -> Loaders:
    """Loaders bound to `viewer`, so that related rows obey the same row scope."""

    return Loaders(
        pool=_by_id(viewer, pools_by_id),
        user=_by_id(viewer, users_by_id),
        candidate=_by_id(viewer, candidates_by_id),
        candidate_sources=_grouped(viewer, sources_by_candidate),
        candidate_duplicates=_grouped(viewer, duplicates_by_candidate),
        candidate_merges=_grouped(viewer, merges_by_kept),
        resume=_by_id(viewer, resumes_by_id),
        processing_job=_by_id(viewer, jobs_by_resume),
        batch=_by_id(viewer, batches_by_id),
        drive_sync=_by_id(viewer, drive_syncs_by_id),
        job=_by_id(viewer, jobs_by_id),
        resume_enrichment=_by_id(viewer, enrichments_by_resume),
        match_explanation=_by_id(viewer, explanations_by_match),
        job_refinement=_by_id(viewer, refinements_by_job),
    )
