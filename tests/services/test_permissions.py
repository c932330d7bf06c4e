"""The permission matrix: every role x every operation x own body / other body.

EXPECTED is written from the issue's role descriptions, independently of tracker's POLICY table,
so that a change to the policy which the roles do not allow shows up here.
"""

import itertools
from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.models import Assignment, AuditEvent, Organisation, Program, Target, Task, User
from tracker.services import actions, baselines, imports, organisations, programs, reorganisation, target_values, users
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor
from tracker.services.permissions import POLICY, PermissionDenied, allowed
from tracker.services.target_values import ValueInput

OWN, OTHER = 10, 20
ROLES = ("admin", "leader", "monitor", "agency")
READS = {"program.read", "assignment.read", "action.read", "evidence.read", "report.read", "directive.read",
         "audit.read", "dashboard.read", "implementation.read"}
WRITES = set(POLICY) - READS

# (role, operation) -> (allowed on its own body's record, allowed on another body's record)
EXPECTED: dict[tuple[str, str], tuple[bool, bool]] = {}
for role, op in itertools.product(ROLES, POLICY):
    EXPECTED[role, op] = (False, False)
for role in ROLES:
    EXPECTED[role, "program.read"] = (True, True)
for op in ("user.manage", "organisation.manage"):
    EXPECTED["admin", op] = (True, True)
for op in ("assignment.read", "action.read", "evidence.read", "report.read", "directive.read", "implementation.read"):
    for role in ("admin", "leader", "monitor"):
        EXPECTED[role, op] = (True, True)
    EXPECTED["agency", op] = (True, False)
for role in ("admin", "monitor"):
    EXPECTED[role, "audit.read"] = (True, True)
    EXPECTED[role, "assignment.manage"] = (True, True)
    EXPECTED[role, "program.manage"] = (True, True)
for op in ("action.write", "evidence.write", "extension.request", "report.write", "target_value.write"):
    EXPECTED["agency", op] = (True, False)
for op in ("extension.decide", "report.review", "urge", "summary.build"):
    EXPECTED["monitor", op] = (True, True)
EXPECTED["agency", "implementation.write"] = (True, False)
EXPECTED["monitor", "implementation.write"] = (True, True)  # "Triển khai thực hiện" for any body
EXPECTED["monitor", "target_value.write"] = (True, True)  # "Số liệu chỉ tiêu (import)" for any body
EXPECTED["monitor", "target.manage"] = (True, True)  # baselines
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
# Each call returns what its effect is seen by: the call's result or the rows it changed, read back.
def _body(s, code: str) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def _add_user(s, actor):
    users.add_user(s, actor, "new.user", "agency", "HU-SINHO", password="mat-khau-dai-2026")
    user = s.exec(select(User).where(User.username == "new.user")).one()
    return user.role, user.organisation_id == _body(s, "HU-SINHO").id


def _list(s, actor):
    return sorted(u["username"] for u in users.list_users(s, actor))


def _rename(s, actor):
    organisations.rename(s, actor, "HU-SINHO", "Huyện ủy Sìn Hồ (đổi tên)")
    return _body(s, "HU-SINHO").name


def _merge(s, actor):
    reorganisation.merge(s, actor, "HU-NAMNHUN", "HU-MUONGTE")
    merged = _body(s, "HU-NAMNHUN")
    return merged.active, merged.successor_id == _body(s, "HU-MUONGTE").id


def _program_number(s, actor):
    program = s.exec(select(Program)).one()
    programs.update_details(s, actor, program.id, number="25", issued_on=program.issued_on, signer=program.signer,
                            signer_title=program.signer_title)
    s.flush()
    return s.exec(select(Program.number)).one()


def _plan(s, actor):
    from tracker.services import implementation

    row = implementation.record(s, actor, actor.organisation_id, "plan",
                                implementation.RecordInput(date(2026, 3, 1), doc_number="45-KH/HU"))
    return row.doc_number


def _baseline(s, actor):
    target = s.exec(select(Target).where(Target.code == "T04")).one()
    baselines.set_baseline(s, actor, target.id, 20.0, 2024, "Niên giám thống kê 2024")
    s.flush()
    return s.exec(select(Target.baseline_value).where(Target.code == "T04")).one()


SERVICE_CALLS = {  # operation -> [(call, what an allowed call shows)]
    "user.manage": [(_add_user, ("agency", True)),
                    (_list, lambda s: sorted(s.exec(select(User.username)).all()))],
    "organisation.manage": [(_rename, "Huyện ủy Sìn Hồ (đổi tên)"), (_merge, (False, True))],
    "implementation.write": [(_plan, "45-KH/HU")],
    "program.manage": [(_program_number, "25-CTr/TU")],
    "target.manage": [(_baseline, 20.0)],
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(SERVICE_CALLS))
def test_services_enforce_the_matrix_and_audit_refusals(seeded, role, operation):
    with session_scope(seeded) as s:
        own = s.exec(select(Organisation).where(Organisation.code == "HU-SINHO")).one().id
    actor = Actor(user_id=None, username=f"{role}.user", role=role, organisation_id=own)
    for call, effect in SERVICE_CALLS[operation]:
        if EXPECTED[role, operation][0]:
            with session_scope(seeded) as s:
                shown = call(s, actor)
            with session_scope(seeded) as s:
                assert shown == (effect(s) if callable(effect) else effect), call.__name__
            continue
        with pytest.raises(PermissionDenied):
            with session_scope(seeded) as s:
                call(s, actor)
        with session_scope(seeded) as s:
            last = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
            assert (last.action, last.summary["operation"], last.summary["role"]) == ("permission_denied", operation, role)


# One rule whatever the path: a record the form refuses is refused by the bulk import, and the reverse.
TODAY = date(2026, 11, 29)
PATH_CASES = {  # kind -> (own record, another body's record): (task or target code, body code)
    "actions": (("III.1.1", "HU-SINHO"), ("III.6.b.1", "SO-YTE")),
    "values": (("T02", "SO-LDTBXH"), ("T33", "SO-XD")),
}


def _key(s, kind: str, code: str, body: str) -> int:
    if kind == "values":
        return s.exec(select(Target.id).where(Target.code == code)).one()
    return s.exec(select(Assignment.id).join(Task, Task.id == Assignment.task_id)
                  .join(Organisation, Organisation.id == Assignment.organisation_id)
                  .where(Task.code == code, Organisation.code == body)).one()


def _parsed(kind: str):
    if kind == "actions":
        return ActionInput(acted_on=date(2026, 3, 5), description="Hoàn thành", progress_pct=100)
    return ValueInput(period="2026-H1", measured_on=date(2026, 6, 30), value=1.0)


def _by_form(engine, actor, kind: str, key: int) -> bool:
    write = actions.log_action if kind == "actions" else target_values.record
    try:
        with session_scope(engine) as s:
            write(s, actor, key, _parsed(kind), today=TODAY)
    except PermissionDenied:
        return False
    return True


def _by_import(engine, actor, kind: str, code: str, body: str, key: int) -> tuple[bool, bool]:
    """(the preview accepts the row, the commit writes it even when handed a row the preview refused)."""
    if kind == "actions":
        content, preview = (f"Mã nhiệm vụ,Mã cơ quan,Ngày thực hiện,Nội dung,Tiến độ\n"
                            f"{code},{body},05/03/2026,Hoàn thành,100\n"), imports.preview_actions
    else:
        content, preview = f"Mã chỉ tiêu,Kỳ,Ngày số liệu,Giá trị\n{code},2026-H1,30/06/2026,1\n", imports.preview_values
    with session_scope(engine) as s:
        (row,) = preview(s, actor, "x.csv", content.encode(), TODAY)
    assert row.ok or "Không có quyền" in row.errors[0], row.errors
    try:
        with session_scope(engine) as s:
            imports.commit(s, actor, [imports.RowResult(2, {}, parsed=_parsed(kind), key=key)], kind, TODAY)
    except PermissionDenied:
        return row.ok, False
    return row.ok, True


@pytest.mark.parametrize("role", ROLES)
def test_the_form_and_the_bulk_import_follow_one_rule(seeded, role):
    for kind, (own, other) in PATH_CASES.items():
        actor = make_actor(seeded, f"{role}.{kind}", role, own[1] if role == "agency" else "BTG-TU")
        operation = imports.WRITES[kind]
        for (code, body), expected in zip((own, other), EXPECTED[role, operation], strict=True):
            with session_scope(seeded) as s:
                key = _key(s, kind, code, body)
            form = _by_form(seeded, actor, kind, key)
            assert (form, *_by_import(seeded, actor, kind, code, body, key)) == (expected,) * 3, (kind, code, body)
        if role == "monitor":
            assert imports.kinds(actor) == ["values"], "the import offers the monitor values only"
