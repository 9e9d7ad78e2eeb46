"""The 6-hourly cron's choice (`request_stale_refreshes`): never matched, changed
since matched, or matched over a week ago; closed jobs never; one state once."""

from datetime import UTC, datetime, timedelta

from tortoise import connections

from domain.jobs import MATCHING_QUEUE, REFRESH_CANDIDATE_MATCHES, REFRESH_JOB_MATCHES
from domain.matching import stale
from domain.matching.stale import RESCORE_AFTER, request_stale_refreshes
from domain.models import Candidate, Job, JobStatus
from tests.factories import make_candidate, make_pool, make_user

_SET_TIMES = {
    table: f"UPDATE {table} SET updated_at = $1, matched_at = $2 WHERE id = $3"  # noqa: S608
    for table in ("jobs", "candidates")
}
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


async def _queued(queue) -> set[str]:
    return {i.decode() for i in await queue.zrange(MATCHING_QUEUE, 0, -1)}


async def _at(row: Candidate | Job, *, updated: datetime, matched: datetime | None):
    """Set the row's times in SQL: the ORM stamps updated_at with the time now."""
    table = "jobs" if isinstance(row, Job) else "candidates"
    await connections.get("default").execute_query(
        _SET_TIMES[table], [updated, matched, row.id]
    )


async def _world():
    owner = await make_user()
    pool = await make_pool(owner)
    week = RESCORE_AFTER
    candidates = {  # name: (updated, matched)
        "never": (NOW - 3 * week, None),
        "edited": (NOW - timedelta(hours=1), NOW - timedelta(days=1)),
        "fresh": (NOW - timedelta(days=2), NOW - timedelta(days=1)),
        "old": (NOW - 3 * week, NOW - 2 * week),
        "older": (NOW - 4 * week, NOW - 3 * week),
    }
    ids = {}
    for name, (updated, matched) in candidates.items():
        row = await make_candidate(pool, name=name)
        await _at(row, updated=updated, matched=matched)
        ids[name] = row.id
    for name, status in (("open", JobStatus.OPEN), ("closed", JobStatus.CLOSED)):
        job = await Job.create(owner=owner, title=name, description="", status=status)
        await _at(job, updated=NOW - 3 * week, matched=NOW - 2 * week)
        ids[name] = job.id
    return ids


async def test_the_cron_picks_the_never_matched_the_changed_and_the_week_old(db, queue):
    ids = await _world()

    assert await request_stale_refreshes(queue, now=NOW) == 5

    queued = {q.rsplit(":", 1)[0] for q in await _queued(queue)}
    assert queued == {
        f"{REFRESH_CANDIDATE_MATCHES}:{ids[name]}"
        for name in ("never", "edited", "old", "older")
    } | {f"{REFRESH_JOB_MATCHES}:{ids['open']}"}  # not "fresh", never "closed"
    # The same states are not queued twice; a new matching of "old" is a new state.
    assert await request_stale_refreshes(queue, now=NOW) == 0
    old = await Candidate.get(id=ids["old"])
    assert old.matched_at is not None
    await _at(old, updated=old.updated_at, matched=old.matched_at + timedelta(hours=1))
    assert await request_stale_refreshes(queue, now=NOW) == 1


async def test_the_changed_go_first_then_the_longest_unmatched(db, queue, monkeypatch):
    ids = await _world()
    monkeypatch.setattr(stale, "STALE_BATCH", 3)

    await request_stale_refreshes(queue, now=NOW)

    queued = {q.rsplit(":", 1)[0] for q in await _queued(queue)}
    candidates = {q for q in queued if q.startswith(REFRESH_CANDIDATE_MATCHES)}
    assert candidates == {
        f"{REFRESH_CANDIDATE_MATCHES}:{ids[name]}"
        for name in ("never", "edited", "older")
    }
