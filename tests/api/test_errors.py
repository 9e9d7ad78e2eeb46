"""Error presentation: coded errors, masked internals with a request id."""

import logging
from types import SimpleNamespace

from graphql import GraphQLError

from api.errors import INTERNAL_MESSAGE, ErrorPresenter, user_errors
from domain.access import Viewer
from domain.errors import Conflict, DomainError, ErrorCode, InvalidInput


def _presenter(viewer: Viewer) -> ErrorPresenter:
    presenter = ErrorPresenter()
    presenter.execution_context = SimpleNamespace(
        context=SimpleNamespace(viewer=viewer)
    )
    return presenter


def test_unexpected_errors_are_masked_and_logged_with_the_request_id(caplog):
    presenter = _presenter(Viewer.anonymous(request_id="req-1"))
    leaked = GraphQLError("boom", original_error=RuntimeError("password=hunter2"))
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        [shown] = presenter._process_errors([leaked])
    assert shown.message == INTERNAL_MESSAGE
    assert shown.extensions == {"code": "INTERNAL", "requestId": "req-1"}
    assert "hunter2" not in shown.message
    assert caplog.records[0].message == "internal error request_id=req-1 path=None"
    assert caplog.records[0].exc_info[1].args == ("password=hunter2",)


def test_domain_errors_keep_their_code_and_message():
    presenter = _presenter(Viewer.anonymous(request_id="req-2"))
    error = GraphQLError("x", original_error=Conflict("Already there.", field="name"))
    [shown] = presenter._process_errors([error])
    assert (shown.message, shown.extensions) == (
        "Already there.",
        {"code": "CONFLICT", "requestId": "req-2"},
    )


def test_invalid_input_becomes_one_user_error_per_problem():
    problems = [DomainError("Bad e-mail.", field="email"), DomainError("No name.")]
    errors = user_errors(InvalidInput(problems))
    assert [(e.field, e.message, e.code) for e in errors] == [
        (["input", "email"], "Bad e-mail.", ErrorCode.INVALID_INPUT),
        (None, "No name.", ErrorCode.INVALID_INPUT),
    ]
