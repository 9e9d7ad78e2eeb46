"""A synthetic resume written out as lines in its own style: the text every
renderer lays out (one column, sidebar and main column, table cells)."""

from dataclasses import dataclass

from tests.samples.synthetic.pools import MONTHS
from tests.samples.synthetic.truth import Job, Resume, School, Style


@dataclass(frozen=True)
class Line:
    text: str
    right: str = ""  # right-aligned on the same line (dates)
    kind: str = "body"  # name, headline, heading, body, bullet, strong, rule
    left: str = ""  # in a left margin column (dates); " ": an empty margin


@dataclass(frozen=True)
class Composition:
    top: tuple[Line, ...]  # name and headline
    contact: tuple[Line, ...]
    main: tuple[tuple[Line, ...], ...]  # summary, experience, education blocks
    side: tuple[tuple[Line, ...], ...]  # skills, certifications, languages blocks


def compose(resume: Resume, *, sidebar: bool = False) -> Composition:
    """`sidebar`: the side blocks are narrow, so lists go one item a line."""
    style = resume.style
    top = [Line(x, kind="name") for x in _name_lines(resume, sidebar)]
    if style.headline:
        top.append(Line(resume.jobs[0].title, kind="headline"))
    summary = (heading("summary", style), Line(resume.summary))
    jobs = (
        heading("experience", style),
        *[x for j in resume.jobs for x in job_lines(j, style)],
    )
    schools = (
        heading("education", style),
        *[x for s in resume.schools for x in school_lines(s, style)],
    )
    first_schools = style.order == "education_first"
    main = [summary, *((schools, jobs) if first_schools else (jobs, schools))]
    side = [(heading("skills", style), *skill_lines(resume.skills, style, sidebar))]
    if resume.certifications:
        side.append(
            (
                heading("certifications", style),
                *[
                    Line(f"{style.bullet} {_certificate(c, style)}", kind="bullet")
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


def _name_lines(resume: Resume, sidebar: bool) -> list[str]:
    style = resume.style
    name = resume.name.upper() if style.upper_name else resume.name
    if style.credentials:
        return [f"{name}, {style.credentials}"]
    given, _, family = name.rpartition(" ")
    return [given, family] if sidebar and style.split_name else [name]


def _certificate(name: str, style: Style) -> str:
    return f"{name} ({2012 + len(name) % 12})" if style.cert_years else name


ICONS = ("\u2709 ", "\u260e ", "\u2302 ")  # envelope, telephone, house


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
    style = resume.style
    place = resume.location
    if style.street:
        place = f"{style.street}, {place} {78700 + len(resume.name)}"
    values = [resume.email, resume.phone_text, place, *resume.links]
    if style.icons and form != "labelled":
        values[:3] = [icon + value for icon, value in zip(ICONS, values, strict=False)]
    if form == "pipes":
        return (
            Line(" | ".join(values[:3])),
            *([Line(" | ".join(values[3:]))] if values[3:] else []),
        )
    if form == "stacked":
        return tuple(Line(v) for v in values)
    labels = [
        *style.labels,
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
        "mon.": f"{_abbreviated(month)} {year}",
        "month": f"{MONTHS[month - 1]} {year}",
        "mm/yyyy": f"{month:02d}/{year}",
        "yyyy-mm": f"{year}-{month:02d}",
    }[style.month_form]


def _abbreviated(month: int) -> str:
    """ "Jan.", "Sept.", "May" as some style guides abbreviate months."""
    name = MONTHS[month - 1]
    return name if len(name) <= 4 else ("Sept." if month == 9 else f"{name[:3]}.")


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
    elif form == "one_line":
        head = [
            Line(f"{job.title} | {job.company} | {job.city} | {dates}", kind="strong")
        ]
    else:  # dates_first, as Europass-like CVs write them
        head = [
            Line(dates),
            Line(job.title, kind="strong"),
            Line(f"{job.company}, {job.city}"),
        ]
    return [*head, *(Line(f"{style.bullet} {b}", kind="bullet") for b in job.bullets)]


def school_lines(school: School, style: Style) -> list[Line]:
    extra = [Line(style.school_extra)] if style.school_extra else []
    return [*_school_head(school, style), *extra]


def _school_head(school: School, style: Style) -> list[Line]:
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
        levels = ("Advanced", "Intermediate", "Expert", "5 years")
        named = [
            f"{s} ({levels[i % 4]})" if style.skill_levels else s
            for i, s in enumerate(skills)
        ]
        return [
            Line(f"{style.bullet} {s}" if form == "bullets" else s, kind="bullet")
            for s in named
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
    blocks = [*composition.main, *composition.side]
    if resume.style.order == "skills_first":
        blocks.insert(1, blocks.pop(len(composition.main)))
    for block in blocks:
        lines += [Line(""), *block]
    return lines
