"""Legacy Word (.doc) text through antiword, or LibreOffice's conversion to DOCX."""

import dataclasses
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import (
    ExtractedDocument,
    ExtractionOptions,
    build_document,
    flow_block,
    remaining_seconds,
)
from domain.extraction.docx import extract_docx
from domain.extraction.text import extract_rtf

logger = logging.getLogger(__name__)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extract_doc(
    path: Path, options: ExtractionOptions, deadline: float
) -> ExtractedDocument:
    """Raises CONVERTER_UNAVAILABLE when neither antiword nor soffice is installed,
    EXTRACTION_FAILED when no converter can read the file."""
    with path.open("rb") as file:
        head = file.read(8)
    if head.startswith(b"{\\rtf"):
        return _disguised(extract_rtf(path, options, deadline), "an RTF")
    if head.startswith(b"PK\x03\x04"):
        return _disguised(extract_docx(path, options, deadline), "a DOCX")
    antiword, soffice = shutil.which("antiword"), shutil.which("soffice")
    if antiword is not None:
        document = _with_antiword(antiword, path, deadline, can_fall_back=bool(soffice))
        if document is not None:
            return document
    if soffice is None:
        raise DomainError(
            "Legacy Word (.doc) files cannot be read here: no converter is installed. "
            "Ask an administrator to run `apt-get install antiword` (or install "
            "LibreOffice), or upload the resume as DOCX or PDF.",
            code=ErrorCode.CONVERTER_UNAVAILABLE,
        )
    return _with_soffice(soffice, path, options, deadline)


def _disguised(document: ExtractedDocument, real_kind: str) -> ExtractedDocument:
    note = f"This .doc file is really {real_kind} document and was read as one."
    return dataclasses.replace(document, warnings=(*document.warnings, note))


def _with_antiword(
    antiword: str, path: Path, deadline: float, *, can_fall_back: bool
) -> ExtractedDocument | None:
    """antiword prints one paragraph a line (`-w 0`), tables as |a|b|, pictures as
    [pic]; it skips headers and footers. None when it fails or finds no text and
    another converter can try."""
    result = _run(
        [antiword, "-w", "0", "-m", "UTF-8.txt", str(path.absolute())], deadline
    )
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip() or "no output"
        reason = reason.replace(str(path.absolute()), "the file")
        logger.info("antiword failed rc=%d reason=%s", result.returncode, reason)
        if can_fall_back:
            return None
        raise DomainError(
            f"This Word file could not be read ({reason}); open it in Word or "
            "LibreOffice, save it as DOCX and upload that.",
            code=ErrorCode.EXTRACTION_FAILED,
        )
    text = result.stdout.decode("utf-8", "replace")
    blocks = [flow_block(_antiword_line(line)) for line in text.splitlines()]
    document = build_document(blocks, pages=1, method="doc:antiword")
    return None if can_fall_back and not document.text else document


def _antiword_line(line: str) -> str:
    stripped = line.strip()
    if stripped == "[pic]":
        return ""
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        cells = (cell.strip() for cell in stripped[1:-1].split("|"))
        return " | ".join(cell for cell in cells if cell)
    return stripped


def _with_soffice(
    soffice: str, path: Path, options: ExtractionOptions, deadline: float
) -> ExtractedDocument:
    # Two soffice processes sharing a profile make the second fail silently, so each
    # pool process keeps its own profile (reused, which saves its creation).
    profile = Path(tempfile.gettempdir()) / f"lo-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="hotgigs-doc-") as out:
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
            out,
            str(path.absolute()),
        ]
        result = _run(command, deadline)
        converted = Path(out) / f"{path.stem}.docx"
        if not converted.is_file():
            reason = (
                result.stderr.decode("utf-8", "replace").strip()[-200:] or "no output"
            )
            raise DomainError(
                f"LibreOffice could not convert this Word file ({reason}); open it in "
                "Word or LibreOffice, save it as DOCX and upload that.",
                code=ErrorCode.EXTRACTION_FAILED,
            )
        document = extract_docx(converted, options, deadline)
    return dataclasses.replace(document, method="doc:soffice")


def _run(command: list[str], deadline: float) -> subprocess.CompletedProcess[bytes]:
    """Run without a shell; on timeout kill the whole process group (soffice starts
    children) and fail with EXTRACTION_FAILED."""
    with subprocess.Popen(  # noqa: S603  # fixed program, no shell, path as one argument
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=remaining_seconds(deadline))
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise DomainError(
                "Converting this Word file took too long and was stopped; save it as "
                "DOCX or PDF and upload that.",
                code=ErrorCode.EXTRACTION_FAILED,
            ) from exc
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
