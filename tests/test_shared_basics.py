"""Shared basics live in homes of their own, not inside the feature modules that first needed them."""

import ast

import pytest

from tracker import clock, errors
from tracker.config import PROJECT_ROOT
from tracker.cli import user_cmd
from tracker.services import actions, audit, audit_log, permissions
from tracker.services.actor import Actor


def _imports(module: str) -> set[str]:
    """Every module ``module`` imports, at the top or late inside a function (``from a import b``: a.b)."""
    tree = ast.parse((PROJECT_ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_clock_and_input_error_have_their_own_homes():
    assert actions.local_today is clock.local_today and actions.InvalidInput is errors.InvalidInput
    assert issubclass(errors.InvalidInput, errors.TrackerError)
    assert clock.utcnow().tzinfo is not None


def test_one_operator_actor_for_the_cli_the_demo_and_tests(monkeypatch):
    operator = Actor.operator("root")
    assert (operator.user_id, operator.organisation_id, operator.role) == (None, None, "admin")
    assert permissions.allowed(operator, "user.manage")
    assert Actor.operator("cli:report", role="monitor").role == "monitor"
    monkeypatch.setenv("USER", "thu")
    assert user_cmd._cli_actor() == Actor.operator("cli:thu")
    assert not hasattr(Actor, "system")  # a role every permission refused, used by nothing


def test_the_audit_chain_is_apart_from_the_audit_page_queries():
    assert not hasattr(audit, "search_events") and not hasattr(audit, "events_csv")
    assert callable(audit_log.search_events) and callable(audit_log.events_csv)


@pytest.mark.parametrize(("module", "other"), [
    ("tracker.services.audit", "tracker.services.permissions"),  # permissions records refusals in the chain
    ("tracker.ui.session", "tracker.ui.notices_page"),  # the sidebar's unread count is a data read
])
def test_no_import_circle(module, other):
    assert module in _imports(other) and other not in _imports(module)
