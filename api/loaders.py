"""DataLoaders: one query per kind of related row, whatever the page size."""

from dataclasses import dataclass
from uuid import UUID

from strawberry.dataloader import DataLoader

from domain.access import Viewer
from domain.candidates.service import sources_by_candidate
from domain.models import CandidateSource, Pool, User
from domain.pools import pools_by_id
from domain.users import users_by_id


@dataclass
class Loaders:
    pool: DataLoader[UUID, Pool | None]
    user: DataLoader[UUID, User | None]
    candidate_sources: DataLoader[UUID, list[CandidateSource]]


def make_loaders(viewer: Viewer) -> Loaders:
    """Loaders bound to `viewer`, so that related rows obey the same row scope."""

    async def load_pools(ids: list[UUID]) -> list[Pool | None]:
        found = await pools_by_id(viewer, ids)
        return [found.get(i) for i in ids]

    async def load_users(ids: list[UUID]) -> list[User | None]:
        found = await users_by_id(viewer, ids)
        return [found.get(i) for i in ids]

    async def load_sources(ids: list[UUID]) -> list[list[CandidateSource]]:
        found = await sources_by_candidate(viewer, ids)
        return [found.get(i, []) for i in ids]

    return Loaders(
        pool=DataLoader(load_fn=load_pools),
        user=DataLoader(load_fn=load_users),
        candidate_sources=DataLoader(load_fn=load_sources),
    )
