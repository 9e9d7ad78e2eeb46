"""Synthetic resumes (tests/samples/synthetic) in every format and layout, parsed by
the code path of `hotgigs parse`: exact contacts, jobs, schools and skills. The
full set is scored by `python -m tests.bench.scorecard_parsing --only synthetic`."""

import functools
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from domain.parsing.taxonomy import load_taxonomy
from domain.resumes.reading import read_resume_file
from tests.samples.synthetic.generate import generate
from tests.samples.synthetic.render import FORMATS
from tests.samples.synthetic.truth import Resume

# Resumes of different occupations, countries and conventions (see `Style`).
CASES = (9, 24, 26)
TEXT_FORMATS = ("pdf1", "pdf2", "docx", "docx_table", "txt")


@functools.cache
def _resumes() -> list[Resume]:
    return generate(max(CASES) + 1)


def _parsed(index: int, fmt: str, folder: Path) -> dict[str, Any]:
    resume = _resumes()[index]
    suffix, render = FORMATS[fmt]
    path = folder / f"{resume.key}-{fmt}{suffix}"
    path.write_bytes(render(resume, index))
    return read_resume_file(path)


def _text(value: Any) -> str:
    text = value.get("value") if isinstance(value, dict) else value
    return unicodedata.normalize("NFC", str(text or "")).casefold()


def _assert_resume(resume: Resume, parsed: dict[str, Any]) -> None:
    assert _text(parsed["name"]) == resume.name.casefold()
    assert _text(parsed["email"]) == resume.email
    assert _text(parsed["phone"]) == resume.phone
    assert _text(parsed["location"]).startswith(resume.location.casefold())
    jobs = [
        (_text(j["title"]), _text(j["company"]), _text(j["start"])[: len(t.start)])
        for j, t in zip(parsed["experience"], resume.jobs, strict=True)
    ]
    assert jobs == [
        (t.title.casefold(), t.company.casefold(), t.start) for t in resume.jobs
    ]
    ends = [
        j["end"] and j["end"]["value"][: len(t.end or "")]
        for j, t in zip(parsed["experience"], resume.jobs, strict=True)
    ]
    assert ends == [t.end for t in resume.jobs]
    schools = [
        (_text(s["institution"]), s["level"], s["graduation_year"]["value"])
        for s in parsed["education"]
    ]
    # "Institution, City" keeps its city, as OfflineCV's truth does.
    city = resume.style.education_form == "school_first"
    assert schools == [
        (
            (f"{s.institution}, {s.city}" if city else s.institution).casefold(),
            s.level,
            s.end_year,
        )
        for s in resume.schools
    ]
    listed = [s for s in parsed["skills"] if s["source_section"] == "skills"]
    ids = {s["canonical_id"] for s in listed}
    taxonomy = load_taxonomy()
    assert [
        skill
        for skill in resume.skills
        if (entry := taxonomy.lookup(skill)) is None or entry.canonical_id not in ids
    ] == []


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("index", CASES)
def test_synthetic_resume(index: int, fmt: str, tmp_path: Path) -> None:
    _assert_resume(_resumes()[index], _parsed(index, fmt, tmp_path))


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_synthetic_scan(tmp_path: Path) -> None:
    index = CASES[0]
    _assert_resume(_resumes()[index], _parsed(index, "scan", tmp_path))
