"""Errors as clients see them: `userErrors` on payloads, coded top-level errors,
and masking of everything unexpected (logged with the request id)."""

import logging

import strawberry
from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from api.permissions import SIGN_IN_MESSAGE
from domain import errors as domain_errors
from domain.errors import DomainError

logger = logging.getLogger(__name__)

ErrorCode = strawberry.enum(domain_errors.ErrorCode, name="ErrorCode")

INTERNAL_MESSAGE = "Something went wrong on our side; quote the request id to support."


@strawberry.type
class UserError:
    """A problem with the input that the caller can fix."""

    field: list[str] | None
    message: str
    code: ErrorCode  # type: ignore[valid-type]  # strawberry.enum returns the enum


def user_errors(exc: DomainError) -> list[UserError]:
    problems = exc.problems if isinstance(exc, domain_errors.InvalidInput) else [exc]
    return [
        UserError(
            field=["input", p.field] if p.field else None,
            message=p.message,
            code=p.code,
        )
        for p in problems
    ]


class ErrorPresenter(MaskErrors):
    """Gives every error an `extensions.code`, and masks unexpected ones."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._present(error) for error in errors]

    def _request_id(self) -> str | None:
        context = self.execution_context.context
        return getattr(getattr(context, "viewer", None), "request_id", None)

    def _present(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        code = (error.extensions or {}).get("code")
        message = error.message
        if isinstance(original, DomainError):
            code, message = original.code.value, original.message
        elif code == domain_errors.ErrorCode.FORBIDDEN and not self._is_signed_in():
            code, message = (
                domain_errors.ErrorCode.UNAUTHENTICATED.value,
                SIGN_IN_MESSAGE,
            )
        elif (
            original is not None
            and code is None
            # graphql-core wraps a variable's coercion error in another one.
            and not isinstance(original, GraphQLError)
        ):
            logger.error(
                "internal error request_id=%s path=%s",
                self._request_id(),
                error.path,
                exc_info=original,
            )
            code, message = domain_errors.ErrorCode.INTERNAL.value, INTERNAL_MESSAGE
        elif code is None:
            code = domain_errors.ErrorCode.INVALID_INPUT.value
        if code == domain_errors.ErrorCode.UNAUTHENTICATED:
            message = self._credentials_problem() or message
        extensions = {**(error.extensions or {}), "code": code}
        if request_id := self._request_id():
            extensions["requestId"] = request_id
        return GraphQLError(
            message,
            error.nodes,
            error.source,
            error.positions,
            error.path,
            extensions=extensions,
        )

    def _is_signed_in(self) -> bool:
        viewer = getattr(self.execution_context.context, "viewer", None)
        return bool(viewer and viewer.is_authenticated)

    def _credentials_problem(self) -> str | None:
        viewer = getattr(self.execution_context.context, "viewer", None)
        return getattr(viewer, "problem", None)
