"""Fine-tunes the static model's token table to tell occupations apart, in numpy
(no torch): contrastive training (InfoNCE, in-batch negatives, both directions) of
texts of one occupation against each other (`static_train_data`), pooled exactly as
`StaticEmbeddingProvider.embed` pools (mean of the token rows, unit length, minus
the model's `center`, unit length). Only the rows of the tokens a batch holds move
(Adam), and every moved row is pulled back towards its original value (decoupled
decay towards the start), so the general geometry of the distilled table survives.

`python -m domain.matching.static_train EVAL_DIR IN_NPZ OUT_NPZ [--exclude CODES]`
(EVAL_DIR holds `onet/` and `esco-occupations-unmapped/`); deterministic for one
seed. The output has the input's format, its int8 table re-quantised and its
`center` measured again (`static_build.write_model`). See data/README.md.
"""

import argparse
import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from domain.matching.embeddings import WordPiece
from domain.matching.occupations import load_occupations
from domain.matching.static_build import write_model
from domain.matching.static_train_data import (
    EscoOccupation,
    OnetOccupation,
    load_esco,
    load_onet,
    onet_views,
)

Matrix = NDArray[np.float32]
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    steps: int = 600
    batch: int = 64  # O*NET occupations per step
    esco_batch: int = 64  # ESCO occupations per step (0: none)
    learning_rate: float = 1e-2
    decay: float = 0.05  # pull towards the original row, per unit of learning rate
    temperature: float = 0.05
    validation: float = 0.0  # share of O*NET occupations held out to measure
    seed: int = 13


@dataclass
class Model:
    """The float table being trained and what it needs to pool."""

    table: Matrix
    start: Matrix
    center: Matrix
    tokenizer: WordPiece


def _unit(x: Matrix) -> tuple[Matrix, Matrix]:
    """Rows of unit length, and their lengths before."""
    norms = np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-8)
    return x / norms, norms


def _unit_back(y: Matrix, norms: Matrix, grad: Matrix) -> Matrix:
    """Gradient through y = x / |x|."""
    along: Matrix = np.sum(y * grad, axis=1, keepdims=True)
    out: Matrix = ((grad - y * along) / norms).astype(np.float32, copy=False)
    return out


@dataclass
class Batch:
    rows: NDArray[np.int64]  # the distinct token ids
    weights: Matrix  # texts x rows: token counts / text length


def _batch(tokenizer: WordPiece, texts: list[str]) -> Batch:
    ids = [tokenizer.ids(t) or [0] for t in texts]
    rows, inverse = np.unique(np.concatenate(ids), return_inverse=True)
    weights = np.zeros((len(texts), len(rows)), np.float32)
    start = 0
    for n, found in enumerate(ids):
        np.add.at(weights[n], inverse[start : start + len(found)], 1.0 / len(found))
        start += len(found)
    return Batch(rows, weights)


@dataclass(frozen=True)
class Saved:
    """The forward pass's intermediate values the backward pass needs."""

    q: Matrix  # unit-length means
    q_norms: Matrix
    u: Matrix  # centred, unit length: the embeddings
    u_norms: Matrix


def embed(model: Model, batch: Batch) -> tuple[Matrix, Saved]:
    """The provider's `embed`, and what the backward pass needs."""
    pooled = batch.weights @ model.table[batch.rows]
    q, q_norms = _unit(pooled)
    u, u_norms = _unit(q - model.center)
    return u, Saved(q, q_norms, u, u_norms)


def embed_back(batch: Batch, saved: Saved, grad: Matrix) -> Matrix:
    """Gradient for the rows `batch.rows` of the table, from the embeddings'."""
    grad_q = _unit_back(saved.u, saved.u_norms, grad)
    grad_pooled = _unit_back(saved.q, saved.q_norms, grad_q)
    return batch.weights.T @ grad_pooled


def info_nce(a: Matrix, b: Matrix, temperature: float) -> tuple[float, Matrix, Matrix]:
    """Symmetric InfoNCE of pairs (a[i], b[i]); gradients for a and b."""
    scores = (a @ b.T) / temperature
    n = len(a)
    eye = np.eye(n, dtype=np.float32)
    rows = np.exp(scores - scores.max(axis=1, keepdims=True))
    rows /= rows.sum(axis=1, keepdims=True)
    cols = np.exp(scores - scores.max(axis=0, keepdims=True))
    cols /= cols.sum(axis=0, keepdims=True)
    loss = -0.5 * float(np.mean(np.log(np.diag(rows) + 1e-9) + np.log(np.diag(cols))))
    grad_scores = 0.5 * ((rows - eye) + (cols - eye)) / n / temperature
    return loss, grad_scores @ b, grad_scores.T @ a


class Trainer:
    """Lazy Adam over the rows a batch touches, with decay towards the start."""

    def __init__(self, model: Model, settings: Settings) -> None:
        self.model = model
        self.settings = settings
        self.first = np.zeros_like(model.table)
        self.second = np.zeros_like(model.table)
        self.seen = np.zeros(len(model.table), np.int64)

    def step(self, pairs: list[tuple[list[str], list[str]]]) -> float:
        texts = [t for a, b in pairs for t in (*a, *b)]
        batch = _batch(self.model.tokenizer, texts)
        vectors, saved = embed(self.model, batch)
        grad = np.zeros_like(vectors)
        loss, start = 0.0, 0
        for a, b in pairs:
            middle, end = start + len(a), start + len(a) + len(b)
            value, grad_a, grad_b = info_nce(
                vectors[start:middle], vectors[middle:end], self.settings.temperature
            )
            loss += value
            grad[start:middle] += grad_a
            grad[middle:end] += grad_b
            start = end
        self._update(batch.rows, embed_back(batch, saved, grad))
        return loss

    def _update(self, rows: NDArray[np.int64], grad: Matrix) -> None:
        s, table = self.settings, self.model.table
        self.seen[rows] += 1
        t = self.seen[rows][:, None].astype(np.float32)
        self.first[rows] = 0.9 * self.first[rows] + 0.1 * grad
        self.second[rows] = 0.999 * self.second[rows] + 0.001 * grad * grad
        step = (self.first[rows] / (1 - 0.9**t)) / (
            np.sqrt(self.second[rows] / (1 - 0.999**t)) + 1e-8
        )
        scale = np.abs(self.model.start[rows]).mean(axis=1, keepdims=True)
        table[rows] -= s.learning_rate * scale * step
        table[rows] -= (
            s.learning_rate * s.decay * (table[rows] - self.model.start[rows])
        )


def _pairs(
    onet: list[OnetOccupation],
    esco: list[EscoOccupation],
    rng: random.Random,
    settings: Settings,
) -> list[tuple[list[str], list[str]]]:
    """One batch: (pseudo-resumes, postings), (titles, postings), (ESCO titles,
    ESCO descriptions)."""
    sampled = rng.sample(onet, min(settings.batch, len(onet)))
    views = [onet_views(o, rng) for o in sampled]
    chosen = rng.sample(esco, min(settings.esco_batch, len(esco)))
    pairs = [
        ([v[0] for v in views], [v[2] for v in views]),
        ([v[1] for v in views], [v[2] for v in views]),
    ]
    if chosen:
        pairs.append(([e.title for e in chosen], [e.description for e in chosen]))
    return pairs


def validation_mrr(model: Model, held: list[OnetOccupation]) -> tuple[float, float]:
    """Pseudo-resume -> posting and titles -> posting MRR among the held-out
    occupations, each side centred on its own mean as the product does."""
    rng = random.Random(7)  # noqa: S311 - sampling, not secrets
    views = [onet_views(o, rng) for o in held]
    out = []
    for side in (0, 1):
        left, _ = embed(model, _batch(model.tokenizer, [v[side] for v in views]))
        right, _ = embed(model, _batch(model.tokenizer, [v[2] for v in views]))
        left, _ = _unit(left - left.mean(axis=0))
        right, _ = _unit(right - right.mean(axis=0))
        scores = left @ right.T
        ranks = 1 + (scores > np.diag(scores)[:, None]).sum(axis=1)
        out.append(float(np.mean(1.0 / ranks)))
    return out[0], out[1]


def train(
    model: Model,
    onet: list[OnetOccupation],
    esco: list[EscoOccupation],
    settings: Settings,
) -> None:
    rng = random.Random(settings.seed)  # noqa: S311 - sampling, not secrets
    held: list[OnetOccupation] = []
    if settings.validation:
        shuffled = onet[:]
        rng.shuffle(shuffled)
        cut = int(len(onet) * settings.validation)
        held, onet = shuffled[:cut], sorted(shuffled[cut:], key=lambda o: o.code)
        logger.info(
            "validation MRR (resume, titles) at start: %s", validation_mrr(model, held)
        )
    trainer = Trainer(model, settings)
    started, losses = time.perf_counter(), []
    for step in range(1, settings.steps + 1):
        losses.append(trainer.step(_pairs(onet, esco, rng, settings)))
        if step % 100 == 0 or step == settings.steps:
            line = f"step {step} loss {np.mean(losses[-100:]):.3f}"
            if held:
                line += f" validation {validation_mrr(model, held)}"
            logger.info("%s (%.0f s)", line, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("in_file", type=Path)
    parser.add_argument("out_file", type=Path)
    parser.add_argument("--exclude", default="", help="O*NET codes, comma-separated")
    defaults = Settings()
    for field, value in vars(defaults).items():
        parser.add_argument(f"--{field}", type=type(value), default=value)
    args = parser.parse_args(argv)
    settings = Settings(**{f: getattr(args, f) for f in vars(defaults)})
    exclude = [c for c in args.exclude.split(",") if c]
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with np.load(args.in_file, allow_pickle=False) as data:
        vocab = bytes(data["vocab"]).decode("utf-8").split("\n")
        table = data["table"].astype(np.float32) * data["scales"][:, None]
        center = data["center"].astype(np.float32)
    onet = load_onet(args.eval_dir / "onet", exclude)
    esco_file = args.eval_dir / "esco-occupations-unmapped" / "occupations_en.csv"
    esco = load_esco(esco_file, load_occupations(), exclude)
    logger.info(
        "%d O*NET, %d ESCO occupations; %d codes out",
        len(onet),
        len(esco),
        len(exclude),
    )
    model = Model(table.astype(np.float32), table.copy(), center, WordPiece(vocab))
    train(model, onet, esco, settings)
    write_model(args.out_file, vocab, model.table, args.eval_dir / "onet", 0)


if __name__ == "__main__":
    main()
