"""`candidates.title_embedding`: each candidate's headline and job titles embedded
on their own (domain.matching.title_similarity). Rows embedded before this
migration have none; a match refresh embeds them again (`embed_missing`), and
until then they keep the whole-resume cosine alone. No index: retrieval still
scans `embedding`, the titles row only rescores the shortlist.
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
    ]
