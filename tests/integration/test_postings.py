"""Job postings on real PostgreSQL and Redis: analysis stored, recruiter edits kept
across re-analysis, validation, scope, audit and the match refresh after commit."""

import pytest

from domain.access import Scope, Viewer
from domain.errors import ErrorCode, Forbidden, InvalidInput, NotFound
from domain.jobs import MATCHING_QUEUE, REFRESH_JOB_MATCHES
from domain.matching.model import Seniority, load_analysis
from domain.matching.posting_rules import JobFilter, JobInput, JobPatch
from domain.matching.postings import (
    close_job,
    create_job,
    edit_job_analysis,
    get_job,
    list_jobs,
    update_job,
)
from domain.models import AuditEntry, Job, JobStatus, RemotePolicy, Role
from domain.parsing.model import EducationLevel
from tests.factories import make_user, viewer_of

POSTING = """Requirements:
- 4+ years of experience with Python and PostgreSQL
- Bachelor's degree in Computer Science

Nice to have:
- Terraform

Location: Lisbon, Portugal
Fully remote.
"""


def _skills(job: Job) -> tuple[list[str], list[str]]:
    analysis = load_analysis(job.analysis)
    return (
        [s.name for s in analysis.required_skills],
        [s.name for s in analysis.preferred_skills],
    )


async def _queued(queue) -> list[str]:
    return [i.decode() for i in await queue.zrange(MATCHING_QUEUE, 0, -1)]


def _revision(job: Job) -> str:
    stamp = int(job.updated_at.timestamp() * 1_000_000)
    return f"{REFRESH_JOB_MATCHES}:{job.id}:{stamp}"


async def test_create_stores_the_analysis_and_takes_defaults_from_it(db, queue):
    owner = await make_user()
    job = await create_job(
        viewer_of(owner),
        JobInput(title=" Senior Backend Engineer ", description=POSTING),
        queue=queue,
    )
    saved = await Job.get(id=job.id)
    assert _skills(saved) == (["Python", "PostgreSQL"], ["Terraform"])
    analysis = load_analysis(saved.analysis)
    assert analysis.min_years_experience.value == 4.0
    assert analysis.education.value is EducationLevel.BACHELOR
    assert (saved.title, saved.owner_id, saved.status) == (
        "Senior Backend Engineer",
        owner.id,
        JobStatus.OPEN,
    )
    assert (saved.remote, saved.location, saved.seniority) == (
        RemotePolicy.REMOTE,
        "Lisbon, Portugal",
        Seniority.SENIOR.value,
    )
    entry = await AuditEntry.get(entity_id=job.id)
    assert (entry.action, entry.actor_id) == ("job.create", owner.id)


async def test_given_fields_win_over_the_description(db, queue):
    owner = await make_user()
    job = await create_job(
        viewer_of(owner),
        JobInput(
            title="Backend Engineer",
            description=POSTING,
            remote=RemotePolicy.HYBRID,
            location="Porto",
            seniority=Seniority.MID,
        ),
        queue=queue,
    )
    assert (job.remote, job.location, job.seniority) == (
        RemotePolicy.HYBRID,
        "Porto",
        Seniority.MID,
    )


async def test_create_enqueues_a_refresh_after_commit(db, queue):
    owner = await make_user()
    job = await create_job(
        viewer_of(owner), JobInput(title="Data Analyst"), queue=queue
    )
    saved = await Job.get(id=job.id)
    assert await _queued(queue) == [_revision(saved)]


async def test_every_change_enqueues_a_refresh_of_its_own(db, queue):
    viewer = viewer_of(await make_user())
    job = await create_job(viewer, JobInput(title="Data Analyst"), queue=queue)
    first = _revision(await Job.get(id=job.id))
    await update_job(viewer, job.id, JobPatch(description="SQL required."), queue=queue)
    second = _revision(await Job.get(id=job.id))
    await edit_job_analysis(viewer, job.id, add_required=["Tableau"], queue=queue)
    third = _revision(await Job.get(id=job.id))
    assert sorted(await _queued(queue)) == sorted([first, second, third])
    assert len({first, second, third}) == 3


async def test_analysis_edits_survive_a_new_description(db, queue):
    viewer = viewer_of(await make_user())
    job = await create_job(
        viewer, JobInput(title="Backend Engineer", description=POSTING), queue=queue
    )
    await edit_job_analysis(
        viewer,
        job.id,
        add_required=["Kubernetes"],
        drop=["PostgreSQL"],
        min_years_experience=2,
        education_level=None,
        queue=queue,
    )
    await edit_job_analysis(viewer, job.id, add_preferred=["python"], queue=queue)
    assert _skills(await Job.get(id=job.id)) == (
        ["Kubernetes"],
        ["Terraform", "Python"],
    )

    updated = await update_job(
        viewer,
        job.id,
        JobPatch(description=POSTING.replace("Terraform", "Terraform\n- Docker")),
        queue=queue,
    )

    assert _skills(updated) == (["Kubernetes"], ["Terraform", "Docker", "Python"])
    analysis = load_analysis(updated.analysis)
    assert (analysis.min_years_experience.value, analysis.education) == (2, None)
    assert analysis.min_years_experience.evidence is None
    assert analysis.min_years_experience.confidence == 1.0


async def test_update_without_text_changes_keeps_the_analysis(db, queue):
    viewer = viewer_of(await make_user())
    job = await create_job(
        viewer, JobInput(title="Backend Engineer", description=POSTING), queue=queue
    )
    await edit_job_analysis(viewer, job.id, drop=["Python"], queue=queue)
    updated = await update_job(
        viewer,
        job.id,
        JobPatch(salary_min=50000, salary_max=70000, salary_currency="eur"),
        queue=queue,
    )
    assert (updated.salary_min, updated.salary_max, updated.salary_currency) == (
        50000,
        70000,
        "EUR",
    )
    assert _skills(updated) == (["PostgreSQL"], ["Terraform"])


async def test_create_reports_every_invalid_field_at_once(db, queue):
    owner = await make_user()
    with pytest.raises(InvalidInput) as raised:
        await create_job(
            viewer_of(owner),
            JobInput(
                title="  ",
                salary_min=-1,
                salary_currency="EURO",
                weights={"skills": -0.5, "charm": 1.0},
            ),
            queue=queue,
        )
    assert [(p.field, p.code, p.message) for p in raised.value.problems] == [
        ("title", ErrorCode.INVALID_INPUT, "A job needs a title."),
        ("salaryMin", ErrorCode.INVALID_SALARY, "`salary_min` must be 0 or more."),
        (
            "salaryCurrency",
            ErrorCode.INVALID_CURRENCY,
            "'EURO' is not a currency code: give its three ISO 4217 letters,"
            " like USD or EUR.",
        ),
        (
            "weights.skills",
            ErrorCode.INVALID_WEIGHTS,
            "The skills weight must be 0 or more, got -0.5.",
        ),
        (
            "weights.charm",
            ErrorCode.INVALID_WEIGHTS,
            "Unknown matching factor 'charm'; use one of skills, experience,"
            " education, location.",
        ),
    ]
    assert await Job.all().count() == 0
    assert await _queued(queue) == []


async def test_title_longer_than_300_characters_is_refused(db, queue):
    with pytest.raises(InvalidInput) as raised:
        await create_job(
            viewer_of(await make_user()), JobInput(title="x" * 301), queue=queue
        )
    assert [(p.field, p.message) for p in raised.value.problems] == [
        ("title", "`title` is longer than 300 characters.")
    ]


async def test_salary_range_is_checked_against_the_stored_values(db, queue):
    viewer = viewer_of(await make_user())
    job = await create_job(
        viewer, JobInput(title="Analyst", salary_max=60000), queue=queue
    )
    with pytest.raises(InvalidInput) as raised:
        await update_job(viewer, job.id, JobPatch(salary_min=80000), queue=queue)
    assert [(p.field, p.code, p.message) for p in raised.value.problems] == [
        (
            "salaryMin",
            ErrorCode.INVALID_SALARY,
            "The minimum salary (80000) is above the maximum (60000):"
            " swap them or raise the maximum.",
        )
    ]
    assert (await Job.get(id=job.id)).salary_min is None


async def test_analysis_edit_refuses_blank_skills_and_odd_years(db, queue):
    viewer = viewer_of(await make_user())
    job = await create_job(viewer, JobInput(title="Analyst"), queue=queue)
    with pytest.raises(InvalidInput) as raised:
        await edit_job_analysis(
            viewer, job.id, add_required=[" "], min_years_experience=80, queue=queue
        )
    assert [(p.field, p.message) for p in raised.value.problems] == [
        ("skills", "Name each skill to add or drop (at most 50 at once)."),
        (
            "minYearsExperience",
            "Minimum years of experience must be between 0 and 50.",
        ),
    ]


async def test_close_is_audited_once_and_hides_the_job_from_candidates(db, queue):
    owner = await make_user()
    candidate = viewer_of(await make_user(Role.CANDIDATE))
    job = await create_job(viewer_of(owner), JobInput(title="Analyst"), queue=queue)
    assert await list_jobs(candidate, JobFilter()).count() == 1

    closed = await close_job(viewer_of(owner), job.id)
    await close_job(viewer_of(owner), job.id)

    assert closed.status is JobStatus.CLOSED
    assert closed.closed_at is not None
    assert await list_jobs(candidate, JobFilter()).count() == 0
    actions = await AuditEntry.filter(entity_id=job.id).values_list("action", flat=True)
    assert sorted(actions) == ["job.close", "job.create"]


async def test_other_recruiters_and_candidates_cannot_touch_a_job(db, queue):
    owner = await make_user()
    job = await create_job(viewer_of(owner), JobInput(title="Analyst"), queue=queue)
    other = viewer_of(await make_user())
    candidate = viewer_of(await make_user(Role.CANDIDATE))
    for viewer in (other, candidate):
        with pytest.raises(NotFound) as raised:
            await update_job(viewer, job.id, JobPatch(title="Mine"), queue=queue)
        assert raised.value.message == "No such job, or you may not change it."
        with pytest.raises(NotFound):
            await close_job(viewer, job.id)
    with pytest.raises(NotFound):
        await get_job(other, job.id)
    assert (await get_job(candidate, job.id)).title == "Analyst"
    assert (await Job.get(id=job.id)).title == "Analyst"


async def test_api_keys_need_the_jobs_scopes(db, queue):
    owner = await make_user()
    job = await create_job(viewer_of(owner), JobInput(title="Analyst"), queue=queue)
    read_only = Viewer(
        user_id=owner.id, role=owner.role, scopes=frozenset({Scope.JOBS_READ})
    )
    write_only = Viewer(
        user_id=owner.id, role=owner.role, scopes=frozenset({Scope.JOBS_WRITE})
    )
    with pytest.raises(Forbidden):
        await create_job(read_only, JobInput(title="Analyst"), queue=queue)
    with pytest.raises(NotFound):
        await close_job(read_only, job.id)
    with pytest.raises(NotFound):
        await get_job(write_only, job.id)
    assert (await get_job(read_only, job.id)).id == job.id
    assert (await close_job(write_only, job.id)).status is JobStatus.CLOSED


async def test_list_filters_by_status_and_title(db, queue):
    viewer = viewer_of(await make_user())
    for title in ("Data Analyst", "Data Engineer", "Nurse"):
        await create_job(viewer, JobInput(title=title), queue=queue)
    engineer = await list_jobs(viewer, JobFilter(search="engineer")).first()
    assert engineer is not None
    await close_job(viewer, engineer.id)

    open_data = list_jobs(viewer, JobFilter(status=JobStatus.OPEN, search=" data "))
    titles = await open_data.order_by("title").values_list("title", flat=True)
    assert titles == ["Data Analyst"]
    closed = list_jobs(viewer, JobFilter(status=JobStatus.CLOSED))
    assert await closed.values_list("title", flat=True) == ["Data Engineer"]
