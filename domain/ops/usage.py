"""Usage statistics per recruiter: what they uploaded and imported, the
candidates their pools gained, and how many matches they looked at."""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise import connections
from tortoise.functions import Count

from domain.access import (
    Viewer,
    candidates_with_merged,
    visible_pools,
    visible_resumes,
    visible_usage,
    visible_users,
)
from domain.errors import DomainError, ErrorCode
from domain.models import SourceKind, UsageKind, User

UPSERT = (
    "INSERT INTO usage_counters (id, user_id, day, kind, count)"
    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, day, kind)"
    " DO UPDATE SET count = usage_counters.count + EXCLUDED.count"
)


async def count_usage(viewer: Viewer, kind: UsageKind, amount: int) -> None:
    """Add `amount` to today's counter of a signed-in user (one statement)."""
    if viewer.user_id is None or viewer.is_system or amount <= 0:
        return
    today = datetime.now(UTC).date()
    await connections.get("default").execute_query(
        UPSERT, [uuid.uuid4(), viewer.user_id, today, kind.value, amount]
    )


@dataclass
class RecruiterUsage:
    user: User
    uploads: int = 0  # single uploads
    bulk_imports: int = 0  # files of bulk uploads and ZIPs
    drive_imports: int = 0
    candidates_created: int = 0
    matches_viewed: int = 0


async def _imports(
    viewer: Viewer, since: datetime, until: datetime
) -> Counter[tuple[UUID, str]]:
    rows = await (
        visible_resumes(viewer)
        .filter(
            created_at__gte=since, created_at__lt=until, uploaded_by_id__isnull=False
        )
        .annotate(n=Count("id"))
        .group_by("uploaded_by_id", "source")
        .values_list("uploaded_by_id", "source", "n")
    )
    return Counter({(user, str(source)): n for user, source, n in rows})


async def _candidates(
    viewer: Viewer, since: datetime, until: datetime
) -> Counter[UUID]:
    """New candidates per owner of the pool they landed in."""
    per_pool = await (
        candidates_with_merged(viewer)
        .filter(created_at__gte=since, created_at__lt=until)
        .annotate(n=Count("id"))
        .group_by("pool_id")
        .values_list("pool_id", "n")
    )
    owners = dict(
        await visible_pools(viewer)
        .filter(id__in=[pool for pool, _ in per_pool])
        .values_list("id", "owner_id")
    )
    counts: Counter[UUID] = Counter()
    for pool, n in per_pool:
        counts[owners[pool]] += n
    return counts


async def _views(viewer: Viewer, since: datetime, until: datetime) -> Counter[UUID]:
    rows = await (
        visible_usage(viewer)
        .filter(
            kind=UsageKind.MATCHES_VIEWED, day__gte=since.date(), day__lte=until.date()
        )
        .values_list("user_id", "count")
    )
    counts: Counter[UUID] = Counter()
    for user, n in rows:
        counts[user] += n
    return counts


async def usage_stats(
    viewer: Viewer, *, since: datetime, until: datetime
) -> list[RecruiterUsage]:
    """Admins only. Match views are counted per day (UTC): a range takes whole days."""
    if not viewer.is_admin:
        raise DomainError("Only admins can read usage.", code=ErrorCode.FORBIDDEN)
    if until <= since:
        raise DomainError("`to` must come after `from`.", field="to")
    imports = await _imports(viewer, since, until)
    created = await _candidates(viewer, since, until)
    views = await _views(viewer, since, until)
    user_ids = {user for user, _ in imports} | set(created) | set(views)
    users = await visible_users(viewer).filter(id__in=user_ids).order_by("email")
    by_source: dict[UUID, dict[str, int]] = defaultdict(dict)
    for (user, source), n in imports.items():
        by_source[user][source] = n
    return [
        RecruiterUsage(
            user=user,
            uploads=by_source[user.id].get(SourceKind.UPLOAD, 0),
            bulk_imports=by_source[user.id].get(SourceKind.BULK, 0),
            drive_imports=by_source[user.id].get(SourceKind.DRIVE, 0),
            candidates_created=created[user.id],
            matches_viewed=views[user.id],
        )
        for user in users
    ]
