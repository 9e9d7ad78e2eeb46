"""Scorecard: per-field accuracy of `parse_document` on OfflineCV's hand-written truth
files (`python -m tests.bench.scorecard_parsing [--data-dir DIR] [--verbose]`)."""

import argparse
import json
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import phonenumbers
from rapidfuzz import fuzz

from domain.parsing import dates
from domain.parsing.education import degree_level
from domain.parsing.model import ParsedResume
from domain.parsing.parser import load_nlp, parse_document
from domain.parsing.taxonomy import load_taxonomy

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval-data"
CORPUS = "offlinecv-pdf-fixtures"
FUZZY = 90
LIST_SECTIONS = frozenset({"skills", "languages"})

RULES = {
    "name": "case/space-insensitive, rapidfuzz ratio >= 90",
    "email": "exact, lower case",
    "phone": "same E.164 (truth read with region US)",
    "location": "case/space-insensitive, ratio >= 90",
    "exp.title": "truth job aligned to best parsed job; ratio >= 90",
    "exp.company": "same alignment; ratio >= 90",
    "exp.dates": "start and end (or current) equal at the truth's precision",
    "edu.institution": "truth entry aligned to best parsed entry; ratio >= 90",
    "edu.level": "level of the truth degree (same keyword rules) equal",
    "edu.degree": "ratio >= 90",
}


@dataclass
class Tally:
    correct: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, note: str) -> None:
        self.total += 1
        self.correct += int(ok)
        if not ok:
            self.misses.append(note)


@dataclass(frozen=True)
class PlainDocument:
    """The `ExtractedDocument` shape, filled from PyMuPDF plain text."""

    text: str
    blocks: tuple[Any, ...]
    pages: int
    method: str
    ocr_pages: tuple[int, ...]
    warnings: tuple[str, ...]
    encoding: str | None


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def _same(truth: str | None, parsed: str | None) -> bool:
    return bool(truth) and fuzz.ratio(_norm(truth), _norm(parsed)) >= FUZZY


def _extractor() -> tuple[str, Callable[[Path], Any]]:
    try:
        from domain.extraction.document import extract_document
    except ImportError:
        return "pymupdf get_text()", _plain_pdf
    return "domain.extraction extract_document", lambda path: extract_document(
        path, "pdf"
    )


def _plain_pdf(path: Path) -> PlainDocument:
    import pymupdf

    with pymupdf.open(path) as pdf:
        pages = [page.get_text() for page in pdf]
    text = unicodedata.normalize("NFKC", "\n\f".join(pages))
    return PlainDocument(text, (), len(pages), "pymupdf-plain", (), (), None)


def _truth_range(text: str) -> dates.DateRange | None:
    found = dates.find_ranges(text)
    return found[0] if found else None


def _dates_ok(
    truth: dates.DateRange, start: str | None, end: str | None, current: bool
) -> bool:
    def same(value: dates.MonthDate | None, parsed: str | None) -> bool:
        if value is None or parsed is None:
            return value is None and parsed is None
        size = 4 if value.precision is dates.Precision.YEAR else 7
        return value.iso[:size] == parsed[:size]

    end_ok = current if truth.current else same(truth.end_date, end)
    return same(truth.start, start) and end_ok


def _align(
    truth: list[dict[str, Any]], parsed: list[dict[str, Any]], keys: tuple[str, str]
) -> list[dict[str, Any] | None]:
    free = list(range(len(parsed)))
    aligned: list[dict[str, Any] | None] = []
    for item in truth:
        scores = [
            (
                sum(
                    fuzz.ratio(_norm(item.get(k)), _norm(parsed[i].get(k)))
                    for k in keys
                ),
                i,
            )
            for i in free
        ]
        best = max(scores, default=None)
        if best is None or best[0] < 60:
            aligned.append(None)
            continue
        free.remove(best[1])
        aligned.append(parsed[best[1]])
    return aligned


def _values(resume: ParsedResume, attr: str) -> list[dict[str, Any]]:
    rows = []
    for entry in getattr(resume, attr):
        row = {k: (v.value if hasattr(v, "value") else v) for k, v in entry}
        rows.append(row)
    return rows


def score_file(
    truth: dict[str, Any], resume: ParsedResume, name: str, tallies: dict[str, Tally]
) -> None:
    contact = truth.get("contact", {})
    value = lambda f: getattr(resume, f).value if getattr(resume, f) else None  # noqa: E731
    tallies["name"].add(
        _same(contact.get("full_name"), value("name")), f"{name}: {value('name')!r}"
    )
    tallies["email"].add(
        _norm(contact.get("email")) == _norm(value("email")),
        f"{name}: {value('email')!r}",
    )
    expected = phonenumbers.format_number(
        phonenumbers.parse(contact["phone"], "US"), phonenumbers.PhoneNumberFormat.E164
    )
    tallies["phone"].add(expected == value("phone"), f"{name}: {value('phone')!r}")
    if contact.get("location"):
        tallies["location"].add(
            _same(contact["location"], value("location")),
            f"{name}: {value('location')!r}",
        )
    _score_experience(
        truth.get("experience", []), _values(resume, "experience"), name, tallies
    )
    _score_education(
        truth.get("education", []), _values(resume, "education"), name, tallies
    )


def _score_experience(
    truth: list[dict[str, Any]],
    jobs: list[dict[str, Any]],
    name: str,
    tallies: dict[str, Tally],
) -> None:
    for item, job in zip(truth, _align(truth, jobs, ("title", "company")), strict=True):
        job = job or {}
        tallies["exp.title"].add(
            _same(item["title"], job.get("title")),
            f"{name}: {item['title']!r} -> {job.get('title')!r}",
        )
        tallies["exp.company"].add(
            _same(item["company"], job.get("company")),
            f"{name}: {item['company']!r} -> {job.get('company')!r}",
        )
        found = _truth_range(item.get("dates", ""))
        if found is not None:
            ok = _dates_ok(
                found, job.get("start"), job.get("end"), bool(job.get("current"))
            )
            tallies["exp.dates"].add(
                ok, f"{name}: {item['dates']!r} -> {job.get('start')}..{job.get('end')}"
            )


def _score_education(
    truth: list[dict[str, Any]],
    entries: list[dict[str, Any]],
    name: str,
    tallies: dict[str, Tally],
) -> None:
    for item, entry in zip(
        truth, _align(truth, entries, ("institution", "degree")), strict=True
    ):
        entry = entry or {}
        tallies["edu.institution"].add(
            _same(item["institution"], entry.get("institution")),
            f"{name}: {item['institution']!r} -> {entry.get('institution')!r}",
        )
        tallies["edu.degree"].add(
            _same(item["degree"], entry.get("degree")),
            f"{name}: {item['degree']!r} -> {entry.get('degree')!r}",
        )
        level = degree_level(item["degree"])
        expected = str(level[0]) if level else "other"
        tallies["edu.level"].add(
            expected == str(entry.get("level")),
            f"{name}: {expected} -> {entry.get('level')}",
        )


@dataclass
class SkillCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def line(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        counts = f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        return f"P {p:.2f}  R {r:.2f}  F1 {f1:.2f}  {counts}"


def score_skills(
    truth: list[str], resume: ParsedResume, counts: SkillCounts, *, lists_only: bool
) -> None:
    """A truth skill is found when a parsed skill has its name (case-insensitive,
    ratio >= 90) or the taxonomy id the truth name resolves to."""
    taxonomy = load_taxonomy()
    parsed = [
        s for s in resume.skills if not lists_only or s.source_section in LIST_SECTIONS
    ]
    used: set[int] = set()
    for skill in truth:
        entry = taxonomy.lookup(skill)
        hit = next(
            (
                i
                for i, p in enumerate(parsed)
                if i not in used
                and (
                    _same(skill, p.name)
                    or (entry is not None and entry.canonical_id == p.canonical_id)
                )
            ),
            None,
        )
        if hit is None:
            counts.fn += 1
        else:
            used.add(hit)
            counts.tp += 1
    counts.fp += len(parsed) - len(used)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--plain", action="store_true", help="read PyMuPDF plain text, not extraction"
    )
    args = parser.parse_args(argv)
    corpus = args.data_dir / CORPUS
    truths = sorted(corpus.glob("*/*.truth.json"))
    if not truths:
        print(f"skipped: no OfflineCV truth files under {corpus}")
        return 0
    method, extract = ("pymupdf get_text()", _plain_pdf) if args.plain else _extractor()
    load_nlp(), load_taxonomy()
    tallies: dict[str, Tally] = defaultdict(Tally)
    skills_all, skills_lists = SkillCounts(), SkillCounts()
    extract_ms, parse_ms = [], []
    for path in truths:
        truth = json.loads(path.read_text(encoding="utf-8"))
        pdf = path.with_name(path.name.replace(".truth.json", ".pdf"))
        started = time.perf_counter()
        document = extract(pdf)
        extract_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        resume = parse_document(document)
        parse_ms.append((time.perf_counter() - started) * 1000)
        label = f"{pdf.parent.name}/{pdf.stem}"
        score_file(truth, resume, label, tallies)
        if truth.get("skills"):
            score_skills(truth["skills"], resume, skills_all, lists_only=False)
            score_skills(truth["skills"], resume, skills_lists, lists_only=True)
    _report(method, len(truths), tallies, skills_all, skills_lists, args.verbose)
    print(
        f"\ntiming: extraction median {statistics.median(extract_ms):.1f} ms, "
        f"parse median {statistics.median(parse_ms):.1f} ms per file"
    )
    return 0


def _report(
    method: str,
    files: int,
    tallies: dict[str, Tally],
    skills_all: SkillCounts,
    skills_lists: SkillCounts,
    verbose: bool,
) -> None:
    print(f"OfflineCV truth files: {files}; text from {method}\n")
    print(f"{'field':<17}{'n':>4}{'ok':>5}{'accuracy':>10}  rule")
    for key in RULES:
        tally = tallies.get(key)
        if tally is None or not tally.total:
            continue
        accuracy = tally.correct / tally.total
        row = f"{key:<17}{tally.total:>4}{tally.correct:>5}{accuracy:>10.2f}"
        print(f"{row}  {RULES[key]}")
    print("edu.year           n/a  (the truth files give no graduation year)")
    print(f"\nskills, every source:        {skills_all.line()}")
    print(f"skills, skills sections only: {skills_lists.line()}")
    print(
        "  rule: same name (ratio >= 90) or the taxonomy id the truth name resolves to;"
    )
    print("  files whose truth lists no skills are left out")
    if verbose:
        for key, tally in tallies.items():
            for miss in tally.misses:
                print(f"miss {key}: {miss}")


if __name__ == "__main__":
    sys.exit(main())
