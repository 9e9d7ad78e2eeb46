"""One resume file to a `ParsedResume`, synchronously and without any server
(used by `hotgigs parse` and by evaluation)."""

from pathlib import Path
from typing import Any

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import extract_document
from domain.intake.checks import inspect_file
from domain.intake.filetypes import FileKind
from domain.intake.limits import IntakeLimits
from domain.parsing.parser import SPACY_MODEL, parse_document


def read_resume_file(
    path: Path,
    *,
    limits: IntakeLimits | None = None,
    spacy_model: str = SPACY_MODEL,
) -> dict[str, Any]:
    """The parsed resume as JSON-ready data with `file`, or `file` and `error`
    (`code`, `message`) when the file cannot be parsed; never raises DomainError.
    `spacy_model` is the installed spaCy package the worker would use too
    (`Settings.spacy_model`), so the CLI parses as the product does."""
    try:
        kind = inspect_file(path.name, path, limits or IntakeLimits())
        if kind is FileKind.ZIP:
            raise DomainError(
                f"{path.name} is an archive: unpack it and parse its files.",
                code=ErrorCode.UNSUPPORTED_FILE_TYPE,
            )
        parsed = parse_document(
            extract_document(path, kind.value), spacy_model=spacy_model
        )
    except DomainError as exc:
        return {
            "file": str(path),
            "error": {"code": exc.code.value, "message": exc.message},
        }
    except OSError as exc:
        message = f"{path} cannot be read: {exc.strerror or exc}."
        return {"file": str(path), "error": {"code": "NOT_FOUND", "message": message}}
    return {"file": str(path), **parsed.model_dump(mode="json")}
