"""Hand-made parsed resumes and jobs for the matching tests."""

from domain.matching.model import SkillRequirement, WorkMode
from domain.matching.profile import JobRequirements
from domain.parsing.model import (
    Education,
    EducationLevel,
    Experience,
    Field,
    Link,
    LinkKind,
    ParsedResume,
    Skill,
)


def field(value):
    return Field(value=value, confidence=1.0, evidence=None)


def skill(canonical_id, name):
    return Skill(
        name=name,
        canonical_id=canonical_id,
        category=None,
        source_section="skills",
        years=None,
        confidence=1.0,
        evidence=None,
    )


def resume(
    *,
    name="Ada Lovelace",
    email="ada@example.com",
    phone="+44 20 7946 0958",
    summary="Ada Lovelace builds data platforms in Python.",
    location="Munich, Germany",
    months=36,
    level=EducationLevel.MASTER,
    links=("https://www.linkedin.com/in/ada-lovelace",),
):
    return ParsedResume(
        name=field(name),
        email=field(email),
        phone=field(phone),
        location=field(location),
        links=tuple(
            Link(kind=LinkKind.LINKEDIN, url=u, confidence=1.0, evidence=None)
            for u in links
        ),
        summary=field(summary),
        headline=field("Data engineer"),
        experience=(
            Experience(
                title=field("Data Engineer"),
                company=field("Analytical Engines Ltd"),
                location=None,
                start=field("2021-01"),
                end=field("2023-12"),
                current=False,
                description=field("Built pipelines with Python and SQL on Docker."),
                achievements=(),
            ),
        ),
        education=(
            Education(
                degree=field("MSc Computer Science"),
                level=level,
                field=field("Computer Science"),
                institution=field("University of London"),
                start=None,
                end=None,
                graduation_year=field(2020),
            ),
        ),
        skills=(
            skill("onet:python", "Python"),
            skill("curated:sql", "SQL"),
            skill("onet:docker", "Docker"),
            skill("onet:terraform", "Terraform"),
        ),
        certifications=(),
        languages=(),
        total_experience_months=months,
        language="en",
        parser_version="test",
    )


def requirement(canonical_id, name):
    return SkillRequirement(canonical_id=canonical_id, name=name, confidence=1.0)


def backend_job(**overrides):
    """4 required skills, 2 preferred, 5 years, a bachelor's, onsite in Berlin."""
    values = {
        "required_skills": (
            requirement("onet:python", "Python"),
            requirement("curated:sql", "SQL"),
            requirement("onet:docker", "Docker"),
            requirement("onet:kubernetes", "Kubernetes"),
        ),
        "preferred_skills": (
            requirement("onet:terraform", "Terraform"),
            requirement("onet:aws", "AWS"),
        ),
        "min_years": 5.0,
        "education": EducationLevel.BACHELOR,
        "remote": WorkMode.ONSITE,
        "location": "Berlin, Germany",
    }
    values.update(overrides)
    return JobRequirements(**values)
