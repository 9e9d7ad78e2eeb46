"""STYLE.md: only domain/access.py and domain/models/ query scoped models directly;
everything else starts from an `access.visible_*`-like scope, so a forgotten
check cannot read another recruiter's rows. The scoped models are read from
access.py itself: every model one of its functions returns a QuerySet of."""

import ast
from pathlib import Path

ROOT = Path(__file__).parents[2]
EXEMPT = ("domain/access.py", "domain/models/")
QUERY_METHODS = frozenset(
    {
        "all",
        "exclude",
        "filter",
        "first",
        "get",
        "get_or_create",
        "get_or_none",
        "in_bulk",
        "raw",
        "select_for_update",
        "update_or_create",
    }
)
ERASURE = (
    "erasure reaches every row of a person the caller was checked to erase"
    " (erasable_candidates), merged and already erased profiles included,"
    " which the read scopes hide"
)
EXPORT = (
    "the export gathers every row about a person the caller was checked to"
    " see (candidates_with_merged), closed flags and merges of merged"
    " profiles included, which the read scopes hide"
)
# (file, model, method): why this call may not go through a scope.
ALLOWED = {
    ("domain/auth.py", "User", "get_or_none"): (
        "turns a token into the viewer: there is no viewer to scope by yet"
    ),
    ("domain/users.py", "User", "get_or_none"): (
        "sign-in and the CLI find a user by e-mail before anyone is signed in"
    ),
    ("domain/pools.py", "User", "get_or_none"): (
        "sharing a pool finds the grantee by the e-mail the owner typed; the "
        "owner cannot see that user before the grant"
    ),
    ("domain/candidates/merges.py", "CandidateDuplicate", "get_or_create"): (
        "the system flags a pair of candidates of one pool while saving a resume"
    ),
    ("domain/candidates/merges.py", "CandidateDuplicate", "filter"): (
        "resolves the flags of a pair the caller was checked to edit; the "
        "visible scope holds open flags only and undo must reopen closed ones"
    ),
    ("domain/privacy/erase.py", "Candidate", "filter"): ERASURE,
    ("domain/privacy/erase.py", "CandidateDuplicate", "filter"): ERASURE,
    ("domain/privacy/erase.py", "CandidateMerge", "filter"): ERASURE,
    ("domain/privacy/erase.py", "Match", "filter"): ERASURE,
    ("domain/privacy/erase.py", "Resume", "filter"): ERASURE,
    ("domain/privacy/export.py", "AuditEntry", "filter"): EXPORT,
    ("domain/privacy/export.py", "CandidateDuplicate", "filter"): EXPORT,
    ("domain/privacy/export.py", "CandidateMerge", "filter"): EXPORT,
    ("domain/notifications.py", "Notification", "update_or_create"): (
        "the system writes a notice to its recipient (a write, not a read)"
    ),
}


def _scoped_models() -> set[str]:
    tree = ast.parse((ROOT / "domain/access.py").read_text())
    models = set()
    for node in ast.walk(tree):
        returns = getattr(node, "returns", None)
        if (
            isinstance(returns, ast.Subscript)
            and isinstance(returns.value, ast.Name)
            and returns.value.id == "QuerySet"
            and isinstance(returns.slice, ast.Name)
        ):
            models.add(returns.slice.id)
    return models


def _direct_queries(
    models: set[str], root: Path = ROOT
) -> set[tuple[str, str, str, int]]:
    found = set()
    for layer in ("api", "domain", "workers"):
        for path in sorted((root / layer).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if relative.startswith(EXEMPT):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in QUERY_METHODS
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in models
                ):
                    found.add(
                        (relative, node.func.value.id, node.func.attr, node.lineno)
                    )
    return found


def test_access_scopes_name_the_scoped_models():
    assert {"Candidate", "Pool", "Resume", "Job", "Match", "User"} <= _scoped_models()


def test_scoped_models_are_queried_only_through_access_scopes():
    bypasses = sorted(
        f"{path}:{line} {model}.{method}()"
        for path, model, method, line in _direct_queries(_scoped_models())
        if (path, model, method) not in ALLOWED
    )
    assert bypasses == []


def test_every_allowed_bypass_still_exists():
    # A fixed bypass leaves its allowance behind; remove it so it cannot cover
    # a new one.
    used = {(p, m, method) for p, m, method, _ in _direct_queries(_scoped_models())}
    assert set(ALLOWED) - used == set()


def test_the_check_catches_a_bypass_and_spares_access_py(tmp_path):
    (tmp_path / "domain" / "models").mkdir(parents=True)
    bypass = "async def f(x):\n    return await Candidate.filter(id=x)\n"
    for name in ("api/probe.py", "domain/access.py", "domain/models/probe.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(bypass)
    found = _direct_queries(_scoped_models(), root=tmp_path)
    assert found == {("api/probe.py", "Candidate", "filter", 2)}
