"""`candidates.title_embedding`: each candidate's headline and job titles embedded
on their own (domain.matching.title_similarity). Rows embedded before this
migration have none; a match refresh embeds them again (`embed_missing`), and
until then they keep the whole-resume cosine alone. No index: retrieval still
scans `embedding`, the titles row only rescores the shortlist.

`embedding` is set to STORAGE MAIN: with two 1.5 kB vectors a row passes
PostgreSQL's 2 kB TOAST threshold, and both vectors being EXTERNAL (pgvector's
default) the first column, `embedding`, was the one moved out of line, so every
scan and rescoring would have read it from TOAST. MAIN keeps it in the row and
moves the titles row (read only for the shortlist) out first.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

from domain.models.fields import VectorField


class Migration(migrations.Migration):
    dependencies = [("models", "0011_search_speed")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Candidate",
            name="title_embedding",
            field=VectorField(null=True, dimensions=384),
        ),
        ops.RunSQL(
            "ALTER TABLE candidates ALTER COLUMN embedding SET STORAGE MAIN",
            reverse_sql="ALTER TABLE candidates ALTER COLUMN embedding"
            " SET STORAGE EXTERNAL",
        ),
    ]
