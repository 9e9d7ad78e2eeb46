"""A local OpenAI-compatible server for tests (the real `openai` client talks to it).

It speaks chat completions (with `response_format` json_schema) and embeddings,
under `/v1/...` and Azure-style `/openai/deployments/<name>/...?api-version=`, and
can be told to misbehave: 429 with Retry-After, 500, content that is not JSON,
JSON that breaks the schema, and slow answers.
"""

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Responder = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class Fault:
    """What the next matching request gets instead of an answer."""

    kind: str  # "status", "malformed", "violation", "slow"
    status: int = 500
    retry_after: str | None = None
    seconds: float = 0.0


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


@dataclass
class FakeOpenAIState:
    answer: dict[str, Any] = field(default_factory=dict)
    responder: Responder | None = None
    faults: list[Fault] = field(default_factory=list)
    delay: float = 0.0  # every answer, seconds
    embedding_size: int | None = None  # answer this size whatever was asked
    requests: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeOpenAI:
    """The server plus switches; `url` is the base URL to give the client."""

    def __init__(self) -> None:
        self.state = FakeOpenAIState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def azure_url(self) -> str:
        return self.url.removesuffix("/v1") + "/openai/deployments/resumes"

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail(
        self, status: int, *, times: int = 1, retry_after: str | None = None
    ) -> None:
        for _ in range(times):
            self.state.faults.append(Fault("status", status, retry_after))

    def malformed(self) -> None:
        self.state.faults.append(Fault("malformed"))

    def violation(self) -> None:
        self.state.faults.append(Fault("violation"))

    def slow(self, seconds: float, *, times: int = 1) -> None:
        for _ in range(times):
            self.state.faults.append(Fault("slow", seconds=seconds))

    def chat_requests(self) -> list[Seen]:
        return [r for r in self.state.requests if r.path.endswith("/chat/completions")]


def fake_vector(text: str, dimensions: int) -> list[float]:
    """A deterministic unit vector per text."""
    digest = hashlib.sha256(text.encode()).digest()
    raw = [
        ((digest[i % len(digest)] + i * 7) % 255) / 127.0 - 1.0
        for i in range(dimensions)
    ]
    norm = sum(v * v for v in raw) ** 0.5 or 1.0
    return [v / norm for v in raw]


class _Handler(BaseHTTPRequestHandler):
    state: FakeOpenAIState

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def do_POST(self) -> None:  # http.server's name
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        with self.state.lock:
            self.state.requests.append(
                Seen(
                    parts.path,
                    parse_qs(parts.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                    time.monotonic(),
                )
            )
            fault = self.state.faults.pop(0) if self.state.faults else None
        time.sleep(self.state.delay)
        if fault and fault.kind == "slow":
            time.sleep(fault.seconds)
        if fault and fault.kind == "status":
            self._error(fault)
        elif parts.path.endswith("/chat/completions"):
            self._chat(body, fault)
        elif parts.path.endswith("/embeddings"):
            self._embeddings(body)
        else:
            self._send(
                404,
                {
                    "error": {
                        "message": "no such route",
                        "type": "invalid_request_error",
                    }
                },
            )

    def _error(self, fault: Fault) -> None:
        headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        kind = "rate_limit_exceeded" if fault.status == 429 else "server_error"
        self._send(
            fault.status,
            {"error": {"message": kind, "type": kind, "code": kind}},
            headers,
        )

    def _chat(self, body: dict[str, Any], fault: Fault | None) -> None:
        format_ = body.get("response_format") or {}
        if format_.get("type") != "json_schema" or "schema" not in format_.get(
            "json_schema", {}
        ):
            self._send(
                400,
                {
                    "error": {
                        "message": "json_schema expected",
                        "type": "invalid_request_error",
                    }
                },
            )
            return
        if fault and fault.kind == "malformed":
            content = '{"name": "Ada", "experience": [ {"title": '
        elif fault and fault.kind == "violation":
            content = json.dumps({"name": "Ada", "skills": "everything", "extra": 1})
        else:
            responder = self.state.responder
            content = json.dumps(responder(body) if responder else self.state.answer)
        prompt = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
        self._send(
            200,
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", ""),
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": content},
                    }
                ],
                "usage": {
                    "prompt_tokens": len(prompt) // 4,
                    "completion_tokens": len(content) // 4,
                    "total_tokens": len(prompt) // 4 + len(content) // 4,
                },
            },
        )

    def _embeddings(self, body: dict[str, Any]) -> None:
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        dimensions = self.state.embedding_size or int(body.get("dimensions") or 1536)
        tokens = sum(len(t) // 4 + 1 for t in texts)
        self._send(
            200,
            {
                "object": "list",
                "model": body.get("model", ""),
                "data": [
                    {
                        "object": "embedding",
                        "index": i,
                        "embedding": fake_vector(t, dimensions),
                    }
                    for i, t in enumerate(texts)
                ],
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
        )

    def _send(
        self,
        status: int,
        payload: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
