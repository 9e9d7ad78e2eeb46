"""Every root field of the schema has a table of authorization cases.

The tables and their tests live in test_permissions_queries.py,
test_permissions_mutations.py, test_permissions_resume_queries.py,
test_permissions_resume_mutations.py, test_permissions_drive.py,
test_permissions_merges.py, test_permissions_jobs.py,
test_permissions_privacy.py, test_permissions_search.py, test_permissions_ops.py,
test_permissions_webhooks.py and test_permissions_subscriptions.py; a new
root field fails here until it has one.
"""

import importlib
import inspect
from pathlib import Path
from typing import Any

from graphql import build_schema as parse_sdl
from tortoise import Tortoise

from api.schema import build_schema
from domain.config import Settings
from tests.api.permission_cases import Caller
from tests.api.snapshots import SNAPSHOT_MODELS
from tests.api.test_permissions_drive import (
    DRIVE_MUTATION_MATRIX,
    DRIVE_QUERY_MATRIX,
)
from tests.api.test_permissions_jobs import JOB_MUTATION_MATRIX, JOB_QUERY_MATRIX
from tests.api.test_permissions_matches import MATCH_MUTATION_MATRIX
from tests.api.test_permissions_merges import (
    MERGE_MUTATION_MATRIX,
    MERGE_QUERY_MATRIX,
)
from tests.api.test_permissions_mutations import MUTATION_MATRIX
from tests.api.test_permissions_ops import OPS_QUERY_MATRIX
from tests.api.test_permissions_privacy import (
    PRIVACY_MUTATION_MATRIX,
    PRIVACY_QUERY_MATRIX,
)
from tests.api.test_permissions_queries import QUERY_MATRIX
from tests.api.test_permissions_resume_mutations import RESUME_MUTATION_MATRIX
from tests.api.test_permissions_resume_queries import RESUME_QUERY_MATRIX
from tests.api.test_permissions_search import (
    SEARCH_MUTATION_MATRIX,
    SEARCH_QUERY_MATRIX,
)
from tests.api.test_permissions_subscriptions import SUBSCRIPTION_MATRIX
from tests.api.test_permissions_webhooks import (
    WEBHOOK_MUTATION_MATRIX,
    WEBHOOK_QUERY_MATRIX,
)

QUERIES = {
    **QUERY_MATRIX,
    **RESUME_QUERY_MATRIX,
    **DRIVE_QUERY_MATRIX,
    **MERGE_QUERY_MATRIX,
    **JOB_QUERY_MATRIX,
    **PRIVACY_QUERY_MATRIX,
    **SEARCH_QUERY_MATRIX,
    **OPS_QUERY_MATRIX,
    **WEBHOOK_QUERY_MATRIX,
}
MUTATIONS = {
    **MUTATION_MATRIX,
    **RESUME_MUTATION_MATRIX,
    **DRIVE_MUTATION_MATRIX,
    **MERGE_MUTATION_MATRIX,
    **JOB_MUTATION_MATRIX,
    **MATCH_MUTATION_MATRIX,
    **PRIVACY_MUTATION_MATRIX,
    **SEARCH_MUTATION_MATRIX,
    **WEBHOOK_MUTATION_MATRIX,
}
EVERY_TABLE = {**QUERIES, **MUTATIONS, **SUBSCRIPTION_MATRIX}
SIGN_IN_FIELDS = {"login"}  # its cases are anonymous sign-in attempts
CORE_CALLERS = {
    Caller.ANONYMOUS,
    Caller.CANDIDATE,
    Caller.OTHER,
    Caller.OWNER,
    Caller.ADMIN,
}
KEY_CALLERS = {caller for caller in Caller if "api_key" in caller}


def _root_fields() -> dict[str, set[str]]:
    schema = parse_sdl(build_schema(Settings(_env_file=None)).as_str())
    roots = {
        "Query": schema.query_type,
        "Mutation": schema.mutation_type,
        "Subscription": schema.subscription_type,
    }
    return {name: set(root.fields) if root else set() for name, root in roots.items()}


def _callers(table: list[Any]) -> set[Caller]:
    return {param.values[0] for param in table}


def test_every_root_field_has_a_table_of_authorization_cases():
    assert _root_fields() == {
        "Query": set(QUERIES),
        "Mutation": set(MUTATIONS),
        "Subscription": set(SUBSCRIPTION_MATRIX),
    }


def test_every_table_covers_the_core_callers_and_an_api_key():
    gaps = {
        field: sorted(CORE_CALLERS - _callers(table))
        + ([] if _callers(table) & KEY_CALLERS else ["an API key"])
        for field, table in EVERY_TABLE.items()
        if field not in SIGN_IN_FIELDS
    }
    assert {field: gap for field, gap in gaps.items() if gap} == {}


def test_every_field_needing_a_scope_is_tried_with_and_without_it():
    scoped = {
        field
        for field, table in EVERY_TABLE.items()
        if Caller.KEY_WITH_SCOPE in _callers(table)
        or Caller.ADMIN_KEY_WITH_SCOPE in _callers(table)
    }
    unpaired = {
        field
        for field in scoped
        if not {Caller.KEY_WITHOUT_SCOPE, Caller.ADMIN_KEY_WITHOUT_SCOPE}
        & _callers(EVERY_TABLE[field])
    }
    assert unpaired == set()


def _parametrized_cases() -> set[int]:
    """The ids of every case that a test in tests/api or tests/drive is
    parametrized with."""
    used: set[int] = set()
    here = Path(__file__).parent
    for path in [*here.glob("test_*.py"), *here.parent.glob("drive/test_*.py")]:
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        for _, function in inspect.getmembers(module, inspect.isfunction):
            for mark in getattr(function, "pytestmark", []):
                if mark.name == "parametrize" and len(mark.args) > 1:
                    used.update(id(case) for case in mark.args[1])
    return used


def test_every_case_of_every_table_is_run_by_a_test():
    # A case that no test runs would pass the checks above without a call.
    used = _parametrized_cases()
    unrun = {
        field: [case.id for case in table if id(case) not in used]
        for field, table in EVERY_TABLE.items()
    }
    assert {field: ids for field, ids in unrun.items() if ids} == {}


async def test_denied_calls_are_checked_against_every_table(db):
    # `snapshot` (what a denied call must leave unchanged) covers every model.
    models = {model for app in Tortoise.apps.values() for model in app.values()}
    assert {m.__name__ for m in models - SNAPSHOT_MODELS} == set()
