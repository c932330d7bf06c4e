"""Logging actions: validation in Vietnamese, own body only, progress kept up to date, audited."""

from datetime import date

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Action, Assignment, AuditEvent, Organisation, Task
from tracker.services import actions
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied

TODAY = date(2026, 11, 29)


@pytest.fixture
def ctx(seeded):
    """An agency of HU-SINHO, its assignment on III.1.1, and an assignment of SO-YTE."""
    with session_scope(seeded) as s:
        def assignment(org_code, task_code):
            return s.exec(select(Assignment).join(Organisation).join(Task, Task.id == Assignment.task_id)
                          .where(Organisation.code == org_code, Task.code == task_code)).one()
        own = assignment("HU-SINHO", "III.1.1")
        s.get(Task, own.task_id).ongoing = False  # a deliverable task: 100 % completes it (ongoing ones: never)
        other = assignment("SO-YTE", "III.6.b.1")
        actor = Actor(user_id=None, username="sinho", role="agency", organisation_id=own.organisation_id)
        return seeded, actor, own.id, other.id


def log(engine, actor, assignment_id, **fields):
    data = ActionInput(**{"acted_on": date(2026, 3, 5), "description": "Ban hành kế hoạch tuyên truyền",
                          "progress_pct": 30, "doc_number": "45-KH/HU", "doc_date": date(2026, 3, 5), **fields})
    with session_scope(engine) as s:
        return actions.log_action(s, actor, assignment_id, data, today=TODAY).id


def test_logging_updates_progress_and_completion(ctx):
    engine, actor, own, _ = ctx
    log(engine, actor, own)
    with session_scope(engine) as s:
        a = s.get(Assignment, own)
        assert (a.progress_pct, a.completed_on) == (30, None) and a.last_action_at is not None
    log(engine, actor, own, acted_on=date(2026, 9, 1), progress_pct=100, doc_number="60-BC/HU",
        doc_date=date(2026, 9, 1))
    with session_scope(engine) as s:
        a = s.get(Assignment, own)
        assert (a.progress_pct, a.completed_on) == (100, date(2026, 9, 1))
        assert [r["progress_pct"] for r in actions.list_actions(s, actor, own)] == [100, 30]


def test_action_and_audit_event_share_one_transaction(ctx):
    engine, actor, own, _ = ctx
    with pytest.raises(RuntimeError):
        with session_scope(engine) as s:
            actions.log_action(s, actor, own, ActionInput(date(2026, 3, 5), "Hội nghị quán triệt", 20), today=TODAY)
            raise RuntimeError("crash before commit")
    with session_scope(engine) as s:
        assert s.exec(select(Action)).all() == []
        assert s.exec(select(AuditEvent).where(AuditEvent.object_type == "action")).all() == []
    action_id = log(engine, actor, own)
    with session_scope(engine) as s:
        event = s.exec(select(AuditEvent).where(AuditEvent.object_type == "action")).one()
        assert event.object_id == str(action_id) and event.summary["after"]["progress_pct"] == 30


@pytest.mark.parametrize(("fields", "message"), [
    ({"description": "   "}, "không được để trống"),
    ({"progress_pct": 101}, "từ 0 đến 100"),
    ({"progress_pct": -5}, "từ 0 đến 100"),
    ({"acted_on": date(2026, 12, 1)}, "ở tương lai"),
    ({"doc_date": date(2027, 1, 1)}, "ở tương lai"),
    ({"doc_number": "12/KH\x0b5"}, "ký tự điều khiển"),  # a line break in a one-line field; other controls are dropped
    ({"doc_number": "", "doc_date": date(2026, 3, 1)}, "số, ký hiệu"),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(ctx, fields, message):
    engine, actor, own, _ = ctx
    with pytest.raises(InvalidInput, match=message):
        log(engine, actor, own, **fields)
    with session_scope(engine) as s:
        assert s.exec(select(Action)).all() == [] and s.get(Assignment, own).progress_pct == 0


def test_another_bodys_assignment_is_refused_and_audited(ctx):
    engine, actor, _, other = ctx
    with pytest.raises(PermissionDenied):
        log(engine, actor, other)
    with session_scope(engine) as s:
        assert s.exec(select(Action)).all() == []
        event = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.object_type, event.object_id) == ("permission_denied", "assignment", str(other))
    with pytest.raises(PermissionDenied):
        with session_scope(engine) as s:
            actions.list_actions(s, actor, other)


@pytest.mark.parametrize("role", ["admin", "leader", "monitor"])
def test_overseers_do_not_write_a_bodys_actions(ctx, role):
    engine, actor, own, _ = ctx
    overseer = Actor(None, role, role, actor.organisation_id)
    with pytest.raises(PermissionDenied):
        log(engine, overseer, own)
