"""Worker settings: functions, cron jobs, queues, timeouts and retry policy."""

from typing import Any

from arq.connections import RedisSettings
from arq.cron import CronJob, cron

from domain.config import Settings
from domain.jobs import HIGH_QUEUE
from workers.drive import schedule_drive_syncs, sync_drive_folder
from workers.instrument import instrumented
from workers.llm import explain_matches, reembed_outdated, refine_job_requirements
from workers.maintenance import (
    apply_pool_retention,
    clean_up,
    reconcile_processing,
    system_check,
)
from workers.matching import (
    refresh_candidate_matches,
    refresh_job_matches,
    refresh_stale_matches,
)
from workers.resumes import parse_resume, reparse_pool
from workers.webhooks import deliver_webhook

FUNCTIONS = [
    instrumented(job)
    for job in (
        system_check,
        apply_pool_retention,
        parse_resume,
        reparse_pool,
        sync_drive_folder,
        refresh_job_matches,
        refresh_candidate_matches,
        deliver_webhook,
        reembed_outdated,
        explain_matches,
        refine_job_requirements,
    )
]
# Cron runs only on the high queue's worker, so each schedule fires once per
# process; arq's job ids keep two processes from running the same tick twice.
CRON_JOBS: list[CronJob] = [
    cron(instrumented(reconcile_processing), second=17, unique=True),
    cron(
        instrumented(refresh_stale_matches), hour={0, 6, 12, 18}, minute=47, unique=True
    ),
    cron(instrumented(clean_up), hour=3, minute=23, second=5, unique=True),
    # Before the cleanup, which then finds nothing of the erased left.
    cron(instrumented(apply_pool_retention), hour=2, minute=53, second=11, unique=True),
    # Every five minutes: a sync is due once its schedule's interval has passed.
    cron(
        instrumented(schedule_drive_syncs),
        minute=set(range(0, 60, 5)),
        second=41,
        unique=True,
    ),
    cron(
        instrumented(reembed_outdated),
        minute=set(range(3, 60, 10)),
        second=53,
        unique=True,
    ),
    cron(
        instrumented(explain_matches),
        minute=set(range(8, 60, 10)),
        second=29,
        unique=True,
    ),
    cron(
        instrumented(refine_job_requirements),
        minute=set(range(1, 60, 10)),
        second=11,
        unique=True,
    ),
]
HEALTH_CHECK_SECONDS = 60
POLL_DELAY_SECONDS = 0.05


def worker_options(settings: Settings, queue_name: str) -> dict[str, Any]:
    """Keyword arguments for `arq.worker.Worker` serving `queue_name`."""
    if not settings.redis_url:
        raise RuntimeError("Set REDIS_URL, or start with `hotgigs dev`.")
    return {
        "functions": FUNCTIONS,
        "cron_jobs": CRON_JOBS if queue_name == HIGH_QUEUE else [],
        "queue_name": queue_name,
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "max_jobs": settings.worker_max_jobs,
        # arq's default 0.5 s poll caps a worker at max_jobs per half second
        # (measured: ~16 resumes/s whatever the pool size).
        "poll_delay": POLL_DELAY_SECONDS,
        "job_timeout": settings.worker_job_timeout_seconds,
        "max_tries": settings.worker_max_tries,
        "health_check_interval": HEALTH_CHECK_SECONDS,
    }
