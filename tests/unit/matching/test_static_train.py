import random

import numpy as np
import pytest

from domain.matching.embeddings import StaticEmbeddingProvider, WordPiece
from domain.matching.static_train import (
    Model,
    Settings,
    Trainer,
    _batch,
    embed,
    embed_back,
    info_nce,
)
from domain.matching.static_train_data import OnetOccupation, onet_views

VOCAB = ["[UNK]", "python", "chef", "nurse", "kitchen", "code", "care", "##s"]
TEXTS = ["python code", "chef kitchen", "nurse care", "python codes kitchen"]


def _model(seed: int = 0) -> Model:
    rng = np.random.default_rng(seed)
    table = rng.integers(-100, 100, size=(len(VOCAB), 6)).astype(np.int8)
    floats = table.astype(np.float32) * 0.01
    center = rng.normal(size=6).astype(np.float32) * 0.1
    return Model(floats.copy(), floats.copy(), center, WordPiece(VOCAB))


def test_training_pools_exactly_as_the_provider_embeds():
    model = _model()
    provider = StaticEmbeddingProvider(
        "test",
        VOCAB,
        np.round(model.table / 0.01).astype(np.int8),
        np.full(len(VOCAB), 0.01, np.float32),
        center=model.center,
    )

    vectors, _ = embed(model, _batch(model.tokenizer, TEXTS))

    assert vectors == pytest.approx(provider.embed(TEXTS), abs=1e-5)


def test_the_gradient_matches_finite_differences():
    model = _model(1)
    batch = _batch(model.tokenizer, TEXTS)

    def loss() -> float:
        vectors, _ = embed(model, batch)
        return info_nce(vectors[:2], vectors[2:], 0.1)[0]

    vectors, saved = embed(model, batch)
    _, grad_a, grad_b = info_nce(vectors[:2], vectors[2:], 0.1)
    grad = embed_back(batch, saved, np.concatenate([grad_a, grad_b]))
    row, column, step = 2, 3, 1e-3
    token = int(batch.rows[row])
    model.table[token, column] += step
    up = loss()
    model.table[token, column] -= 2 * step
    down = loss()

    assert grad[row, column] == pytest.approx((up - down) / (2 * step), rel=0.05)


def test_a_training_step_lowers_the_loss_and_moves_only_the_batchs_rows():
    model = _model(2)
    trainer = Trainer(model, Settings(learning_rate=0.05))
    pairs = [(["python code", "chef kitchen"], ["python codes", "kitchen chef"])]

    first = trainer.step(pairs)
    for _ in range(20):
        last = trainer.step(pairs)

    assert last < first
    moved = np.flatnonzero(np.abs(model.table - model.start).sum(axis=1))
    assert [VOCAB[i] for i in moved] == ["python", "chef", "kitchen", "code", "##s"]


def test_a_resume_and_a_posting_of_one_occupation_share_no_task():
    occupation = OnetOccupation(
        "15-1252.00",
        "Software Developers",
        "Develop software.",
        tuple(f"Task number {n}." for n in range(10)),
        ("Programmer", "Coder", "Developer"),
        ("Python", "Git", "Linux"),
        ("Python",),
    )

    resume, titles, posting = onet_views(occupation, random.Random(3))  # noqa: S311

    tasks = {t for t in occupation.tasks if t in resume}
    assert tasks
    assert not any(t in posting for t in tasks)
    assert titles.splitlines() == resume.splitlines()[: len(titles.splitlines())]
    assert posting.startswith("Software Developers\nDevelop software.")
