"""The GraphQL schema: the area roots merged, with limits and error presentation."""

from functools import cache, partial

import strawberry
from strawberry import relay
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.tools import merge_types

from api.candidates import Candidate, CandidateMutation, CandidateQuery
from api.errors import ErrorPresenter
from api.permissions import IsAuthenticated, allow
from api.pools import Pool, PoolMutation, PoolQuery
from api.users import User, UserMutation, UserQuery
from domain.config import Settings


def _node_query() -> type:
    # relay.node() binds its resolver when a schema is built, so each build
    # needs a field of its own.
    @strawberry.type
    class NodeQuery:
        node: relay.Node | None = relay.node(
            extensions=allow(IsAuthenticated()),
            description="Any object by its id; null when you may not see it.",
        )

    return NodeQuery


def build_schema(settings: Settings) -> strawberry.Schema:
    return _schema(
        settings.graphql_max_depth,
        settings.graphql_max_aliases,
        settings.graphql_max_tokens,
    )


@cache
def _schema(max_depth: int, max_aliases: int, max_tokens: int) -> strawberry.Schema:
    query = merge_types("Query", (UserQuery, _node_query(), PoolQuery, CandidateQuery))
    mutation = merge_types("Mutation", (UserMutation, PoolMutation, CandidateMutation))
    return strawberry.Schema(
        query=query,
        mutation=mutation,
        types=[User, Pool, Candidate],
        extensions=[
            partial(QueryDepthLimiter, max_depth=max_depth),
            partial(MaxAliasesLimiter, max_alias_count=max_aliases),
            partial(MaxTokensLimiter, max_token_count=max_tokens),
            ErrorPresenter,
        ],
    )
