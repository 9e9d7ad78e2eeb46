"""Introspection (`__schema`, `__type`) only for admins when ENVIRONMENT=production:
partners and frontends work from the published schema.graphql, and a stranger
learns nothing about the API's shape. `__typename` stays allowed for everyone."""

from collections.abc import Iterator

from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension


class AdminOnlyIntrospection(SchemaExtension):
    """Adds graphql-core's no-introspection rule for every viewer but an admin."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled

    def on_operation(self) -> Iterator[None]:
        viewer = getattr(self.execution_context.context, "viewer", None)
        if self.enabled and not (viewer is not None and viewer.is_admin):
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield
