import numpy as np
import pytest

from domain.matching.embeddings import (
    DIMENSIONS,
    EmbeddingProvider,
    HashingEmbeddingProvider,
    WordPiece,
    load_default_provider,
    similarity_from_cosine,
)
from domain.matching.text import job_text, resume_text
from domain.matching.vectors import JobDocument, job_vectors, resume_vectors
from tests.unit.matching.builders import resume

TEXTS = [
    "Senior Python developer: Django, PostgreSQL, Docker and Kubernetes.",
    "Backend engineer writing Python services on Kubernetes with Postgres.",
    "Pastry chef: laminated doughs, plated desserts, kitchen hygiene.",
    "",
]


@pytest.mark.parametrize(
    "provider",
    [load_default_provider(), HashingEmbeddingProvider()],
    ids=["static", "hashing"],
)
def test_providers_return_unit_rows_of_384_floats(provider):
    vectors = provider.embed(TEXTS)

    assert isinstance(provider, EmbeddingProvider)
    assert provider.dimensions == DIMENSIONS
    assert (vectors.shape, vectors.dtype) == ((4, 384), np.float32)
    assert np.linalg.norm(vectors[:3], axis=1) == pytest.approx([1.0] * 3, abs=1e-5)
    assert not vectors[3].any()
    assert np.array_equal(provider.embed(TEXTS[:1])[0], vectors[0])


def test_static_model_puts_related_jobs_closer_than_unrelated_ones():
    vectors = load_default_provider().embed(TEXTS[:3])

    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_static_model_is_named_for_its_stored_vectors():
    assert load_default_provider().name == "hotgigs-minilm-static-384-v2"


def test_wordpiece_splits_like_bert_uncased():
    tokenizer = WordPiece(["[UNK]", "kube", "##rne", "##tes", "cafe", ",", "c", "+"])

    assert tokenizer.ids("Kubernetes, Café C++ zzz") == [1, 2, 3, 5, 4, 6, 7, 7]


def test_similarity_from_cosine_is_clamped_and_linear():
    # Centred cosines: 0 is the deployment's average pair, 0.7 and above is 1.
    assert [similarity_from_cosine(c) for c in (-0.2, 0.0, 0.35, 0.7, 0.9)] == [
        0.0,
        0.0,
        pytest.approx(0.5),
        1.0,
        1.0,
    ]


def test_resume_text_leaves_out_who_the_candidate_is():
    text = resume_text(resume(summary="Ada Lovelace (ada@example.com) builds ML."))

    assert "Ada" not in text
    assert "Lovelace" not in text
    assert "ada@example.com" not in text
    assert "7946" not in text
    assert "linkedin" not in text
    assert "builds ML." in text
    assert "Skills: Python, SQL, Docker, Terraform" in text


def test_resume_text_is_the_same_whoever_the_candidate_is():
    one = resume(summary="Ada Lovelace builds ML.")
    two = resume(
        name="Grace Hopper", email="g@x.example", summary="Grace Hopper builds ML."
    )

    assert resume_text(one) == resume_text(two)


def test_job_text_appends_the_analysed_skills():
    assert job_text("Chef", "Cook things.") == "Chef\nCook things."


def test_vectors_mix_titles_and_text_into_unit_rows():
    provider = load_default_provider()

    grace = resume(name="Grace Hopper", summary="Grace Hopper builds data platforms.")
    ada = resume(summary="Ada Lovelace builds data platforms.")
    rows = resume_vectors(provider, [ada, grace])
    jobs = job_vectors(provider, [JobDocument("Data Engineer", "Python and SQL.")])

    assert rows.shape == (2, 384)
    assert np.array_equal(rows[0], rows[1])
    assert np.linalg.norm(jobs[0]) == pytest.approx(1.0, abs=1e-5)
    assert float(rows[0] @ jobs[0]) > 0.3


def test_no_texts_give_an_empty_matrix():
    assert resume_vectors(load_default_provider(), []).shape == (0, 384)
