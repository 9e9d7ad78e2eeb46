"""A local Google Drive v3 and OAuth 2.0 server for tests (the real client talks to it).

It keeps files, folders and Google Docs in memory, a change log for `changes.list`
(moves, trash and deletions included), OAuth codes and tokens, switches that make
the next calls fail (429, 403 userRateLimitExceeded, 401, 404, 500) so that error
handling meets real responses, and a hold that makes chosen calls wait (a slow
Drive, so that a worker can be killed mid-run). `FakeDrive` shapes what it holds;
`tests.fakes.drive_http` answers the requests.
"""

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from tests.fakes.drive_http import (
    API_PREFIX,
    FOLDER,
    GOOGLE_DOC,
    FakeDriveState,
    FakeFile,
    Fault,
    Handler,
    Server,
)


class FakeDrive:
    """The server plus helpers to shape what it holds; `url` is its base address."""

    def __init__(self) -> None:
        self.state = FakeDriveState()
        self._ids = itertools.count(1)
        self._clock = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        handler = type("Handler", (Handler,), {"state": self.state})
        self._server = Server(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_endpoint(self) -> str:
        return self.url + API_PREFIX

    @property
    def token_uri(self) -> str:
        return self.url + "/token"

    def start(self) -> "FakeDrive":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- shaping the drive --------------------------------------------------
    def _next_time(self) -> str:
        self._clock += timedelta(seconds=1)
        return self._clock.isoformat().replace("+00:00", ".000Z")

    def _put(self, file: FakeFile) -> FakeFile:
        with self.state.lock:
            file.modified_time = self._next_time()
            self.state.files[file.id] = file
            self.state.change_log.append(file.id)
        return file

    def add_folder(self, name: str, parent: str = "root") -> str:
        file_id = f"folder{next(self._ids)}"
        return self._put(FakeFile(file_id, name, FOLDER, [parent])).id

    def add_file(
        self, name: str, content: bytes, parent: str, mime_type: str = "text/plain"
    ) -> str:
        file_id = f"file{next(self._ids)}"
        return self._put(FakeFile(file_id, name, mime_type, [parent], content)).id

    def add_google_doc(self, name: str, docx: bytes, parent: str) -> str:
        """A Google Doc; `docx` is what exporting it to DOCX returns."""
        file_id = f"doc{next(self._ids)}"
        return self._put(FakeFile(file_id, name, GOOGLE_DOC, [parent], docx)).id

    def update_file(self, file_id: str, content: bytes) -> None:
        file = self.state.files[file_id]
        file.content = content
        self._put(file)

    def touch(self, file_id: str) -> None:
        """A change that leaves the content as it is (a rename, say)."""
        self._put(self.state.files[file_id])

    def move(self, file_id: str, parent: str) -> None:
        """Move a file or folder (Drive logs a change of it, not of its contents)."""
        file = self.state.files[file_id]
        file.parents = [parent]
        self._put(file)

    def trash(self, file_id: str, trashed: bool = True) -> None:
        file = self.state.files[file_id]
        file.trashed = trashed
        self._put(file)

    def delete(self, file_id: str) -> None:
        """Delete for good: `changes.list` then reports it as removed."""
        with self.state.lock:
            del self.state.files[file_id]
            self.state.change_log.append(file_id)

    # --- holding requests (a slow Drive) -------------------------------------
    def hold(self, path: str, *, after: int = 0) -> None:
        """API requests whose path contains `path` wait, once `after` of them went
        through, until `release()` (or 60 s)."""
        self.state.hold_path, self.state.hold_after = path, after
        self.state.held.clear()
        self.state.released.clear()

    def release(self) -> None:
        self.state.released.set()

    # --- OAuth --------------------------------------------------------------
    def issue_code(self, refresh_token: str = "") -> str:
        """An authorization code the consent screen would have sent back."""
        code = f"code-{next(self._ids)}"
        self.state.codes[code] = refresh_token or f"refresh-{next(self._ids)}"
        return code

    def grant_refresh_token(self) -> str:
        token = f"refresh-{next(self._ids)}"
        self.state.refresh_tokens.add(token)
        return token

    def revoke_all(self) -> None:
        self.state.refresh_tokens.clear()
        self.state.access_tokens.clear()

    def expire_access_tokens(self) -> None:
        self.state.access_tokens.clear()

    # --- faults -------------------------------------------------------------
    def fail(
        self,
        status: int,
        reason: str = "",
        *,
        path: str = "",
        times: int = 1,
        retry_after: int | None = None,
        exact: bool = False,
        after: int = 0,
    ) -> None:
        """The next `times` API requests whose path contains `path` (or equals
        it: `exact`) fail, once `after` such requests went through."""
        for _ in range(times):
            self.state.faults.append(
                Fault(status, reason, path, retry_after, exact, after)
            )

    def calls(self, path_part: str) -> int:
        return sum(1 for _, path in self.state.requests if path_part in path)


@contextmanager
def running_fake_drive() -> Iterator[FakeDrive]:
    drive = FakeDrive().start()
    try:
        yield drive
    finally:
        drive.stop()
