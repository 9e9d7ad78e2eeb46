"""End to end over the synthetic multi-format set: the same resume in every format
and layout yields the same exact fields."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from domain.extraction.document import extract_document
from domain.parsing.model import ParsedResume
from domain.parsing.parser import parse_document
from tests.samples import formats
from tests.samples.word97 import word97_doc
from tests.unit.extraction.test_doc import _word6_doc

TODAY = date(2025, 1, 1)


def _doc() -> bytes:
    """A Word 6 binary (OLE2 + FIB + text); Word 97 is `tests.samples.word97`."""
    return _word6_doc(formats.plain_text())


FORMATS = {
    "txt-cp1252": (formats.txt_cp1252, "txt", "txt", "cp1252"),
    "txt-utf8-bom": (formats.txt_utf8_bom, "txt", "txt", "utf-8-sig"),
    "rtf": (formats.rtf, "rtf", "rtf", "cp1252"),
    "pdf-two-column": (formats.two_column_pdf, "pdf", "text-layer", None),
    "docx-table-only": (formats.table_docx, "docx", "docx", None),
}


def _parse(tmp_path: Path, build, kind: str) -> tuple[ParsedResume, str, str | None]:
    path = tmp_path / f"resume.{kind}"
    path.write_bytes(build())
    document = extract_document(path, kind)
    return parse_document(document, today=TODAY), document.method, document.encoding


def _value(field):
    return field.value if field is not None else None


def _assert_truth(resume: ParsedResume) -> None:
    truth = formats.TRUTH
    contact = [_value(resume.name), _value(resume.email), _value(resume.phone)]
    assert contact == [truth.name, truth.email, truth.phone]
    assert _value(resume.location) == truth.location
    jobs = [
        (_value(j.title), _value(j.company), _value(j.start), _value(j.end), j.current)
        for j in resume.experience
    ]
    assert jobs == [
        (job.title, job.company, job.start, job.end, job.end is None)
        for job in truth.jobs
    ]
    schools = [
        (_value(e.degree), _value(e.institution), _value(e.graduation_year))
        for e in resume.education
    ]
    assert schools == [(truth.degree, truth.institution, truth.graduation_year)]
    assert [s.name for s in resume.skills] == list(truth.skills)
    assert (
        resume.total_experience_months == 104
    )  # Jun 2016 to Jan 2025, months inclusive


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_yields_the_same_fields(tmp_path, name):
    build, kind, method, encoding = FORMATS[name]

    resume, read_by, detected = _parse(tmp_path, build, kind)

    assert (read_by, detected) == (method, encoding)
    _assert_truth(resume)


def test_two_column_pdf_keeps_sidebar_skills_out_of_the_jobs(tmp_path):
    resume, _, _ = _parse(tmp_path, formats.two_column_pdf, "pdf")

    achievements = [a.value for job in resume.experience for a in job.achievements]
    assert achievements == [
        "Built batch pipelines that load 2 TB a day into the warehouse.",
        "Cut the nightly run from six hours to forty minutes.",
        "Wrote the weekly sales dashboards for 40 stores.",
    ]
    assert {s.source_section for s in resume.skills} == {"skills"}


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_scanned_pdf_is_read_by_ocr(tmp_path):
    resume, method, _ = _parse(tmp_path, formats.scanned_pdf, "pdf")

    assert method == "ocr"
    _assert_truth(resume)


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_scanned_two_column_pdf_keeps_its_columns_apart(tmp_path):
    """Tesseract's own column finding joined this sidebar's lines to the main
    column's ("wei.li@example.cn Staff Software Engineer"); the page's lines are
    now ordered by the same rules as a PDF's text layer."""
    resume, method, _ = _parse(tmp_path, formats.scanned_two_column_pdf, "pdf")

    assert method == "ocr"
    assert (resume.name.value, resume.email.value, resume.phone.value) == (
        "LI WEI",
        "wei.li@example.cn",
        "+8613800138000",
    )
    jobs = [
        (e.title.value, e.company.value, e.start.value, e.end and e.end.value)
        for e in resume.experience
    ]
    assert jobs == [
        ("Staff Software Engineer", "ByteDance", "2020-04", None),
        ("Backend Engineer", "Alibaba Group", "2015-07", "2020-03"),
    ]
    school = resume.education[0]
    assert (school.institution.value, school.level.value) == (
        "Fudan University",
        "master",
    )
    names = {s.name for s in resume.skills if s.source_section == "skills"}
    assert names == {"Go", "Kubernetes", "gRPC", "MySQL", "Redis", "Linux"}


@pytest.mark.skipif(
    shutil.which("antiword") is None, reason="antiword is not installed"
)
@pytest.mark.parametrize(
    "build",
    [_doc, lambda: word97_doc(formats.plain_text())],
    ids=["word6", "word97"],
)
def test_legacy_word_doc_through_antiword(tmp_path, build):
    resume, method, _ = _parse(tmp_path, build, "doc")

    assert method == "doc:antiword"
    _assert_truth(resume)
