"""The deployment's mean candidate, candidate titles and job vectors per embedding
model (`centering.Centers`), read with pgvector's `avg()`; in a large
deployment kept in this process for `CACHE_SECONDS`, after which a refresh reads
them again.

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
from domain.models.fields import parse_vector

CACHE_SECONDS = 60.0  # a large deployment's refresh may use means a minute old
# Below this many vectors avg() took 1-2 ms here, and a mean a minute old would be
# far off (a bulk import doubles a small deployment in seconds): read it every
# time. Past it the sample mean of the shared style is settled (over 100k vectors
# avg() took 0.3-0.45 s).
CACHE_FROM = 200

# Same rows as the retrieval reads: embedded by the model, not merged away.
_MEANS = {
    "candidates": (
        "SELECT avg(embedding)::text AS mean, count(*) AS n FROM candidates"
        " WHERE embedding_model = $1 AND embedding IS NOT NULL"
        " AND merged_into_id IS NULL"
    ),
    "jobs": (
        "SELECT avg(embedding)::text AS mean, count(*) AS n FROM jobs"
        " WHERE embedding_model = $1 AND embedding IS NOT NULL"
    ),
    # Candidates' titles rows (`title_similarity`); a zero row means no titles.
    "candidate_titles": (
        "SELECT avg(title_embedding)::text AS mean, count(*) AS n FROM candidates"
        " WHERE embedding_model = $1 AND title_embedding IS NOT NULL"
        " AND merged_into_id IS NULL AND vector_norm(title_embedding) > 0"
    ),
}

Mean = tuple[list[float] | None, int]
_cache: dict[tuple[str, str], tuple[float, Mean]] = {}  # (side, model)


def forget_centers() -> None:
    """Drop the cached means (tests that start from an empty database)."""
    _cache.clear()


async def deployment_centers(model: str, *, cache_from: int = CACHE_FROM) -> Centers:
    """The shrunk means of `model`'s candidate and job vectors; a side with at
    least `cache_from` vectors is read at most once per `CACHE_SECONDS`."""
    candidates, candidate_count = await _side_mean("candidates", model, cache_from)
    jobs, job_count = await _side_mean("jobs", model, cache_from)
    titles, title_count = await _side_mean("candidate_titles", model, cache_from)
    return Centers(
        model=model,
        candidates=shrunk_mean(candidates, candidate_count),
        jobs=shrunk_mean(jobs, job_count),
        candidate_count=candidate_count,
        job_count=job_count,
        candidate_titles=shrunk_mean(titles, title_count),
    )


async def _side_mean(side: str, model: str, cache_from: int) -> Mean:
    now = time.monotonic()
    cached = _cache.get((side, model))
    if cached is not None and cached[0] > now:
        return cached[1]
    rows: list[dict[str, Any]] = await connections.get("default").execute_query_dict(
        _MEANS[side], [model]
    )
    text, count = rows[0]["mean"], int(rows[0]["n"])
    mean = None if text is None else parse_vector(str(text))
    if count >= cache_from:
        _cache[(side, model)] = (now + CACHE_SECONDS, (mean, count))
    return mean, count
