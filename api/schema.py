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


@strawberry.type
class NodeQuery:
    node: relay.Node | None = relay.node(
        extensions=allow(IsAuthenticated()),
        description="Any object by its id; null when you may not see it.",
    )


Query = merge_types("Query", (UserQuery, NodeQuery, PoolQuery, CandidateQuery))
Mutation = merge_types("Mutation", (UserMutation, PoolMutation, CandidateMutation))


def build_schema(settings: Settings) -> strawberry.Schema:
    return _schema(
        settings.graphql_max_depth,
        settings.graphql_max_aliases,
        settings.graphql_max_tokens,
    )


# Strawberry binds resolvers to the shared field objects when it builds a schema,
# so a process builds it once per set of limits (in practice: once).
@cache
def _schema(max_depth: int, max_aliases: int, max_tokens: int) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[User, Pool, Candidate],
        extensions=[
            partial(QueryDepthLimiter, max_depth=max_depth),
            partial(MaxAliasesLimiter, max_alias_count=max_aliases),
            partial(MaxTokensLimiter, max_token_count=max_tokens),
            ErrorPresenter,
        ],
    )
