"""The GraphQL schema: the area roots merged, with limits and error presentation."""

import logging
from functools import cache, partial

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from api.applications import ApplicationMutation
from api.candidate_merges import CandidateMerge, CandidateMergeMutation
from api.candidate_preferences import CandidatePreferencesMutation
from api.candidate_search import CandidateSearchQuery
from api.candidates import Candidate, CandidateMutation, CandidateQuery
from api.drive import DriveMutation, DriveQuery, DriveSync
from api.errors import ErrorPresenter
from api.introspection import AdminOnlyIntrospection
from api.jobs import Job, JobMutation, JobQuery
from api.limits import QueryLimits
from api.matches import Match, MatchMutation
from api.metrics import OperationMetrics
from api.notifications import Notification, NotificationMutation, NotificationQuery
from api.ops import OpsQuery
from api.permissions import IsAuthenticated, allow
from api.pools import Pool, PoolMutation, PoolQuery
from api.privacy import PrivacyMutation, PrivacyQuery
from api.resumes.mutations import ResumeMutation
from api.resumes.queries import ResumeQuery
from api.resumes.subscriptions import ResumeSubscription
from api.resumes.types import ImportBatch, ProcessingJob, Resume
from api.users import User, UserMutation, UserQuery
from api.webhooks import WebhookMutation, WebhookQuery
from domain.config import Settings
from domain.errors import ErrorCode

logger = logging.getLogger(__name__)


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


class Schema(strawberry.Schema):
    """Logs client errors as one line; `ErrorPresenter` logs unexpected ones in full."""

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        for error in errors:
            code = (error.extensions or {}).get("code")
            if code != ErrorCode.INTERNAL:
                logger.info("graphql error code=%s path=%s", code, error.path)


def build_schema(settings: Settings) -> strawberry.Schema:
    return _schema(
        settings.graphql_max_depth,
        settings.graphql_max_aliases,
        settings.graphql_max_tokens,
        settings.graphql_max_cost,
        settings.graphql_page_max,
        settings.environment == "production",
    )


@cache
def _schema(
    max_depth: int,
    max_aliases: int,
    max_tokens: int,
    max_cost: int,
    page_max: int,
    admin_only_introspection: bool,
) -> strawberry.Schema:
    query = merge_types(
        "Query",
        (
            UserQuery,
            _node_query(),
            PoolQuery,
            CandidateQuery,
            ResumeQuery,
            DriveQuery,
            NotificationQuery,
            JobQuery,
            PrivacyQuery,
            CandidateSearchQuery,
            OpsQuery,
            WebhookQuery,
        ),
    )
    mutation = merge_types(
        "Mutation",
        (
            UserMutation,
            PoolMutation,
            CandidateMutation,
            CandidateMergeMutation,
            ResumeMutation,
            DriveMutation,
            NotificationMutation,
            JobMutation,
            MatchMutation,
            PrivacyMutation,
            ApplicationMutation,
            CandidatePreferencesMutation,
            WebhookMutation,
        ),
    )
    return Schema(
        query=query,
        mutation=mutation,
        subscription=ResumeSubscription,
        types=[
            User,
            Pool,
            Candidate,
            CandidateMerge,
            Resume,
            ImportBatch,
            ProcessingJob,
            DriveSync,
            Notification,
            Job,
            Match,
        ],
        extensions=[
            partial(QueryDepthLimiter, max_depth=max_depth),
            partial(MaxAliasesLimiter, max_alias_count=max_aliases),
            partial(MaxTokensLimiter, max_token_count=max_tokens),
            partial(QueryLimits, max_cost=max_cost, page_max=page_max),
            partial(AdminOnlyIntrospection, enabled=admin_only_introspection),
            ErrorPresenter,
            OperationMetrics,
        ],
    )
