"""Scorecard set: the jobs of DataTurks' Indeed exports read from the export's own
fixed template, a second truth for titles, companies and dates.

Why: the DataTurks labels are incomplete (of the 466 jobs the template shows, about
58 % have their company and 56 % their title labelled), so a parsed job the
annotators skipped counts as an "extra" there and the precision is meaningless.
Under "WORK EXPERIENCE" every Indeed job is written as

    Title
    Company -  City, Region -
    Month YYYY to Month YYYY | Present

so those three lines give exact truth for every job, labelled or not."""

import re
from typing import Any

from rapidfuzz import fuzz

from domain.parsing.model import ParsedResume
from tests.bench.scorecard_common import (
    Card,
    align_closest,
    norm,
    rows_of,
    same_text,
    tally_of,
)
from tests.bench.scorecard_offlinecv import dates_ok, truth_range

_HEADING = re.compile(r"^[A-Z][A-Z &/]{3,}$")
_RANGE = re.compile(r"^(?:[A-Z][a-z]+ )?\d{4} to (?:Present|(?:[A-Z][a-z]+ )?\d{4})$")
_NOT_TITLE = re.compile(r"^(?:https?:|www\.|[•●\-*]|\d)|indeed\.com")


def template_jobs(content: str) -> list[dict[str, Any]]:
    """title (None when the line above the company is no title), company, dates."""
    lines = [line.strip() for line in content.splitlines()]
    lines = [line for line in lines if line]
    try:
        start = lines.index("WORK EXPERIENCE") + 1
    except ValueError:
        return []
    end = next(
        (i for i in range(start, len(lines)) if _HEADING.match(lines[i])), len(lines)
    )
    jobs = []
    for i in range(start + 1, end):
        company_line = lines[i - 1]
        if not _RANGE.match(lines[i]) or not company_line.endswith("-"):
            continue
        company = company_line.split(" - ")[0].strip(" -")
        if not company:
            continue
        title = lines[i - 2] if i - 2 >= start else None
        if title and (
            _NOT_TITLE.search(title) or _RANGE.match(title) or len(title.split()) > 8
        ):
            title = None
        jobs.append({"title": title, "company": company, "dates": lines[i]})
    return jobs


def _dates_match(item: dict[str, Any], job: dict[str, Any]) -> bool:
    found = truth_range(item["dates"])
    return found is not None and dates_ok(
        found, job.get("start"), job.get("end"), bool(job.get("current"))
    )


def _job_closeness(item: dict[str, Any], job: dict[str, Any]) -> float:
    """Title and company likeness, the dates breaking ties (one employer often
    holds several jobs in a row)."""
    return sum(
        fuzz.ratio(norm(item.get(k)), norm(job.get(k))) for k in ("title", "company")
    ) + 100 * _dates_match(item, job)


def score_indeed_template(
    content: str, resume: ParsedResume, label: str, card: Card
) -> None:
    jobs = template_jobs(content)
    parsed = align_closest(jobs, rows_of(resume, "experience"), _job_closeness)
    for item, job in zip(jobs, parsed, strict=True):
        for key in ("title", "company"):
            if item[key]:
                tally_of(card, f"template exp.{key}").add(
                    same_text(item[key], job.get(key)),
                    f"{label}: {item[key]!r} -> {job.get(key)!r}",
                )
        if truth_range(item["dates"]) is not None:
            ok = _dates_match(item, job)
            note = f"{label}: {item['dates']!r} -> {job.get('start')}..{job.get('end')}"
            tally_of(card, "template exp.dates").add(ok, note)
