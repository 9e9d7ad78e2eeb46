"""Jobs through GraphQL: create with its analysis, update, close, analysis edits,
filters and pagination, and the match refresh queued after each change."""

from domain.jobs import MATCHING_QUEUE
from domain.models import Job, Role
from tests.factories import make_user
from tests.graphql import gql

ERRORS = "userErrors { field message code }"
SKILL = "name canonicalId years confidence evidence"
JOB = f"""
id title location remote seniority salaryMin salaryMax salaryCurrency status
employmentType owner {{ name }} weights {{ skills experience education location }}
analysis {{
  requiredSkills {{ {SKILL} }}
  preferredSkills {{ name }}
  minYearsExperience {{ value confidence evidence }}
  education {{ value evidence }}
  remote {{ value }}
  location {{ value }}
  seniority {{ value }}
  occupation {{ code title }}
}}
"""
CREATE = f"""
mutation($input: JobCreateInput!) {{
  jobCreate(input: $input) {{ job {{ {JOB} }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation($input: JobUpdateInput!) {{
  jobUpdate(input: $input) {{
    job {{ title description salaryMin weights {{ skills location }}
      analysis {{ requiredSkills {{ name }} preferredSkills {{ name }} }} }}
    {ERRORS}
  }}
}}
"""
CLOSE = f"""
mutation($input: JobCloseInput!) {{
  jobClose(input: $input) {{ job {{ status closedAt }} {ERRORS} }}
}}
"""
EDIT = f"""
mutation($input: JobAnalysisUpdateInput!) {{
  jobAnalysisUpdate(input: $input) {{
    job {{ analysis {{
      requiredSkills {{ name canonicalId confidence evidence }}
      preferredSkills {{ name }}
      minYearsExperience {{ value confidence evidence }}
      education {{ value }}
    }} }}
    {ERRORS}
  }}
}}
"""
LIST = """
query($first: Int!, $after: String, $filter: JobFilter) {
  jobs(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { node { title status } }
  }
}
"""
ONE = "query($id: ID!) { job(id: $id) { title } }"
POSTING = """Requirements:
- 3+ years of experience with Python and Django
- Bachelor's degree

Nice to have:
- Docker
"""


async def _create(client, user, **fields):
    body = await gql(client, CREATE, {"input": fields}, as_user=user)
    assert body["data"]["jobCreate"]["userErrors"] == [], body
    job = body["data"]["jobCreate"]["job"]
    assert job is not None, body
    return job


async def test_create_shows_the_analysis_of_the_description(client):
    owner = await make_user(name="Olga Owner")
    job = await _create(
        client,
        owner,
        title="Python Developer",
        description=POSTING,
        salaryMin=60000,
        salaryMax=80000,
        salaryCurrency="eur",
        employmentType="full-time",
        weights={"skills": 0.6, "location": 0.0},
    )
    required = job["analysis"]["requiredSkills"]
    assert [(s["name"], s["canonicalId"], s["years"]) for s in required] == [
        ("Python", "onet:python", 3.0),
        ("Django", "onet:django", 3.0),
    ]
    assert required[0]["evidence"] == "3+ years of experience with Python and Django"
    assert job["analysis"]["preferredSkills"] == [{"name": "Docker"}]
    assert job["analysis"]["minYearsExperience"] == {
        "value": 3.0,
        "confidence": 0.9,
        "evidence": "3+ years of experience with Python and Django",
    }
    assert job["analysis"]["education"] == {
        "value": "BACHELOR",
        "evidence": "Bachelor's degree",
    }
    assert job["analysis"]["occupation"]["code"].startswith("15-")
    assert {k: job[k] for k in ("title", "remote", "status", "owner")} == {
        "title": "Python Developer",
        "remote": "ONSITE",
        "status": "OPEN",
        "owner": {"name": "Olga Owner"},
    }
    assert (job["salaryMin"], job["salaryMax"], job["salaryCurrency"]) == (
        60000,
        80000,
        "EUR",
    )
    assert job["weights"] == {
        "skills": 0.6,
        "experience": 0.25,
        "education": 0.15,
        "location": 0.0,
    }


async def test_create_queues_a_match_refresh_on_the_high_queue(client, queue):
    owner = await make_user()
    job = await _create(client, owner, title="Nurse")
    row = await Job.get(title="Nurse")
    stamp = int(row.updated_at.timestamp() * 1_000_000)
    queued = [i.decode() for i in await queue.zrange(MATCHING_QUEUE, 0, -1)]
    assert queued == [f"refresh_job_matches:{row.id}:{stamp}"]
    assert job["id"]


async def test_create_reports_each_bad_field(client):
    body = await gql(
        client,
        CREATE,
        {
            "input": {
                "title": "",
                "salaryMin": 90000,
                "salaryMax": 80000,
                "weights": {"skills": -1},
            }
        },
        as_user=await make_user(),
    )
    assert body["data"]["jobCreate"] == {
        "job": None,
        "userErrors": [
            {
                "field": ["input", "title"],
                "message": "A job needs a title.",
                "code": "INVALID_INPUT",
            },
            {
                "field": ["input", "weights.skills"],
                "message": "The skills weight must be 0 or more, got -1.0.",
                "code": "INVALID_WEIGHTS",
            },
        ],
    }
    assert await Job.all().count() == 0


async def test_update_analyses_again_and_keeps_analysis_edits(client):
    owner = await make_user()
    job = await _create(client, owner, title="Developer", description=POSTING)
    edited = await gql(
        client,
        EDIT,
        {
            "input": {
                "id": job["id"],
                "addRequired": ["kubernetes", "Docker"],
                "drop": ["Django"],
                "minYearsExperience": 5,
                "educationLevel": None,
            }
        },
        as_user=owner,
    )
    assert edited["data"]["jobAnalysisUpdate"] == {
        "job": {
            "analysis": {
                "requiredSkills": [
                    {
                        "name": "Python",
                        "canonicalId": "onet:python",
                        "confidence": 0.9,
                        "evidence": "3+ years of experience with Python and Django",
                    },
                    {
                        "name": "Kubernetes",
                        "canonicalId": "onet:kubernetes",
                        "confidence": 1.0,
                        "evidence": None,
                    },
                    {
                        "name": "Docker",
                        "canonicalId": "onet:docker",
                        "confidence": 1.0,
                        "evidence": None,
                    },
                ],
                "preferredSkills": [],
                "minYearsExperience": {
                    "value": 5.0,
                    "confidence": 1.0,
                    "evidence": None,
                },
                "education": None,
            }
        },
        "userErrors": [],
    }

    updated = await gql(
        client,
        UPDATE,
        {
            "input": {
                "id": job["id"],
                "title": "Senior Developer",
                "description": POSTING + "- Terraform\n- Django REST framework\n",
                "salaryMin": 70000,
                "weights": None,
            }
        },
        as_user=owner,
    )
    saved = updated["data"]["jobUpdate"]
    assert saved["userErrors"] == []
    assert saved["job"]["title"] == "Senior Developer"
    assert saved["job"]["salaryMin"] == 70000
    assert saved["job"]["weights"] == {"skills": 0.5, "location": 0.1}
    analysis = saved["job"]["analysis"]
    assert [s["name"] for s in analysis["requiredSkills"]] == [
        "Python",
        "Kubernetes",
        "Docker",
    ]
    # Django stays dropped though the new line names it again.
    assert [s["name"] for s in analysis["preferredSkills"]] == ["Terraform", "REST"]


async def test_close_marks_the_job_closed(client):
    owner = await make_user()
    job = await _create(client, owner, title="Analyst")
    body = await gql(client, CLOSE, {"input": {"id": job["id"]}}, as_user=owner)
    closed = body["data"]["jobClose"]
    assert closed["userErrors"] == []
    assert closed["job"]["status"] == "CLOSED"
    assert closed["job"]["closedAt"] is not None


async def test_job_of_another_recruiter_is_null_and_not_found_to_change(client):
    owner = await make_user()
    job = await _create(client, owner, title="Analyst")
    other = await make_user()
    assert await gql(client, ONE, {"id": job["id"]}, as_user=other) == {
        "data": {"job": None}
    }
    body = await gql(client, CLOSE, {"input": {"id": job["id"]}}, as_user=other)
    assert body["data"]["jobClose"] == {
        "job": None,
        "userErrors": [
            {
                "field": ["input", "id"],
                "message": "No such job, or you may not change it.",
                "code": "NOT_FOUND",
            }
        ],
    }


async def test_list_pages_newest_first_and_filters(client):
    owner = await make_user()
    for title in ("Data Analyst", "Nurse", "Data Engineer"):
        await _create(client, owner, title=title)
    await _create(client, await make_user(), title="Data Scientist")  # not theirs

    first = await gql(client, LIST, {"first": 2}, as_user=owner)
    page = first["data"]["jobs"]
    assert page["totalCount"] == 3
    assert [e["node"]["title"] for e in page["edges"]] == ["Data Engineer", "Nurse"]
    assert page["pageInfo"]["hasNextPage"] is True
    after = page["pageInfo"]["endCursor"]
    second = await gql(client, LIST, {"first": 2, "after": after}, as_user=owner)
    rest = second["data"]["jobs"]
    assert [e["node"]["title"] for e in rest["edges"]] == ["Data Analyst"]
    assert rest["pageInfo"]["hasNextPage"] is False

    filtered = await gql(
        client,
        LIST,
        {"first": 10, "filter": {"search": "data", "status": "OPEN"}},
        as_user=owner,
    )
    titles = [e["node"]["title"] for e in filtered["data"]["jobs"]["edges"]]
    assert titles == ["Data Engineer", "Data Analyst"]


async def test_candidates_see_open_jobs_without_their_owner(client):
    owner = await make_user()
    await _create(client, owner, title="Analyst")
    closed = await _create(client, owner, title="Nurse")
    await gql(client, CLOSE, {"input": {"id": closed["id"]}}, as_user=owner)
    candidate = await make_user(Role.CANDIDATE)
    body = await gql(
        client,
        "{ jobs { totalCount edges { node { title owner { name } } } } }",
        as_user=candidate,
    )
    assert body == {
        "data": {
            "jobs": {
                "totalCount": 1,
                "edges": [{"node": {"title": "Analyst", "owner": None}}],
            }
        }
    }
