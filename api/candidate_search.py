"""`candidateSearch`: semantic search fused with full text over your candidates."""

from typing import Self

import strawberry

from api.candidates import Candidate
from api.context import Info
from api.pagination import PageInfo
from api.permissions import HasScope, IsRecruiter, allow
from domain.access import Scope
from domain.candidates import hybrid
from domain.pagination import DEFAULT_PAGE_SIZE

SearchPart = strawberry.enum(hybrid.SearchPart, name="SearchPart")


@strawberry.type
class CandidateSearchEdge:
    node: Candidate
    cursor: str
    score: float = strawberry.field(
        description="Reciprocal-rank fusion: the sum over the lists that found the"
        " candidate of 1 / (60 + rank in that list)."
    )
    matched_by: list[SearchPart]  # type: ignore[valid-type]  # strawberry.enum returns the enum
    similarity: float | None = strawberry.field(
        description="Cosine of the query and the candidate's embedding."
    )
    text_rank: float | None = strawberry.field(description="Full-text rank.")

    @classmethod
    def from_hit(cls, hit: hybrid.SearchHit, position: int) -> Self:
        return cls(
            node=Candidate.from_model(hit.candidate),
            cursor=hybrid.encode_cursor(position),
            score=hit.score,
            matched_by=list(hit.matched_by),
            similarity=hit.similarity,
            text_rank=hit.text_rank,
        )


@strawberry.type
class CandidateSearchConnection:
    edges: list[CandidateSearchEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: hybrid.SearchPage) -> Self:
        edges = [
            CandidateSearchEdge.from_hit(hit, page.offset + i)
            for i, hit in enumerate(page.hits)
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.offset + len(edges) < page.total,
                has_previous_page=page.offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=page.total,
        )


@strawberry.type
class CandidateSearchQuery:
    @strawberry.field(
        extensions=allow(IsRecruiter(), HasScope(Scope.CANDIDATES_READ)),
        description='Describe who you look for ("senior python engineer who knows'
        ' kubernetes"): your candidates by meaning (embeddings) and by words (full'
        " text), fused, best first.",
    )
    async def candidate_search(
        self,
        info: Info,
        query: str,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> CandidateSearchConnection:
        page = await hybrid.search_candidates(
            info.context.viewer, query, first=first, after=after
        )
        return CandidateSearchConnection.from_page(page)
