"""Scorecard: per-field accuracy of the local parser on every labelled resume set in
`../shared/eval-data` (read there at run time, never copied into the repository).

Run `pytest -m bench -s tests/bench/scorecard_parsing.py`, or
`python -m tests.bench.scorecard_parsing [--data-dir DIR] [--verbose]`."""

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from rapidfuzz import fuzz

from domain.extraction.document import ExtractedDocument, extract_document
from domain.parsing import dates
from domain.parsing.education import degree_level
from domain.parsing.model import ParsedResume
from domain.parsing.parser import load_nlp, parse_document
from domain.parsing.sections import (
    SectionKind,
    emphasised_texts,
    find_sections,
    split_lines,
)
from domain.parsing.taxonomy import load_taxonomy

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval-data"
FUZZY = 90
LOOSE = 80
LIST_SECTIONS = frozenset({"skills", "languages"})


@dataclass
class Tally:
    """Accuracy: `correct` of `total`, with a note per miss."""

    correct: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, note: str) -> None:
        self.total += 1
        self.correct += int(ok)
        if not ok:
            self.misses.append(note)

    def cells(self) -> str:
        accuracy = self.correct / self.total if self.total else 0.0
        return f"{self.total:>5} {'':>5} {'':>5} {accuracy:>6.2f}  acc"


@dataclass
class Counts:
    """Precision, recall and F1 from matched, extra and missed items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.tp + self.fn

    def f1(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def cells(self) -> str:
        p, r, f1 = self.f1()
        return f"{self.total:>5} {p:>5.2f} {r:>5.2f} {f1:>6.2f}  F1"


Score = Tally | Counts
Card = dict[str, Score]


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def _same(truth: str | None, parsed: str | None) -> bool:
    return bool(truth) and fuzz.ratio(_norm(truth), _norm(parsed)) >= FUZZY


def _loose(truth: str, parsed: str) -> bool:
    """Loose span matching for DataTurks: close spelling, or one inside the other."""
    a, b = _norm(truth).strip(" ,.-|"), _norm(parsed).strip(" ,.-|")
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    inside = len(short) >= 4 and re.search(rf"\b{re.escape(short)}\b", long)
    return bool(inside) or fuzz.ratio(a, b) >= LOOSE


def _match_sets(
    truth: Iterable[str],
    parsed: Iterable[str],
    counts: Counts,
    same: Callable[[str, str], bool],
    label: str,
) -> None:
    """Greedy one-to-one matching of distinct truth values to distinct parsed ones."""
    free = list(dict.fromkeys(v for v in parsed if _norm(v)))
    wanted = list({_norm(v): v for v in truth if _norm(v)}.values())
    for value in wanted:
        hit = next((p for p in free if same(value, p)), None)
        if hit is None:
            counts.fn += 1
            counts.misses.append(f"{label}: missed {value!r}")
        else:
            free.remove(hit)
            counts.tp += 1
    counts.fp += len(free)
    counts.misses.extend(f"{label}: extra {value!r}" for value in free)


def _value(field_: Any) -> Any:
    return field_.value if field_ is not None and hasattr(field_, "value") else field_


def _rows(resume: ParsedResume, attr: str) -> list[dict[str, Any]]:
    return [{k: _value(v) for k, v in entry} for entry in getattr(resume, attr)]


def _column(resume: ParsedResume, attr: str, key: str) -> list[str]:
    return [str(row[key]) for row in _rows(resume, attr) if row.get(key)]


# --- OfflineCV: 16 hand-written truth files -------------------------------------


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
) -> list[dict[str, Any]]:
    free = list(range(len(parsed)))
    aligned: list[dict[str, Any]] = []
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
            got = _value(getattr(resume, key))
            _tally(card, key).add(_same(contact[want], got), f"{name}: {got!r}")
    got_email = _value(resume.email)
    ok = _norm(contact.get("email")) == _norm(got_email)
    _tally(card, "email").add(ok, f"{name}: {got_email!r}")
    expected = phonenumbers.format_number(
        phonenumbers.parse(contact["phone"], "US"), phonenumbers.PhoneNumberFormat.E164
    )
    got_phone = _value(resume.phone)
    _tally(card, "phone").add(expected == got_phone, f"{name}: {got_phone!r}")
    jobs = truth.get("experience", [])
    for item, job in zip(
        jobs,
        _align(jobs, _rows(resume, "experience"), ("title", "company")),
        strict=True,
    ):
        for key in ("title", "company"):
            ok = _same(item[key], job.get(key))
            _tally(card, f"exp.{key}").add(
                ok, f"{name}: {item[key]!r} -> {job.get(key)!r}"
            )
        found = _truth_range(item.get("dates", ""))
        if found is not None:
            ok = _dates_ok(
                found, job.get("start"), job.get("end"), bool(job.get("current"))
            )
            note = f"{name}: {item['dates']!r} -> {job.get('start')}..{job.get('end')}"
            _tally(card, "exp.dates").add(ok, note)
    _score_offlinecv_education(truth.get("education", []), resume, name, card)


def _score_offlinecv_education(
    truth: list[dict[str, Any]], resume: ParsedResume, name: str, card: Card
) -> None:
    entries = _align(truth, _rows(resume, "education"), ("institution", "degree"))
    for item, entry in zip(truth, entries, strict=True):
        for key in ("institution", "degree"):
            ok = _same(item[key], entry.get(key))
            note = f"{name}: {item[key]!r} -> {entry.get(key)!r}"
            _tally(card, f"edu.{key}").add(ok, note)
        level = degree_level(item["degree"])
        expected = str(level[0]) if level else "other"
        got = str(entry.get("level"))
        _tally(card, "edu.level").add(expected == got, f"{name}: {expected} -> {got}")


def _skill_matcher() -> Callable[[str, Any], bool]:
    """A truth skill is found when a parsed skill has its name (ratio >= 90) or the
    taxonomy id the truth name resolves to."""
    taxonomy = load_taxonomy()

    def same(truth: str, parsed: Any) -> bool:
        entry = taxonomy.lookup(truth)
        by_id = entry is not None and entry.canonical_id == parsed.canonical_id
        return by_id or _same(truth, parsed.name) or _loose_skill(truth, parsed.name)

    return same


def _loose_skill(truth: str, parsed: str) -> bool:
    return _norm(truth) == _norm(parsed)


def _score_skills(
    truth: list[str],
    resume: ParsedResume,
    counts: Counts,
    *,
    lists_only: bool,
    label: str,
) -> None:
    same = _skill_matcher()
    parsed = [
        s for s in resume.skills if not lists_only or s.source_section in LIST_SECTIONS
    ]
    used: set[int] = set()
    for skill in dict.fromkeys(truth):
        hit = next(
            (i for i, p in enumerate(parsed) if i not in used and same(skill, p)), None
        )
        if hit is None:
            counts.fn += 1
            counts.misses.append(f"{label}: missed {skill!r}")
        else:
            used.add(hit)
            counts.tp += 1
    extra = [p.name for i, p in enumerate(parsed) if i not in used]
    counts.fp += len(extra)
    counts.misses.extend(f"{label}: extra {name!r}" for name in extra)


def _tally(card: Card, key: str) -> Tally:
    score = card.setdefault(key, Tally())
    assert isinstance(score, Tally)
    return score


def _counts(card: Card, key: str) -> Counts:
    score = card.setdefault(key, Counts())
    assert isinstance(score, Counts)
    return score


def score_offlinecv(data: Path, timings: dict[str, list[float]]) -> Card:
    card: Card = {}
    for path in sorted((data / "offlinecv-pdf-fixtures").glob("*/*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        pdf = path.with_name(path.name.replace(".truth.json", ".pdf"))
        resume = _timed_parse(pdf, "pdf", timings)
        label = f"{pdf.parent.name}/{pdf.stem}"
        _score_offlinecv_file(truth, resume, label, card)
        if truth.get("skills"):
            for key, only in (("skills", False), ("skills (lists)", True)):
                _score_skills(
                    truth["skills"],
                    resume,
                    _counts(card, key),
                    lists_only=only,
                    label=label,
                )
    return card


def _timed_parse(
    path: Path, kind: str, timings: dict[str, list[float]]
) -> ParsedResume:
    started = time.perf_counter()
    document = extract_document(path, kind)
    middle = time.perf_counter()
    resume = parse_document(document)
    timings["extract"].append((middle - started) * 1000)
    timings["parse"].append((time.perf_counter() - middle) * 1000)
    return resume


# --- DataTurks: 220 Indeed resumes as plain text with labelled spans -----------------

_DT_LABELS = {
    "Name": "name",
    "Designation": "exp.title",
    "Companies worked at": "exp.company",
    "College Name": "edu.institution",
    "Degree": "edu.degree",
    "Graduation Year": "edu.year",
    "Skills": "skills",
    "Location": "location",
}
_SKILL_ITEM = re.compile(r"[,\n•;]|\s-\s|:")
_PARENTHESES = re.compile(r"\([^)]*\)")


def _dataturks_spans(record: dict[str, Any]) -> dict[str, list[tuple[int, str]]]:
    spans: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for note in record.get("annotation") or []:
        key = _DT_LABELS.get((note.get("label") or [""])[0])
        for point in note.get("points", []) if key else ():
            spans[key].append((point["start"], point["text"].strip()))
    for values in spans.values():
        values.sort()
    return spans


def _skill_items(blocks: Iterable[str]) -> list[str]:
    items = []
    for block in blocks:
        for item in _SKILL_ITEM.split(_PARENTHESES.sub("", block)):
            item = item.strip(" .-*")
            if 1 < len(item) <= 40 and len(item.split()) <= 4:
                items.append(item)
    return items


def _score_dataturks_file(
    spans: dict[str, list[tuple[int, str]]],
    resume: ParsedResume,
    label: str,
    card: Card,
) -> None:
    values = {key: [text for _, text in found] for key, found in spans.items()}
    if values.get("name"):
        got = _value(resume.name)
        _tally(card, "name").add(_same(values["name"][0], got), f"{label}: {got!r}")
    if values.get("location"):
        got = _value(resume.location) or ""
        _tally(card, "location").add(
            _loose(values["location"][0], got), f"{label}: {got!r}"
        )
    parsed = {
        # Designation spans also mark the headline under the name.
        "exp.title": [
            *([resume.headline.value] if resume.headline else []),
            *_column(resume, "experience", "title"),
        ],
        "exp.company": _column(resume, "experience", "company"),
        "edu.institution": _column(resume, "education", "institution"),
        "edu.degree": _column(resume, "education", "degree"),
        "edu.year": _column(resume, "education", "graduation_year"),
    }
    for key, got in parsed.items():
        if values.get(key):
            truth = values[key]
            if key == "edu.year":
                truth = [y for t in truth for y in re.findall(r"(?:19|20)\d\d", t)[-1:]]
            _match_sets(truth, got, _counts(card, key), _loose, label)
    if values.get("skills"):
        items = _skill_items(values["skills"])
        _score_skills(
            items, resume, _counts(card, "skills"), lists_only=False, label=label
        )


def score_dataturks(data: Path, timings: dict[str, list[float]]) -> Card:
    card: Card = {}
    folder = data / "dataturks-resume-ner"
    records = [
        json.loads(line)
        for name in ("traindata.json", "testdata.json")
        if (folder / name).exists()
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "resume.txt"
        for index, record in enumerate(records):
            path.write_text(record["content"], encoding="utf-8")
            resume = _timed_parse(path, "txt", timings)
            _score_dataturks_file(_dataturks_spans(record), resume, f"#{index}", card)
    return card


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
    plain = [_norm(line) for line in document.text.splitlines()]
    lines = split_lines(document)
    found = {s.kind for s in find_sections(lines, emphasised_texts(document.blocks))}
    for kind, headings in _LC_EXACT.items():
        present = any(line in headings for line in plain)
        counts = _counts(card, f"section.{kind.value}")
        if present and kind in found:
            counts.tp += 1
        elif present:
            counts.fn += 1
            counts.misses.append(f"{label}: missed")
        elif kind in found:
            counts.fp += 1
            counts.misses.append(f"{label}: extra")
    title = document.text.split("\n", 1)[0]
    got = _value(resume.headline)
    _tally(card, "headline").add(_same(title, got), f"{label}: {title!r} -> {got!r}")
    first = _value(resume.experience[0].title) if resume.experience else None
    _tally(card, "exp[0].title").add(
        _loose(title, first or ""), f"{label}: {title!r} -> {first!r}"
    )
    parsed = [
        f"{row['start']}..{'current' if row.get('current') else row['end'] or 'none'}"
        for attr in ("experience", "education")
        for row in _rows(resume, attr)
        if row.get("start")
    ]
    _match_sets(
        _lc_truth_ranges(document.text),
        parsed,
        _counts(card, "exp.dates"),
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
        _tally(card, "text >= 0.95 of XML words").add(
            coverage >= 0.95, f"{label}: {coverage:.2f}"
        )
        _tally(card, "some experience").add(bool(resume.experience), label)
        _tally(card, "some skills").add(bool(resume.skills), label)
    return card


# --- report ---------------------------------------------------------------------

DATASETS: dict[str, Callable[[Path, dict[str, list[float]]], Card]] = {
    "offlinecv": score_offlinecv,
    "dataturks": score_dataturks,
    "livecareer": score_livecareer,
    "vanetik": score_vanetik,
}


def run(data: Path, verbose: bool = False) -> dict[str, Card]:
    load_nlp(), load_taxonomy()
    cards: dict[str, Card] = {}
    print(f"\n{'dataset':<11}{'field':<28}{'n':>5} {'P':>5} {'R':>5} {'score':>6}")
    for name, scorer in DATASETS.items():
        timings: dict[str, list[float]] = defaultdict(list)
        cards[name] = card = scorer(data, timings)
        if not card:
            print(f"{name:<11}skipped: no data under {data}")
            continue
        for key, score in card.items():
            print(f"{name:<11}{key:<28}{score.cells()}")
        files = len(timings["parse"])
        print(
            f"{name:<11}{files} files; extract median "
            f"{statistics.median(timings['extract']):.1f} ms, parse median "
            f"{statistics.median(timings['parse']):.1f} ms"
        )
        if verbose:
            for key, score in card.items():
                for miss in score.misses:
                    print(f"  miss {name} {key}: {miss}")
    return cards


@pytest.mark.bench
def test_scorecard_over_every_labelled_dataset() -> None:
    if not DEFAULT_DIR.exists():
        pytest.skip(f"no evaluation data under {DEFAULT_DIR}")
    cards = run(DEFAULT_DIR)
    offline = cards["offlinecv"]
    if offline:
        assert _tally(offline, "email").correct == _tally(offline, "email").total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--only", choices=sorted(DATASETS), action="append")
    args = parser.parse_args(argv)
    if args.only:
        for name in list(DATASETS):
            if name not in args.only:
                del DATASETS[name]
    run(args.data_dir, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
