"""Scorecard on synthetic resumes with known truth, per field and per format (one-
and two-column PDF, DOCX paragraphs and layout table, TXT, scanned PDF), parsed by
the code path of `hotgigs parse` (`read_resume_file`).

Comparison rules: text fields ignore case, accents' composition and spacing (and
allow a close spelling, ratio >= 90); an institution may carry its city and a
location a street before it; the phone is compared in E.164; a date is its
"YYYY-MM", or only its year where the resume writes only years; a current job must
have no end. Skills, languages (name and proficiency) and certifications score
P/R/F1; every other field is an accuracy over the truth values."""

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.parsing.taxonomy import load_taxonomy
from domain.resumes.reading import read_resume_file
from tests.bench.scorecard_common import (
    Card,
    Counts,
    Score,
    Tally,
    counts_of,
    loose_match,
    match_sets,
    norm,
    same_text,
    tally_of,
)
from tests.samples.synthetic.fresh import generate_fresh
from tests.samples.synthetic.generate import generate
from tests.samples.synthetic.render import FORMATS, write_all
from tests.samples.synthetic.truth import Job, Resume, School


@dataclass
class Options:
    """Set from the command line of `scorecard_parsing`."""

    count: int = 36
    seed: int = 2026
    formats: tuple[str, ...] = tuple(FORMATS)
    keep: Path | None = None  # write the files here and keep them
    family: str = "first"  # "first" (generate.py) or "fresh" (fresh.py)


OPTIONS = Options()
FIELDS = (
    "name", "email", "phone", "location",
    "exp.count", "exp.title", "exp.company", "exp.start", "exp.end",
    "edu.institution", "edu.level", "edu.year",
    "skills", "languages", "certifications",
)  # fmt: skip


def score_synthetic(data: Path, timings: dict[str, list[float]]) -> Card:
    """`data` is unused: the resumes are generated (seeded) into a temporary folder."""
    load_taxonomy()
    card: Card = {}
    with tempfile.TemporaryDirectory(prefix="synthetic-") as temp:
        folder = OPTIONS.keep or Path(temp)
        family = generate_fresh if OPTIONS.family == "fresh" else generate
        written = write_all(
            family(OPTIONS.count, OPTIONS.seed), folder, OPTIONS.formats
        )
        for resume, fmt, path in written:
            started = time.perf_counter()
            parsed = read_resume_file(path)
            timings["parse"].append((time.perf_counter() - started) * 1000)
            score_one(resume, parsed, fmt, card)
    return card


def score_one(resume: Resume, parsed: dict[str, Any], fmt: str, card: Card) -> None:
    label = f"{resume.key}-{fmt}"
    if "error" in parsed:
        parsed = {}

    def tally(key: str) -> Tally:
        return tally_of(card, f"{fmt} {key}")

    for key, truth, same in (
        ("name", resume.name, same_text),
        ("email", resume.email, lambda t, p: norm(t) == norm(p)),
        ("phone", resume.phone, lambda t, p: t == p),
        ("location", resume.location, _same_place),
    ):
        got = _value(parsed.get(key))
        tally(key).add(same(truth, got or ""), f"{label}: {key} {truth!r} read {got!r}")
    _score_jobs(resume, parsed.get("experience") or [], label, tally)
    _score_schools(resume, parsed.get("education") or [], label, tally)
    _score_lists(resume, parsed, label, lambda key: counts_of(card, f"{fmt} {key}"))


def _value(field: Any) -> Any:
    return field.get("value") if isinstance(field, dict) else field


def _same_place(truth: str, parsed: str) -> bool:
    """The place as written, or its city first; a street address before the city
    and a postcode after the region are tolerated."""
    city, _, region = (norm(x) for x in truth.partition(","))
    read = norm(parsed)
    at = read.find(f"{city}, {region}")
    return same_text(truth, parsed) or read.split(",")[0] == city or at >= 0


def _score_jobs(
    resume: Resume,
    parsed: list[dict[str, Any]],
    label: str,
    tally: Callable[[str], Tally],
) -> None:
    tally("exp.count").add(
        len(parsed) == len(resume.jobs),
        f"{label}: {len(resume.jobs)} jobs, read {len(parsed)}",
    )
    free = list(range(len(parsed)))
    for index, job in enumerate(resume.jobs):
        hit = _align(job, index, parsed, free)
        row = {k: _value(v) for k, v in parsed[hit].items()} if hit is not None else {}
        where = f"{label}: job {index + 1}"
        tally("exp.title").add(
            same_text(job.title, row.get("title")),
            f"{where} title {job.title!r} read {row.get('title')!r}",
        )
        tally("exp.company").add(
            same_text(job.company, row.get("company")),
            f"{where} company {job.company!r} read {row.get('company')!r}",
        )
        tally("exp.start").add(
            _same_date(job.start, row.get("start")),
            f"{where} start {job.start!r} read {row.get('start')!r}",
        )
        end_ok = (
            row.get("end") is None and bool(row.get("current")) and bool(row)
            if job.end is None
            else _same_date(job.end, row.get("end"))
        )
        tally("exp.end").add(end_ok, f"{where} end {job.end!r} read {row.get('end')!r}")


def _align(
    job: Job, index: int, parsed: list[dict[str, Any]], free: list[int]
) -> int | None:
    """The parsed job with this title or company, else the one at the same place."""
    for i in free:
        row = {k: _value(v) for k, v in parsed[i].items()}
        if same_text(job.title, row.get("title")) or same_text(
            job.company, row.get("company")
        ):
            free.remove(i)
            return i
    if index in free:
        free.remove(index)
        return index
    return None


def _same_date(truth: str, parsed: str | None) -> bool:
    return bool(parsed) and (
        parsed == truth if len(truth) == 7 else str(parsed)[:4] == truth
    )


def _score_schools(
    resume: Resume,
    parsed: list[dict[str, Any]],
    label: str,
    tally: Callable[[str], Tally],
) -> None:
    rows = [{k: _value(v) for k, v in row.items()} for row in parsed]
    free = list(range(len(rows)))
    for index, school in enumerate(resume.schools):
        hit = next(
            (
                i
                for i in free
                if same_text(school.institution, rows[i].get("institution"))
            ),
            None,
        )
        if hit is None and index in free:
            hit = index
        row = rows[hit] if hit is not None else {}
        if hit is not None:
            free.remove(hit)
        where = f"{label}: school {index + 1}"
        tally("edu.institution").add(
            _same_institution(school, row.get("institution")),
            f"{where} institution {school.institution!r}"
            f" read {row.get('institution')!r}",
        )
        tally("edu.level").add(
            row.get("level") == school.level,
            f"{where} level {school.level!r} read {row.get('level')!r}"
            f" ({school.degree!r})",
        )
        year = row.get("graduation_year") or str(row.get("end") or "")[:4]
        tally("edu.year").add(
            str(year) == str(school.end_year),
            f"{where} year {school.end_year} read {year!r}",
        )


def _same_institution(school: School, parsed: str | None) -> bool:
    """The institution, alone or followed by its city as the resume wrote it
    ("University of Manchester, Manchester": OfflineCV's truth keeps the city)."""
    return same_text(school.institution, parsed) or same_text(
        f"{school.institution}, {school.city}", parsed
    )


def _score_lists(
    resume: Resume, parsed: dict[str, Any], label: str, counts: Callable[[str], Counts]
) -> None:
    taxonomy = load_taxonomy()
    skills = parsed.get("skills") or []

    def same_skill(truth: str, read: str) -> bool:
        entry = taxonomy.lookup(truth)
        parsed_entry = taxonomy.lookup(read)
        by_id = (
            entry is not None
            and parsed_entry is not None
            and entry.canonical_id == parsed_entry.canonical_id
        )
        return by_id or same_text(truth, read)

    listed = [s["name"] for s in skills if s.get("source_section") == "skills"]
    match_sets(resume.skills, listed, counts("skills"), same_skill, label)
    spoken = [
        f"{x['name']}: {x.get('proficiency')}" for x in parsed.get("languages") or []
    ]
    truth = [f"{x.name}: {x.proficiency}" for x in resume.languages]
    match_sets(
        truth, spoken, counts("languages"), lambda t, p: norm(t) == norm(p), label
    )
    # Letters after the name ("CPA") are a credential held: neither wanted nor extra.
    credential = norm(resume.style.credentials)
    certs = [
        str(_value(c))
        for c in parsed.get("certifications") or []
        if norm(str(_value(c))) != credential
    ]
    match_sets(
        resume.certifications, certs, counts("certifications"), loose_match, label
    )


def _measure(score: Score | None) -> float | None:
    if score is None or not score.total:
        return None
    if isinstance(score, Counts):
        return score.f1()[2]
    return score.correct / score.total


def print_table(card: Card, verbose: bool = False) -> dict[str, float]:
    """Fields down, formats across; the last row is each format's macro average.
    Returns the macro per format."""
    formats = [f for f in OPTIONS.formats if any(k.startswith(f + " ") for k in card)]
    print(f"\n{'synthetic field':<18}" + "".join(f"{f:>11}" for f in formats))
    columns: dict[str, list[float]] = {f: [] for f in formats}
    for field in FIELDS:
        cells = ""
        for fmt in formats:
            value = _measure(card.get(f"{fmt} {field}"))
            if value is not None:
                columns[fmt].append(value)
            cells += f"{'-' if value is None else f'{value:.2f}':>11}"
        print(f"{field:<18}{cells}")
    macro = {f: statistics.mean(v) for f, v in columns.items() if v}
    print(f"{'macro':<18}" + "".join(f"{macro.get(f, 0.0):>11.2f}" for f in formats))
    if verbose:
        for key, score in card.items():
            for miss in score.misses:
                print(f"  miss {key}: {miss}")
    return macro
