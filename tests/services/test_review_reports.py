"""A body's own review at a sơ kết / tổng kết milestone: the periodic report's loop, its own parts kept."""

from datetime import date, datetime, timezone

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.errors import TrackerError
from tracker.models import Milestone, Organisation, Report
from tracker.services import reports
from tracker.services.actor import Actor

SECTION = {"III.1": {"done": "Quán triệt Nghị quyết 42 tới 100% chi bộ", "results": "3.200 đảng viên"}}
REVIEW = {"overall": "Ưu điểm: vào cuộc đồng bộ. Hạn chế: nguồn lực còn hạn chế.",
          "lessons": "Phát huy vai trò người đứng đầu."}


@pytest.fixture
def people(seeded):
    with session_scope(seeded) as s:
        def org(code):
            return s.exec(select(Organisation.id).where(Organisation.code == code)).one()
        milestones = {m.kind: m.id for m in s.exec(select(Milestone))}
        sinho, btg = org("HU-SINHO"), org("BTG-TU")
    return seeded, milestones, Actor(None, "sinho", "agency", sinho), Actor(None, "tg", "monitor", btg)


def call(engine, fn, *args, **kwargs):
    with session_scope(engine) as s:
        return fn(s, *args, **kwargs)


def test_open_submit_return_resubmit_accept_the_preliminary_review(people):
    engine, milestones, agency, monitor = people
    assert [(m.kind, m.period) for m in call(engine, reports.review_milestones)] == [
        ("preliminary", "2024-2027"), ("final", "2024-2030")]
    report = call(engine, reports.open_review, agency, agency.organisation_id, milestones["preliminary"])
    assert (report.kind, report.period, report.due_on, report.state) == (
        "preliminary", "2024-2027", date(2027, 11, 30), "draft")
    again = call(engine, reports.open_report, agency, agency.organisation_id, "2024-2027", "preliminary")
    assert again.id == report.id, "the same report, whichever way it is opened"
    call(engine, reports.save_draft, agency, report.id, {"sections": SECTION, "review": REVIEW})
    call(engine, reports.submit, agency, report.id, now=datetime(2027, 11, 20, tzinfo=timezone.utc))
    inbox = call(engine, reports.inbox, monitor, today=date(2027, 11, 21))
    assert [(r["id"], r["kind"], r["period"], r["state"]) for r in inbox] == [
        (report.id, "preliminary", "2024-2027", "submitted_on_time")]
    call(engine, reports.review, monitor, report.id, accept=False, reason="Bổ sung bài học kinh nghiệm cụ thể")
    revised = {"sections": SECTION, "review": {**REVIEW, "lessons": "Phát huy vai trò người đứng đầu; sát cơ sở."}}
    call(engine, reports.save_draft, agency, report.id, revised)
    assert call(engine, reports.submit, agency, report.id).version == 2
    assert call(engine, reports.review, monitor, report.id, accept=True).state == "accepted"
    history = call(engine, reports.revisions, monitor, report.id)
    assert [(h["version"], h["state"]) for h in history] == [(1, "submitted"), (1, "returned"), (2, "submitted"),
                                                             (2, "accepted")]
    assert history[0]["content"]["review"] == REVIEW
    assert history[-1]["content"]["review"]["lessons"].endswith("sát cơ sở.")
    rows = call(engine, reports.for_body, agency, agency.organisation_id, today=date(2027, 12, 1))
    assert [(r["kind"], r["state"]) for r in rows] == [("preliminary", "accepted")]


def test_a_review_may_be_only_its_own_parts_a_periodic_report_has_none(people):
    engine, milestones, agency, _ = people
    final = call(engine, reports.open_review, agency, agency.organisation_id, milestones["final"])
    call(engine, reports.save_draft, agency, final.id, {"review": {"overall": "Đánh giá chung"}})
    assert call(engine, reports.submit, agency, final.id).state == "submitted"
    periodic = call(engine, reports.open_report, agency, agency.organisation_id, "2026-H1")
    call(engine, reports.save_draft, agency, periodic.id, {"sections": SECTION, "review": REVIEW})
    with session_scope(engine) as s:
        assert "review" not in s.get(Report, periodic.id).content


def test_only_review_milestones_open_a_review(people):
    engine, milestones, agency, _ = people
    with pytest.raises(TrackerError, match="sơ kết hoặc tổng kết"):
        call(engine, reports.open_review, agency, agency.organisation_id, milestones["plan"])
    with pytest.raises(TrackerError, match="sơ kết hoặc tổng kết"):
        call(engine, reports.open_review, agency, agency.organisation_id, 10_000)
