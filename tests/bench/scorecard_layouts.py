"""Scorecard sets: LiveCareer's 480 template PDFs (sections, title, date ranges) and
Vanetik's 65 DOCX CVs (text coverage, table-only ones included)."""

import re
import time
import unicodedata
import zipfile
from pathlib import Path

from domain.extraction.document import ExtractedDocument, extract_document
from domain.parsing import dates
from domain.parsing.headings import SectionKind, emphasised_texts
from domain.parsing.lines import split_lines
from domain.parsing.model import ParsedResume
from domain.parsing.parser import parse_document
from domain.parsing.sections import find_sections
from tests.bench.scorecard_common import (
    Card,
    counts_of,
    loose_match,
    match_sets,
    norm,
    rows_of,
    same_text,
    tally_of,
    value_of,
)

# --- LiveCareer: 480 anonymised PDFs; the template gives headings, title, dates -----

_LC_EXACT = {
    SectionKind.SUMMARY: {
        "summary",
        "professional summary",
        "executive profile",
        "career overview",
        "profile",
        "executive summary",
        "summary of qualifications",
        "professional profile",
        "career focus",
        "objective",
    },
    SectionKind.EXPERIENCE: {
        "experience",
        "work experience",
        "professional experience",
        "work history",
        "employment history",
    },
    SectionKind.EDUCATION: {"education", "education and training"},
    SectionKind.SKILLS: {"skills", "highlights", "skill highlights"},
}
_LC_MONTH = r"(?:\d{2}/\d{4}|[A-Z][a-z]+ \d{4}|\d{4})"
_LC_RANGE = re.compile(rf"\b({_LC_MONTH}) to ({_LC_MONTH}|Current|Present)\b")


def _lc_truth_ranges(text: str) -> list[str]:
    """Date ranges in the template's own form ("Month YYYY to Current")."""
    out = []
    for match in _LC_RANGE.finditer(text):
        found = dates.find_ranges(match.group(0))
        if found and found[0].start is not None:
            end = "current" if found[0].current else _iso(found[0].end_date)
            out.append(f"{found[0].start.iso[:7]}..{end}")
    return out


def _iso(value: dates.MonthDate | None) -> str:
    return value.iso[:7] if value else "none"


def _score_livecareer_file(
    document: ExtractedDocument, resume: ParsedResume, label: str, card: Card
) -> None:
    plain = [norm(line) for line in document.text.splitlines()]
    lines = split_lines(document)
    found = {s.kind for s in find_sections(lines, emphasised_texts(document.blocks))}
    for kind, headings in _LC_EXACT.items():
        present = any(line in headings for line in plain)
        counts = counts_of(card, f"section.{kind.value}")
        if present and kind in found:
            counts.tp += 1
        elif present:
            counts.fn += 1
            counts.misses.append(f"{label}: missed")
        elif kind in found:
            counts.fp += 1
            counts.misses.append(f"{label}: extra")
    title = document.text.split("\n", 1)[0]
    got = value_of(resume.headline)
    tally_of(card, "headline").add(
        same_text(title, got), f"{label}: {title!r} -> {got!r}"
    )
    first = value_of(resume.experience[0].title) if resume.experience else None
    tally_of(card, "exp[0].title").add(
        loose_match(title, first or ""), f"{label}: {title!r} -> {first!r}"
    )
    parsed = [
        f"{row['start']}..{'current' if row.get('current') else row['end'] or 'none'}"
        for attr in ("experience", "education")
        for row in rows_of(resume, attr)
        if row.get("start")
    ]
    match_sets(
        _lc_truth_ranges(document.text),
        parsed,
        counts_of(card, "exp.dates"),
        lambda a, b: a == b,
        label,
    )


def score_livecareer(data: Path, timings: dict[str, list[float]]) -> Card:
    card: Card = {}
    for path in sorted((data / "livecareer-resume-dataset" / "pdf").glob("*/*.pdf")):
        started = time.perf_counter()
        document = extract_document(path, "pdf")
        middle = time.perf_counter()
        resume = parse_document(document)
        timings["extract"].append((middle - started) * 1000)
        timings["parse"].append((time.perf_counter() - middle) * 1000)
        _score_livecareer_file(
            document, resume, f"{path.parent.name}/{path.stem}", card
        )
    return card


# --- Vanetik: 65 anonymised DOCX CVs, some kept entirely in tables ------------------

_W_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def _docx_words(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        parts = [
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
        ]
    text = " ".join(" ".join(_W_TEXT.findall(part)) for part in parts)
    return re.findall(r"[^\W_]{3,}", unicodedata.normalize("NFKC", text).casefold())


def score_vanetik(data: Path, timings: dict[str, list[float]]) -> Card:
    card: Card = {}
    for path in sorted(
        (data / "vanetik-vacancy-resume-matching" / "CV").glob("*.docx"),
        key=lambda p: int(p.stem) if p.stem.isdigit() else 0,
    ):
        label = path.name
        started = time.perf_counter()
        document = extract_document(path, "docx")
        middle = time.perf_counter()
        resume = parse_document(document)
        timings["extract"].append((middle - started) * 1000)
        timings["parse"].append((time.perf_counter() - middle) * 1000)
        words = _docx_words(path)
        got = set(re.findall(r"[^\W_]{3,}", document.text.casefold()))
        coverage = sum(w in got for w in words) / len(words) if words else 1.0
        tally_of(card, "text >= 0.95 of XML words").add(
            coverage >= 0.95, f"{label}: {coverage:.2f}"
        )
        tally_of(card, "some experience").add(bool(resume.experience), label)
        tally_of(card, "some skills").add(bool(resume.skills), label)
    return card
