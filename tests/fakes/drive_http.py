"""The fake Drive's HTTP side: what it holds (files, change log, tokens, faults,
holds) and the handler that answers the Drive v3 and OAuth token requests."""

import hashlib
import json
import re
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

FOLDER = "application/vnd.google-apps.folder"
GOOGLE_DOC = "application/vnd.google-apps.document"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
API_PREFIX = "/drive/v3/"
PARENT_QUERY = re.compile(r"'([^']+)' in parents")
MIME_QUERY = re.compile(r"mimeType = '([^']+)'")


@dataclass
class FakeFile:
    id: str
    name: str
    mime_type: str
    parents: list[str]
    content: bytes = b""
    modified_time: str = ""
    trashed: bool = False

    def resource(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "drive#file",
            "id": self.id,
            "name": self.name,
            "mimeType": self.mime_type,
            "parents": self.parents,
            "modifiedTime": self.modified_time,
            "trashed": self.trashed,
            "webViewLink": f"https://drive.google.com/file/d/{self.id}/view",
        }
        if not self.mime_type.startswith("application/vnd.google-apps."):
            data["md5Checksum"] = hashlib.md5(self.content).hexdigest()  # noqa: S324  # Drive's own checksum
            data["size"] = str(len(self.content))
        return data


@dataclass
class Fault:
    status: int
    reason: str
    path: str  # applies to requests whose path contains this (or is it: exact)
    retry_after: int | None = None
    exact: bool = False
    after: int = 0  # matching requests let through first

    def matches(self, path: str) -> bool:
        return self.path == path if self.exact else self.path in path


@dataclass
class FakeDriveState:
    files: dict[str, FakeFile] = field(default_factory=dict)
    change_log: list[str] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)  # code -> refresh token
    refresh_tokens: set[str] = field(default_factory=set)
    access_tokens: set[str] = field(default_factory=set)
    faults: list[Fault] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    token_grants: list[str] = field(default_factory=list)
    export_limit: int = 10 * 1024 * 1024
    lock: threading.Lock = field(default_factory=threading.Lock)
    hold_path: str | None = None
    hold_after: int = 0
    held: threading.Event = field(default_factory=threading.Event)  # one waits
    released: threading.Event = field(default_factory=threading.Event)


class Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client gone mid-answer (a killed worker) is expected; say so quietly."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


REASON_MESSAGES = {
    "rateLimitExceeded": "Rate Limit Exceeded",
    "userRateLimitExceeded": "User Rate Limit Exceeded",
    "forbidden": "The user does not have sufficient permissions for this file.",
    "notFound": "File not found.",
    "authError": "Invalid Credentials",
    "backendError": "Backend Error",
    "exportSizeLimitExceeded": "This file is too large to be exported.",
    "fileNotDownloadable": "Only files with binary content can be downloaded.",
}


class Handler(BaseHTTPRequestHandler):
    state: FakeDriveState
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm and
    # delayed ACKs add 40 ms to every keep-alive request.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    # --- plumbing -----------------------------------------------------------
    def _send(
        self, status: int, body: bytes, content_type: str, **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: dict[str, Any], **headers: str) -> None:
        self._send(status, json.dumps(data).encode(), "application/json", **headers)

    def _error(
        self, status: int, reason: str, message: str = "", **headers: str
    ) -> None:
        text = message or REASON_MESSAGES.get(reason, reason)
        domain = "usageLimits" if "RateLimit" in reason else "global"
        self._json(
            status,
            {
                "error": {
                    "code": status,
                    "message": text,
                    "errors": [{"domain": domain, "reason": reason, "message": text}],
                }
            },
            **headers,
        )

    def _query(self) -> dict[str, str]:
        parts = urlsplit(self.path)
        return {k: v[-1] for k, v in parse_qs(parts.query).items()}

    # --- OAuth token endpoint -----------------------------------------------
    def do_POST(self) -> None:  # http.server naming
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if urlsplit(self.path).path != "/token":
            self._error(404, "notFound")
            return
        grant = form.get("grant_type", "")
        self.state.token_grants.append(grant)
        refresh = self._granted_refresh_token(grant, form)
        if refresh is None:
            self._json(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                },
            )
            return
        access = (
            f"access-{len(self.state.access_tokens)}-{len(self.state.token_grants)}"
        )
        self.state.access_tokens.add(access)
        body = {"access_token": access, "expires_in": 3599, "token_type": "Bearer"}
        if grant == "authorization_code":
            body["refresh_token"] = refresh
        self._json(200, body)

    def _granted_refresh_token(self, grant: str, form: dict[str, str]) -> str | None:
        if grant == "authorization_code":
            refresh = self.state.codes.pop(form.get("code", ""), None)
            if refresh is not None:
                self.state.refresh_tokens.add(refresh)
            return refresh
        if grant == "refresh_token":
            token = form.get("refresh_token", "")
            return token if token in self.state.refresh_tokens else None
        if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return (
                "service-account" if form.get("assertion", "").count(".") == 2 else None
            )
        return None

    # --- Drive API ----------------------------------------------------------
    def do_GET(self) -> None:  # http.server naming
        path = urlsplit(self.path).path
        with self.state.lock:
            self.state.requests.append(("GET", path))
        if not path.startswith(API_PREFIX):
            self._error(404, "notFound")
            return
        self._wait_if_held(path)
        if self._inject_fault(path):
            return
        auth = self.headers.get("Authorization", "")
        if auth.removeprefix("Bearer ") not in self.state.access_tokens:
            self._error(401, "authError", WWW_Authenticate="Bearer")
            return
        self._route(path.removeprefix(API_PREFIX), self._query())

    def _wait_if_held(self, path: str) -> None:
        state = self.state
        with state.lock:
            if state.hold_path is None or state.hold_path not in path:
                return
            state.hold_after -= 1
            if state.hold_after >= 0:
                return
        state.held.set()
        state.released.wait(timeout=60)

    def _inject_fault(self, path: str) -> bool:
        with self.state.lock:
            fault = next((f for f in self.state.faults if f.matches(path)), None)
            if fault is None:
                return False
            if fault.after > 0:
                for other in self.state.faults:
                    other.after -= other.matches(path) and other.after > 0
                return False
            self.state.faults.remove(fault)
        headers = {}
        if fault.retry_after is not None:
            headers["Retry_After"] = str(fault.retry_after)
        if fault.status == 401:
            self.state.access_tokens.clear()
        self._error(fault.status, fault.reason or "backendError", **headers)
        return True

    def _route(self, route: str, query: dict[str, str]) -> None:
        if route == "files":
            self._list_files(query)
        elif route == "changes/startPageToken":
            self._json(200, {"startPageToken": str(len(self.state.change_log))})
        elif route == "changes":
            self._list_changes(query)
        elif route.startswith("files/") and route.endswith("/export"):
            self._export(route.split("/")[1], query)
        elif route.startswith("files/"):
            self._get_file(route.split("/")[1], query)
        else:
            self._error(404, "notFound")

    def _page(self, items: list[Any], query: dict[str, str]) -> tuple[list[Any], str]:
        start = int(query.get("pageToken") or 0)
        size = int(query.get("pageSize") or 100)
        end = start + size
        return items[start:end], (str(end) if end < len(items) else "")

    def _list_files(self, query: dict[str, str]) -> None:
        q = query.get("q", "")
        parent = PARENT_QUERY.search(q)
        mime_type = MIME_QUERY.search(q)
        found = [
            f
            for f in sorted(self.state.files.values(), key=lambda f: f.id)
            if (parent is None or parent.group(1) in f.parents)
            and (mime_type is None or mime_type.group(1) == f.mime_type)
            and not ("trashed = false" in q and f.trashed)
        ]
        page, next_token = self._page(found, query)
        body: dict[str, Any] = {"files": [f.resource() for f in page]}
        if next_token:
            body["nextPageToken"] = next_token
        self._json(200, body)

    def _list_changes(self, query: dict[str, str]) -> None:
        start = int(query.get("pageToken", "0"))
        size = int(query.get("pageSize") or 100)
        log = self.state.change_log
        # Like Drive, a file changed again later is listed only at its last change.
        ids = [
            file_id
            for n, file_id in enumerate(log[start : start + size], start)
            if file_id not in log[n + 1 :]
        ]
        changes = [self._change(file_id) for file_id in ids]
        body: dict[str, Any] = {"changes": changes}
        if start + size < len(log):
            body["nextPageToken"] = str(start + size)
        else:
            body["newStartPageToken"] = str(len(log))
        self._json(200, body)

    def _change(self, file_id: str) -> dict[str, Any]:
        change: dict[str, Any] = {
            "kind": "drive#change",
            "changeType": "file",
            "fileId": file_id,
            "removed": file_id not in self.state.files,
        }
        if not change["removed"]:
            change["file"] = self.state.files[file_id].resource()
        return change

    def _get_file(self, file_id: str, query: dict[str, str]) -> None:
        file = self.state.files.get(file_id)
        if file is None:
            self._error(404, "notFound", f"File not found: {file_id}.")
        elif query.get("alt") != "media":
            self._json(200, file.resource())
        elif file.mime_type.startswith("application/vnd.google-apps."):
            self._error(403, "fileNotDownloadable")
        else:
            self._send_range(file.content, file.mime_type)

    def _send_range(self, content: bytes, mime_type: str) -> None:
        match = re.match(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if match is None:
            self._send(200, content, mime_type)
            return
        start = int(match.group(1))
        end = min(int(match.group(2) or len(content) - 1), len(content) - 1)
        self._send(
            206,
            content[start : end + 1],
            mime_type,
            Content_Range=f"bytes {start}-{end}/{len(content)}",
        )

    def _export(self, file_id: str, query: dict[str, str]) -> None:
        file = self.state.files.get(file_id)
        if file is None:
            self._error(404, "notFound", f"File not found: {file_id}.")
        elif file.mime_type != GOOGLE_DOC or query.get("mimeType") != DOCX:
            self._error(400, "badRequest", "Export only supports Docs to DOCX here.")
        elif len(file.content) > self.state.export_limit:
            self._error(403, "exportSizeLimitExceeded")
        else:
            self._send(200, file.content, DOCX)
