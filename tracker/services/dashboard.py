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


def rollup(session: Session, actor: Actor, today: date | None = None, group: str | None = None,
           organisation: str | None = None) -> list[dict]:
    """One row per (task group, body): assignments, per-status counts, overdue count, mean progress.

    The query groups on integer keys (task group id, body id) in one pass over the assignments;
    sub-groups are then folded into their top-level group and names attached from small lookups.
    """
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    today = today or local_today()
    st = status_case(today)
    late = (Assignment.completed_on.is_(None)) & (Assignment.deadline < literal(today))
    groups = session.exec(select(TaskGroup.id, TaskGroup.code, TaskGroup.parent_id)).all()
    code_of = {gid: code for gid, code, _ in groups}
    top_of = {gid: code_of[parent] if parent else code for gid, code, parent in groups}
    stmt = (select(Task.group_id, Assignment.organisation_id, func.count(),
                   *[func.sum(case((st == code, 1), else_=0)) for code in status.STATUSES],
                   func.sum(case((late, 1), else_=0)), func.sum(Assignment.progress_pct))
            .select_from(Assignment).join(Task, Task.id == Assignment.task_id)
            .where(Assignment.cancelled_at.is_(None))
            .group_by(Task.group_id, Assignment.organisation_id))
    if group:
        stmt = stmt.where(Task.group_id.in_([gid for gid, top in top_of.items() if top == group]))
    if organisation:
        stmt = stmt.where(Assignment.organisation_id == select(Organisation.id).where(
            Organisation.code == organisation).scalar_subquery())
    cells: dict[tuple[str, int], list] = {}
    for group_id, org_id, total, *rest in session.exec(stmt):
        cell = cells.setdefault((top_of[group_id], org_id), [0] * (len(rest) + 1))
        for i, value in enumerate([total, *rest]):
            cell[i] += int(value or 0)
    names = {oid: (code, name) for oid, code, name in session.exec(
        select(Organisation.id, Organisation.code, Organisation.name).where(
            Organisation.id.in_({org for _, org in cells})))} if cells else {}
    out = []
    for (grp, org_id), (total, *counts) in cells.items():
        code, name = names[org_id]
        out.append({"group": grp, "organisation": code, "organisation_name": name, "assignments": total,
                    **dict(zip(status.STATUSES, counts[:len(status.STATUSES)])),
                    "overdue": counts[-2], "progress": round(counts[-1] / total, 1) if total else 0.0})
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
