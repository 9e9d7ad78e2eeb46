"""Where an imported resume lives in Google Drive, for the candidate's sources."""

from typing import Any

from domain.models import DriveFile, Resume, SourceKind


async def source_link(resume: Resume) -> dict[str, Any]:
    """`external_id` (the Drive file id) and `url` of a resume a Drive sync
    imported; nothing for other resumes."""
    if resume.source is not SourceKind.DRIVE:
        return {}
    found = await DriveFile.filter(resume_id=resume.id).first()
    if found is None:
        return {}
    return {"external_id": found.file_id, "url": found.web_view_link}
