"""Full-text search and the profile filters of a candidate list.

`query` runs PostgreSQL's `websearch_to_tsquery('english', ...)` against the
generated `candidates.search_vector` (GIN index, migration 0007): words must all
appear (stemmed), `"a phrase"` keeps order, `or` allows either side, `-word`
excludes. The rank is `ts_rank_cd` with the column's weights (A: headline,
name, skills; B: summary, location; C: resume text). A phrase also asks the GIN
index of `search_bigrams` for its adjacent word pairs (`domain.candidates.phrases`)
so that the costly phrase check only reads rows that hold them. How a page is
bounded at any scope size: `domain.candidates.search_page`."""

from datetime import datetime
from typing import Any

from pypika_tortoise.functions import Cast
from pypika_tortoise.terms import BasicCriterion, Function, Term, ValueWrapper
from tortoise.contrib.postgres.search import Comp, SearchQuery, SearchRank
from tortoise.expressions import Expression, Q, RawSQL, ResolveContext, ResolveResult
from tortoise.fields import BooleanField
from tortoise.queryset import QuerySet

from domain.errors import DomainError, InvalidInput
from domain.models import Candidate
from domain.parsing.model import EducationLevel

SEARCH_CONFIG = "english"
MAX_QUERY_CHARS = 500
RANK_FIELD = "search_rank"
_VECTOR = '"candidates"."search_vector"'
_BIGRAMS = '"candidates"."search_bigrams"'

# Lowest level first: a filter on one level also keeps the higher ones.
EDUCATION_ORDER = (
    EducationLevel.HIGH_SCHOOL,
    EducationLevel.ASSOCIATE,
    EducationLevel.BACHELOR,
    EducationLevel.MASTER,
    EducationLevel.DOCTORATE,
)


def _tsquery(text: str) -> SearchQuery:
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


class _Matches(Expression):
    """`search_vector @@ websearch_to_tsquery(...)`: the condition the GIN index
    serves (as an annotation, filtered `= true`, which PostgreSQL simplifies).

    `indexed=False` writes the same test as its function, `ts_match_vq(...)`,
    which no index serves: for a phrase whose word pairs the bigram index finds,
    so that PostgreSQL checks the few rows it gives instead of also scanning the
    vector index for every row holding both words (and, on the rows both
    indexes give, re-reading the TOASTed pairs column to recheck it)."""

    def __init__(self, text: str, *, indexed: bool = True) -> None:
        self.text = text
        self.indexed = indexed

    def resolve(self, resolve_context: ResolveContext) -> ResolveResult:
        query = _tsquery(self.text).resolve(resolve_context)
        term: Term
        if self.indexed:
            term = BasicCriterion(Comp.search, RawSQL(_VECTOR), query.term)
        else:
            term = Function("ts_match_vq", RawSQL(_VECTOR), query.term)
        return ResolveResult(term=term, joins=query.joins, output_field=BooleanField())


class _HasPairs(Expression):
    """`search_bigrams @@ '...'::tsquery`: rows holding every pair of
    `pairs_text` (a tsquery text from `phrases.pairs_query`, cast as it is: it
    must not be parsed into words again)."""

    def __init__(self, pairs_text: str) -> None:
        self.pairs_text = pairs_text

    def resolve(self, resolve_context: ResolveContext) -> ResolveResult:
        wanted = Cast(ValueWrapper(self.pairs_text), "tsquery")
        term = BasicCriterion(Comp.search, RawSQL(_BIGRAMS), wanted)
        return ResolveResult(term=term, output_field=BooleanField())


def clean_query(text: str | None) -> str | None:
    """The query text, or None when it is blank."""
    if text is None or not text.strip():
        return None
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput(
            [
                DomainError(
                    f"A search query has at most {MAX_QUERY_CHARS} characters.",
                    field="query",
                )
            ]
        )
    return text.strip()


def matching(
    query: QuerySet[Candidate], text: str, pairs_text: str | None = None
) -> QuerySet[Candidate]:
    """Rows of `query` that match `text`; `pairs_text`: the word pairs that
    every match holds (`phrases.pairs_query`), or None."""
    hit = _Matches(text, indexed=not pairs_text)
    query = query.annotate(search_hit=hit).filter(search_hit=True)
    if pairs_text:
        query = query.annotate(search_pairs=_HasPairs(pairs_text)).filter(
            search_pairs=True
        )
    return query


def ranked(query: QuerySet[Candidate], text: str) -> QuerySet[Candidate]:
    """`query` with each row's rank for `text` as `search_rank`."""
    rank = SearchRank(RawSQL(_VECTOR), _tsquery(text), cover_density=True)
    return query.annotate(**{RANK_FIELD: rank})


def full_text(query: QuerySet[Candidate], text: str) -> QuerySet[Candidate]:
    """Rows of `query` that match `text`, each with its rank as `search_rank`
    (every match ranked: for bounded work use `search_page`)."""
    return ranked(matching(query, text), text)


def education_at_least(level: EducationLevel) -> Q:
    """Candidates whose parsed resume shows `level` or a higher one."""
    if level not in EDUCATION_ORDER:
        return Q(profile__contains={"education": [{"level": level.value}]})
    levels = EDUCATION_ORDER[EDUCATION_ORDER.index(level) :]
    return Q(
        *[Q(profile__contains={"education": [{"level": x.value}]}) for x in levels],
        join_type=Q.OR,
    )


def profile_filters(
    *,
    min_years_experience: float | None,
    location: str | None,
    education_level: EducationLevel | None,
    updated_since: datetime | None,
) -> list[Q]:
    """The conditions for the given filter values (None: not filtered)."""
    given: dict[str, Any] = {
        "years_experience__gte": min_years_experience,
        "location__icontains": (location or "").strip() or None,
        "updated_at__gte": updated_since,
    }
    found = [Q(**{key: value}) for key, value in given.items() if value is not None]
    if education_level is not None:
        found.append(education_at_least(education_level))
    return found
