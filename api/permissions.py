"""Permission classes: role and scope checks only (rows are scoped in the domain).

They return a plain bool and keep no per-request state; `api.errors` turns a denial
for an anonymous caller into UNAUTHENTICATED with the reason its credentials failed.
"""

from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from api.context import Info
from domain.access import Scope
from domain.errors import ErrorCode
from domain.models import Role

SIGN_IN_MESSAGE = "Sign in first: send `Authorization: Bearer <token>` or `X-Api-Key`."


class IsAuthenticated(BasePermission):
    message = SIGN_IN_MESSAGE
    error_extensions = {  # noqa: RUF012  # strawberry reads this class attribute
        "code": ErrorCode.UNAUTHENTICATED.value
    }

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.is_authenticated


class IsRecruiter(BasePermission):
    message = "Only recruiters and admins can do this."
    error_extensions = {"code": ErrorCode.FORBIDDEN.value}  # noqa: RUF012  # strawberry reads this class attribute

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.is_recruiter


class IsCandidate(BasePermission):
    message = "Only candidate accounts can do this."
    error_extensions = {"code": ErrorCode.FORBIDDEN.value}  # noqa: RUF012  # strawberry reads this class attribute

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.role is Role.CANDIDATE


class IsAdmin(BasePermission):
    message = "Only admins can do this."
    error_extensions = {"code": ErrorCode.FORBIDDEN.value}  # noqa: RUF012  # strawberry reads this class attribute

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.is_admin


class HasScope(BasePermission):
    """The API key in use carries `scope` (signed-in users have every scope)."""

    error_extensions = {"code": ErrorCode.FORBIDDEN.value}  # noqa: RUF012  # strawberry reads this class attribute

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.message = f"This API key lacks the `{scope.value}` scope."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.has_scope(self.scope)


def allow(*permissions: BasePermission) -> list[FieldExtension]:
    """Field extensions that require every one of `permissions`, in order."""
    return [PermissionExtension(permissions=list(permissions))]
