"""IV.1 implementation records: recorded by a body or the monitor, checked, audited, soft-deleted; the
figures of a period counted in SQL, bodies named as of its end."""

import hashlib
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, AuditEvent, Organisation, OrganisationName, Program, Task
from tracker.models.records import ImplementationRecord
from tracker.services import evidence, export, implementation
from tracker.services.implementation import RecordInput
from tracker.services.permissions import PermissionDenied

START, END = date(2025, 1, 1), date(2025, 12, 31)


def org(s, code) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def program(s) -> Program:
    return s.exec(select(Program)).first()


def expected_bodies(s, prog) -> set[int]:
    """Bodies holding a live assignment of the program, alive at END (checked one by one)."""
    ids = set(s.exec(select(Assignment.organisation_id).join(Task).where(
        Task.program_id == prog.id, Assignment.cancelled_at.is_(None))).all())
    return {i for i in ids if s.get(Organisation, i).active and s.get(Organisation, i).ended_on is None}


def add(s, prog, code, kind, on, **values) -> ImplementationRecord:
    record = ImplementationRecord(program_id=prog.id, organisation_id=org(s, code).id, kind=kind, occurred_on=on,
                                  **values)
    s.add(record)
    s.flush()
    return record


def test_no_record_no_plan(seeded):
    with session_scope(seeded) as s:
        prog = program(s)
        fig = implementation.figures(s, prog, START, END)
        assert fig.bodies == len(expected_bodies(s, prog)) > 0
        assert (fig.plans, fig.conferences, fig.participants, fig.reached_pct) == (0, 0, 0, None)
        assert (fig.articles, fig.broadcasts, fig.sessions) == (0, 0, 0)
        assert len(fig.without_plan) == fig.bodies
        assert org(s, "SO-YTE").name in fig.without_plan


def test_plans_conferences_and_propaganda_are_counted_in_the_period(seeded):
    with session_scope(seeded) as s:
        prog = program(s)
        add(s, prog, "SO-YTE", "plan", date(2025, 3, 1), doc_number="845/KH-SYT")
        add(s, prog, "SO-YTE", "plan", date(2025, 4, 1), doc_number="846/KH-SYT")  # a second plan: one body
        add(s, prog, "HU-SINHO", "plan", date(2024, 11, 1), doc_number="12-KH/HU")  # before start: still issued
        add(s, prog, "HU-TAMDUONG", "plan", date(2026, 1, 5), doc_number="1-KH/HU")  # after end: not yet
        add(s, prog, "HU-PHONGTHO", "plan", date(2025, 2, 1), doc_number="2-KH/HU",
            deleted_at=datetime(2025, 2, 2, tzinfo=timezone.utc))  # deleted: not counted
        add(s, prog, "SO-YTE", "conference", date(2025, 5, 1), level="province", participants=120, reached_pct=90)
        add(s, prog, "HU-SINHO", "conference", date(2025, 6, 1), level="commune", participants=80, reached_pct=70)
        add(s, prog, "HU-SINHO", "conference", date(2025, 7, 1), level="grassroots", participants=15)
        add(s, prog, "HU-SINHO", "conference", date(2024, 7, 1), level="commune", participants=999, reached_pct=1)
        add(s, prog, "SO-YTE", "propaganda", date(2025, 6, 30), articles=12, broadcasts=3)
        add(s, prog, "HU-SINHO", "propaganda", date(2025, 12, 31), articles=1, sessions=40)
        add(s, prog, "HU-SINHO", "propaganda", date(2026, 1, 1), articles=100)
        fig = implementation.figures(s, prog, START, END)
        expected = expected_bodies(s, prog)
        assert {org(s, "SO-YTE").id, org(s, "HU-SINHO").id} <= expected
        assert (fig.bodies, fig.plans) == (len(expected), 2)
        assert (fig.conferences, fig.participants, fig.reached_pct) == (3, 215, 80.0)
        assert (fig.articles, fig.broadcasts, fig.sessions) == (13, 3, 40)
        assert org(s, "SO-YTE").name not in fig.without_plan
        assert org(s, "HU-TAMDUONG").name in fig.without_plan and org(s, "HU-PHONGTHO").name in fig.without_plan
        assert len(fig.without_plan) == fig.bodies - 2
        assert fig.plan_share == round(200 / fig.bodies, 1)


def test_bodies_are_those_alive_at_the_end_named_as_then(seeded):
    with session_scope(seeded) as s:
        prog = program(s)
        before = implementation.figures(s, prog, START, END)
        ended = org(s, "HU-TAMDUONG")
        ended.active, ended.ended_on = False, date(2025, 7, 1)
        s.add(OrganisationName(organisation_id=org(s, "SO-YTE").id, name="Sở Y tế (tên cũ)", valid_to=date(2026, 1, 1)))
        s.flush()
        fig = implementation.figures(s, prog, START, END)
        assert fig.bodies == before.bodies - 1
        assert org(s, "HU-TAMDUONG").name not in fig.without_plan
        assert "Sở Y tế (tên cũ)" in fig.without_plan and "Sở Y tế" not in fig.without_plan
        # Before the end the ended body was alive and expected.
        assert implementation.figures(s, prog, START, date(2025, 6, 30)).bodies == before.bodies


def test_a_body_whose_assignments_were_all_cancelled_is_not_expected(seeded):
    with session_scope(seeded) as s:
        prog = program(s)
        before = implementation.figures(s, prog, START, END)
        yte = org(s, "SO-YTE").id
        count = s.exec(select(func.count()).select_from(Assignment).where(Assignment.organisation_id == yte)).one()
        assert count > 0
        for a in s.exec(select(Assignment).where(Assignment.organisation_id == yte)).all():
            a.cancelled_at = datetime(2025, 6, 1, tzinfo=timezone.utc)
            s.add(a)
        s.flush()
        assert implementation.figures(s, prog, START, END).bodies == before.bodies - 1
        assert implementation.figures(s, prog, START, date(2025, 5, 31)).bodies == before.bodies


TODAY = date(2026, 3, 10)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_body_records_a_plan_with_its_file_audited(seeded):
    agency = make_actor(seeded, "yte", "agency", "SO-YTE")
    with session_scope(seeded) as s:
        yte = org(s, "SO-YTE").id
        row = implementation.record(s, agency, yte, "plan", RecordInput(
            date(2026, 3, 1), title=" Kế hoạch\u0007 thực hiện ", doc_number="845/KH-SYT",
            participants=5, articles=3), filename="../../ke hoach.html", content=PDF, today=TODAY)
        rid = row.id
    with session_scope(seeded) as s:
        (listed,) = implementation.for_body(s, agency, org(s, "SO-YTE").id)
        assert (listed["id"], listed["title"], listed["doc_number"], listed["file_name"]) == (
            rid, "Kế hoạch thực hiện", "845/KH-SYT", "ke hoach.pdf")
        assert (listed["participants"], listed["articles"]) == (None, None)  # not a plan's fields
        download = implementation.open_file(s, agency, rid)
        assert (download.content, download.media_type) == (PDF, "application/pdf")
        assert evidence.blob_path(hashlib.sha256(PDF).hexdigest()).read_bytes() == PDF
        events = s.exec(select(AuditEvent.action, AuditEvent.object_type).order_by(AuditEvent.id.desc())).all()[:2]
        assert events == [("create", "implementation_record"), ("upload", "evidence")]


@pytest.mark.parametrize(("kind", "data", "message"), [
    ("plan", RecordInput(date(2026, 3, 1)), "số, ký hiệu kế hoạch"),
    ("plan", RecordInput(None, doc_number="1-KH"), "ngày ban hành"),
    ("plan", RecordInput(date(2026, 4, 1), doc_number="1-KH"), "tương lai"),
    ("plan", RecordInput(date(2026, 3, 1), doc_number="1-KH\n2"), "ký tự điều khiển"),
    ("conference", RecordInput(date(2026, 3, 1), level="commune", participants=10, reached_pct=120), "0 đến 100"),
    ("conference", RecordInput(date(2026, 3, 1), level="commune", participants=-1), "số nguyên"),
    ("conference", RecordInput(date(2026, 3, 1), level="district", participants=1), "cấp tổ chức"),
    ("conference", RecordInput(date(2026, 3, 1), level="commune"), "người tham dự"),
    ("propaganda", RecordInput(date(2026, 3, 1)), "ít nhất một"),
    ("propaganda", RecordInput(date(2026, 3, 1), articles=0, sessions=0), "ít nhất một"),
    ("propaganda", RecordInput(date(2026, 3, 1), articles=True), "số nguyên"),
    ("meeting", RecordInput(date(2026, 3, 1)), "Loại ghi nhận"),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(seeded, kind, data, message):
    monitor = make_actor(seeded, "tg", "monitor", "BTG-TU")
    with session_scope(seeded) as s:
        yte = org(s, "SO-YTE").id
    with pytest.raises(InvalidInput, match=message):
        with session_scope(seeded) as s:
            implementation.record(s, monitor, yte, kind, data, today=TODAY)
    with session_scope(seeded) as s:
        assert s.exec(select(func.count()).select_from(ImplementationRecord)).one() == 0


def test_a_refused_file_leaves_no_record(seeded):
    agency = make_actor(seeded, "yte", "agency", "SO-YTE")
    with session_scope(seeded) as s:
        yte = org(s, "SO-YTE").id
    with pytest.raises(InvalidInput, match="Nội dung tệp"):
        with session_scope(seeded) as s:
            implementation.record(s, agency, yte, "plan", RecordInput(date(2026, 3, 1), doc_number="1-KH"),
                                  filename="x.pdf", content=b"<html>", today=TODAY)
    with session_scope(seeded) as s:
        assert s.exec(select(func.count()).select_from(ImplementationRecord)).one() == 0


def test_only_the_body_or_the_monitor_writes_and_deletes(seeded):
    yte_agency = make_actor(seeded, "yte", "agency", "SO-YTE")
    sinho_agency = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    monitor = make_actor(seeded, "tg", "monitor", "BTG-TU")
    leader = make_actor(seeded, "bt", "leader", "BTV-TU")
    conference = RecordInput(date(2026, 2, 1), level="province", participants=200, reached_pct=95.5)
    with session_scope(seeded) as s:
        yte = org(s, "SO-YTE").id
        by_monitor = implementation.record(s, monitor, yte, "conference", conference, today=TODAY).id
        by_body = implementation.record(s, yte_agency, yte, "propaganda", RecordInput(
            date(2026, 2, 28), articles=4, sessions=2), today=TODAY).id
    for actor in (sinho_agency, leader):
        with pytest.raises(PermissionDenied):
            with session_scope(seeded) as s:
                implementation.record(s, actor, yte, "conference", conference, today=TODAY)
        with pytest.raises(PermissionDenied):
            with session_scope(seeded) as s:
                implementation.delete(s, actor, by_body)
    with pytest.raises(PermissionDenied):
        with session_scope(seeded) as s:
            implementation.for_body(s, sinho_agency, yte)
    with session_scope(seeded) as s:
        assert [r["id"] for r in implementation.for_body(s, leader, yte)] == [by_body, by_monitor]
        implementation.delete(s, yte_agency, by_monitor)
        implementation.delete(s, monitor, by_body)
    with session_scope(seeded) as s:
        assert implementation.for_body(s, yte_agency, yte) == []
        assert s.exec(select(func.count()).select_from(ImplementationRecord).where(
            ImplementationRecord.deleted_at.is_not(None))).one() == 2  # kept, out of sight
        fig = implementation.figures(s, program(s), date(2026, 1, 1), TODAY)
        assert (fig.conferences, fig.articles) == (0, 0)
        with pytest.raises(TrackerError, match="đã bị xóa"):
            implementation.delete(s, monitor, by_body)
        assert s.exec(select(AuditEvent.action).where(AuditEvent.object_type == "implementation_record",
                                                      AuditEvent.action != "permission_denied")
                      .order_by(AuditEvent.id)).all() == ["create", "create", "delete", "delete"]


def test_the_export_lists_live_records_with_the_file_name(seeded):
    agency = make_actor(seeded, "yte", "agency", "SO-YTE")
    with session_scope(seeded) as s:
        yte = org(s, "SO-YTE").id
        kept = implementation.record(s, agency, yte, "plan", RecordInput(date(2026, 3, 1), doc_number="845/KH-SYT"),
                                     filename="kh.pdf", content=PDF, today=TODAY).id
        gone = implementation.record(s, agency, yte, "propaganda", RecordInput(date(2026, 3, 1), articles=2),
                                     today=TODAY).id
        implementation.delete(s, agency, gone)
        document = export.program_document(s)
    (row,) = document["implementation_records"]
    assert (row["id"], row["organisation"], row["kind"], row["occurred_on"], row["doc_number"], row["file"]) == (
        kept, "SO-YTE", "plan", "2026-03-01", "845/KH-SYT", "kh.pdf")
