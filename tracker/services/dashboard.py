"""The leaders' dashboard, aggregated in SQL: counts by official status, by task group and body.

Statuses are derived in the query with CASE from the deadline, progress and completion date that
the action service keeps on each assignment, so a rollup reads one row per assignment, once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, literal
from sqlmodel import Session, select

from tracker.models import Assignment, Organisation, Report, Task, TaskGroup
from tracker.services import status
from tracker.services.actions import local_today
from tracker.services.audit import Actor
from tracker.services.permissions import authorize


def status_case(today: date):
    """SQL expression giving the official status code of an Assignment row on ``today``."""
    overdue = Assignment.deadline < literal(today)
    return case(
        (Assignment.completed_on.is_not(None),
         case((Assignment.completed_on > Assignment.deadline, literal(status.DONE_LATE)),
              else_=literal(status.DONE_ON_TIME))),
        (Assignment.progress_pct <= 0, literal(status.NOT_STARTED)),
        (overdue, literal(status.IN_PROGRESS_OVERDUE)),
        else_=literal(status.IN_PROGRESS_ON_TIME))


def _top_group():
    """The top-level group code of a task's group ("III.6" for "III.6.đ")."""
    parent = TaskGroup.__table__.alias("parent")
    return parent, func.coalesce(parent.c.code, TaskGroup.code)


def rollup(session: Session, actor: Actor, today: date | None = None, group: str | None = None,
           organisation: str | None = None) -> list[dict]:
    """One row per (task group, body): assignments, per-status counts, overdue count, mean progress."""
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    today = today or local_today()
    st = status_case(today)
    parent, top = _top_group()
    late = (Assignment.completed_on.is_(None)) & (Assignment.deadline < literal(today))
    stmt = (select(top.label("grp"), Organisation.code, Organisation.name,
                   func.count(Assignment.id),
                   *[func.sum(case((st == code, 1), else_=0)) for code in status.STATUSES],
                   func.sum(case((late, 1), else_=0)), func.avg(Assignment.progress_pct))
            .select_from(Assignment)
            .join(Task, Task.id == Assignment.task_id).join(TaskGroup, TaskGroup.id == Task.group_id)
            .join(parent, parent.c.id == TaskGroup.parent_id, isouter=True)
            .join(Organisation, Organisation.id == Assignment.organisation_id)
            .where(Assignment.cancelled_at.is_(None))
            .group_by(top, Organisation.code, Organisation.name))
    if group:
        stmt = stmt.where(top == group)
    if organisation:
        stmt = stmt.where(Organisation.code == organisation)
    out = []
    for grp, code, name, total, *rest in session.exec(stmt):
        counts, overdue, progress = rest[:len(status.STATUSES)], rest[-2], rest[-1]
        out.append({"group": grp, "organisation": code, "organisation_name": name, "assignments": total,
                    **{c: int(n or 0) for c, n in zip(status.STATUSES, counts)},
                    "overdue": int(overdue or 0), "progress": round(float(progress or 0), 1)})
    return sorted(out, key=lambda r: (r["group"], r["organisation"]))


def status_counts(rows: list[dict]) -> dict[str, int]:
    return {code: sum(r[code] for r in rows) for code in status.STATUSES}


def reports_on_time(session: Session, actor: Actor, today: date | None = None) -> list[dict]:
    """Per period: reports submitted (on time, late), and how many were expected, from SQL counts."""
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    submitted_on = func.date(Report.submitted_at)
    on_time = case((Report.submitted_at.is_not(None) & (submitted_on <= Report.due_on), 1), else_=0)
    rows = session.exec(select(Report.period, func.count(Report.id), func.sum(on_time),
                               func.sum(case((Report.submitted_at.is_not(None), 1), else_=0)))
                        .where(Report.kind == "periodic").group_by(Report.period).order_by(Report.period))
    expected = session.exec(select(func.count(func.distinct(Assignment.organisation_id))).where(
        Assignment.cancelled_at.is_(None), Assignment.report_cadence != "none")).one()
    return [{"period": p, "reports": n, "on_time": int(ok or 0), "submitted": int(sub or 0), "expected": expected,
             "on_time_share": round(100 * int(ok or 0) / expected, 1) if expected else 0.0}
            for p, n, ok, sub in rows]
