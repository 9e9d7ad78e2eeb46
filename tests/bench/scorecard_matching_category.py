"""The category task of the matching scorecard, through the API: LiveCareer
resumes (20 per category, 24 categories) uploaded in bulk and parsed by the
worker, one O*NET posting per category created with `jobCreate`, matches
refreshed by the worker's own jobs and read back over GraphQL; BM25 on the
same texts in the same run."""

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domain.extraction.document import extract_document
from tests.bench.scorecard_matching_metrics import (
    Retrieval,
    precision_ndcg,
    rank_by_scores,
    retrieval,
)
from tests.bench.scorecard_matching_product import Product, Recruiter
from tests.bench.test_matching_quality import (
    EVAL,
    Posting,
    _bm25,
    _onet_postings,
    _posting_texts,
)

LIVECAREER = EVAL / "livecareer-resume-dataset" / "pdf"
UPLOADS_AT_ONCE = 4


@dataclass(frozen=True)
class Row:
    """One line of the table: a direction, a method and its metrics."""

    direction: str
    method: str
    ranks: Retrieval
    p10: float | None = None
    ndcg10: float | None = None


def livecareer_files(limit: int | None) -> dict[str, list[Path]]:
    """Category -> its resumes, the bench's selection (sorted), `limit` each."""
    return {
        folder.name: sorted(folder.glob("*.pdf"))[:limit]
        for folder in sorted(LIVECAREER.iterdir())
        if folder.is_dir()
    }


def _category(key: str) -> str:
    return key.split("/", 1)[0]


@dataclass
class CategoryTask:
    """The category task's steps; the caller runs the worker between them.
    Resumes are keyed `CATEGORY/file.pdf`, postings by their category."""

    recruiter: Recruiter
    files: dict[str, list[Path]]
    postings: list[Posting]
    batches: dict[str, str] = field(default_factory=dict)  # category -> batch id
    candidate_of: dict[str, str | None] = field(default_factory=dict)
    label_of_job: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    # state -> (resume -> posting labels, posting -> resume keys), as read
    lists: dict[str, tuple[dict[str, list[str]], dict[str, list[str]]]] = field(
        default_factory=dict
    )

    @property
    def resumes(self) -> int:
        return sum(map(len, self.files.values()))

    @property
    def unparsed(self) -> int:
        return sum(c is None for c in self.candidate_of.values())

    @property
    def shared_candidates(self) -> int:
        """Files whose candidate is another file's too (the pool's duplicate
        check took them for one person)."""
        counts = Counter(c for c in self.candidate_of.values() if c)
        return sum(n for n in counts.values() if n > 1)

    async def upload(self) -> None:
        """One bulk upload per category, a few at once."""
        gate = asyncio.Semaphore(UPLOADS_AT_ONCE)

        async def one(paths: Sequence[Path]) -> str:
            async with gate:
                return (await self.recruiter.upload(paths))["batch"]

        ids = await asyncio.gather(*(one(paths) for paths in self.files.values()))
        self.batches = dict(zip(self.files, ids, strict=True))

    async def read_candidates(self) -> None:
        """Which candidate each file became (read from the import batches)."""
        for category, batch_id in self.batches.items():
            found = await self.recruiter.candidates_of(batch_id)
            for name, candidate in found.items():
                self.candidate_of[f"{category}/{name}"] = candidate

    async def post(self) -> None:
        for posting in self.postings:
            job_id = await self.recruiter.create_job(posting.title, posting.description)
            self.label_of_job[job_id] = posting.label

    async def refresh_candidates(self) -> None:
        ids = sorted({c for c in self.candidate_of.values() if c})
        await self.recruiter.refresh_candidates(ids)

    async def measure(self, state: str) -> None:
        """Both directions from the matches the API returns now."""
        per_candidate = await self.recruiter.candidate_matches(
            per=len(self.label_of_job)
        )
        # resume -> postings: each file's candidate's jobs, as category labels
        forward = {
            key: [self.label_of_job[j] for j in per_candidate.get(candidate or "", [])]
            for key, candidate in self.candidate_of.items()
        }
        wanted = {key: {_category(key)} for key in self.candidate_of}
        method = f"product, {state}"
        ranks = retrieval(forward, wanted)
        self.rows.append(Row("resume -> postings", method, ranks))

        # posting -> resumes: each job's candidates, as file keys
        files_of: dict[str, list[str]] = {}
        for key, candidate in self.candidate_of.items():
            if candidate:
                files_of.setdefault(candidate, []).append(key)
        backward, relevant = {}, {}
        for job_id, label in self.label_of_job.items():
            ranked = await self.recruiter.job_matches(job_id, first=100)
            backward[label] = [key for c in ranked for key in files_of.get(c, [])]
            relevant[label] = {k for k in self.candidate_of if _category(k) == label}
        p10, ndcg = precision_ndcg(backward, relevant)
        ranks = retrieval(backward, relevant)
        self.rows.append(Row("posting -> resumes", method, ranks, p10, ndcg))
        self.lists[state] = (forward, backward)

    def per_category(self, state: str) -> list[str]:
        """Per category: resume -> postings MRR and misses, the posting's P@10."""
        forward, backward = self.lists[state]
        lines = []
        for label in self.files:
            keys = [k for k in forward if _category(k) == label]
            ranks = retrieval({k: forward[k] for k in keys}, {k: {label} for k in keys})
            relevant = {label: {k for k in self.candidate_of if _category(k) == label}}
            p10, _ = precision_ndcg({label: backward.get(label, [])}, relevant)
            lines.append(
                f"  {label:23} resume -> postings MRR {ranks.mrr:5.3f}"
                f" (no match {ranks.missing:>2})  posting P@10 {p10:4.2f}"
            )
        return lines

    def bm25(self) -> None:
        """The bench's BM25 on the raw text of the same files and postings, as
        the bench runs it in each direction."""
        paths = [p for files in self.files.values() for p in files]
        keys = [f"{p.parent.name}/{p.name}" for p in paths]
        raws = [extract_document(p, "pdf").text for p in paths]
        labels = [p.label for p in self.postings]
        scores = _bm25(_posting_texts(self.postings), raws)
        forward = rank_by_scores(scores, keys, labels)
        ranks = retrieval(forward, {key: {_category(key)} for key in keys})
        self.rows.append(Row("resume -> postings", "BM25 (raw text)", ranks))
        scores = _bm25(raws, [p.description for p in self.postings])
        backward = rank_by_scores(scores, labels, keys)
        relevant = {x: {k for k in keys if _category(k) == x} for x in labels}
        p10, ndcg = precision_ndcg(backward, relevant)
        ranks = retrieval(backward, relevant)
        self.rows.append(Row("posting -> resumes", "BM25 (raw text)", ranks, p10, ndcg))


async def category_task(product: Product, limit: int | None) -> CategoryTask:
    recruiter = await product.recruiter("category@scorecard.example")
    return CategoryTask(recruiter, livecareer_files(limit), _onet_postings())
