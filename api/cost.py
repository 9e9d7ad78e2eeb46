"""The cost of a GraphQL operation: every field costs 1, and a field taking a page
size (`first`) multiplies the cost of what is selected under it by that size.

`{ candidates(first: 50) { edges { node { name matches(first: 20) { totalCount } }`
`} } }` costs 1 + 50 * (1 + 1 + 1 + 1 + 20 * 1) = 1201: about the rows the server
may have to load, so a client pays for what it makes the database do.
"""

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.language import DocumentNode
from graphql.utilities import value_from_ast_untyped

PAGE_ARGUMENT = "first"


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: dict[str, Any],
        page_max: int,
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.page_max = page_max
        self.fragments = {
            d.name.value: d
            for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }

    def selection_cost(
        self, selection_set: SelectionSetNode | None, parent: Any
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = (
                    self.schema.get_type(condition.name.value) if condition else parent
                )
                total += self.selection_cost(selection.selection_set, target or parent)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selection_cost(fragment.selection_set, target or parent)
        return total

    def field_cost(self, node: FieldNode, parent: Any) -> int:
        name = node.name.value
        if name == "__typename":
            return 0
        definition = self._definition(parent, name)
        if definition is None:  # an introspection field
            return 1 + self.selection_cost(node.selection_set, None)
        children = self.selection_cost(
            node.selection_set, get_named_type(definition.type)
        )
        return 1 + self._page_size(definition, node) * children

    def _definition(self, parent: Any, name: str) -> GraphQLField | None:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            field: GraphQLField | None = parent.fields.get(name)
            return field
        return None

    def _page_size(self, definition: GraphQLField, node: FieldNode) -> int:
        if PAGE_ARGUMENT not in definition.args:
            return 1
        given = [a for a in node.arguments or () if a.name.value == PAGE_ARGUMENT]
        size = (
            value_from_ast_untyped(given[0].value, self.variables)
            if given
            else definition.args[PAGE_ARGUMENT].default_value
        )
        if not isinstance(size, int) or size < 0:
            return self.page_max  # unknown: the server may return its largest page
        return size


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    page_max: int,
) -> int:
    """The cost of the operation that will run (a valid document is assumed)."""
    operations = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (operation_name is None or (d.name and d.name.value == operation_name))
    ]
    if not operations:
        return 0
    operation = operations[0]
    root = schema.get_root_type(operation.operation)
    defaults = {
        d.variable.name.value: value_from_ast_untyped(d.default_value)
        for d in operation.variable_definitions or ()
        if d.default_value is not None
    }
    walker = _Walker(schema, document, {**defaults, **(variables or {})}, page_max)
    return walker.selection_cost(operation.selection_set, root)
