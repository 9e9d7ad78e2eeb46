"""Log lines are JSON with the request and job ids, and carry no personal data."""

import io
import json
import logging

import pytest

from domain.ops.logs import JOB_ID, REQUEST_ID, JsonFormatter, redact


@pytest.fixture
def output():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("hotgigs.test")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield logger, stream
    logger.removeHandler(handler)


def test_an_email_in_a_log_call_does_not_reach_the_output(output):
    logger, stream = output
    token = JOB_ID.set("parse_resume:42")
    try:
        logger.info("candidate saved for %s", "ada.lovelace@example.com")
    finally:
        JOB_ID.reset(token)
    text = stream.getvalue()
    assert "ada.lovelace@example.com" not in text
    line = json.loads(text)
    assert line["message"] == "candidate saved for [email]"
    assert (line["job_id"], line["request_id"], line["level"]) == (
        "parse_resume:42",
        None,
        "INFO",
    )


def test_names_and_phones_in_key_values_and_tracebacks_are_redacted(output):
    logger, stream = output
    token = REQUEST_ID.set("req-1")
    try:
        raise ValueError("bad phone +44 20 7946 0958 of name=Grace Hopper")
    except ValueError:
        logger.exception("upsert failed name=Ada Lovelace email=ada@example.com")
    finally:
        REQUEST_ID.reset(token)
    line = json.loads(stream.getvalue())
    assert line["message"] == "upsert failed name=[redacted] email=[redacted]"
    assert line["request_id"] == "req-1"
    assert "Grace" not in line["exception"]
    assert "7946" not in line["exception"]
    assert line["exception"].endswith(
        "ValueError: bad phone [phone] of name=[redacted]"
    )


@pytest.mark.parametrize(
    "kept",
    [
        "resume_id=123e4567-e89b-12d3-a456-426614174000",
        "at 2026-11-23 17:36:14 took 1234 ms",
        "job_id=deliver_webhook:8c0f3d0e-1111-2222-3333-444455556666:2",
        "queue=hotgigs:queue:bulk depth=12",
    ],
)
def test_ids_times_and_counts_are_kept(kept):
    assert redact(kept) == kept
