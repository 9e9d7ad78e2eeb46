"""Per-operation limits: the caller's request budget (Redis) and the query cost.

Both run after validation and before execution, subscriptions included (each
`subscribe` message spends the budget); an operation over either limit is
answered with one top-level error and is not executed. The response's
`extensions` report what the operation cost and what is left of the budget.
"""

import time
from collections.abc import AsyncIterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.cost import operation_cost
from domain.errors import ErrorCode
from domain.rate_limits import RateLimits, Throttled, spend


class QueryLimits(SchemaExtension):
    """Refuses operations over `max_cost`, and callers over their request budget.

    The budget (`context.rate_limits`, spent in `context.queue`'s Redis) is skipped
    when the context carries none, as in a schema executed without the app."""

    def __init__(self, *, max_cost: int, page_max: int) -> None:
        self.max_cost = max_cost
        self.page_max = page_max
        self.cost: int | None = None
        self.remaining: int | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        try:
            await self._spend_budget()
            self._check_cost()
        except (Throttled, GraphQLError) as exc:
            error = exc if isinstance(exc, GraphQLError) else _as_error(exc)
            if context.operation_type is OperationType.SUBSCRIPTION:
                # Strawberry starts a subscription whatever the result says; an
                # error raised here is sent as its only answer instead.
                raise error from None
            context.result = GraphQLExecutionResult(data=None, errors=[error])
        yield

    async def _spend_budget(self) -> None:
        context = self.execution_context.context
        limits: RateLimits | None = getattr(context, "rate_limits", None)
        if limits is None:
            return
        request = context.request
        client = request.client.host if request.client else None
        try:
            self.remaining = await spend(
                context.queue, context.viewer, limits, client=client, now=time.time()
            )
        except Throttled as exc:
            response: Response | None = getattr(context, "response", None)
            if isinstance(request, Request) and response is not None:
                response.status_code = 429
                response.headers["Retry-After"] = str(exc.retry_after)
            raise

    def _check_cost(self) -> None:
        context = self.execution_context
        assert context.graphql_document is not None  # noqa: S101  # validated
        self.cost = operation_cost(
            context.schema._schema,
            context.graphql_document,
            variables=context.variables,
            operation_name=context.operation_name,
            page_max=self.page_max,
        )
        if self.cost > self.max_cost:
            raise GraphQLError(
                f"This query would cost {self.cost}, more than the {self.max_cost} "
                "allowed: ask for smaller pages (`first`) or fewer nested lists.",
                extensions={
                    "code": ErrorCode.QUERY_TOO_COSTLY.value,
                    "cost": self.cost,
                    "maxCost": self.max_cost,
                },
            )

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        results: dict[str, Any] = {
            "cost": {"requested": self.cost, "maximum": self.max_cost}
        }
        if self.remaining is not None and self.remaining >= 0:
            results["rateLimit"] = {"remaining": self.remaining}
        return results


def _as_error(exc: Throttled) -> GraphQLError:
    return GraphQLError(
        exc.message,
        original_error=exc,
        extensions={"code": exc.code.value, "retryAfter": exc.retry_after},
    )
