"""The migrated schema: in step with the models, with its constraints and indexes."""

import pytest
from tortoise import Tortoise, connections
from tortoise.exceptions import IntegrityError
from tortoise.migrations.autodetector import MigrationAutodetector

from domain.db import tortoise_config
from domain.models import Candidate, Pool, ProcessingJob, Resume, Role, User
from tests.factories import make_candidate, make_user


async def test_models_and_migrations_are_in_step(settings, migrated):
    apps_config = tortoise_config(settings.database_url)["apps"]
    writers = await MigrationAutodetector(Tortoise.apps, apps_config).changes()
    assert [w.name for w in writers] == [], "run `tortoise makemigrations` (see README)"


async def _scalar(sql: str):
    rows = await connections.get("default").execute_query_dict(sql)
    return next(iter(rows[0].values()))


async def test_embeddings_have_hnsw_cosine_indexes(db):
    indexes = await connections.get("default").execute_query_dict(
        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%hnsw'"
        " ORDER BY indexname"
    )
    assert [
        (i["indexname"], "hnsw (embedding vector_cosine_ops)" in i["indexdef"])
        for i in indexes
    ] == [
        ("candidates_embedding_hnsw", True),
        ("jobs_embedding_hnsw", True),
    ]
    assert await _scalar("SELECT extversion FROM pg_extension WHERE extname='vector'")


async def test_embedding_round_trips_through_the_vector_column(db):
    candidate = await make_candidate()
    vector = [0.0] * 384
    vector[7] = 1.0
    candidate.embedding = vector
    await candidate.save(update_fields=["embedding"])
    loaded = await Candidate.get(id=candidate.id)
    assert loaded.embedding == vector


async def test_enum_columns_reject_unknown_values(db):
    user = await make_user()
    with pytest.raises(IntegrityError, match="users_role_check"):
        await connections.get("default").execute_query(
            "UPDATE users SET role = 'superuser' WHERE id = $1", [str(user.id)]
        )
    assert (await User.get(id=user.id)).role is Role.RECRUITER


async def test_an_owner_has_at_most_one_default_pool(db):
    user = await make_user()
    with pytest.raises(IntegrityError, match="pools_one_default_per_owner"):
        await Pool.create(name="Second default", owner=user, is_default=True)


async def test_one_processing_job_per_resume_and_kind(db):
    candidate = await make_candidate()
    resume = await Resume.create(
        pool_id=candidate.pool_id,
        filename="cv.pdf",
        content_type="application/pdf",
        size_bytes=10,
        sha256="0" * 64,
        storage_key="00/cv",
    )
    await ProcessingJob.create(resume=resume, kind="parse_resume")
    with pytest.raises(IntegrityError):
        await ProcessingJob.create(resume=resume, kind="parse_resume")
    with pytest.raises(IntegrityError, match="processing_jobs_progress_check"):
        await ProcessingJob.create(resume=resume, kind="other", progress=101)
