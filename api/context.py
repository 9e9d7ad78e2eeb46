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


Info: TypeAlias = strawberry.Info[Context, None]
