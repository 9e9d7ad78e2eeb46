"""Scorecard set: DataTurks' 220 Indeed resumes (plain text with labelled spans)."""

import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from domain.parsing.model import ParsedResume
from tests.bench.scorecard_common import (
    Card,
    column_of,
    counts_of,
    loose_match,
    match_sets,
    same_text,
    score_skills,
    tally_of,
    timed_parse,
    value_of,
)
from tests.bench.scorecard_indeed import score_indeed_template

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
        if key is None:
            continue
        for point in note.get("points", []):
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
        got = value_of(resume.name)
        tally_of(card, "name").add(
            same_text(values["name"][0], got), f"{label}: {got!r}"
        )
    if values.get("location"):
        got = value_of(resume.location) or ""
        tally_of(card, "location").add(
            loose_match(values["location"][0], got), f"{label}: {got!r}"
        )
    parsed = {
        # Designation spans also mark the headline under the name.
        "exp.title": [
            *([resume.headline.value] if resume.headline else []),
            *column_of(resume, "experience", "title"),
        ],
        "exp.company": column_of(resume, "experience", "company"),
        "edu.institution": column_of(resume, "education", "institution"),
        "edu.degree": column_of(resume, "education", "degree"),
        "edu.year": column_of(resume, "education", "graduation_year"),
    }
    for key, got in parsed.items():
        if values.get(key):
            truth = values[key]
            if key == "edu.year":
                truth = [y for t in truth for y in re.findall(r"(?:19|20)\d\d", t)[-1:]]
            match_sets(truth, got, counts_of(card, key), loose_match, label)
    if values.get("skills"):
        items = _skill_items(values["skills"])
        score_skills(
            items, resume, counts_of(card, "skills"), lists_only=False, label=label
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
            resume = timed_parse(path, "txt", timings)
            _score_dataturks_file(_dataturks_spans(record), resume, f"#{index}", card)
            score_indeed_template(record["content"], resume, f"#{index}", card)
    return card
