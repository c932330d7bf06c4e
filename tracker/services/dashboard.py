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
    return case(
        (Assignment.completed_on > Assignment.deadline, literal(status.DONE_LATE)),
        (Assignment.completed_on.is_not(None), literal(status.DONE_ON_TIME)),
        (Assignment.progress_pct <= 0, literal(status.NOT_STARTED)),
        (Assignment.deadline < literal(today), literal(status.IN_PROGRESS_OVERDUE)),
        else_=literal(status.IN_PROGRESS_ON_TIME))


def _status_sums(today: date) -> list:
    """One SUM per official status, each a single flat CASE (cheaper than comparing status_case)."""
    open_ = Assignment.completed_on.is_(None)
    started = Assignment.progress_pct > 0
    late = Assignment.deadline < literal(today)
    conditions = {
        status.NOT_STARTED: open_ & ~started,
        status.IN_PROGRESS_ON_TIME: open_ & started & ~late,
        status.IN_PROGRESS_OVERDUE: open_ & started & late,
        status.DONE_ON_TIME: Assignment.completed_on <= Assignment.deadline,
        status.DONE_LATE: Assignment.completed_on > Assignment.deadline,
    }
    return [func.sum(case((conditions[code], 1), else_=0)) for code in status.STATUSES] + \
        [func.sum(case((open_ & late, 1), else_=0))]


def rollup(session: Session, actor: Actor, today: date | None = None, group: str | None = None,
           organisation: str | None = None) -> list[dict]:
    """One row per (task group, body): assignments, per-status counts, overdue count, mean progress.

    The query groups on integer keys (top-level group id, body id) in one pass over the assignments;
    codes and names are attached afterwards from small lookups.
    """
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    today = today or local_today()
    code_of = dict(session.exec(select(TaskGroup.id, TaskGroup.code)).all())
    top = func.coalesce(TaskGroup.parent_id, TaskGroup.id)
    stmt = (select(top, Assignment.organisation_id, func.count(), *_status_sums(today),
                   func.sum(Assignment.progress_pct))
            .select_from(Assignment).join(Task, Task.id == Assignment.task_id)
            .join(TaskGroup, TaskGroup.id == Task.group_id)
            .where(Assignment.cancelled_at.is_(None))
            .group_by(top, Assignment.organisation_id))
    if group:
        stmt = stmt.where(top == select(TaskGroup.id).where(TaskGroup.code == group).scalar_subquery())
    if organisation:
        stmt = stmt.where(Assignment.organisation_id == select(Organisation.id).where(
            Organisation.code == organisation).scalar_subquery())
    rows = session.connection().execute(stmt).all()
    names = {oid: (code, name) for oid, code, name in session.connection().execute(
        select(Organisation.id, Organisation.code, Organisation.name))}
    keys = status.STATUSES
    out = []
    for top_id, org_id, total, s0, s1, s2, s3, s4, overdue, progress in rows:
        code, name = names[org_id]
        out.append({"group": code_of[top_id], "organisation": code, "organisation_name": name,
                    "assignments": total, keys[0]: s0, keys[1]: s1, keys[2]: s2, keys[3]: s3, keys[4]: s4,
                    "overdue": overdue, "progress": round(float(progress) / total, 1)})
    out.sort(key=lambda r: (r["group"], r["organisation"]))
    return out


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
