"""Per-request context: the viewer, DataLoaders, settings and the job queue."""

from dataclasses import dataclass
from typing import TypeAlias

import strawberry
from arq.connections import ArqRedis
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from api.loaders import Loaders
from domain.access import Viewer
from domain.auth import TokenSettings
from domain.config import Settings
from domain.rate_limits import RateLimits
from domain.resumes.intake import IntakeContext


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    viewer: Viewer
    loaders: Loaders
    settings: Settings
    tokens: TokenSettings
    queue: ArqRedis
    intake: IntakeContext
    # Set by strawberry from a WebSocket's connection_init payload.
    connection_params: dict[str, object] | None = None
    # The caller's request budget (api.limits); None: not limited.
    rate_limits: RateLimits | None = None


Info: TypeAlias = strawberry.Info[Context, None]
