"""schema.graphql is the exported SDL: it must match the code."""

from pathlib import Path

from graphql import get_named_type

from api.export_schema import schema_sdl
from api.schema import build_schema
from domain.config import Settings

SDL_PATH = Path(__file__).parents[2] / "schema.graphql"


def test_schema_graphql_matches_the_code():
    assert SDL_PATH.read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql is out of date: run `make schema` and commit it"
    )


def test_mutations_take_one_input_and_return_a_payload_with_user_errors():
    schema = build_schema(Settings(_env_file=None))._schema
    mutations = schema.mutation_type.fields
    assert len(mutations) == 36
    for name, field in mutations.items():
        expected_input = name[0].upper() + name[1:] + "Input"
        assert list(field.args) == ["input"], name
        assert str(field.args["input"].type) == f"{expected_input}!", name
        payload = get_named_type(field.type)
        assert payload.name.endswith("Payload"), name
        assert str(payload.fields["userErrors"].type) == "[UserError!]!", name
