"""What Redis knows about the background work: queue depth, the oldest waiting
job, arq's health check per queue, and the last run of each maintenance job."""

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from arq.connections import ArqRedis

from domain.jobs import QUEUES

# arq's Worker writes `<queue name>:health-check` every health_check_interval
# seconds with an expiry a second longer, so the key exists while a worker lives.
HEALTH_CHECK_SUFFIX = ":health-check"
LAST_RUN_KEY = "hotgigs:maintenance:last-run:"
MAINTENANCE_JOBS = (
    "reconcile_processing",
    "refresh_stale_matches",
    "clean_up",
)


@dataclass(frozen=True)
class QueueState:
    name: str
    depth: int
    oldest_wait_seconds: float | None  # None: nothing is waiting
    worker_alive: bool
    health: str | None  # arq's line: "j_complete=.. j_failed=.. queued=.."


@dataclass(frozen=True)
class MaintenanceRun:
    name: str
    finished_at: datetime
    result: dict[str, Any]


async def queue_states(redis: ArqRedis) -> list[QueueState]:
    """Every queue of `domain.jobs.QUEUES`; a job deferred into the future
    (a retry's backoff) counts in the depth but not as waiting."""
    now_ms = time.time() * 1000
    states = []
    for short, key in QUEUES.items():
        depth = await redis.zcard(key)
        due = await redis.zrangebyscore(
            key, "-inf", now_ms, start=0, num=1, withscores=True
        )
        health = await redis.get(key + HEALTH_CHECK_SUFFIX)
        states.append(
            QueueState(
                name=short,
                depth=depth,
                oldest_wait_seconds=round((now_ms - due[0][1]) / 1000, 3)
                if due
                else None,
                worker_alive=health is not None,
                health=health.decode() if health is not None else None,
            )
        )
    return states


async def record_run(redis: ArqRedis, name: str, result: dict[str, Any]) -> None:
    """Remember that maintenance job `name` finished, with what it did."""
    payload = {"finished_at": datetime.now(UTC).isoformat(), "result": result}
    await redis.set(LAST_RUN_KEY + name, json.dumps(payload))


async def last_runs(redis: ArqRedis) -> list[MaintenanceRun]:
    """The maintenance jobs that have run at least once, in a fixed order."""
    runs = []
    for name in MAINTENANCE_JOBS:
        raw = await redis.get(LAST_RUN_KEY + name)
        if raw is None:
            continue
        data = json.loads(raw)
        runs.append(
            MaintenanceRun(
                name=name,
                finished_at=datetime.fromisoformat(data["finished_at"]),
                result=data["result"],
            )
        )
    return runs
