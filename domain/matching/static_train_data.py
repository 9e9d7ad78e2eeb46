"""Training texts for `static_train`, from CC BY 4.0 sources only: O*NET
(occupation descriptions, task statements, alternate titles, technology skills) and
ESCO (occupation titles and descriptions). No resume or posting of any evaluation set.

Each O*NET occupation gives, per training step, three texts drawn at random:
- a pseudo-resume: 1-3 of its alternate titles, a few of its tasks, a few of its
  technology examples (what a resume of that occupation says);
- its titles alone (the product's titles view, `resume_titles`);
- a posting: title, description, other tasks, hot technologies (`job_text` shape).
Each ESCO occupation gives its title and its description. Texts of one occupation
are positives of each other; the other occupations of the batch are negatives.
"""

import csv
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from domain.matching.occupations import OccupationIndex, classify_title

MIN_TASKS = 4  # an occupation needs tasks for both its resume and its posting


@dataclass(frozen=True)
class OnetOccupation:
    code: str
    title: str
    description: str
    tasks: tuple[str, ...]
    titles: tuple[str, ...]  # alternate titles (the own title when none)
    tech: tuple[str, ...]  # technology examples
    hot: tuple[str, ...]  # those marked hot


@dataclass(frozen=True)
class EscoOccupation:
    title: str
    description: str


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_onet(onet: Path, exclude: Iterable[str] = ()) -> list[OnetOccupation]:
    """O*NET occupations with at least `MIN_TASKS` tasks, sorted by code, without
    the `exclude`d codes."""
    skip = set(exclude)
    tasks: dict[str, list[str]] = defaultdict(list)
    for row in _tsv(onet / "Task Statements.txt"):
        tasks[row["O*NET-SOC Code"]].append(row["Task"])
    titles: dict[str, list[str]] = defaultdict(list)
    for row in _tsv(onet / "Alternate Titles.txt"):
        titles[row["O*NET-SOC Code"]].append(row["Alternate Title"])
    tech: dict[str, list[str]] = defaultdict(list)
    hot: dict[str, list[str]] = defaultdict(list)
    for row in _tsv(onet / "Technology Skills.txt"):
        tech[row["O*NET-SOC Code"]].append(row["Example"])
        if row["Hot Technology"] == "Y":
            hot[row["O*NET-SOC Code"]].append(row["Example"])
    found = []
    for row in _tsv(onet / "Occupation Data.txt"):
        code = row["O*NET-SOC Code"]
        if code in skip or len(tasks[code]) < MIN_TASKS:
            continue
        found.append(
            OnetOccupation(
                code,
                row["Title"],
                row["Description"],
                tuple(tasks[code]),
                tuple(titles[code]) or (row["Title"],),
                tuple(tech[code]),
                tuple(hot[code]),
            )
        )
    return sorted(found, key=lambda o: o.code)


def load_esco(
    path: Path, index: OccupationIndex, exclude: Iterable[str] = ()
) -> list[EscoOccupation]:
    """ESCO occupations with a description, sorted by title; one whose title
    `classify_title` puts in an `exclude`d O*NET occupation is left out."""
    skip = set(exclude)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for row in rows:
        title, description = row["title"].strip(), row["description"].strip()
        if not title or not description:
            continue
        match = classify_title(title, index)
        if match is not None and match.occupation.code in skip:
            continue
        found.append(EscoOccupation(title, description))
    return sorted(found, key=lambda o: (o.title, o.description))


def _some(rng: random.Random, items: tuple[str, ...], low: int, high: int) -> list[str]:
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def onet_views(occupation: OnetOccupation, rng: random.Random) -> tuple[str, str, str]:
    """(pseudo-resume, titles, posting) of one occupation; the resume's and the
    posting's tasks never overlap."""
    tasks = list(occupation.tasks)
    rng.shuffle(tasks)
    half = len(tasks) // 2
    titles = _some(rng, occupation.titles, 1, 3)
    resume = "\n".join(
        [
            *titles,
            *tasks[: min(half, rng.randint(3, 8))],
            "Skills: " + ", ".join(_some(rng, occupation.tech, 3, 10)),
        ]
    )
    duties = "\n".join(f"- {t}" for t in tasks[half:][:12])
    tools = ", ".join(occupation.hot[:12]) or ", ".join(occupation.tech[:12])
    posting = (
        f"{occupation.title}\n{occupation.description}\n\nResponsibilities:\n"
        f"{duties}\n\nRequirements:\n- Experience with {tools}.\n"
    )
    return resume, "\n".join(titles), posting
