"""The text a resume or a job is embedded as: what the person did and knows, never
who they are. Name, e-mail, phone and links are left out, and their occurrences in
free text (a summary that repeats the name) are blanked; the parsed resume has no
photo, age, gender or nationality to leave out."""

import re
from collections.abc import Iterable

from domain.matching.model import JobAnalysis
from domain.parsing.model import ParsedResume


def resume_text(parsed: ParsedResume) -> str:
    """Headline, summary, each job's title and description, education, skills and
    certifications, one per line."""
    parts: list[str | None] = [
        _value(parsed.headline),
        _value(parsed.summary),
    ]
    for job in parsed.experience:
        parts.append(_value(job.title))
        parts.append(_value(job.description))
        parts.extend(a.value for a in job.achievements)
    for school in parsed.education:
        parts.append(
            " ".join(filter(None, (_value(school.degree), _value(school.field))))
        )
    if parsed.skills:
        parts.append("Skills: " + ", ".join(s.name for s in parsed.skills))
    parts.extend(c.value for c in parsed.certifications)
    text = "\n".join(p for p in parts if p)
    return scrub(text, _identifiers(parsed))


def resume_titles(parsed: ParsedResume) -> str:
    """Headline and job titles, one per line: what the candidate has been."""
    titles = [
        _value(parsed.headline),
        *(_value(job.title) for job in parsed.experience),
    ]
    return scrub("\n".join(t for t in titles if t), _identifiers(parsed))


def job_text(title: str, description: str, analysis: JobAnalysis | None = None) -> str:
    """Title, description and, when analysed, the skills it asks for."""
    parts = [title, description]
    if analysis is not None:
        skills = [
            s.name for s in (*analysis.required_skills, *analysis.preferred_skills)
        ]
        if skills:
            parts.append("Skills: " + ", ".join(skills))
    return "\n".join(p for p in parts if p)


def scrub(text: str, identifiers: Iterable[str]) -> str:
    """`text` with each identifier, as a whole word, replaced by a space (case
    insensitive); the name's words of three or more letters count as identifiers."""
    for identifier in identifiers:
        if identifier:
            pattern = rf"(?<!\w){re.escape(identifier)}(?!\w)"
            text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    return text


def _identifiers(parsed: ParsedResume) -> list[str]:
    found: list[str] = []
    if parsed.name is not None:
        name = parsed.name.value
        found.append(name)
        found.extend(w for w in re.findall(r"\w{3,}", name))
    if parsed.email is not None:
        found.append(parsed.email.value)
    if parsed.phone is not None:
        found.append(parsed.phone.value)
    found.extend(link.url for link in parsed.links)
    return sorted(set(found), key=len, reverse=True)


def _value(field: object) -> str | None:
    value = getattr(field, "value", None)
    return value if isinstance(value, str) else None
