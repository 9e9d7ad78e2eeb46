"""The second synthetic family (`generate_fresh(count, seed)`): the same people,
jobs and schools as the first family draws them, written in conventions the first
family never uses (dates in a left margin column, the company above the title,
two roles at one company, "Sept. 2019", "Mar \u201919", "2019/03", "Summer 2020",
letter-spaced or ruled headings, a banner over the name, "LAST, First", a contact
line with bullets or tabs, a summary without a heading, a skills table, GPA and
thesis lines, volunteer and project entries that are no jobs, references). It
exists to measure how the parser generalises beyond the family it was fixed on."""

import dataclasses
import random

from tests.samples.synthetic.generate import _resume
from tests.samples.synthetic.occupations import OCCUPATIONS
from tests.samples.synthetic.pools import NAMES
from tests.samples.synthetic.truth import Fresh, Job, Resume

HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("", "", "Personal Statement", "Executive Summary", "Profile"),
    "experience": (
        "Professional Experience",
        "Relevant Experience",
        "Employment",
        "Positions Held",
        "Experience",
        "Work Experience",
    ),
    "education": (
        "Education",
        "Education & Credentials",
        "Academic Background",
        "Education and Qualifications",
    ),
    "skills": (
        "Skills & Tools",
        "Technical Proficiencies",
        "Skills Summary",
        "Expertise",
        "Competencies",
    ),
    "certifications": ("Certifications & Licenses", "Licenses", "Certifications"),
    "languages": ("Languages", "Spoken Languages"),
    "volunteer": ("Volunteer Experience", "Community Involvement", "Volunteering"),
    "projects": ("Projects", "Selected Projects"),
    "references": ("References",),
}
SCHOOL_LINES = (
    "GPA: 3.8/4.0",
    "Magna Cum Laude",
    "Honours: First Class",
    "Dean's List (6 semesters)",
    "Thesis: Scheduling under uncertainty in shared services",
    "Relevant coursework: Statistics, Research Methods, Ethics",
)


def generate_fresh(count: int = 36, seed: int = 2026) -> list[Resume]:
    # A stream of its own: the first family's figures stay comparable.
    rng = random.Random(f"fresh-{seed}")  # noqa: S311  # test data, seeded
    kinds = sorted(OCCUPATIONS)
    resumes = []
    for i in range(count):
        base = _resume(
            rng, f"fresh-{i:03d}", kinds[i % len(kinds)], NAMES[(i * 7) % len(NAMES)]
        )
        while base.style.month_form == "year":  # its truth lost the months: redraw
            base = _resume(rng, base.key, base.occupation, NAMES[(i * 7) % len(NAMES)])
        fresh = _fresh(rng)
        if fresh.heading_form.endswith("_rule"):  # no second rule under headings
            base = dataclasses.replace(
                base, style=dataclasses.replace(base.style, underline="")
            )
        resumes.append(dataclasses.replace(base, fresh=fresh, jobs=_jobs(base, fresh)))
    return resumes


def _fresh(rng: random.Random) -> Fresh:
    order = [0, 1, 2]
    rng.shuffle(order)
    return Fresh(
        banner=rng.choice(("",) * 4 + ("CURRICULUM VITAE", "RÉSUMÉ", "Resume")),
        name_form=rng.choice(("plain", "plain", "upper", "last_first")),
        contact_sep=rng.choice((" \u2022 ", " \u00b7 ", " | ", "\t", "  \u25c6  ")),
        contact_order=(order[0], order[1], order[2]),
        heading_form=rng.choice(("spaced", "upper_rule", "title_rule", "upper_colon")),
        headings={kind: rng.choice(words) for kind, words in HEADINGS.items()},
        job_form=rng.choice(("margin", "company_first", "title_right", "dash_parens")),
        date_form=rng.choice(
            ("sept", "short_year", "slash", "dots", "upper", "season")
        ),
        date_sep=rng.choice((" to ", " \u2013 ", "\u2013", " \u2014 ", " - ")),
        present=rng.choice(("Current", "Present", "Today", "Ongoing")),
        multi_role=rng.random() < 0.4,
        school_form=rng.choice(("margin", "institution_first", "years_parens")),
        school_lines=tuple(rng.sample(SCHOOL_LINES, rng.randint(0, 2))),
        skills_form=rng.choice(("table", "categories", "dots")),
        language_form=rng.choice(("inline", "table")),
        volunteer=rng.random() < 0.5,
        projects=rng.random() < 0.4,
        references=rng.random() < 0.5,
    )


def _jobs(base: Resume, fresh: Fresh) -> tuple[Job, ...]:
    """The first family's jobs; two roles at one company share its name, the later
    one starting the month after the earlier one ends (a promotion); seasons read
    as their year."""
    jobs = list(base.jobs)
    if fresh.multi_role and len(jobs) >= 2:
        first, second = jobs[0], jobs[1]
        assert second.end is not None
        year, month = int(second.end[:4]), int(second.end[5:])
        start = f"{year + month // 12}-{month % 12 + 1:02d}"
        jobs[0] = dataclasses.replace(first, company=second.company, start=start)
    if fresh.date_form == "season":
        jobs = [
            dataclasses.replace(
                j, start=j.start[:4], end=None if j.end is None else j.end[:4]
            )
            for j in jobs
        ]
    return tuple(jobs)
