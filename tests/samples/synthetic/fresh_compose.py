"""A second-family resume (`fresh.py`) written out as lines: the same
`Composition` the renderers lay out, in the second family's conventions. Cells of
a table row are separated by tabs; `Line.left` is a left margin column."""

from itertools import groupby

from tests.samples.synthetic.compose import Composition, Line
from tests.samples.synthetic.pools import MONTHS
from tests.samples.synthetic.truth import Fresh, Job, Resume, School

_SEASONS = (("Spring", "Summer"), ("Summer", "Fall"))  # (start, end) by year parity
_LEVELS = ("Expert", "Advanced", "Intermediate")
_VOLUNTEERING = (
    ("Volunteer Tutor", "Code Club"),
    ("Mentor", "Big Brothers Big Sisters"),
    ("Event Coordinator", "City Food Bank"),
    ("Volunteer", "Habitat for Humanity"),
)
_PROJECTS = (
    ("Inventory Tracker", "A small web app that tracks stock for a community shop."),
    ("Open Data Dashboard", "Charts of public transport data, published online."),
    ("Community Health Survey", "Designed and analysed a survey of 300 residents."),
)


def compose_fresh(resume: Resume, *, sidebar: bool = False) -> Composition:
    fresh = resume.fresh
    assert fresh is not None
    top = [Line(fresh.banner, kind="headline")] if fresh.banner else []
    top.append(Line(_name(resume, fresh), kind="name"))
    summary = (*_heading("summary", fresh), Line(resume.summary))
    jobs = (*_heading("experience", fresh), *_job_lines(resume, fresh))
    schools = (
        *_heading("education", fresh),
        *[x for s in resume.schools for x in _school_lines(s, fresh)],
    )
    main = [summary, jobs, schools]
    if fresh.volunteer:
        main.append(_volunteer(resume, fresh))
    if fresh.projects:
        main.append(_projects(resume, fresh))
    side = [(*_heading("skills", fresh), *_skill_lines(resume, fresh, sidebar))]
    if resume.certifications:
        side.append(
            (
                *_heading("certifications", fresh),
                *[
                    Line(f"{c}, {2012 + len(c) % 12}", kind="bullet")
                    for c in resume.certifications
                ],
            )
        )
    side.append((*_heading("languages", fresh), *_language_lines(resume, fresh)))
    if fresh.references:
        side.append((*_heading("references", fresh), Line("Available upon request.")))
    return Composition(
        tuple(top), _contact(resume, fresh, sidebar), tuple(main), tuple(side)
    )


def plain_fresh(resume: Resume) -> list[Line]:
    composition = compose_fresh(resume)
    lines = [*composition.top, *composition.contact]
    for block in (*composition.main, *composition.side):
        lines += [Line(""), *block]
    return lines


def _name(resume: Resume, fresh: Fresh) -> str:
    if fresh.name_form == "upper":
        return resume.name.upper()
    if fresh.name_form == "last_first":
        given, family = _given_family(resume.name)
        return f"{family.upper()}, {given}"
    return resume.name


def _given_family(name: str) -> tuple[str, str]:
    """Split before a particle ("van der Berg") or the last word."""
    words = name.split()
    for i, word in enumerate(words[1:], start=1):
        if word in ("van", "de", "der", "da", "von"):
            return " ".join(words[:i]), " ".join(words[i:])
    return " ".join(words[:-1]), words[-1]


def _contact(resume: Resume, fresh: Fresh, sidebar: bool) -> tuple[Line, ...]:
    values = [resume.email, resume.phone_text, resume.location]
    ordered = [values[i] for i in fresh.contact_order]
    if sidebar:
        return tuple(Line(v) for v in (*ordered, *resume.links))
    lines = [Line(fresh.contact_sep.join(ordered))]
    if resume.links:
        lines.append(Line(fresh.contact_sep.join(resume.links)))
    return tuple(lines)


def _heading(kind: str, fresh: Fresh) -> list[Line]:
    text = fresh.headings[kind]
    if not text:
        return []
    form = fresh.heading_form
    if form == "spaced":  # "W O R K   E X P E R I E N C E"
        return [
            Line("   ".join(" ".join(w.upper()) for w in text.split()), "", "heading")
        ]
    if form == "upper_colon":
        return [Line(f"{text.upper()}:", kind="heading")]
    shown = text.upper() if form == "upper_rule" else text
    return [Line(shown, kind="heading"), Line("\u2500" * 40, kind="rule")]


def date_text(value: str | None, fresh: Fresh, end: bool = False) -> str:
    if value is None:
        return fresh.present
    year = int(value[:4])
    if fresh.date_form == "season":
        return f"{_SEASONS[year % 2][int(end)]} {year}"
    month = int(value[5:7])
    name = MONTHS[month - 1]
    return {
        "sept": f"{_ap_month(month)} {year}",
        "short_year": f"{name[:3]} \u2019{year % 100:02d}",
        "slash": f"{year}/{month:02d}",
        "dots": f"{month:02d}.{year}",
        "upper": f"{name[:3].upper()} {year}",
    }[fresh.date_form]


def _ap_month(month: int) -> str:
    """AP style: "Jan.", "Sept.", "March", "June"."""
    name = MONTHS[month - 1]
    if len(name) <= 5:
        return name
    return "Sept." if month == 9 else f"{name[:3]}."


def _dates(job: Job, fresh: Fresh) -> str:
    start = date_text(job.start, fresh)
    return f"{start}{fresh.date_sep}{date_text(job.end, fresh, end=True)}"


def _job_lines(resume: Resume, fresh: Fresh) -> list[Line]:
    lines: list[Line] = []
    bullet = resume.style.bullet
    margin = fresh.job_form == "margin"
    for _, group in groupby(resume.jobs, key=lambda j: j.company):
        roles = list(group)
        lines += _company_head(roles, fresh)
        for job in roles:
            lines += _role_head(job, fresh, len(roles) > 1)
            lines += [
                Line(f"{bullet} {b}", kind="bullet", left=" " if margin else "")
                for b in job.bullets
            ]
    return lines


def _company_head(roles: list[Job], fresh: Fresh) -> list[Line]:
    """The company's own line: always when it writes the company first, else once
    above several roles."""
    job = roles[0]
    form = fresh.job_form
    if form == "company_first":
        return [Line(job.company, job.city, "strong")]
    if len(roles) == 1:
        return []
    if form == "margin":
        return [Line(f"{job.company}, {job.city}", kind="strong", left=" ")]
    return [Line(f"{job.company} \u00b7 {job.city}", kind="strong")]


def _role_head(job: Job, fresh: Fresh, several: bool) -> list[Line]:
    dates = _dates(job, fresh)
    form = fresh.job_form
    if form == "margin":
        head = [Line(job.title, kind="strong", left=dates)]
        return (
            head if several else [*head, Line(f"{job.company}, {job.city}", left=" ")]
        )
    if form == "company_first" or several:
        return [Line(job.title, dates, "strong" if several else "body")]
    if form == "title_right":
        return [
            Line(job.title, dates, "strong"),
            Line(f"{job.company} \u00b7 {job.city}"),
        ]
    return [
        Line(f"{job.title} \u2014 {job.company}, {job.city} ({dates})", kind="strong")
    ]


def _school_lines(school: School, fresh: Fresh) -> list[Line]:
    years = f"{school.start_year}\u2013{school.end_year}"
    form = fresh.school_form
    margin = form == "margin"
    extra = [Line(x, left=" " if margin else "") for x in fresh.school_lines]
    if margin:
        return [
            Line(school.degree, kind="strong", left=years),
            Line(f"{school.institution}, {school.city}", left=" "),
            *extra,
        ]
    if form == "institution_first":
        return [
            Line(school.institution, school.city, "strong"),
            Line(school.degree, f"May {school.end_year}"),
            *extra,
        ]
    return [
        Line(f"{school.institution} ({years})", kind="strong"),
        Line(school.degree),
        *extra,
    ]


def _skill_lines(resume: Resume, fresh: Fresh, sidebar: bool) -> list[Line]:
    skills = resume.skills
    if fresh.skills_form == "table" and sidebar:  # too narrow for a table
        return [Line(f"{s} \u2013 {_LEVELS[i % 3]}") for i, s in enumerate(skills)]
    if fresh.skills_form == "table":
        return [
            Line("Skill\tLevel\tYears", kind="strong"),
            *[
                Line(f"{s}\t{_LEVELS[i % 3]}\t{2 + (i * 3) % 7}")
                for i, s in enumerate(skills)
            ],
        ]
    if fresh.skills_form == "categories":
        half = (len(skills) + 1) // 2
        return [
            Line(f"Core: {', '.join(skills[:half])}"),
            Line(f"Tools & Platforms: {', '.join(skills[half:])}"),
        ]
    if sidebar:
        return [Line(s) for s in skills]
    return [Line(" \u2022 ".join(skills))]


def _language_lines(resume: Resume, fresh: Fresh) -> list[Line]:
    spoken = resume.languages
    if fresh.language_form == "table":
        return [Line(f"{s.name}\t{s.words}") for s in spoken]
    return [Line(" \u00b7 ".join(f"{s.name} ({s.words})" for s in spoken))]


def _volunteer(resume: Resume, fresh: Fresh) -> tuple[Line, ...]:
    role, org = _VOLUNTEERING[len(resume.name) % len(_VOLUNTEERING)]
    year = int(resume.jobs[-1].start[:4])
    years = f"{year - 2}\u2013{year}"
    if fresh.job_form == "margin":
        head = [Line(f"{role}, {org}", kind="strong", left=years)]
    else:
        head = [Line(f"{role}, {org}", years, "strong")]
    return (
        *_heading("volunteer", fresh),
        *head,
        Line(
            f"{resume.style.bullet} Organised weekly sessions for 20 people",
            kind="bullet",
            left=" " if fresh.job_form == "margin" else "",
        ),
    )


def _projects(resume: Resume, fresh: Fresh) -> tuple[Line, ...]:
    name, text = _PROJECTS[len(resume.email) % len(_PROJECTS)]
    year = int(resume.jobs[0].start[:4])
    return (*_heading("projects", fresh), Line(name, str(year), "strong"), Line(text))
