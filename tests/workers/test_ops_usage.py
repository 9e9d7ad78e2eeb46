"""usageStats over real work: uploads and a ZIP processed by a real worker,
a job matched by the matching worker, and its matches viewed through GraphQL."""

from domain.jobs import BULK_QUEUE, HIGH_QUEUE, MATCHING_QUEUE
from domain.models import Role
from tests.factories import make_user
from tests.graphql import gql
from tests.samples.resumes import ALAN, GRACE, docx_resume, text_resume
from tests.workers.test_matching_refresh import CREATE, MATCHES, POSTING
from tests.workers.test_ops_stats import _window
from tests.workers.test_resume_pipeline import BULK, SINGLE, _upload, _zip

USAGE = """query($from: DateTime!, $to: DateTime!) { usageStats(from: $from, to: $to) {
  user { email } uploads bulkImports driveImports candidatesCreated matchesViewed
} }"""


async def test_usage_counts_uploads_imports_candidates_and_match_views(
    client, worker_factory
):
    olga = await make_user(email="olga@example.com")
    oscar = await make_user(email="oscar@example.com")
    admin = await make_user(Role.ADMIN, email="ada@example.com")
    await _upload(client, olga, SINGLE, [("ada.txt", text_resume())], many=False)
    archive = _zip({"grace.docx": docx_resume(), "alan.txt": text_resume(ALAN)})
    await _upload(client, olga, BULK, [("cvs.zip", archive)], many=True)
    await _upload(
        client, oscar, SINGLE, [("grace.txt", text_resume(GRACE))], many=False
    )
    assert await worker_factory(HIGH_QUEUE).run_check() == 2
    assert await worker_factory(BULK_QUEUE).run_check() == 2
    assert await worker_factory(MATCHING_QUEUE).run_check() == 4

    job = await gql(
        client,
        CREATE,
        {"input": {"title": "Backend Engineer", "description": POSTING}},
        as_user=olga,
    )
    job_id = job["data"]["jobCreate"]["job"]["id"]
    assert await worker_factory(MATCHING_QUEUE).run_check() == 1
    shown = await gql(client, MATCHES, {"id": job_id}, as_user=olga)
    seen = shown["data"]["job"]["matches"]["totalCount"]
    assert seen == 3  # Olga's three candidates
    await gql(client, MATCHES, {"id": job_id}, as_user=olga)  # looked twice

    body = await gql(client, USAGE, _window(), as_user=admin)
    assert body == {
        "data": {
            "usageStats": [
                {
                    "user": {"email": "olga@example.com"},
                    "uploads": 1,
                    "bulkImports": 2,
                    "driveImports": 0,
                    "candidatesCreated": 3,
                    "matchesViewed": 6,
                },
                {
                    "user": {"email": "oscar@example.com"},
                    "uploads": 1,
                    "bulkImports": 0,
                    "driveImports": 0,
                    "candidatesCreated": 1,
                    "matchesViewed": 0,
                },
            ]
        }
    }
