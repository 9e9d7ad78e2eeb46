"""Structured logs: one JSON object per line, with the request id or job id of
the work that wrote it, and personal data (e-mails, phones, names) redacted.

Redaction runs in the formatter, so it covers every logger, libraries included,
and the text of tracebacks. Names are caught as `name=...`-style key-values
(the house log style); a name inside free prose is not recognised.
"""

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
JOB_ID: ContextVar[str | None] = ContextVar("job_id", default=None)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 9+ digits with the usual separators, not inside a word, a uuid or an ISO date.
PHONE = re.compile(
    r"(?<![\w-])(?!\d{4}-\d{2}-\d{2})\+?\(?\d(?:[\s().-]{0,2}\d){8,}(?![\w-])"
)
PERSONAL_KEYS = re.compile(
    r"\b((?:candidate_|full_|first_|last_|user_)?name|email|phone)"
    r"(=|: ?)('[^']*'|\"[^\"]*\"|[^\s,;)]+(?: (?-i:[A-Z])[\w'-]+)*)",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    text = PERSONAL_KEYS.sub(lambda m: f"{m[1]}{m[2]}[redacted]", text)
    text = EMAIL.sub("[email]", text)
    return PHONE.sub("[phone]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": REQUEST_ID.get(),
            "job_id": JOB_ID.get(),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class RedactingFormatter(logging.Formatter):
    """The text format for a terminal, with the same ids and redaction."""

    def format(self, record: logging.LogRecord) -> str:
        ids = " ".join(
            f"{name}={value}"
            for name, value in (
                ("request_id", REQUEST_ID.get()),
                ("job_id", JOB_ID.get()),
            )
            if value
        )
        line = super().format(record)
        return redact(f"{line} {ids}" if ids else line)


def configure_logging(
    level: str, *, style: Literal["json", "text"] = "json", stream: TextIO | None = None
) -> logging.Handler:
    """Route every logger to one handler on `stream` (stderr by default)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if style == "json"
        else RedactingFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    )
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
