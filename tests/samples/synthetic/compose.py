"""A synthetic resume written out as lines in its own style: the text every
renderer lays out (one column, sidebar and main column, table cells)."""

from dataclasses import dataclass

from tests.samples.synthetic.pools import MONTHS
from tests.samples.synthetic.truth import Job, Resume, School, Style


@dataclass(frozen=True)
class Line:
    text: str
    right: str = ""  # right-aligned on the same line (dates)
    kind: str = "body"  # name, headline, heading, body, bullet, strong


@dataclass(frozen=True)
class Composition:
    top: tuple[Line, ...]  # name and headline
    contact: tuple[Line, ...]
    main: tuple[tuple[Line, ...], ...]  # summary, experience, education blocks
    side: tuple[tuple[Line, ...], ...]  # skills, certifications, languages blocks


def compose(resume: Resume, *, sidebar: bool = False) -> Composition:
    """`sidebar`: the side blocks are narrow, so lists go one item a line."""
    style = resume.style
    name = resume.name.upper() if style.upper_name else resume.name
    top = [Line(name, kind="name")]
    if style.headline:
        top.append(Line(resume.jobs[0].title, kind="headline"))
    main = [
        (heading("summary", style), Line(resume.summary)),
        (
            heading("experience", style),
            *[x for j in resume.jobs for x in job_lines(j, style)],
        ),
        (
            heading("education", style),
            *[x for s in resume.schools for x in school_lines(s, style)],
        ),
    ]
    side = [(heading("skills", style), *skill_lines(resume.skills, style, sidebar))]
    if resume.certifications:
        side.append(
            (
                heading("certifications", style),
                *[
                    Line(f"{style.bullet} {c}", kind="bullet")
                    for c in resume.certifications
                ],
            )
        )
    side.append(
        (
            heading("languages", style),
            *[
                Line(_spoken(s.name, s.words, style.language_form))
                for s in resume.languages
            ],
        )
    )
    return Composition(
        tuple(top), contact_lines(resume, sidebar), tuple(main), tuple(side)
    )


def heading(kind: str, style: Style) -> Line:
    text = style.headings[kind]
    text = text.upper() if style.upper_headings else text
    return Line(text + (":" if style.colon_headings else ""), kind="heading")


def contact_lines(resume: Resume, sidebar: bool) -> tuple[Line, ...]:
    form = (
        "stacked"
        if sidebar and resume.style.contact_form == "pipes"
        else resume.style.contact_form
    )
    values = [resume.email, resume.phone_text, resume.location, *resume.links]
    if form == "pipes":
        return (
            Line(" | ".join(values[:3])),
            *([Line(" | ".join(values[3:]))] if values[3:] else []),
        )
    if form == "stacked":
        return tuple(Line(v) for v in values)
    labels = [
        "Email",
        "Phone",
        "Location",
        *("LinkedIn" if "linkedin" in x else "GitHub" for x in resume.links),
    ]
    return tuple(
        Line(f"{label}: {value}") for label, value in zip(labels, values, strict=True)
    )


def date_text(value: str | None, style: Style) -> str:
    if value is None:
        return style.present
    if len(value) == 4:
        return value
    year, month = int(value[:4]), int(value[5:])
    return {
        "mon": f"{MONTHS[month - 1][:3]} {year}",
        "month": f"{MONTHS[month - 1]} {year}",
        "mm/yyyy": f"{month:02d}/{year}",
        "yyyy-mm": f"{year}-{month:02d}",
    }[style.month_form]


def job_lines(job: Job, style: Style) -> list[Line]:
    dates = f"{date_text(job.start, style)}{style.date_sep}{date_text(job.end, style)}"
    right = dates if style.dates_right else ""
    below = [] if style.dates_right else [Line(dates)]
    form = style.job_header
    if form == "comma":
        head = [Line(f"{job.title}, {job.company}", right, "strong"), *below]
    elif form == "company_dash":
        head = [Line(f"{job.company} \u2014 {job.title}", right, "strong"), *below]
    elif form == "stacked":
        head = [
            Line(job.title, right, "strong"),
            Line(f"{job.company}, {job.city}"),
            *below,
        ]
    elif form == "at_pipe":
        head = [
            Line(f"{job.title} at {job.company} | {job.city}", right, "strong"),
            *below,
        ]
    elif form == "company_first":
        head = [
            Line(f"{job.company}, {job.city}", right, "strong"),
            Line(job.title if right else f"{job.title} | {dates}"),
        ]
    else:  # dates_first, as Europass-like CVs write them
        head = [
            Line(dates),
            Line(job.title, kind="strong"),
            Line(f"{job.company}, {job.city}"),
        ]
    return [*head, *(Line(f"{style.bullet} {b}", kind="bullet") for b in job.bullets)]


def school_lines(school: School, style: Style) -> list[Line]:
    years = f"{school.start_year}{style.date_sep}{school.end_year}"
    form = style.education_form
    if form == "stacked":
        return [
            Line(school.degree, kind="strong"),
            Line(school.institution, years if style.dates_right else ""),
            *([] if style.dates_right else [Line(years)]),
        ]
    if form == "one_line":
        return [Line(f"{school.degree}, {school.institution}, {school.end_year}")]
    if form == "school_first":
        return [
            Line(f"{school.institution}, {school.city}", kind="strong"),
            Line(f"{school.degree} | {years}"),
        ]
    return [Line(f"{school.degree} \u2014 {school.institution} ({school.end_year})")]


def skill_lines(skills: tuple[str, ...], style: Style, sidebar: bool) -> list[Line]:
    form = style.skills_form
    if sidebar or form == "bullets":
        return [
            Line(f"{style.bullet} {s}" if form == "bullets" else s, kind="bullet")
            for s in skills
        ]
    if form == "comma":
        return [Line(", ".join(skills))]
    if form == "pipes":
        return [Line(" | ".join(skills))]
    half = (len(skills) + 1) // 2
    return [
        Line(f"Tools: {', '.join(skills[:half])}"),
        Line(f"Other: {', '.join(skills[half:])}"),
    ]


def _spoken(name: str, words: str, form: str) -> str:
    if form == "parens":
        return f"{name} ({words})"
    return f"{name} \u2013 {words}" if form == "dash" else f"{name}: {words}"


def plain_lines(resume: Resume) -> list[Line]:
    """The one-column reading order: name, contact, then every block."""
    composition = compose(resume)
    lines = [*composition.top, *composition.contact]
    for block in (*composition.main, *composition.side):
        lines += [Line(""), *block]
    return lines
