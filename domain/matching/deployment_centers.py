"""The deployment's mean candidate and job vectors per embedding model
(`centering.Centers`), read with pgvector's `avg(embedding)` and kept in this
process for `CACHE_SECONDS`; a refresh after that reads them again.

The means cover every candidate and every job of the deployment, whoever may see
them. That leaks nothing: a mean is one 384-number statistic that never leaves
the worker, it only shifts the similarity of a pair, and each other record moves
it by at most 1 / (n + PRIOR_WEIGHT) of its own vector. No name, text, skill or
id of another recruiter's candidate can be read back from a score. Scoping it per
viewer would instead make the same pair score differently for two recruiters.
"""

import time
from typing import Any

from tortoise import connections

from domain.matching.centering import Centers, shrunk_mean

CACHE_SECONDS = 60.0  # a refresh may use means up to a minute old

# Same rows as the retrieval reads: embedded by the model, not merged away.
_CANDIDATE_MEAN = (
    "SELECT avg(embedding)::text AS mean, count(*) AS n FROM candidates"
    " WHERE embedding_model = $1 AND embedding IS NOT NULL"
    " AND merged_into_id IS NULL"
)
_JOB_MEAN = (
    "SELECT avg(embedding)::text AS mean, count(*) AS n FROM jobs"
    " WHERE embedding_model = $1 AND embedding IS NOT NULL"
)

_cache: dict[str, tuple[float, Centers]] = {}


def forget_centers() -> None:
    """Drop the cached means (tests that start from an empty database)."""
    _cache.clear()


async def deployment_centers(model: str) -> Centers:
    """The shrunk means of `model`'s vectors, from the cache while it is fresh."""
    now = time.monotonic()
    cached = _cache.get(model)
    if cached is not None and cached[0] > now:
        return cached[1]
    candidates, candidate_count = await _mean(_CANDIDATE_MEAN, model)
    jobs, job_count = await _mean(_JOB_MEAN, model)
    centers = Centers(
        model=model,
        candidates=shrunk_mean(candidates, candidate_count),
        jobs=shrunk_mean(jobs, job_count),
        candidate_count=candidate_count,
        job_count=job_count,
    )
    _cache[model] = (now + CACHE_SECONDS, centers)
    return centers


async def _mean(sql: str, model: str) -> tuple[list[float] | None, int]:
    rows: list[dict[str, Any]] = await connections.get("default").execute_query_dict(
        sql, [model]
    )
    text, count = rows[0]["mean"], int(rows[0]["n"])
    if text is None:
        return None, 0
    return [float(x) for x in str(text).strip("[]").split(",")], count
