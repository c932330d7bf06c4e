"""The report loop: draft, submit, return with a reason, resubmit as a new version, accept."""

from datetime import date, datetime, timezone

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, AuditEvent, Organisation, Task
from tracker.services import actions, reports
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied

SECTION = {"III.1": {"done": "Tổ chức 12 hội nghị quán triệt", "results": "100% chi bộ được quán triệt",
                     "difficulties": "Địa bàn rộng", "proposals": "Bổ sung kinh phí"}}


def org_id(s, code):
    return s.exec(select(Organisation.id).where(Organisation.code == code)).one()


@pytest.fixture
def people(seeded):
    with session_scope(seeded) as s:
        sinho, yte, btg = org_id(s, "HU-SINHO"), org_id(s, "SO-YTE"), org_id(s, "BTG-TU")
    return seeded, {"agency": Actor(None, "sinho", "agency", sinho), "other": Actor(None, "yte", "agency", yte),
                    "monitor": Actor(None, "tg", "monitor", btg), "leader": Actor(None, "ld", "leader", btg)}


def call(engine, fn, *args, **kwargs):
    with session_scope(engine) as s:
        return fn(s, *args, **kwargs)


def test_the_whole_loop_keeps_every_version(people):
    engine, p = people
    report = call(engine, reports.open_report, p["agency"], p["agency"].organisation_id, "2026-H1")
    assert report.due_on == date(2026, 6, 15) and report.state == "draft"
    with pytest.raises(InvalidInput, match="chưa có nội dung"):
        call(engine, reports.submit, p["agency"], report.id)
    call(engine, reports.save_draft, p["agency"], report.id, {"sections": SECTION})
    call(engine, reports.submit, p["agency"], report.id, now=datetime(2026, 6, 10, 3, tzinfo=timezone.utc))
    with pytest.raises(InvalidInput, match="lý do"):
        call(engine, reports.review, p["monitor"], report.id, accept=False, reason="  ")
    call(engine, reports.review, p["monitor"], report.id, accept=False, reason="Thiếu số liệu chỉ tiêu")
    with pytest.raises(TrackerError, match="đã nộp"):
        call(engine, reports.review, p["monitor"], report.id, accept=True)
    revised = {"sections": {"III.1": {**SECTION["III.1"], "results": "100% chi bộ; 3.200 đảng viên"}}}
    call(engine, reports.save_draft, p["agency"], report.id, revised)
    resubmitted = call(engine, reports.submit, p["agency"], report.id, now=datetime(2026, 6, 20, tzinfo=timezone.utc))
    assert resubmitted.version == 2
    accepted = call(engine, reports.review, p["monitor"], report.id, accept=True)
    assert accepted.state == "accepted"
    history = call(engine, reports.revisions, p["leader"], report.id)
    assert [(h["version"], h["state"]) for h in history] == [(1, "submitted"), (1, "returned"), (2, "submitted"),
                                                             (2, "accepted")]
    assert history[1]["note"] == "Thiếu số liệu chỉ tiêu"
    assert history[0]["content"]["sections"]["III.1"]["results"] == "100% chi bộ được quán triệt"
    assert history[2]["content"]["sections"]["III.1"]["results"] == "100% chi bộ; 3.200 đảng viên"


@pytest.mark.parametrize(("state", "submitted", "today", "expected"), [
    (None, None, date(2026, 5, 1), "not_due"),
    (None, None, date(2026, 6, 10), "due"),
    ("draft", None, date(2026, 6, 16), "overdue"),
    ("submitted", date(2026, 6, 15), date(2026, 7, 1), "submitted_on_time"),
    ("submitted", date(2026, 6, 16), date(2026, 7, 1), "submitted_late"),
    ("accepted", date(2026, 6, 1), date(2026, 7, 1), "accepted"),
    ("returned", date(2026, 6, 1), date(2026, 7, 1), "returned"),
])
def test_official_report_states(state, submitted, today, expected):
    assert reports.display_state(state, date(2026, 6, 15), submitted, today) == expected
    assert reports.STATE_LABELS[expected]


def test_inbox_lists_submitted_reports_for_the_monitor_only(people):
    engine, p = people
    report = call(engine, reports.open_report, p["agency"], p["agency"].organisation_id, "2026-H2")
    call(engine, reports.save_draft, p["agency"], report.id, {"sections": SECTION})
    call(engine, reports.submit, p["agency"], report.id)
    rows = call(engine, reports.inbox, p["monitor"], today=date(2026, 11, 29))
    assert [(r["organisation"], r["period"], r["state"]) for r in rows] == [("HU-SINHO", "2026-H2", "submitted_on_time")]
    for role in ("agency", "leader"):
        with pytest.raises(PermissionDenied):
            call(engine, reports.inbox, p[role])


def test_other_bodies_cannot_touch_a_report(people):
    engine, p = people
    report = call(engine, reports.open_report, p["agency"], p["agency"].organisation_id, "2026-H1")
    for fn, args in ((reports.save_draft, (report.id, {"sections": SECTION})), (reports.submit, (report.id,)),
                     (reports.revisions, (report.id,))):
        with pytest.raises(PermissionDenied):
            call(engine, fn, p["other"], *args)
    with pytest.raises(PermissionDenied):
        call(engine, reports.open_report, p["other"], p["agency"].organisation_id, "2026-H1")
    with pytest.raises(PermissionDenied):
        call(engine, reports.review, p["agency"], report.id, accept=True)


def test_linking_another_bodys_action_is_refused_and_audited(people):
    engine, p = people
    with session_scope(engine) as s:
        theirs = s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id).where(
            Assignment.organisation_id == p["other"].organisation_id)).first()
        foreign = actions.log_action(s, p["other"], theirs.id, ActionInput(date(2026, 3, 1), "Khám sàng lọc", 20),
                                     today=date(2026, 11, 29)).id
    report = call(engine, reports.open_report, p["agency"], p["agency"].organisation_id, "2026-H1")
    with pytest.raises(PermissionDenied):
        call(engine, reports.save_draft, p["agency"], report.id, {"sections": SECTION, "action_ids": [foreign]})
    with session_scope(engine) as s:
        event = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.object_type, event.object_id) == ("permission_denied", "action", str(foreign))


def test_unknown_group_and_bad_period_are_clear_messages(people):
    engine, p = people
    with pytest.raises(TrackerError, match="Kỳ báo cáo"):
        call(engine, reports.open_report, p["agency"], p["agency"].organisation_id, "2026-H3")
    report = call(engine, reports.open_report, p["agency"], p["agency"].organisation_id, "2026-H1")
    with pytest.raises(InvalidInput, match="III.10"):
        call(engine, reports.save_draft, p["agency"], report.id, {"sections": {"III.10": {"done": "x"}}})
