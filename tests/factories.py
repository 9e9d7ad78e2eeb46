"""Factories for test data: real rows through the domain's own functions."""

import itertools
from typing import Any

from domain.access import Viewer
from domain.auth import TokenSettings, issue_token
from domain.candidates.fields import CandidateInput
from domain.candidates.service import create_candidate
from domain.models import Candidate, Pool, Role, User
from domain.pools import create_pool, default_pool
from domain.users import create_user

_sequence = itertools.count(1)
TEST_PASSWORD = "correct horse battery"


def viewer_of(user: User) -> Viewer:
    return Viewer(user_id=user.id, role=user.role)


async def make_user(role: Role = Role.RECRUITER, **overrides: Any) -> User:
    n = next(_sequence)
    values = {
        "email": f"user{n}@example.com",
        "name": f"User {n}",
        "password": TEST_PASSWORD,
    }
    values.update(overrides)
    return await create_user(Viewer.system(), role=role, **values)


async def make_pool(owner: User | None = None, **overrides: Any) -> Pool:
    owner = owner or await make_user()
    name = overrides.pop("name", f"Pool {next(_sequence)}")
    return await create_pool(viewer_of(owner), name=name)


async def make_candidate(pool: Pool | None = None, **overrides: Any) -> Candidate:
    if pool is None:
        owner = await make_user()
        pool = await default_pool(viewer_of(owner))
    owner = await User.get(id=pool.owner_id)
    n = next(_sequence)
    values: dict[str, Any] = {"name": f"Candidate {n}", "email": f"cand{n}@example.com"}
    values.update(overrides)
    return await create_candidate(
        viewer_of(owner), CandidateInput(pool_id=pool.id, **values)
    )


def token_for(user: User, secret: str) -> str:
    return issue_token(user, TokenSettings(secret=secret, ttl_seconds=3600))
