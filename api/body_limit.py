"""Request body caps, applied before anything parses the body.

A JSON GraphQL request may be `max_json_bytes` long, a multipart upload
`max_upload_bytes`. A declared Content-Length over the cap is refused at once;
a body sent without one (chunked) is counted as it arrives and refused when it
passes the cap, so a client cannot make the server spool gigabytes either way.
"""

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.errors import ErrorCode


class BodyTooLarge(Exception):
    """The body passed the cap while it was being read."""


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".removesuffix(".0") + " MB"


class BodyLimit:
    """Pure ASGI middleware answering 413 with a GraphQL-shaped error."""

    def __init__(
        self, app: ASGIApp, *, max_json_bytes: int, max_upload_bytes: int
    ) -> None:
        self.app = app
        self.max_json_bytes = max_json_bytes
        self.max_upload_bytes = max_upload_bytes

    def _cap(self, scope: Scope) -> tuple[int, str]:
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        if content_type.startswith("multipart/"):
            return self.max_upload_bytes, "send fewer or smaller files at a time"
        return self.max_json_bytes, "send a shorter query or fewer variables"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        cap, advice = self._cap(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            await _refuse(send, cap, advice)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, cap, advice)


async def _refuse(send: Send, cap: int, advice: str) -> None:
    body = json.dumps(
        {
            "data": None,
            "errors": [
                {
                    "message": f"The request body is larger than the "
                    f"{_megabytes(cap)} limit: {advice}.",
                    "extensions": {"code": ErrorCode.REQUEST_TOO_LARGE.value},
                }
            ],
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
