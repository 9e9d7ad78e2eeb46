"""Benchmark: does an occupation fit (`occupation_fit`) rank better than, or on top
of, the shipped score? `pytest -m bench -s tests/bench/test_matching_occupation_fit.py`.

Two tasks, both with one O*NET-built posting per occupation (as the category task of
`test_matching_quality`): the LiveCareer category task, and, as a check that a gain
generalises, the Kaggle "UpdatedResumeDataSet" (166 distinct resume texts of 25
categories, flattened text; read from ../shared/eval-data, never copied). Its
category -> occupation table below was fixed before measuring; categories that
share an occupation (Java / Python / .NET / SAP developers, Blockchain) share its
posting and count as one label.

Rows: BM25, the shipped score, the fit alone (ties broken by the shipped score),
and the shipped score with the fit taking `b` of the similarity in the skills
factor's semantic share (the place it would enter the product). Measured before
deciding; the fit did not earn a place in the score (README, "Occupation fit").
"""

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from domain.matching.embeddings import (
    load_default_provider,
    normalize_rows,
    similarity_from_cosine,
)
from domain.matching.profile import CandidateProfile, JobRequirements
from domain.matching.scoring import score_match
from domain.matching.vectors import resume_vectors
from tests.bench.occupation_fit import (
    Occupations,
    candidate_occupations,
    fit_matrix,
    tech_closeness,
    text_closeness,
)
from tests.bench.test_matching_quality import (
    EVAL,
    Posting,
    Resume,
    _analysed,
    _blended_cosines,
    _bm25,
    _onet_postings,
    _posting_texts,
    _precision_ndcg,
    _ranking_metrics,
    _read,
    _spearman,
    _tsv,
    category_task,
    resume_matcher_task,
    vanetik_task,
)

pytestmark = [pytest.mark.bench, pytest.mark.timeout(1800)]
__all__ = ["category_task"]  # the fixture, shared with test_matching_quality
KAGGLE = EVAL / "kaggle-updated-resume-dataset" / "UpdatedResumeDataSet.csv"
KAGGLE_SOC = {
    "Java Developer": "15-1252.00", "Python Developer": "15-1252.00",
    "DotNet Developer": "15-1252.00", "SAP Developer": "15-1252.00",
    "Blockchain": "15-1252.00", "Database": "15-1242.00",
    "Data Science": "15-2051.00", "HR": "13-1071.00", "Advocate": "23-1011.00",
    "Automation Testing": "15-1253.00", "Testing": "15-1253.00",
    "DevOps Engineer": "15-1299.08", "Hadoop": "15-1243.01",
    "ETL Developer": "15-1243.01", "Arts": "27-1013.00",
    "Health and fitness": "39-9031.00", "Civil Engineer": "17-2051.00",
    "Business Analyst": "13-1111.00", "Mechanical Engineer": "17-2141.00",
    "Sales": "41-4012.00", "Electrical Engineering": "17-2071.00",
    "Network Security Engineer": "15-1212.00", "Web Designing": "15-1255.00",
    "Operations Manager": "11-1021.00", "PMO": "15-1299.09",
}  # fmt: skip


def _posting(code: str, label: str) -> Posting:
    """The category task's posting shape: description, 12 tasks, 12 hot tools."""
    onet = EVAL / "onet"
    occupation = next(
        r for r in _tsv(onet / "Occupation Data.txt") if r["O*NET-SOC Code"] == code
    )
    tasks = [
        r["Task"]
        for r in _tsv(onet / "Task Statements.txt")
        if r["O*NET-SOC Code"] == code
    ]
    tools = [
        r["Example"]
        for r in _tsv(onet / "Technology Skills.txt")
        if r["O*NET-SOC Code"] == code and r["Hot Technology"] == "Y"
    ]
    duties = "\n".join(f"- {t}" for t in tasks[:12])
    description = (
        f"{occupation['Description']}\n\nResponsibilities:\n{duties}\n\n"
        f"Requirements:\n- Experience with {', '.join(tools[:12])}.\n"
    )
    return _analysed(label, occupation["Title"], description)


def _kaggle_task(folder: Path) -> tuple[list[Resume], list[Posting]]:
    with KAGGLE.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first: dict[str, str] = {}
    for row in rows:  # 962 rows, 166 distinct texts
        first.setdefault(row["Resume"], row["Category"])
    resumes = []
    for n, (text, category) in enumerate(sorted(first.items(), key=lambda i: i[::-1])):
        path = folder / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        resumes.append(_read(path, "txt", KAGGLE_SOC[category]))
    codes = sorted(set(KAGGLE_SOC.values()))
    return resumes, [_posting(code, code) for code in codes]


def _scores(
    resumes: Sequence[Resume],
    postings: Sequence[Posting],
    cosines: np.ndarray,
    fit: np.ndarray | None = None,
    share: float = 0.0,
) -> np.ndarray:
    """`score_match` of every pair, the fit taking `share` of the similarity."""
    jobs = [JobRequirements.from_analysis(p.analysis) for p in postings]
    out = np.zeros(cosines.shape)
    for i, resume in enumerate(resumes):
        profile = CandidateProfile.from_parsed(resume.parsed)
        for j, job in enumerate(jobs):
            similarity = similarity_from_cosine(float(cosines[i, j]))
            if fit is not None:
                similarity = (1 - share) * similarity + share * fit[i, j]
            out[i, j] = score_match(job, profile, similarity=similarity).score
    return out


def _line(
    name: str, scores: np.ndarray, back: np.ndarray, rows: list[str], columns: list[str]
) -> str:
    forward = _ranking_metrics(scores, rows, columns)
    backward = _ranking_metrics(back, columns, rows)
    precision = _precision_ndcg(back, columns, rows)["p@10"]
    return (
        f"{name:30} {forward['top1']:.3f} {forward['top3']:.3f} {forward['mrr']:.3f}"
        f" | {backward['top1']:.3f} {backward['top3']:.3f} {backward['mrr']:.3f}"
        f" {precision:.3f}"
    )


def _report(title: str, resumes: list[Resume], postings: list[Posting]) -> None:
    rows, columns = [r.label for r in resumes], [p.label for p in postings]
    onet = EVAL / "onet"
    tables: dict[str, Occupations] = {
        "text": text_closeness(onet),
        "tech": tech_closeness(onet),
    }
    codes = [
        p.analysis.occupation.code if p.analysis.occupation else None for p in postings
    ]
    cosines = _blended_cosines(resumes, postings)
    shipped = _scores(resumes, postings, cosines)
    print(f"\n{title}: {len(resumes)} resumes, {len(postings)} postings")
    print(f"{'':30} resume -> postings | posting -> resumes")
    print(f"{'method':30} top1  top3  MRR   | top1  top3  MRR   P@10")
    bm25 = _bm25(_posting_texts(postings), [r.raw for r in resumes])
    back = _bm25([r.raw for r in resumes], [p.description for p in postings])
    print(_line("bm25 (raw text)", bm25, back, rows, columns))
    print(_line("product (shipped)", shipped, shipped.T, rows, columns))
    for name, table in tables.items():
        profiles = [candidate_occupations(r.parsed, table) for r in resumes]
        fit = fit_matrix(profiles, codes, table)
        alone = fit + 1e-6 * shipped
        print(_line(f"fit {name} alone", alone, alone.T, rows, columns))
        for share in (0.15, 0.3):
            mixed = _scores(resumes, postings, cosines, fit, share)
            print(_line(f"product + fit {name} {share}", mixed, mixed.T, rows, columns))
    without = sum(
        1 for r in resumes if not candidate_occupations(r.parsed, tables["text"])
    )
    print(f"resumes with no classified title: {without} of {len(resumes)}")


def test_occupation_fit_category_task(
    category_task: tuple[list[Resume], list[Posting]],
) -> None:
    resumes, _ = category_task
    _report("LiveCareer category task", resumes, _onet_postings())
    _centroid_ceiling(resumes)


def _centroid_ceiling(resumes: list[Resume]) -> None:
    """How far these vectors can go: each resume against the centroids of the
    other resumes of every category (leave one out, supervised), instead of the
    O*NET postings. No posting text, weighting or fit can beat it by much."""
    rows = resume_vectors(load_default_provider(), [r.parsed for r in resumes])
    centred = normalize_rows((rows - rows.mean(axis=0)).astype(np.float32))
    labels = np.array([r.label for r in resumes])
    categories = sorted(set(labels))
    scores = np.zeros((len(resumes), len(categories)))
    for i in range(len(resumes)):
        for j, category in enumerate(categories):
            others = (labels == category) & (np.arange(len(resumes)) != i)
            centroid = centred[others].mean(axis=0)
            scores[i, j] = centred[i] @ centroid / np.linalg.norm(centroid)
    found = _ranking_metrics(scores, list(labels), categories)
    print(
        "ceiling, resume -> leave-one-out category centroids: "
        f"top1 {found['top1']:.3f} top3 {found['top3']:.3f} MRR {found['mrr']:.3f}"
    )


def test_occupation_fit_kaggle(tmp_path: Path) -> None:
    if not KAGGLE.is_file():
        pytest.skip(f"eval data not found at {KAGGLE}")
    resumes, postings = _kaggle_task(tmp_path)
    assert len(resumes) == 166
    _report("Kaggle UpdatedResumeDataSet", resumes, postings)


def _variants(resumes: list[Resume], postings: list[Posting]) -> dict[str, np.ndarray]:
    """The shipped score and the score with each fit blended in (resumes x jobs)."""
    onet = EVAL / "onet"
    codes = [
        p.analysis.occupation.code if p.analysis.occupation else None for p in postings
    ]
    cosines = _blended_cosines(resumes, postings)
    out = {"product (shipped)": _scores(resumes, postings, cosines)}
    for name, table in (("text", text_closeness(onet)), ("tech", tech_closeness(onet))):
        profiles = [candidate_occupations(r.parsed, table) for r in resumes]
        fit = fit_matrix(profiles, codes, table)
        for share in (0.15, 0.3):
            out[f"product + fit {name} {share}"] = _scores(
                resumes, postings, cosines, fit, share
            )
    return out


def test_occupation_fit_vanetik_and_resume_matcher() -> None:
    """The fit must not cost the other sets: Vanetik's Spearman with each
    annotator, Resume-Matcher's MRR (as in test_matching_quality)."""
    resumes, postings, annotators = vanetik_task()
    print("\nVanetik: Spearman with each annotator")
    for name, scores in _variants(resumes, postings).items():
        line = [f"{name:30}"]
        for label, rankings in annotators.items():
            rho = [_spearman(-scores[i], rankings[i]) for i in range(len(rankings))]
            line.append(f"{label[:11].lower()} {np.mean(rho):+.3f}")
        print("  ".join(line))
    resumes, postings = resume_matcher_task()
    keys = [r.key for r in resumes]
    print("Resume-Matcher: MRR")
    for name, scores in _variants(resumes, postings).items():
        mrr = _ranking_metrics(scores.T, [p.label for p in postings], keys)["mrr"]
        print(f"{name:30} {mrr:.3f}")
