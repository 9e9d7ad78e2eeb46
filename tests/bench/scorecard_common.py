"""Shared pieces of the parsing scorecard: tallies, fuzzy and loose matching, skill
matching through the taxonomy, and a timed parse."""

import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from domain.extraction.document import ExtractedDocument, extract_document
from domain.parsing.model import ParsedResume
from domain.parsing.parser import parse_document
from domain.parsing.taxonomy import alias_key, load_taxonomy
from domain.parsing.taxonomy_curated import AMBIGUOUS

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


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def same_text(truth: str | None, parsed: str | None) -> bool:
    return bool(truth) and fuzz.ratio(norm(truth), norm(parsed)) >= FUZZY


def loose_match(truth: str, parsed: str) -> bool:
    """Loose span matching for DataTurks: close spelling, or one inside the other."""
    a, b = norm(truth).strip(" ,.-|"), norm(parsed).strip(" ,.-|")
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    inside = len(short) >= 4 and re.search(rf"\b{re.escape(short)}\b", long)
    return bool(inside) or fuzz.ratio(a, b) >= LOOSE


def match_sets(
    truth: Iterable[str],
    parsed: Iterable[str],
    counts: Counts,
    same: Callable[[str, str], bool],
    label: str,
) -> None:
    """Greedy one-to-one matching of distinct truth values to distinct parsed ones."""
    free = list(dict.fromkeys(v for v in parsed if norm(v)))
    wanted = list({norm(v): v for v in truth if norm(v)}.values())
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


def align_closest(
    truth: list[dict[str, Any]],
    parsed: list[dict[str, Any]],
    closeness: Callable[[dict[str, Any], dict[str, Any]], float],
    floor: float = 60,
) -> list[dict[str, Any]]:
    """Each truth entry, in order, to the closest parsed entry not taken yet (the
    earlier one on a tie), or `{}` when none reaches `floor`."""
    free = list(range(len(parsed)))
    aligned: list[dict[str, Any]] = []
    for item in truth:
        best = max(((closeness(item, parsed[i]), -i) for i in free), default=None)
        if best is None or best[0] < floor:
            aligned.append({})
            continue
        free.remove(-best[1])
        aligned.append(parsed[-best[1]])
    return aligned


def value_of(field_: Any) -> Any:
    return field_.value if field_ is not None and hasattr(field_, "value") else field_


def rows_of(resume: ParsedResume, attr: str) -> list[dict[str, Any]]:
    return [{k: value_of(v) for k, v in entry} for entry in getattr(resume, attr)]


def column_of(resume: ParsedResume, attr: str, key: str) -> list[str]:
    return [str(row[key]) for row in rows_of(resume, attr) if row.get(key)]


def skill_matcher() -> Callable[[str, Any], bool]:
    """A truth skill is found when a parsed skill has its name (ratio >= 90) or the
    taxonomy id the truth name resolves to."""
    taxonomy = load_taxonomy()

    def same(truth: str, parsed: Any) -> bool:
        entry = taxonomy.lookup(truth)
        by_id = entry is not None and entry.canonical_id == parsed.canonical_id
        return (
            by_id or same_text(truth, parsed.name) or _loose_skill(truth, parsed.name)
        )

    return same


def _loose_skill(truth: str, parsed: str) -> bool:
    return norm(truth) == norm(parsed)


def _read_inside(truth: str, read: str) -> bool:
    """Loose span matching: the text a skill was read from lies, as whole words,
    inside the truth item ("Oracle" in "Oracle 10g", "Linux" in "Operating
    Systems Linux"), or the item inside it. An everyday word read out of a
    longer item ("Fast" of "Fast learner") is no match; a product name that is also
    a word (Java, Windows: the curated list) is."""
    a, b = norm(truth), norm(read)
    if not a or not b:
        return False
    key = alias_key(b)
    if a != b and key in load_taxonomy().ambiguous and key not in AMBIGUOUS:
        return False
    short, long = sorted((a, b), key=len)
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def _distinct_skills(names: Iterable[str]) -> list[str]:
    """One of each skill: "JAVA" and "java", or "Angularjs" and "angular" (one
    taxonomy entry), count once, as one parsed skill stands for both."""
    taxonomy = load_taxonomy()
    kept: dict[str, str] = {}
    for name in names:
        entry = taxonomy.lookup(name)
        kept.setdefault(entry.canonical_id if entry else norm(name), name)
    return list(kept.values())


def score_skills(
    truth: list[str],
    resume: ParsedResume,
    counts: Counts,
    *,
    lists_only: bool,
    label: str,
    keep: Callable[[Any], bool] = lambda skill: True,
    text: str | None = None,
) -> None:
    """Greedy one-to-one matching of truth items to parsed skills: by name or
    taxonomy id first, then (given the document `text`) by the text each skill
    was read from."""
    same = skill_matcher()
    parsed = [
        s
        for s in resume.skills
        if (not lists_only or s.source_section in LIST_SECTIONS) and keep(s)
    ]
    read = [
        text[p.evidence.start : p.evidence.end] if text and p.evidence else ""
        for p in parsed
    ]
    used: set[int] = set()
    wanted = _distinct_skills(truth)
    for rule in (
        lambda item, i: same(item, parsed[i]),
        lambda item, i: _read_inside(item, read[i]),
    ):
        unmatched = []
        for skill in wanted:
            hit = next(
                (i for i in range(len(parsed)) if i not in used and rule(skill, i)),
                None,
            )
            if hit is None:
                unmatched.append(skill)
            else:
                used.add(hit)
                counts.tp += 1
        wanted = unmatched
    counts.fn += len(wanted)
    counts.misses.extend(f"{label}: missed {skill!r}" for skill in wanted)
    extra = [p.name for i, p in enumerate(parsed) if i not in used]
    counts.fp += len(extra)
    counts.misses.extend(f"{label}: extra {name!r}" for name in extra)


def tally_of(card: Card, key: str) -> Tally:
    score = card.setdefault(key, Tally())
    assert isinstance(score, Tally)
    return score


def counts_of(card: Card, key: str) -> Counts:
    score = card.setdefault(key, Counts())
    assert isinstance(score, Counts)
    return score


def timed_read(
    path: Path, kind: str, timings: dict[str, list[float]]
) -> tuple[ExtractedDocument, ParsedResume]:
    started = time.perf_counter()
    document = extract_document(path, kind)
    middle = time.perf_counter()
    resume = parse_document(document)
    timings["extract"].append((middle - started) * 1000)
    timings["parse"].append((time.perf_counter() - middle) * 1000)
    return document, resume


def timed_parse(path: Path, kind: str, timings: dict[str, list[float]]) -> ParsedResume:
    return timed_read(path, kind, timings)[1]
