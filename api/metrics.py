"""Prometheus metrics: GraphQL requests by operation (this process), job counts
and durations and queue depth (the whole cluster, read from Redis at scrape time).

Each API process counts its own requests; Prometheus scrapes every instance, as
with any horizontally scaled service. Workers write their job figures to Redis
(`domain.ops.job_metrics`), so no multiprocess directory is needed and workers
on other hosts are included; those series are the same from every API instance.
"""

import re
import time
from collections.abc import Iterable, Iterator

from arq.connections import ArqRedis
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from strawberry.extensions import SchemaExtension

from domain.ops.job_metrics import JobSeries, job_series
from domain.ops.queues import QueueState, queue_states

REQUESTS = CollectorRegistry(auto_describe=True)
OPERATIONS = Counter(
    "hotgigs_graphql_operations",
    "GraphQL operations by name, type and outcome.",
    ["operation", "type", "outcome"],
    registry=REQUESTS,
)
LATENCY = Histogram(
    "hotgigs_graphql_operation_seconds",
    "GraphQL operation latency by name and type.",
    ["operation", "type"],
    registry=REQUESTS,
)
# Operation names come from clients: keep the label set bounded.
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
MAX_OPERATION_NAMES = 200
_seen_names: set[str] = set()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if not NAME_PATTERN.fullmatch(name):
        return "invalid"
    if name not in _seen_names and len(_seen_names) >= MAX_OPERATION_NAMES:
        return "other"
    _seen_names.add(name)
    return name


class OperationMetrics(SchemaExtension):
    """Counts and times every GraphQL operation (queries, mutations, and
    subscriptions up to their first result)."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except RuntimeError:  # unparsable, or an unknown operationName
            kind = "unknown"
        result = context.result
        failed = bool(context.pre_execution_errors) or bool(
            result is not None and getattr(result, "errors", None)
        )
        name = operation_label(context.operation_name)
        OPERATIONS.labels(name, kind, "error" if failed else "ok").inc()
        LATENCY.labels(name, kind).observe(time.perf_counter() - started)


class _Fixed(Collector):
    def __init__(self, metrics: list[Metric]) -> None:
        self.metrics = metrics

    def collect(self) -> Iterable[Metric]:
        return self.metrics


def _job_families(series: list[JobSeries]) -> list[Metric]:
    count = CounterMetricFamily(
        "hotgigs_jobs",
        "Background jobs finished, by function and outcome (ok, error, retry,"
        " cancelled).",
        labels=["function", "outcome"],
    )
    seconds = HistogramMetricFamily(
        "hotgigs_job_seconds",
        "Background job duration by function and outcome.",
        labels=["function", "outcome"],
    )
    for s in series:
        count.add_metric([s.function, s.outcome], s.count)
        buckets = [(str(bound), n) for bound, n in s.buckets]
        seconds.add_metric(
            [s.function, s.outcome], [*buckets, ("+Inf", s.count)], s.seconds
        )
    return [count, seconds]


def _queue_families(queues: list[QueueState]) -> list[Metric]:
    depth = GaugeMetricFamily(
        "hotgigs_queue_depth", "Jobs waiting or deferred per queue.", labels=["queue"]
    )
    wait = GaugeMetricFamily(
        "hotgigs_queue_oldest_wait_seconds",
        "How long the oldest due job of the queue has waited (0: none).",
        labels=["queue"],
    )
    alive = GaugeMetricFamily(
        "hotgigs_queue_worker_alive",
        "1 while a worker's arq health check for the queue is fresh.",
        labels=["queue"],
    )
    for q in queues:
        depth.add_metric([q.name], q.depth)
        wait.add_metric([q.name], q.oldest_wait_seconds or 0.0)
        alive.add_metric([q.name], 1.0 if q.worker_alive else 0.0)
    return [depth, wait, alive]


async def render_metrics(redis: ArqRedis) -> tuple[bytes, str]:
    """The exposition text and its content type."""
    registry = CollectorRegistry(auto_describe=False)
    families = [
        *REQUESTS.collect(),
        *_job_families(await job_series(redis)),
        *_queue_families(await queue_states(redis)),
    ]
    registry.register(_Fixed(families))
    return generate_latest(registry), CONTENT_TYPE_LATEST
