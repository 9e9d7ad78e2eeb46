"""Scorecard set: DataTurks' 220 Indeed resumes (plain text with labelled spans)."""

import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from domain.parsing.model import ParsedResume
from domain.parsing.taxonomy import load_taxonomy
from tests.bench.scorecard_common import (
    Card,
    column_of,
    counts_of,
    loose_match,
    match_sets,
    norm,
    same_text,
    score_skills,
    tally_of,
    timed_read,
    value_of,
)
from tests.bench.scorecard_indeed import score_indeed_template
from tests.bench.scorecard_indeed_education import (
    labelled_graduation_years,
    score_indeed_education,
    template_education,
)

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
# A parenthesis states experience or level, or spells out an acronym ("JAVA (1
# year)", "ALM (QC)"), unless it lists skills ("MS Office (Word, Excel)").
_PARENTHESES = re.compile(r"\(([^),]*)\)|[()]")
_LABEL = re.compile(r"^[^:\n]{1,40}:", re.MULTILINE)
# Section headings the annotators' blocks often include ("ADDITIONAL INFORMATION",
# "TECHNICAL SKILLS"): headings, not skills.
_HEADING = re.compile(
    r"^\s*(?:additional information|areas of expertise|projects?(?: undertaken)?|"
    r"(?:(?:technical|key|core|computer|it|professional|soft|other)\s+)?"
    r"(?:skills?|skill set|competenc(?:y|ies)|expertise)"
    r"(?:\s+(?:and|&)\s+(?:competenc(?:y|ies)|expertise|abilities|strengths))?)"
    r"\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_EDGES = re.compile(r"^(?:[^\w.]|_|\.(?!\w))+|[^\w+#]+$")  # keeps ".NET", "C++"
# A version fragment left by the split ("11.x and 12.x", "5.0", "10").
_VERSIONS_ONLY = re.compile(r"(?:\d[\w.]*|x|and|&|/|\s)+", re.IGNORECASE)


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


def _unwrap(match: re.Match[str]) -> str:
    return "" if match.group(1) is not None else ","


def _skill_items(blocks: Iterable[str]) -> list[str]:
    """The items of labelled skill blocks; a line's label before a colon
    ("Operating Systems: Linux, Windows") names a category, not a skill."""
    taxonomy = load_taxonomy()
    items = []
    for block in blocks:
        text = _LABEL.sub("", _HEADING.sub("", _PARENTHESES.sub(_unwrap, block)))
        for item in _SKILL_ITEM.split(text):
            # Bullets and other symbols around an item ("❖ Teamwork") are no part
            # of it.
            item = _EDGES.sub("", item)
            if not item or _VERSIONS_ONLY.fullmatch(item):
                continue
            # One letter is a skill when it names one ("C", "R").
            if len(item) == 1 and taxonomy.lookup(item) is None:
                continue
            if len(item) <= 40 and len(item.split()) <= 4:
                items.append(item)
    return items


def _score_dataturks_file(
    spans: dict[str, list[tuple[int, str]]],
    resume: ParsedResume,
    label: str,
    card: Card,
    content: str,
) -> None:
    values = {key: [text for _, text in found] for key, found in spans.items()}
    # Graduation years as the label defines them (see labelled_graduation_years);
    # "edu.year (raw spans)" keeps the old reading for comparison.
    values["edu.year (raw spans)"] = values.get("edu.year", [])
    values["edu.year"] = labelled_graduation_years(
        content,
        {
            "year": spans.get("edu.year", []),
            "degree": spans.get("edu.degree", []),
            "school": spans.get("edu.institution", []),
        },
    )
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
        "edu.year (raw spans)": column_of(resume, "education", "graduation_year"),
    }
    for key, got in parsed.items():
        if values.get(key):
            truth = values[key]
            if key == "edu.year (raw spans)":
                truth = [y for t in truth for y in re.findall(r"(?:19|20)\d\d", t)[-1:]]
            match_sets(truth, got, counts_of(card, key), loose_match, label)
    _score_labelled_entries(values, parsed, content, label, card)
    if values.get("skills"):
        items = _skill_items(values["skills"])
        score_skills(
            items, resume, counts_of(card, "skills"), lists_only=False, label=label
        )


_TEMPLATE_KEYS = {
    "edu.institution": "school",
    "edu.degree": "degree",
    "edu.year": "year",
}


def _score_labelled_entries(
    values: dict[str, list[str]],
    parsed: dict[str, list[str]],
    content: str,
    label: str,
    card: Card,
) -> None:
    """Education F1 where the annotators looked: a parsed value that is an entry
    the Indeed template shows but no span labels (the school-leaving entry under a
    labelled degree, typically) is neither matched nor extra. Any other parsed
    value still counts as an extra."""
    entries = template_education(content)
    for key, slot in _TEMPLATE_KEYS.items():
        truth = values.get(key)
        if not truth:
            continue
        shown = [str(e[slot]) for e in entries if e[slot] is not None]
        unlabelled = [v for v in shown if not any(loose_match(t, v) for t in truth)]
        got = [
            v
            for v in parsed[key]
            if any(loose_match(t, v) for t in truth)
            or not any(loose_match(u, v) for u in unlabelled)
        ]
        match_sets(truth, got, counts_of(card, f"{key} (labelled)"), loose_match, label)


def _score_skills_in_blocks(
    spans: dict[str, list[tuple[int, str]]],
    text: str,
    resume: ParsedResume,
    label: str,
    card: Card,
) -> None:
    """Skills F1 where the annotators looked: only the parsed skills read inside a
    labelled Skills block count, so a skill from an unlabelled part of the resume
    (most resumes list skills in places no span covers) is no false positive. A
    skill's evidence is where it was first read; a taxonomy skill also counts as
    read in a block when the block names it (its other mention)."""
    blocks = [norm(block) for _, block in spans.get("skills", [])]
    if not blocks:
        return
    taxonomy = load_taxonomy()
    named = {
        match.entry.canonical_id
        for _, block in spans["skills"]
        for match in taxonomy.matches(block)
        if not match.ambiguous or _standalone(block, match.start, match.end)
    }

    def inside(skill: Any) -> bool:
        if skill.canonical_id is not None and skill.canonical_id in named:
            return True
        if skill.evidence is None:
            return False
        read = norm(text[skill.evidence.start : skill.evidence.end])
        # Whole words: the skill "C" is not read in every block with a "c" in it.
        word = re.compile(rf"(?<!\w){re.escape(read)}(?!\w)")
        return bool(read) and any(word.search(block) for block in blocks)

    score_skills(
        _skill_items(block for _, block in spans["skills"]),
        resume,
        counts_of(card, "skills (labelled blocks)"),
        lists_only=False,
        label=label,
        keep=inside,
        text=text,
    )


def _standalone(block: str, start: int, end: int) -> bool:
    """Whether a word stands alone between separators ("Java," but not the
    "Project" of "Project Management"): only then does it name the skill."""
    before = block[:start].rstrip(" ")[-1:]
    after = block[end:].lstrip(" ")[:1]
    return before in "\n,;:(•|/-" and after in "\n,;:()•|/."


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
            document, resume = timed_read(path, "txt", timings)
            spans = _dataturks_spans(record)
            _score_dataturks_file(spans, resume, f"#{index}", card, record["content"])
            _score_skills_in_blocks(spans, document.text, resume, f"#{index}", card)
            score_indeed_template(record["content"], resume, f"#{index}", card)
            score_indeed_education(record["content"], resume, f"#{index}", card)
    return card
