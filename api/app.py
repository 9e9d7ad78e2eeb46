"""The Starlette application: /graphql (with offline GraphiQL), /healthz, /readyz
and /metrics."""

import hmac
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from api.auth import authenticate
from api.body_limit import BodyLimit
from api.context import Context
from api.graphiql import STATIC_DIR, OfflineGraphQL
from api.loaders import make_loaders
from api.metrics import render_metrics
from api.observability import RequestIdMiddleware
from api.schema import build_schema
from domain.auth import TokenSettings
from domain.config import Settings, get_settings
from domain.db import close_db, init_db
from domain.health import check_services
from domain.intake.limits import IntakeLimits
from domain.intake.malware import scanner_from_settings
from domain.intake.storage import FileStore
from domain.matching.e5_provider import configure_local_model
from domain.rate_limits import RateLimits
from domain.resumes.intake import IntakeContext

logger = logging.getLogger(__name__)


class GraphQLApp(OfflineGraphQL[Context, None]):
    """Builds one Context per request from the credentials it carries."""

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        super().__init__(build_schema(settings), **kwargs)
        self.settings = settings
        self.tokens = TokenSettings.of(settings)
        self.queue: ArqRedis | None = None
        self.store = FileStore(
            settings.storage_dir, encryption_key=settings.storage_key
        )
        self.limits = IntakeLimits.from_settings(settings)
        self.scanner = scanner_from_settings(settings)
        self.rate_limits = RateLimits(
            window_seconds=settings.rate_limit_window_seconds,
            per_api_key=settings.rate_limit_per_api_key,
            per_user=settings.rate_limit_per_user,
            per_anonymous_client=settings.rate_limit_per_anonymous_client,
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        # Set by RequestIdMiddleware (also for the log lines of this request).
        request_id = getattr(request.state, "request_id", None) or uuid.uuid4().hex
        viewer = await authenticate(request, self.tokens, request_id=request_id)
        assert self.queue is not None, "the app's lifespan has not started"  # noqa: S101
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            viewer=viewer,
            loaders=make_loaders(viewer),
            settings=self.settings,
            tokens=self.tokens,
            queue=self.queue,
            intake=IntakeContext(
                store=self.store,
                limits=self.limits,
                queue=self.queue,
                scanner=self.scanner,
            ),
            rate_limits=self.rate_limits,
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        """In production only an admin's credentials get the page (send them as
        a header, e.g. with a browser extension); others get a plain 404."""
        if self.settings.environment == "production":
            viewer = await authenticate(request, self.tokens, request_id="graphiql")
            if not viewer.is_admin:
                return Response("Not Found", status_code=404)
        return await super().render_graphql_ide(request)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Close the request's uploaded files whatever happened: a resolver that a
        # permission refused never saw them.
        await request.close()
        return await super().process_result(request, result)

    async def on_ws_connect(
        self, context: Context
    ) -> UnsetType | dict[str, object] | None:
        """Sign in a WebSocket from its connection_init payload
        (`{"authorization": "Bearer <token>"}` or an API key)."""
        params = context.connection_params or {}
        if context.viewer.user_id is None and params:
            request_id = context.viewer.request_id or uuid.uuid4().hex
            context.viewer = await authenticate(
                context.request, self.tokens, request_id=request_id, params=params
            )
            context.loaders = make_loaders(context.viewer)
        return cast(UnsetType, UNSET)


def create_app(settings: Settings | None = None) -> Starlette:
    """The API; DATABASE_URL and REDIS_URL must be set (the CLI sets them in dev)."""
    settings = settings or get_settings()
    if not settings.database_url or not settings.redis_url:
        raise RuntimeError(
            "Set DATABASE_URL and REDIS_URL, or start with `hotgigs dev`."
        )
    database_url, redis_url = settings.database_url, settings.redis_url
    configure_local_model(settings.embedding_model)  # the search's query vectors
    graphql = GraphQLApp(
        settings,
        multipart_uploads_enabled=True,
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await init_db(database_url, max_connections=settings.db_pool_size)
        graphql.queue = await create_pool(RedisSettings.from_dsn(redis_url))
        try:
            yield
        finally:
            await graphql.queue.aclose()
            await close_db()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        assert graphql.queue is not None  # noqa: S101
        report = await check_services(graphql.queue)
        return JSONResponse(report.as_dict(), status_code=200 if report.ok else 503)

    async def metrics(request: Request) -> Response:
        assert graphql.queue is not None  # noqa: S101
        token = settings.metrics_token
        if token and not hmac.compare_digest(
            request.headers.get("authorization", ""),
            f"Bearer {token.get_secret_value()}",
        ):
            return Response("Send Authorization: Bearer <METRICS_TOKEN>.", 401)
        body, content_type = await render_metrics(graphql.queue)
        return Response(body, media_type=content_type)

    return Starlette(
        routes=[
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
            Mount(
                "/static/graphiql", StaticFiles(directory=STATIC_DIR), name="graphiql"
            ),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
        ],
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(
                BodyLimit,
                max_json_bytes=settings.graphql_max_body_kb * 1024,
                # The upload cap plus room for the multipart framing and the query.
                max_upload_bytes=(settings.upload_max_request_mb + 1) * 2**20,
            ),
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=[
                    "authorization",
                    "content-type",
                    "x-api-key",
                    "x-request-id",
                ],
            ),
        ],
        lifespan=lifespan,
    )
