"""A body that ended (issue 13) is never offered new work, never reminded, and keeps its past."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Assignment, Organisation, Reminder
from tracker.services import directives, reminders, workspace
from tracker.services.actor import Actor

ENDED = "SO-LDTBXH"
LATE = date(2026, 12, 16)  # the 2026-H2 reports are due on 15/12


@pytest.fixture
def ended(seeded):
    """SO-LDTBXH ended on 01/3/2025; its assignments are left open, the worst case for a reminder."""
    people = {name: make_actor(seeded, name, role, org) for name, role, org in (
        ("ld", "agency", ENDED), ("yte", "agency", "SO-YTE"), ("leader", "leader", "BTV-TU"))}
    with session_scope(seeded) as s:
        org = s.exec(select(Organisation).where(Organisation.code == ENDED)).one()
        org.active, org.ended_on = False, date(2025, 3, 1)
        s.add(org)
    return seeded, people, org.id


def test_an_ended_body_is_never_reminded_by_the_sweep_or_its_dry_run(ended):
    engine, people, org_id = ended
    with session_scope(engine) as s:
        owed = reminders.decide(s, get_settings(), LATE)
        queued = reminders.sweep(s, get_settings(), LATE).queued
    assert queued and any(d.user.id == people["yte"].user_id for d in owed)
    assert not [d for d in owed if d.subject.org.id == org_id or d.user.id == people["ld"].user_id]
    with session_scope(engine) as s:
        to_ended = s.exec(select(Reminder).where(
            (Reminder.recipient_user_id == people["ld"].user_id) | (Reminder.recipient_org_id == org_id))).all()
    assert to_ended == []


def test_an_ended_body_gets_no_new_assignment_and_no_directive(ended):
    engine, people, org_id = ended
    with session_scope(engine) as s:
        with pytest.raises(InvalidInput, match=ENDED):
            workspace.assign(s, Actor.operator("tg", role="monitor"), workspace.AssignInput(
                task_code="III.4.a.3", organisation_codes=(ENDED,), role="lead", deadline=date(2030, 12, 31),
                report_cadence="semiannual", note=""), today=LATE)
    with session_scope(engine) as s:
        with pytest.raises(InvalidInput, match="ngừng hoạt động"):
            directives.write(s, people["leader"], "Đề nghị báo cáo.", organisation_id=org_id)
        handed = s.exec(select(Assignment).where(Assignment.organisation_id == org_id)).first()
        handed.cancelled_at = handed.created_at
        s.add(handed)
        s.flush()
        with pytest.raises(InvalidInput, match="chuyển giao"):
            directives.write(s, people["leader"], "Đề nghị báo cáo.", assignment_id=handed.id)
