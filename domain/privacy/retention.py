"""Retention (GDPR art. 5(1)(e)): a pool may keep candidates only so long untouched."""

import calendar
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.transactions import in_transaction

from domain.access import Viewer, erasable_candidates, owned_pools
from domain.audit import record_audit
from domain.errors import DomainError, InvalidInput, NotFound
from domain.intake.storage import FileStore
from domain.models import Pool
from domain.privacy.erase import erase_candidate

logger = logging.getLogger(__name__)

MAX_RETENTION_MONTHS = 120
BATCH = 500  # candidates erased per pool and run; the next run takes the rest


@dataclass(frozen=True)
class PoolRetention:
    pool_id: UUID
    months: int
    cutoff: datetime
    erased_ids: tuple[UUID, ...]


@dataclass(frozen=True)
class RetentionReport:
    pools: tuple[PoolRetention, ...]

    @property
    def erased(self) -> int:
        return sum(len(pool.erased_ids) for pool in self.pools)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st of March
    less one month is the last day of February)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


async def set_retention(viewer: Viewer, pool_id: UUID, months: int | None) -> Pool:
    """Erase the pool's candidates once untouched for `months` (None: keep them);
    the pool's owner or an admin sets it."""
    if months is not None and not 1 <= months <= MAX_RETENTION_MONTHS:
        raise InvalidInput(
            [
                DomainError(
                    f"Retention is 1 to {MAX_RETENTION_MONTHS} months, or null to"
                    " keep candidates.",
                    field="months",
                )
            ]
        )
    pool = await owned_pools(viewer).get_or_none(id=pool_id)
    if pool is None:
        raise NotFound("No such pool, or you may not change it.", field="poolId")
    async with in_transaction():
        pool.retention_months = months
        await pool.save(update_fields=["retention_months", "updated_at"])
        await record_audit(
            viewer,
            "pool.retention",
            entity_type="pool",
            entity_id=pool.id,
            details={"months": months},
        )
    return pool


async def apply_retention(
    store: FileStore, *, now: datetime | None = None
) -> RetentionReport:
    """Erase, in every pool with a retention period, the candidates not updated
    within it (as the system, so each erasure is audited as such)."""
    now = now or datetime.now(UTC)
    system = Viewer.system()
    pools = await owned_pools(system).filter(retention_months__isnull=False)
    report = []
    for pool in sorted(pools, key=lambda row: str(row.id)):
        months = int(pool.retention_months or 0)
        cutoff = months_before(now, months)
        rows = await (
            erasable_candidates(system)
            .filter(pool_id=pool.id, erased_at__isnull=True, updated_at__lt=cutoff)
            .filter(merged_into_id__isnull=True)
            .order_by("updated_at")
            .limit(BATCH)
            .values("id")
        )
        due: list[UUID] = [row["id"] for row in rows]
        for candidate_id in due:
            await erase_candidate(system, candidate_id, store=store)
        report.append(PoolRetention(pool.id, months, cutoff, tuple(due)))
        if due:
            logger.info(
                "retention erased pool_id=%s months=%d erased=%d",
                pool.id,
                months,
                len(due),
            )
    return RetentionReport(pools=tuple(report))
