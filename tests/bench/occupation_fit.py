"""Occupation fit, measured and not shipped: how close a candidate's occupations
(their headline and job titles classified with `classify_title`) are to the job's
occupation, with an occupation-to-occupation closeness built from O*NET alone.

Used by `test_matching_occupation_fit.py`, which compares it, alone and blended
into the product's similarity, with the shipped score. Two closeness tables:
- "text": cosine of the occupations' static-model vectors (title, description and
  every task statement), centred over all occupations, negative ones taken as 0;
- "tech": cosine of the occupations' Technology Skills examples, IDF-weighted.
A candidate's occupation profile weighs each classified title by its confidence,
by recency (0.7 per job further back; the headline counts as the latest) and by
the square root of its years (at most 10). A title that does not classify as a
whole, or only with low confidence, is searched for its longest run of words
that is a known title ("Accounting Manager Company Name City" -> accounting
manager). The fit of a pair is the profile's weighted mean closeness.
"""

import csv
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from domain.matching.embeddings import load_default_provider
from domain.matching.occupations import (
    _MODIFIERS,
    OccupationIndex,
    OccupationMatch,
    classify_title,
    load_occupations,
    title_key,
)
from domain.parsing.model import Experience, ParsedResume

RECENCY = 0.7
MIN_CONFIDENCE = 0.5
MAX_YEARS = 10.0
Matrix = NDArray[np.float64]


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class Occupations:
    """O*NET codes in order and the closeness of every pair (one table)."""

    codes: tuple[str, ...]
    closeness: Matrix

    def position(self, code: str | None) -> int | None:
        if code is None or code not in self.codes:
            return None
        return self.codes.index(code)


def text_closeness(onet: Path) -> Occupations:
    occupations = {r["O*NET-SOC Code"]: r for r in _tsv(onet / "Occupation Data.txt")}
    tasks: dict[str, list[str]] = defaultdict(list)
    for row in _tsv(onet / "Task Statements.txt"):
        tasks[row["O*NET-SOC Code"]].append(row["Task"])
    codes = tuple(sorted(occupations))
    texts = [
        "\n".join([occupations[c]["Title"], occupations[c]["Description"], *tasks[c]])
        for c in codes
    ]
    vectors = load_default_provider().embed(texts).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Occupations(codes, np.clip(vectors @ vectors.T, 0.0, 1.0))


def tech_closeness(onet: Path) -> Occupations:
    codes = tuple(
        sorted(r["O*NET-SOC Code"] for r in _tsv(onet / "Occupation Data.txt"))
    )
    tools: dict[str, set[str]] = defaultdict(set)
    for row in _tsv(onet / "Technology Skills.txt"):
        tools[row["O*NET-SOC Code"]].add(row["Example"])
    holders: dict[str, int] = defaultdict(int)
    for names in tools.values():
        for name in names:
            holders[name] += 1
    column = {name: i for i, name in enumerate(sorted(holders))}
    matrix = np.zeros((len(codes), len(column)))
    for row, code in enumerate(codes):
        for name in tools.get(code, ()):
            matrix[row, column[name]] = math.log(len(codes) / holders[name])
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1.0, norms)
    return Occupations(codes, np.clip(matrix @ matrix.T, 0.0, 1.0))


def classify_loosely(title: str, index: OccupationIndex) -> OccupationMatch | None:
    """`classify_title`, else the longest run of the title's words (2 to 6) that
    is a known title, wherever it stands."""
    found = classify_title(title, index)
    if found is not None and found.confidence >= MIN_CONFIDENCE:
        return found
    words = [w for w in title_key(title).split() if w not in _MODIFIERS]
    for size in range(min(len(words), 6), 1, -1):
        for start in range(len(words) - size + 1):
            key = " ".join(words[start : start + size])
            occupation = index.lookup(key)
            if occupation is not None:
                confidence = round(0.4 + 0.3 * size / len(words), 2)
                return OccupationMatch(occupation, key, confidence)
    return None


def _months(job: Experience) -> int | None:
    if job.start is None:
        return None
    end = job.end.value if job.end else ("2026-01" if job.current else None)
    if end is None:
        return None
    start_year, start_month = map(int, job.start.value.split("-"))
    end_year, end_month = map(int, end.split("-"))
    return max(1, (end_year - start_year) * 12 + end_month - start_month)


def candidate_occupations(
    parsed: ParsedResume, occupations: Occupations
) -> list[tuple[int, float]]:
    """(occupation position, weight) per classified headline or job title."""
    index = load_occupations()
    titles: list[tuple[str, Experience | None]] = []
    if parsed.headline is not None:
        titles.append((parsed.headline.value, None))
    titles += [(job.title.value, job) for job in parsed.experience if job.title]
    profile: list[tuple[int, float]] = []
    back = 0
    for title, job in titles:
        found = classify_loosely(title, index)
        if job is not None:
            back += 1
        position = (
            None if found is None else occupations.position(found.occupation.code)
        )
        if found is None or position is None or found.confidence < 0.4:
            continue
        weight = RECENCY ** max(back - 1, 0) * found.confidence
        months = None if job is None else _months(job)
        if months:
            weight *= math.sqrt(min(months / 12, MAX_YEARS))
        profile.append((position, weight))
    return profile


def fit_matrix(
    profiles: Sequence[list[tuple[int, float]]],
    job_codes: Sequence[str | None],
    occupations: Occupations,
) -> Matrix:
    """(candidates x jobs) weighted mean closeness; 0 without an occupation."""
    out = np.zeros((len(profiles), len(job_codes)))
    columns = [occupations.position(code) for code in job_codes]
    for i, profile in enumerate(profiles):
        if not profile:
            continue
        weights = np.array([weight for _, weight in profile])
        rows = [position for position, _ in profile]
        for j, column in enumerate(columns):
            if column is not None:
                closeness = occupations.closeness[rows, column]
                out[i, j] = float(weights @ closeness) / float(weights.sum())
    return out
