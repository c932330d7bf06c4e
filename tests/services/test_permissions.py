"""The permission matrix: every role x every operation x own body / other body.

EXPECTED is written from the issue's role descriptions, independently of tracker's POLICY table,
so that a change to the policy which the roles do not allow shows up here.
"""

import itertools

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.models import AuditEvent, Organisation
from tracker.services import organisations, users
from tracker.services.audit import Actor
from tracker.services.permissions import POLICY, PermissionDenied, allowed

OWN, OTHER = 10, 20
ROLES = ("admin", "leader", "monitor", "agency")
READS = {"program.read", "assignment.read", "action.read", "evidence.read", "report.read", "directive.read",
         "audit.read", "dashboard.read"}
WRITES = set(POLICY) - READS

# (role, operation) -> (allowed on its own body's record, allowed on another body's record)
EXPECTED: dict[tuple[str, str], tuple[bool, bool]] = {}
for role, op in itertools.product(ROLES, POLICY):
    EXPECTED[role, op] = (False, False)
for role in ROLES:
    EXPECTED[role, "program.read"] = (True, True)
for op in ("user.manage", "organisation.manage"):
    EXPECTED["admin", op] = (True, True)
for op in ("assignment.read", "action.read", "evidence.read", "report.read", "directive.read"):
    for role in ("admin", "leader", "monitor"):
        EXPECTED[role, op] = (True, True)
    EXPECTED["agency", op] = (True, False)
for role in ("admin", "monitor"):
    EXPECTED[role, "audit.read"] = (True, True)
    EXPECTED[role, "assignment.manage"] = (True, True)
for op in ("action.write", "evidence.write", "extension.request", "report.write", "target_value.write"):
    EXPECTED["agency", op] = (True, False)
for op in ("extension.decide", "report.review", "urge", "summary.build"):
    EXPECTED["monitor", op] = (True, True)
for op in ("action.import", "target_value.import"):
    EXPECTED["monitor", op] = (True, True)
    EXPECTED["agency", op] = (True, False)
EXPECTED["leader", "directive.write"] = (True, True)
for role in ("leader", "monitor"):
    EXPECTED[role, "directive.reply"] = (True, True)
    EXPECTED[role, "dashboard.read"] = (True, True)
EXPECTED["agency", "directive.reply"] = (True, False)


@pytest.mark.parametrize(("role", "operation"), sorted(EXPECTED), ids=lambda v: str(v))
def test_policy_matches_the_roles(role, operation):
    actor = Actor(user_id=1, username="u", role=role, organisation_id=OWN)
    assert (allowed(actor, operation, OWN), allowed(actor, operation, OTHER)) == EXPECTED[role, operation]


def test_every_cross_body_write_by_an_agency_is_denied():
    actor = Actor(user_id=1, username="u", role="agency", organisation_id=OWN)
    assert not [op for op in WRITES if allowed(actor, op, OTHER)]


def test_unknown_operations_and_roles_are_denied():
    assert not allowed(Actor(1, "u", "admin", OWN), "anything.else", OWN)
    assert not allowed(Actor(1, "u", "superuser", OWN), "program.read", OWN)
    assert not allowed(Actor(1, "u", "agency", None), "action.write", None)


# Real service calls: each operation that exists, for each role, must allow or deny as the matrix says.
def _add_user(s, actor):
    users.add_user(s, actor, "new.user", "agency", "HU-SINHO", password="mat-khau-dai-2026")


def _rename(s, actor):
    organisations.rename(s, actor, "HU-SINHO", "Huyện ủy Sìn Hồ (đổi tên)")


def _merge(s, actor):
    organisations.merge(s, actor, "HU-NAMNHUN", "HU-MUONGTE")


def _list(s, actor):
    users.list_users(s, actor)


SERVICE_CALLS = {"user.manage": [_add_user, _list], "organisation.manage": [_rename, _merge]}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(SERVICE_CALLS))
def test_services_enforce_the_matrix_and_audit_refusals(seeded, role, operation):
    with session_scope(seeded) as s:
        own = s.exec(select(Organisation).where(Organisation.code == "HU-SINHO")).one().id
    actor = Actor(user_id=None, username=f"{role}.user", role=role, organisation_id=own)
    for call in SERVICE_CALLS[operation]:
        if EXPECTED[role, operation][0]:
            with session_scope(seeded) as s:
                call(s, actor)
            continue
        with pytest.raises(PermissionDenied):
            with session_scope(seeded) as s:
                call(s, actor)
        with session_scope(seeded) as s:
            last = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
            assert (last.action, last.summary["operation"], last.summary["role"]) == ("permission_denied", operation, role)
