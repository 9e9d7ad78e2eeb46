"""Demo data for a first run: an admin, a recruiter, two pools and a few candidates."""

import logging
from dataclasses import dataclass

from domain.access import Viewer
from domain.candidates.fields import CandidateInput
from domain.candidates.service import create_candidate
from domain.models import Role, User
from domain.pools import create_pool
from domain.users import create_user, find_user_by_email

logger = logging.getLogger(__name__)

ADMIN_EMAIL = "admin@hotgigs.example"
RECRUITER_EMAIL = "recruiter@hotgigs.example"
DEMO_PASSWORD = "hotgigs-demo-password"  # noqa: S105  # printed for the local first run

_CANDIDATES = [
    (
        "Ada Lovelace",
        "ada@example.com",
        "+44 20 7946 0958",
        "London",
        "Backend engineer",
        ["Python", "PostgreSQL", "GraphQL"],
    ),
    (
        "Grace Hopper",
        "grace@example.com",
        "+1 212 555 0187",
        "New York",
        "Staff engineer",
        ["COBOL", "Compilers", "Leadership"],
    ),
    (
        "Alan Turing",
        "alan@example.com",
        None,
        "Manchester",
        "Machine learning researcher",
        ["Python", "Machine Learning", "Statistics"],
    ),
    (
        "Katherine Johnson",
        "katherine@example.com",
        None,
        "Hampton, VA",
        "Data scientist",
        ["Mathematics", "Python", "Data Analysis"],
    ),
    (
        "Linus Torvalds",
        "linus@example.com",
        None,
        "Portland, OR",
        "Systems programmer",
        ["C", "Linux", "Git"],
    ),
]


@dataclass(frozen=True)
class DemoAccounts:
    admin: User
    recruiter: User


async def seed_demo() -> DemoAccounts:
    """Create the demo accounts and data once; later calls return the accounts."""
    admin = await find_user_by_email(ADMIN_EMAIL)
    recruiter = await find_user_by_email(RECRUITER_EMAIL)
    if admin and recruiter:
        return DemoAccounts(admin=admin, recruiter=recruiter)
    system = Viewer.system()
    admin = admin or await create_user(
        system,
        email=ADMIN_EMAIL,
        role=Role.ADMIN,
        name="Demo Admin",
        password=DEMO_PASSWORD,
    )
    recruiter = await create_user(
        system,
        email=RECRUITER_EMAIL,
        role=Role.RECRUITER,
        name="Demo Recruiter",
        password=DEMO_PASSWORD,
    )
    as_recruiter = Viewer(user_id=recruiter.id, role=Role.RECRUITER)
    engineers = await create_pool(as_recruiter, name="Engineering")
    for index, (name, email, phone, location, headline, skills) in enumerate(
        _CANDIDATES
    ):
        await create_candidate(
            as_recruiter,
            CandidateInput(
                name=name,
                email=email,
                phone=phone,
                location=location,
                headline=headline,
                skills=skills,
                pool_id=engineers.id if index % 2 == 0 else None,
            ),
        )
    logger.info("demo data created users=2 candidates=%s", len(_CANDIDATES))
    return DemoAccounts(admin=admin, recruiter=recruiter)
