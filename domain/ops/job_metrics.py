"""Job counts and durations by function and outcome, kept in Redis.

Workers run on many hosts and processes; each finished job adds to shared Redis
counters (a few HINCRBY per job), so one scrape of any API instance sees the
whole cluster without a multiprocess directory. Buckets are cumulative, as
Prometheus histograms are.
"""

from dataclasses import dataclass

from arq.connections import ArqRedis

COUNT_KEY = "hotgigs:metrics:jobs:count"
SUM_KEY = "hotgigs:metrics:jobs:seconds"
BUCKET_KEY = "hotgigs:metrics:jobs:buckets"
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
SEPARATOR = "|"


@dataclass(frozen=True)
class JobSeries:
    function: str
    outcome: str
    count: int
    seconds: float
    buckets: tuple[tuple[float, int], ...]  # (upper bound, cumulative count)


async def record_job(
    redis: ArqRedis, function: str, outcome: str, seconds: float
) -> None:
    series = f"{function}{SEPARATOR}{outcome}"
    async with redis.pipeline(transaction=False) as pipe:
        pipe.hincrby(COUNT_KEY, series, 1)
        pipe.hincrbyfloat(SUM_KEY, series, seconds)
        for bound in BUCKETS:
            if seconds <= bound:
                pipe.hincrby(BUCKET_KEY, f"{series}{SEPARATOR}{bound}", 1)
        await pipe.execute()


async def job_series(redis: ArqRedis) -> list[JobSeries]:
    async with redis.pipeline(transaction=False) as pipe:
        for key in (COUNT_KEY, SUM_KEY, BUCKET_KEY):
            pipe.hgetall(key)
        counts, sums, buckets = await pipe.execute()
    series = []
    for key, count in sorted(counts.items()):
        name = key.decode()
        function, outcome = name.split(SEPARATOR, 1)
        series.append(
            JobSeries(
                function=function,
                outcome=outcome,
                count=int(count),
                seconds=float(sums.get(key, 0)),
                buckets=tuple(
                    (bound, int(buckets.get(f"{name}{SEPARATOR}{bound}".encode(), 0)))
                    for bound in BUCKETS
                ),
            )
        )
    return series
