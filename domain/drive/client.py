"""The Drive v3 API through google-api-python-client (blocking: call it in a thread).

One `DriveClient` serves one run from one thread at a time; `domain.drive.calls`
runs its methods off the event loop and turns Google's errors into ours.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

import httplib2  # type: ignore[import-untyped]  # no type hints published
from google.auth.credentials import Credentials
from google_auth_httplib2 import AuthorizedHttp  # type: ignore[import-untyped]  # no type hints published
from googleapiclient.discovery import build  # type: ignore[import-untyped]  # no type hints published
from googleapiclient.http import MediaIoBaseDownload  # type: ignore[import-untyped]  # no type hints published

from domain.drive.options import DriveOptions

FOLDER = "application/vnd.google-apps.folder"
GOOGLE_DOC = "application/vnd.google-apps.document"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE_FIELDS = (
    "id,name,mimeType,md5Checksum,size,modifiedTime,parents,trashed,webViewLink"
)
CHUNK_BYTES = 1024 * 1024


class TooLarge(Exception):
    """A download went past its size bound."""


@dataclass(frozen=True)
class DriveItem:
    """A file or folder as Drive describes it."""

    id: str
    name: str
    mime_type: str
    parents: tuple[str, ...] = ()
    md5: str | None = None
    size: int | None = None
    modified_time: datetime | None = None
    trashed: bool = False
    link: str | None = None

    @property
    def is_folder(self) -> bool:
        return self.mime_type == FOLDER

    @property
    def is_google_doc(self) -> bool:
        return self.mime_type == GOOGLE_DOC

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> "DriveItem":
        modified = data.get("modifiedTime")
        return cls(
            id=data["id"],
            name=data.get("name", ""),
            mime_type=data.get("mimeType", ""),
            parents=tuple(data.get("parents", ())),
            md5=data.get("md5Checksum"),
            size=int(data["size"]) if "size" in data else None,
            modified_time=datetime.fromisoformat(modified) if modified else None,
            trashed=bool(data.get("trashed", False)),
            link=data.get("webViewLink"),
        )


@dataclass(frozen=True)
class ChangePage:
    """Changed files, the ids of files removed for good (deleted, or no longer
    shared), and where the next page starts."""

    items: list[DriveItem]
    next_token: str | None
    new_start_token: str | None
    removed_ids: tuple[str, ...] = ()


class _Bounded:
    """A writer that refuses to grow past `limit` bytes."""

    def __init__(self, out: BinaryIO, limit: int) -> None:
        self.out, self.limit, self.written = out, limit, 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        if self.written > self.limit:
            raise TooLarge(self.written)
        return self.out.write(data)


class DriveClient:
    def __init__(self, credentials: Credentials, options: DriveOptions) -> None:
        http = AuthorizedHttp(
            credentials, http=httplib2.Http(timeout=options.timeout_seconds)
        )
        self._service = build(
            "drive",
            "v3",
            http=http,
            static_discovery=True,
            cache_discovery=False,
            client_options={"api_endpoint": options.api_endpoint},
        )
        self._page_size = options.page_size

    def close(self) -> None:
        """Close the connections httplib2 keeps open."""
        self._service.close()

    def get(self, file_id: str) -> DriveItem:
        request = self._service.files().get(fileId=file_id, fields=FILE_FIELDS)
        return DriveItem.from_api(request.execute())

    def list_children(
        self, folder_id: str, page_token: str | None, *, folders_only: bool = False
    ) -> tuple[list[DriveItem], str | None]:
        query = f"'{folder_id}' in parents and trashed = false"
        if folders_only:
            query += f" and mimeType = '{FOLDER}'"
        request = self._service.files().list(
            q=query,
            fields=f"nextPageToken,files({FILE_FIELDS})",
            pageSize=self._page_size,
            pageToken=page_token,
        )
        data = request.execute()
        items = [DriveItem.from_api(f) for f in data.get("files", [])]
        return items, data.get("nextPageToken")

    def start_page_token(self) -> str:
        data = self._service.changes().getStartPageToken().execute()
        return str(data["startPageToken"])

    def list_changes(self, page_token: str) -> ChangePage:
        request = self._service.changes().list(
            pageToken=page_token,
            pageSize=self._page_size,
            fields=f"nextPageToken,newStartPageToken,changes(fileId,removed,file({FILE_FIELDS}))",
        )
        data = request.execute()
        changes = data.get("changes", [])
        items = [
            DriveItem.from_api(c["file"])
            for c in changes
            if not c.get("removed") and "file" in c
        ]
        removed = tuple(
            str(c["fileId"])
            for c in changes
            if (c.get("removed") or "file" not in c) and "fileId" in c
        )
        return ChangePage(
            items, data.get("nextPageToken"), data.get("newStartPageToken"), removed
        )

    def download(self, item: DriveItem, out: BinaryIO, max_bytes: int) -> int:
        """Stream the file's bytes in chunks into `out`; TooLarge past `max_bytes`."""
        request = self._service.files().get_media(fileId=item.id)
        return _fetch(request, out, max_bytes)

    def export_docx(self, item: DriveItem, out: BinaryIO, max_bytes: int) -> int:
        request = self._service.files().export_media(fileId=item.id, mimeType=DOCX)
        return _fetch(request, out, max_bytes)


def _fetch(request: Any, out: BinaryIO, max_bytes: int) -> int:
    bounded = _Bounded(out, max_bytes)
    downloader = MediaIoBaseDownload(bounded, request, chunksize=CHUNK_BYTES)
    done = False
    while not done:
        _, done = downloader.next_chunk()
    return bounded.written
