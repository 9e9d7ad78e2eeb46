"""Viewer roles and scopes (pure)."""

from uuid import uuid4

from domain.access import Scope, Viewer
from domain.models import Role


def test_signed_in_user_has_every_scope_and_a_key_only_its_own():
    user = Viewer(user_id=uuid4(), role=Role.RECRUITER)
    key = Viewer(
        user_id=uuid4(), role=Role.RECRUITER, scopes=frozenset({Scope.CANDIDATES_READ})
    )
    assert all(user.has_scope(s) for s in Scope)
    assert [s for s in Scope if key.has_scope(s)] == [Scope.CANDIDATES_READ]


def test_anonymous_has_no_scope_and_system_acts_as_admin():
    assert not any(Viewer.anonymous().has_scope(s) for s in Scope)
    system = Viewer.system()
    assert (system.is_authenticated, system.is_admin, system.user_id) == (
        True,
        True,
        None,
    )
