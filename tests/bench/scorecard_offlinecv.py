"""Scorecard set: OfflineCV's 16 hand-written truth files (contacts, jobs, schools,
skills)."""

import json
from pathlib import Path
from typing import Any

import phonenumbers
from rapidfuzz import fuzz

from domain.parsing import dates
from domain.parsing.education_words import degree_level
from domain.parsing.model import ParsedResume
from tests.bench.scorecard_common import (
    Card,
    counts_of,
    norm,
    rows_of,
    same_text,
    score_skills,
    tally_of,
    timed_parse,
    value_of,
)

# --- OfflineCV: 16 hand-written truth files -------------------------------------


def truth_range(text: str) -> dates.DateRange | None:
    found = dates.find_ranges(text)
    return found[0] if found else None


def dates_ok(
    truth: dates.DateRange, start: str | None, end: str | None, current: bool
) -> bool:
    def same(value: dates.MonthDate | None, parsed: str | None) -> bool:
        if value is None or parsed is None:
            return value is None and parsed is None
        size = 4 if value.precision is dates.Precision.YEAR else 7
        return value.iso[:size] == parsed[:size]

    end_ok = current if truth.current else same(truth.end_date, end)
    return same(truth.start, start) and end_ok


def align(
    truth: list[dict[str, Any]], parsed: list[dict[str, Any]], keys: tuple[str, str]
) -> list[dict[str, Any]]:
    free = list(range(len(parsed)))
    aligned: list[dict[str, Any]] = []
    for item in truth:
        scores = [
            (
                sum(
                    fuzz.ratio(norm(item.get(k)), norm(parsed[i].get(k))) for k in keys
                ),
                i,
            )
            for i in free
        ]
        best = max(scores, default=None)
        if best is None or best[0] < 60:
            aligned.append({})
            continue
        free.remove(best[1])
        aligned.append(parsed[best[1]])
    return aligned


def _score_offlinecv_file(
    truth: dict[str, Any], resume: ParsedResume, name: str, card: Card
) -> None:
    contact = truth.get("contact", {})
    for key, want in (("name", "full_name"), ("location", "location")):
        if contact.get(want):
            got = value_of(getattr(resume, key))
            tally_of(card, key).add(same_text(contact[want], got), f"{name}: {got!r}")
    got_email = value_of(resume.email)
    ok = norm(contact.get("email")) == norm(got_email)
    tally_of(card, "email").add(ok, f"{name}: {got_email!r}")
    expected = phonenumbers.format_number(
        phonenumbers.parse(contact["phone"], "US"), phonenumbers.PhoneNumberFormat.E164
    )
    got_phone = value_of(resume.phone)
    tally_of(card, "phone").add(expected == got_phone, f"{name}: {got_phone!r}")
    jobs = truth.get("experience", [])
    for item, job in zip(
        jobs,
        align(jobs, rows_of(resume, "experience"), ("title", "company")),
        strict=True,
    ):
        for key in ("title", "company"):
            ok = same_text(item[key], job.get(key))
            tally_of(card, f"exp.{key}").add(
                ok, f"{name}: {item[key]!r} -> {job.get(key)!r}"
            )
        found = truth_range(item.get("dates", ""))
        if found is not None:
            ok = dates_ok(
                found, job.get("start"), job.get("end"), bool(job.get("current"))
            )
            note = f"{name}: {item['dates']!r} -> {job.get('start')}..{job.get('end')}"
            tally_of(card, "exp.dates").add(ok, note)
    _score_offlinecv_education(truth.get("education", []), resume, name, card)


def _score_offlinecv_education(
    truth: list[dict[str, Any]], resume: ParsedResume, name: str, card: Card
) -> None:
    entries = align(truth, rows_of(resume, "education"), ("institution", "degree"))
    for item, entry in zip(truth, entries, strict=True):
        for key in ("institution", "degree"):
            ok = same_text(item[key], entry.get(key))
            note = f"{name}: {item[key]!r} -> {entry.get(key)!r}"
            tally_of(card, f"edu.{key}").add(ok, note)
        level = degree_level(item["degree"])
        expected = str(level[0]) if level else "other"
        got = str(entry.get("level"))
        tally_of(card, "edu.level").add(expected == got, f"{name}: {expected} -> {got}")


def score_offlinecv(data: Path, timings: dict[str, list[float]]) -> Card:
    card: Card = {}
    for path in sorted((data / "offlinecv-pdf-fixtures").glob("*/*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        pdf = path.with_name(path.name.replace(".truth.json", ".pdf"))
        resume = timed_parse(pdf, "pdf", timings)
        label = f"{pdf.parent.name}/{pdf.stem}"
        _score_offlinecv_file(truth, resume, label, card)
        if truth.get("skills"):
            for key, only in (("skills", False), ("skills (lists)", True)):
                score_skills(
                    truth["skills"],
                    resume,
                    counts_of(card, key),
                    lists_only=only,
                    label=label,
                )
    return card
