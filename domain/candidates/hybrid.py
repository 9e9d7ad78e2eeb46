"""`candidateSearch`: semantic search over the viewer's candidates, fused with
full-text search by reciprocal-rank fusion (RRF).

The query is embedded by the provider that embedded the candidates for matching
(`load_default_provider`), and its nearest candidates are found inside the
viewer's pools with the matching retrieval (`nearest_candidates`: an exact scan
for small scopes, pgvector's iterative HNSW scan for large ones). The same query
runs as full text (`domain.candidates.search`; any of its words unless it uses
operators; the newest `search_page.WINDOW` matches ranked). Each list gives a candidate
`1 / (RRF_K + rank)`; the score is their sum, so a candidate found both ways
ranks above one found either way alone. A candidate with no vector yet (typed in
by hand, not matched since) can only be found by its text.

Unlike matching (`domain.matching.centering`), search keeps the raw cosine: the
query is a short phrase, neither a resume nor a posting, so there is no mean of
its kind to take away, and no search benchmark here says centring would help."""

import asyncio
import base64
import binascii
import re
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.access import Viewer, visible_candidates, visible_pools
from domain.candidates import search, search_page
from domain.errors import DomainError, InvalidInput
from domain.matching.embeddings import load_default_provider
from domain.matching.retrieval import nearest_candidates
from domain.models import Candidate
from domain.pagination import MAX_PAGE_SIZE

_OPERATORS = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)
_WORD = re.compile(r"\w[\w+#.]*")
RRF_K = 60  # the constant of Cormack et al. (2009): damps the top ranks' lead
DEPTH = 100  # candidates taken from each list before fusion


class SearchPart(StrEnum):
    SEMANTIC = "semantic"
    FULL_TEXT = "full_text"


@dataclass(frozen=True)
class SearchHit:
    candidate: Candidate
    score: float
    matched_by: tuple[SearchPart, ...]
    similarity: float | None  # cosine of the query and the candidate's vector
    text_rank: float | None  # ts_rank_cd of the full-text match


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    offset: int
    total: int


def _invalid(message: str, field: str) -> InvalidInput:
    return InvalidInput([DomainError(message, field=field)])


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"hybrid:{offset}".encode()).decode()


def _decode_cursor(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        kind, _, raw = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind == "hybrid" and int(raw) >= 0:
            return int(raw) + 1
    except (ValueError, binascii.Error):
        pass
    raise _invalid("The cursor is not valid: start again without `after`.", "after")


async def _semantic(viewer: Viewer, text: str) -> dict[UUID, float]:
    provider = load_default_provider()
    rows = await asyncio.to_thread(provider.embed, [text])
    pools = [row["id"] for row in await visible_pools(viewer).values("id")]
    near = await nearest_candidates(
        pools, [float(x) for x in rows[0]], model=provider.name, limit=DEPTH
    )
    return {n.id: n.cosine for n in near}


def _any_word(text: str) -> str:
    """A plain sentence asks for any of its words (ranked by how many match and
    how close); a query with operators (`"..."`, `or`, `-word`) keeps them."""
    if _OPERATORS.search(text):
        return text
    return " or ".join(_WORD.findall(text)) or text


async def _full_text(viewer: Viewer, text: str) -> dict[UUID, float]:
    """The DEPTH best ranked of the newest `search_page.WINDOW` text matches."""
    words = _any_word(text)
    ranked, _ = await search_page.ranked_matches(
        viewer, visible_candidates(viewer), words
    )
    rows = await (
        ranked.order_by(f"-{search.RANK_FIELD}", "id")
        .limit(DEPTH)
        .values("id", search.RANK_FIELD)
    )
    return {row["id"]: float(row[search.RANK_FIELD]) for row in rows}


def _fused(
    semantic: dict[UUID, float], full_text: dict[UUID, float]
) -> list[tuple[UUID, float]]:
    """(id, RRF score), best first; ties by id so that pages are stable."""
    scores: dict[UUID, float] = {}
    for ranked in (semantic, full_text):  # each dict is in rank order
        for rank, candidate_id in enumerate(ranked, start=1):
            scores[candidate_id] = scores.get(candidate_id, 0.0) + 1 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], str(item[0])))


async def search_candidates(
    viewer: Viewer, query: str, *, first: int, after: str | None
) -> SearchPage:
    """One page of the viewer's candidates that best fit `query`."""
    text = search.clean_query(query)
    if text is None:
        raise _invalid("Give a query: a few words about who you look for.", "query")
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise _invalid(f"`first` must be between 0 and {MAX_PAGE_SIZE}.", "first")
    offset = _decode_cursor(after)
    semantic = await _semantic(viewer, text)
    full_text = await _full_text(viewer, text)
    fused = _fused(semantic, full_text)
    window = fused[offset : offset + first]
    # Scoped again: the vector list is scoped by pool, this by every rule.
    rows = await visible_candidates(viewer).filter(id__in=[i for i, _ in window])
    by_id = {row.id: row for row in rows}
    hits = [
        SearchHit(
            candidate=by_id[candidate_id],
            score=score,
            matched_by=tuple(
                part
                for part, found in (
                    (SearchPart.SEMANTIC, semantic),
                    (SearchPart.FULL_TEXT, full_text),
                )
                if candidate_id in found
            ),
            similarity=semantic.get(candidate_id),
            text_rank=full_text.get(candidate_id),
        )
        for candidate_id, score in window
        if candidate_id in by_id
    ]
    return SearchPage(hits=hits, offset=offset, total=len(fused))
