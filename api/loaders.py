"""DataLoaders: one query per kind of related row, whatever the page size."""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar
from uuid import UUID

from strawberry.dataloader import DataLoader

from domain.access import Viewer
from domain.candidates.service import candidates_by_id, sources_by_candidate
from domain.models import Candidate, CandidateSource, Pool, ProcessingJob, Resume, User
from domain.pools import pools_by_id
from domain.resumes.service import jobs_by_resume, resumes_by_id
from domain.users import users_by_id

V = TypeVar("V")


@dataclass
class Loaders:
    pool: DataLoader[UUID, Pool | None]
    user: DataLoader[UUID, User | None]
    candidate: DataLoader[UUID, Candidate | None]
    candidate_sources: DataLoader[UUID, list[CandidateSource]]
    resume: DataLoader[UUID, Resume | None]
    processing_job: DataLoader[UUID, ProcessingJob | None]


def _by_id(
    viewer: Viewer,
    fetch: Callable[[Viewer, Iterable[UUID]], Awaitable[dict[UUID, V]]],
) -> DataLoader[UUID, V | None]:
    async def load(ids: list[UUID]) -> list[V | None]:
        found = await fetch(viewer, ids)
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def make_loaders(viewer: Viewer) -> Loaders:
    """Loaders bound to `viewer`, so that related rows obey the same row scope."""

    async def load_sources(ids: list[UUID]) -> list[list[CandidateSource]]:
        found = await sources_by_candidate(viewer, ids)
        return [found.get(i, []) for i in ids]

    return Loaders(
        pool=_by_id(viewer, pools_by_id),
        user=_by_id(viewer, users_by_id),
        candidate=_by_id(viewer, candidates_by_id),
        candidate_sources=DataLoader(load_fn=load_sources),
        resume=_by_id(viewer, resumes_by_id),
        processing_job=_by_id(viewer, jobs_by_resume),
    )
