"""Text embeddings behind `EmbeddingProvider`: the local default is a static model
(a 384-dimension token table distilled from all-MiniLM-L6-v2 with model2vec, then
trained to tell occupations apart on O*NET and ESCO texts by `static_train`; shipped
in `data/`, no torch, no network) read with a pure-Python WordPiece tokenizer;
`HashingEmbeddingProvider` is the dependency-free baseline.

Every provider returns float32 rows of unit length (an empty text gives a zero row),
so cosine similarity is a dot product and pgvector's `vector_cosine_ops` applies.
`similarity_from_cosine` maps a (centred) cosine to the [0, 1] similarity the scorer
takes.
"""

import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

DIMENSIONS = 384
STATIC_MODEL_FILE = "minilm-static-384.npz"
# v2: the occupation-trained table (v1 was the distilled table alone); a new name
# makes every stored vector outdated, so refreshes embed them again.
STATIC_MODEL_NAME = "hotgigs-minilm-static-384-v2"
MAX_CHARS = 20_000  # the rest of a very long text changes a mean little
MAX_WORD_CHARS = 100
# The scorer gets centred cosines (`centering`): 0 is a pair no closer than the
# deployment's average pair (the median of different occupations is about -0.03
# on the category bench), and few same-occupation pairs pass 0.7 (upper quartile
# 0.5), so the top of a list is not flattened by the clamp.
COSINE_FLOOR = 0.0
COSINE_CEILING = 0.7

_WORDS = re.compile(r"[^\W_]+|[^\w\s]|_", re.UNICODE)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")


@runtime_checkable
class EmbeddingProvider(Protocol):
    """`embed` returns an array of shape (len(texts), dimensions), float32, each row
    of unit length or zero. `name` is stored beside vectors (`embedding_model`) so
    that vectors of different models are never compared."""

    @property
    def name(self) -> str: ...

    @property
    def dimensions(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def normalize_rows(matrix: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: NDArray[np.float32] = np.zeros_like(matrix, dtype=np.float32)
    np.divide(matrix, norms, out=out, where=norms > 0)
    return out


def similarity_from_cosine(
    cosine: float, *, floor: float = COSINE_FLOOR, ceiling: float = COSINE_CEILING
) -> float:
    """A cosine as a similarity in [0, 1]: 0 at or below `floor`, 1 at or above
    `ceiling`, linear between."""
    return min(1.0, max(0.0, (cosine - floor) / (ceiling - floor)))


class WordPiece:
    """BERT's uncased tokenizer (lower case, accents stripped, punctuation split,
    greedy longest-match word pieces); unknown words are dropped."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.index = {token: position for position, token in enumerate(vocab)}
        self._pieces = functools.lru_cache(maxsize=200_000)(self._word_ids)

    def ids(self, text: str) -> list[int]:
        found: list[int] = []
        for word in _WORDS.findall(_normalize(text[:MAX_CHARS])):
            found.extend(self._pieces(word))
        return found

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return ()
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    ids.append(self.index[piece])
                    break
                end -= 1
            if end == start:
                return ()  # BERT maps the whole word to [UNK]
            start = end
        return tuple(ids)


def _normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(
        c
        for c in decomposed
        if unicodedata.category(c) != "Mn"
        and (c.isspace() or unicodedata.category(c)[0] != "C")
    )


class StaticEmbeddingProvider:
    """Mean of the tokens' rows of an int8 table (one scale per row), then made
    isotropic: unit length, minus the `center` of a reference corpus, minus its
    projection on the corpus' top principal `components`, unit length again.
    Without that last step every pair of texts has a cosine near 0.95."""

    def __init__(
        self,
        name: str,
        vocab: Sequence[str],
        table: NDArray[np.int8],
        scales: NDArray[np.float32],
        *,
        center: NDArray[np.float32] | None = None,
        components: NDArray[np.float32] | None = None,
    ) -> None:
        if table.shape[0] != len(vocab) or scales.shape[0] != len(vocab):
            raise ValueError("static model: table and vocabulary sizes differ")
        self._name = name
        self._tokenizer = WordPiece(vocab)
        self._table = table
        self._scales = scales
        dims = table.shape[1]
        self._center = np.zeros(dims, np.float32) if center is None else center
        self._components = (
            np.zeros((0, dims), np.float32) if components is None else components
        )

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimensions(self) -> int:
        return int(self._table.shape[1])

    def pooled(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit-length token means, before centring (what the build averages)."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = np.asarray(self._tokenizer.ids(text), dtype=np.int64)
            if ids.size:
                rows = self._table[ids].astype(np.float32)
                out[row] = (rows * self._scales[ids, None]).mean(axis=0)
        return normalize_rows(out)

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        pooled = self.pooled(texts)
        empty = ~pooled.any(axis=1)
        shifted = pooled - self._center
        shifted -= (shifted @ self._components.T) @ self._components
        shifted[empty] = 0.0
        return normalize_rows(shifted.astype(np.float32))


def read_static_model(
    path: Path, name: str = STATIC_MODEL_NAME
) -> StaticEmbeddingProvider:
    with np.load(path, allow_pickle=False) as data:
        vocab = bytes(data["vocab"]).decode("utf-8").split("\n")
        return StaticEmbeddingProvider(
            name,
            vocab,
            data["table"].astype(np.int8),
            data["scales"].astype(np.float32),
            center=data["center"].astype(np.float32) if "center" in data else None,
            components=data["components"].astype(np.float32)
            if "components" in data
            else None,
        )


_CONFIGURED: list[EmbeddingProvider] = []  # this process's choice, if any
_LOCAL: list[EmbeddingProvider] = []  # EMBEDDING_MODEL's local model, if not static


def use_provider(provider: EmbeddingProvider | None) -> None:
    """Make `provider` this process's default (None: the local model again);
    the worker's pool processes call it at start (OpenAI embeddings, #8)."""
    _CONFIGURED[:] = [provider] if provider is not None else []


def use_local_provider(provider: EmbeddingProvider | None) -> None:
    """Make `provider` this process's local model (None: the shipped static
    model); entry points call it with EMBEDDING_MODEL's (`e5_provider`)."""
    _LOCAL[:] = [provider] if provider is not None else []


def load_default_provider() -> EmbeddingProvider:
    """The configured provider, else the local model (the shipped static one
    unless EMBEDDING_MODEL chose another)."""
    if _CONFIGURED:
        return _CONFIGURED[0]
    return _LOCAL[0] if _LOCAL else load_static_provider()


@functools.cache
def load_static_provider() -> EmbeddingProvider:
    """The shipped static model, read once per process (about 12 MB)."""
    source = resources.files("domain.matching").joinpath("data", STATIC_MODEL_FILE)
    with resources.as_file(source) as path:
        return read_static_model(path)


class HashingEmbeddingProvider:
    """Word unigrams and bigrams hashed into signed buckets, log-scaled counts: no
    model at all. The baseline the benches compare against, and a fallback."""

    def __init__(self, dimensions: int = DIMENSIONS) -> None:
        self._dimensions = dimensions

    @property
    def name(self) -> str:
        return f"hashing-{self._dimensions}-v1"

    @property
    def dimensions(self) -> int:
        return self._dimensions

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        out = np.zeros((len(texts), self._dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _TOKEN.findall(text[:MAX_CHARS].lower())
            for feature in [
                *words,
                *map(" ".join, itertools.pairwise(words)),
            ]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self._dimensions
                out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
        return normalize_rows(np.sign(out) * np.log1p(np.abs(out)))
