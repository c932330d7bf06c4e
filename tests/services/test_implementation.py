"""IV.1 implementation records: the figures of a period, counted in SQL; bodies named as of its end."""

from datetime import date, datetime, timezone

from sqlalchemy import func
from sqlmodel import select

from tracker.db import session_scope
from tracker.models import Assignment, Organisation, OrganisationName, Program, Task
from tracker.models.records import ImplementationRecord
from tracker.services import implementation

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
