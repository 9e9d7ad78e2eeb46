"""OpenAI embeddings behind `EmbeddingProvider`, for the worker's process pool.

The provider is synchronous like the others (it runs in the pool's processes) and
asks for `DIMENSIONS` dimensions, the size of the vector columns (text-embedding-3
models shorten on request). Its name carries the model and size, so vectors of two
models are never compared: switching provider makes every stored vector outdated,
and `request_reembedding` refreshes them in the background. A failure raises: a
vector from another model must never stand in for this one.
"""

import logging
from collections.abc import Sequence

import numpy as np
from arq.connections import ArqRedis
from numpy.typing import NDArray
from tortoise.expressions import Q

from domain.access import Viewer, visible_candidates, visible_jobs
from domain.errors import TransientError
from domain.jobs import (
    MATCHING_QUEUE,
    REFRESH_CANDIDATE_MATCHES,
    REFRESH_JOB_MATCHES,
    enqueue,
)
from domain.llm.options import LlmOptions
from domain.matching import embeddings
from domain.matching.embeddings import DIMENSIONS, MAX_CHARS, normalize_rows
from domain.models import JobStatus

logger = logging.getLogger(__name__)
REQUEST_BATCH = 128  # texts per embeddings request
REEMBED_BATCH = 500  # refreshes queued per run


class OpenAIEmbeddingProvider:
    def __init__(self, options: LlmOptions, dimensions: int = DIMENSIONS) -> None:
        if not options.embedding_model:
            raise ValueError("OPENAI_EMBEDDING_MODEL is not set")
        import openai  # see domain.llm.client: slow to import, so only when used

        self._model = options.embedding_model
        self._dimensions = dimensions
        self._options = options
        # What this process has spent so far; the caller reads the difference
        # around a call (`domain.matching.compute`) and records it as a call.
        self.tokens_used = 0
        self.cost_usd = 0.0
        self._client = openai.OpenAI(
            api_key=options.api_key,
            base_url=options.base_url,
            timeout=options.timeout_seconds,
            max_retries=options.max_retries,
        )

    @property
    def name(self) -> str:
        return f"openai:{self._model}:{self._dimensions}"[:100]

    @property
    def dimensions(self) -> int:
        return self._dimensions

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Empty texts get a zero row without a request (the API refuses them)."""
        out = np.zeros((len(texts), self._dimensions), dtype=np.float32)
        wanted = [(i, t[:MAX_CHARS]) for i, t in enumerate(texts) if t.strip()]
        for start in range(0, len(wanted), REQUEST_BATCH):
            batch = wanted[start : start + REQUEST_BATCH]
            rows = self._request([text for _, text in batch])
            for (index, _), row in zip(batch, rows, strict=True):
                out[index] = row
        return normalize_rows(out)

    def _request(self, texts: list[str]) -> list[list[float]]:
        import openai

        try:
            response = self._client.embeddings.create(
                model=self._model, input=texts, dimensions=self._dimensions
            )
        except openai.OpenAIError as exc:
            raise TransientError(f"The embeddings server failed: {exc}") from exc
        tokens = response.usage.prompt_tokens if response.usage else 0
        self.tokens_used += tokens
        self.cost_usd += self._options.cost_usd(self._model, tokens, 0)
        rows = [item.embedding for item in sorted(response.data, key=lambda d: d.index)]
        if len(rows) != len(texts) or any(len(r) != self._dimensions for r in rows):
            raise ValueError(
                f"{self._model} answered vectors of another count or size than"
                f" {self._dimensions}: use a model that supports `dimensions`"
                " (text-embedding-3-*) or unset OPENAI_EMBEDDING_MODEL."
            )
        return [list(row) for row in rows]


def configure_process(options: LlmOptions | None) -> None:
    """The pool processes' initializer: OpenAI embeddings when a model is set,
    else the local default."""
    if options is not None and options.embedding_model:
        embeddings.use_provider(OpenAIEmbeddingProvider(options))
    else:
        embeddings.use_provider(None)


def current_model() -> str:
    """The name of this process's provider (run in the pool)."""
    return embeddings.load_default_provider().name


async def request_reembedding(queue: ArqRedis, model: str) -> int:
    """Queue match refreshes (which re-embed) for candidates and open jobs whose
    vector came from another model; returns how many were queued."""
    # Only vectors of another model: a missing one is embedded when first matched.
    outdated = Q(embedding_model__isnull=False) & ~Q(embedding_model=model)
    system = Viewer.system()
    candidates = (
        await visible_candidates(system)
        .filter(outdated, merged_into_id__isnull=True)
        .limit(REEMBED_BATCH)
        .values_list("id", flat=True)
    )
    jobs = (
        await visible_jobs(system)
        .filter(outdated, status=JobStatus.OPEN)
        .limit(REEMBED_BATCH)
        .values_list("id", flat=True)
    )
    queued = 0
    for function, ids in (
        (REFRESH_CANDIDATE_MATCHES, candidates),
        (REFRESH_JOB_MATCHES, jobs),
    ):
        for entity_id in ids:
            queued += await enqueue(
                queue, function, entity_id, queue_name=MATCHING_QUEUE, revision=model
            )
    if queued:
        logger.info("re-embedding queued count=%s model=%s", queued, model)
    return queued
