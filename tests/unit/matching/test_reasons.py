from domain.matching.model import WorkMode
from domain.matching.profile import CandidateProfile, JobRequirements
from domain.matching.reasons import explain, factors_json
from domain.matching.scoring import score_match
from domain.parsing.model import EducationLevel
from tests.unit.matching.builders import backend_job, resume


def test_reasons_name_strengths_and_gaps_from_the_evidence():
    score = score_match(backend_job(), CandidateProfile.from_parsed(resume()))

    reasons = explain(score)

    assert reasons.strengths == (
        "Has 3 of 4 required skills: Python, SQL, Docker.",
        "Has preferred skills: Terraform.",
        "Holds a master's degree; the job asks for a bachelor's degree.",
        "Based in Munich, Germany, near Berlin, Germany (onsite).",
    )
    assert reasons.gaps == (
        "Missing required skills: Kubernetes.",
        "3 years of experience; the job asks for 5 years.",
    )
    assert reasons.lines() == [*reasons.strengths, *reasons.gaps]


def test_reasons_for_a_remote_job_and_a_missing_degree():
    job = backend_job(remote=WorkMode.REMOTE, min_years=1.0)
    candidate = CandidateProfile.from_parsed(resume(months=12))
    candidate = CandidateProfile(
        skills=candidate.skills, experience_months=12, education=None
    )

    reasons = explain(score_match(job, candidate))

    assert "1 year of experience; the job asks for 1 year." in reasons.strengths
    assert "Remote role: any location fits." in reasons.strengths
    assert "No degree found; the job asks for a bachelor's degree." in reasons.gaps


def test_a_job_with_no_requirements_has_no_reasons():
    reasons = explain(score_match(JobRequirements(), CandidateProfile()))

    assert (reasons.strengths, reasons.gaps) == ((), ())


def test_factors_json_keeps_the_breakdown():
    score = score_match(
        backend_job(education=EducationLevel.DOCTORATE),
        CandidateProfile.from_parsed(resume()),
    )

    stored = factors_json(score)

    assert stored["version"] == 3
    assert stored["score"] == score.score
    assert [f["name"] for f in stored["factors"]] == [
        "skills",
        "experience",
        "education",
        "location",
    ]
    assert stored["factors"][2]["value"] == 0.5
    assert stored["factors"][2]["evidence"] == {
        "found": "master",
        "required": "doctorate",
    }
    assert sum(f["contribution"] for f in stored["factors"]) == score.score
