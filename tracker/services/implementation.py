"""IV.1 implementation records: the plan each body issued, its study conferences, its propaganda output.

``figures`` aggregates them for a period in two SQL queries (read only, no permission check: the
summary and the dashboard call it after their own checks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, case, exists, func, or_
from sqlmodel import Session, select

from tracker.models import Assignment, Organisation, Program, Task
from tracker.models.records import ImplementationRecord
from tracker.services import registry


@dataclass(frozen=True)
class ImplementationFigures:
    """IV.1 over [start, end]: ``plans`` of ``bodies`` issued their plan by ``end``; the rest are totals."""

    bodies: int = 0  # bodies expected to act: alive on ``end``, holding an open or completed assignment
    plans: int = 0  # of those, bodies with a plan dated on or before ``end``
    conferences: int = 0
    participants: int = 0
    reached_pct: float | None = None  # mean over the conferences that give a share
    articles: int = 0
    broadcasts: int = 0
    sessions: int = 0
    without_plan: list[str] = field(default_factory=list)  # names as of ``end``, in the registry's order

    @property
    def plan_share(self) -> float | None:
        """Per cent of the expected bodies that issued their plan (None when none is expected)."""
        return round(100 * self.plans / self.bodies, 1) if self.bodies else None


def _program_id(program: Program | int) -> int:
    return program if isinstance(program, int) else program.id


def _live(program_id: int):
    return and_(ImplementationRecord.program_id == program_id, ImplementationRecord.deleted_at.is_(None))


def figures(session: Session, program: Program | int, start: date, end: date) -> ImplementationFigures:
    """The IV.1 figures of ``program`` for [start, end], bodies named as of ``end``."""
    program_id = _program_id(program)
    after_end = datetime.combine(end + timedelta(days=1), time(), tzinfo=timezone.utc)
    has_plan = exists().where(_live(program_id), ImplementationRecord.kind == "plan",
                              ImplementationRecord.organisation_id == Assignment.organisation_id,
                              ImplementationRecord.occurred_on <= end)
    holders = session.exec(
        select(Assignment.organisation_id, has_plan, Organisation.position)
        .join(Task, Task.id == Assignment.task_id)
        .join(Organisation, Organisation.id == Assignment.organisation_id)
        .where(Task.program_id == program_id,
               or_(Assignment.cancelled_at.is_(None), Assignment.cancelled_at >= after_end))
        .distinct().order_by(Organisation.position, Assignment.organisation_id)).all()
    names = registry.bodies_as_of(session, [org_id for org_id, _, _ in holders], end)
    expected = [(org_id, bool(planned)) for org_id, planned, _ in holders if names[org_id].active_on]

    conference = ImplementationRecord.kind == "conference"
    conferences, participants, reached, articles, broadcasts, sessions = session.exec(
        select(func.sum(case((conference, 1), else_=0)),
               func.sum(case((conference, ImplementationRecord.participants), else_=None)),
               func.avg(case((conference, ImplementationRecord.reached_pct), else_=None)),
               func.sum(ImplementationRecord.articles), func.sum(ImplementationRecord.broadcasts),
               func.sum(ImplementationRecord.sessions))
        .where(_live(program_id), ImplementationRecord.occurred_on >= start,
               ImplementationRecord.occurred_on <= end)).one()
    return ImplementationFigures(
        bodies=len(expected), plans=sum(1 for _, planned in expected if planned),
        conferences=int(conferences or 0), participants=int(participants or 0),
        reached_pct=None if reached is None else round(float(reached), 1),
        articles=int(articles or 0), broadcasts=int(broadcasts or 0), sessions=int(sessions or 0),
        without_plan=[names[org_id].name for org_id, planned in expected if not planned])
