"""The small human-judged sets of the matching scorecard, through the API, each
for its own recruiter (so that no set sees another's candidates or jobs):

- Vanetik & Kogan: 30 CVs x 5 vacancies; Spearman of the product's ranking of
  the vacancies for each CV with each annotator's, next to their agreement.
- Resume-Matcher samples: 3 postings that each have one matching resume among
  5; MRR of posting -> resumes.

Each also gives BM25 on the same texts (the bench's, in the same run)."""

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from domain.extraction.document import extract_document
from tests.bench.scorecard_matching_metrics import rank_by_scores, retrieval
from tests.bench.scorecard_matching_product import Product, Recruiter
from tests.bench.test_matching_quality import (
    EVAL,
    _analysed,
    _annotations,
    _bm25,
    _posting_texts,
    _spearman,
    _vacancy_ranks,
)

VANETIK = EVAL / "vanetik-vacancy-resume-matching"
RESUME_MATCHER = EVAL / "resume-matcher-samples" / "Data"
# The bench's pairs (tests/bench/test_matching_quality.py, test_resume_matcher_pairs):
# job description file -> the resume written for it.
RESUME_MATCHER_PAIRS = {
    "job_desc_product_manager": "alfred_pennyworth_pm",
    "job_desc_front_end_engineer": "barry_allen_fe",
    "job_desc_full_stack_engineer": "bruce_wayne_fullstack",
}
MISSING_SCORE = -1.0  # a pair the product kept no match for ranks below every match


@dataclass
class PairsTask:
    """A set uploaded and posted, waiting for the worker."""

    recruiter: Recruiter
    batch: str
    resumes: list[Path]
    jobs: list[tuple[str, str, str]] = field(default_factory=list)  # id, label, text


async def upload_vanetik(product: Product) -> PairsTask | None:
    if not VANETIK.is_dir():
        return None
    recruiter = await product.recruiter("vanetik@scorecard.example")
    resumes = [VANETIK / "CV" / f"{n}.docx" for n in range(1, 31)]
    return PairsTask(recruiter, (await recruiter.upload(resumes))["batch"], resumes)


async def post_vanetik(task: PairsTask) -> None:
    with (VANETIK / "5_vacancies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        job_id = await task.recruiter.create_job(
            row["job_title"], row["job_description"]
        )
        task.jobs.append((job_id, row["id"], row["job_title"]))


async def _score_matrix(task: PairsTask) -> tuple[np.ndarray, int]:
    """(resumes x jobs) product scores read from Job.matches; how many pairs
    had no match."""
    candidate_of = await task.recruiter.candidates_of(task.batch)
    scores = np.full((len(task.resumes), len(task.jobs)), MISSING_SCORE)
    for j, (job_id, _, _) in enumerate(task.jobs):
        by_candidate = await task.recruiter.job_scores(job_id)
        for i, path in enumerate(task.resumes):
            found = by_candidate.get(candidate_of.get(path.name) or "")
            if found is not None:
                scores[i, j] = found
    return scores, int(np.sum(scores == MISSING_SCORE))


def _correlations(scores: np.ndarray, annotators: dict[str, list[list[int]]]) -> str:
    cells = []
    for name, rankings in annotators.items():
        rho = [_spearman(-scores[i], rankings[i]) for i in range(len(rankings))]
        cells.append(f"{name[:11].lower()} {np.mean(rho):+.3f}")
    return "  ".join(cells)


async def report_vanetik(task: PairsTask) -> list[str]:
    annotators = {
        name: [_vacancy_ranks(order) for order in orders]
        for name, orders in _annotations().items()
    }
    one, two = annotators.values()
    agreement = [_spearman(one[i], two[i]) for i in range(min(len(one), len(two)))]
    scores, missing = await _score_matrix(task)
    with (VANETIK / "5_vacancies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    postings = [_analysed(r["id"], r["job_title"], r["job_description"]) for r in rows]
    raws = [extract_document(p, "docx").text for p in task.resumes]
    bm25 = _bm25(_posting_texts(postings), raws)
    return [
        f"Vanetik ({len(task.resumes)} CVs x {len(task.jobs)} vacancies, Spearman"
        f" per CV, mean): annotator 1 vs 2 {np.mean(agreement):+.3f}",
        f"  product (API)   {_correlations(scores, annotators)}"
        f"   ({missing} of {scores.size} pairs without a match)",
        f"  BM25 (raw text) {_correlations(bm25, annotators)}",
    ]


async def upload_resume_matcher(product: Product) -> PairsTask | None:
    if not RESUME_MATCHER.is_dir():
        return None
    recruiter = await product.recruiter("resume-matcher@scorecard.example")
    resumes = sorted((RESUME_MATCHER / "Resume_archive").glob("*.pdf"))
    return PairsTask(recruiter, (await recruiter.upload(resumes))["batch"], resumes)


async def post_resume_matcher(task: PairsTask) -> None:
    for stem, resume in RESUME_MATCHER_PAIRS.items():
        path = RESUME_MATCHER / "JobDescriptionArchive" / f"{stem}.pdf"
        text = extract_document(path, "pdf").text
        title = text.strip().splitlines()[0]
        job_id = await task.recruiter.create_job(title, text)
        task.jobs.append((job_id, resume, text))


async def report_resume_matcher(task: PairsTask) -> list[str]:
    candidate_of = await task.recruiter.candidates_of(task.batch)
    file_of = {c: name for name, c in candidate_of.items() if c}
    ranked, wanted = {}, {}
    for job_id, resume, _ in task.jobs:
        order = await task.recruiter.job_matches(job_id)
        ranked[job_id] = [Path(file_of[c]).stem for c in order if c in file_of]
        wanted[job_id] = {resume}
    product = retrieval(ranked, wanted)
    keys = [p.stem for p in task.resumes]
    postings = [
        _analysed(resume, text.splitlines()[0], text) for _, resume, text in task.jobs
    ]
    raws = [extract_document(p, "pdf").text for p in task.resumes]
    bm25 = _bm25(_posting_texts(postings), raws).T
    labels = [p.label for p in postings]
    baseline = retrieval(rank_by_scores(bm25, labels, keys), {x: {x} for x in labels})
    return [
        f"Resume-Matcher ({len(task.jobs)} postings x {len(task.resumes)} resumes,"
        " posting -> resumes MRR):",
        f"  product (API)   {product.mrr:.3f}   ({product.missing} without a match)",
        f"  BM25 (raw text) {baseline.mrr:.3f}",
    ]


async def upload_pairs(product: Product) -> list[PairsTask | None]:
    return [await upload_vanetik(product), await upload_resume_matcher(product)]


async def post_pairs(tasks: Sequence[PairsTask | None]) -> None:
    vanetik, matcher = tasks
    if vanetik:
        await post_vanetik(vanetik)
    if matcher:
        await post_resume_matcher(matcher)


async def report_pairs(tasks: Sequence[PairsTask | None]) -> list[str]:
    vanetik, matcher = tasks
    lines = []
    lines += await report_vanetik(vanetik) if vanetik else ["Vanetik: no data"]
    lines += (
        await report_resume_matcher(matcher) if matcher else ["Resume-Matcher: no data"]
    )
    return lines
