"""Every program side by side: size, open work, overdue work, bodies behind, the next review.

One aggregate query per figure over all programs (not one per program), so the overview costs the
same with one program as with a dozen. Read by `python -m tracker program list` and the leaders.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.models import Assignment, Milestone, Program, Target, Task
from tracker.services import periods
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.services.reports import REVIEW_KINDS, late_count


def overview(session: Session, actor: Actor, today: date) -> list[dict]:
    """One row per program, in the order they were loaded: code, number, issued_on, title, tasks,
    targets, assignments (open), bodies (holding assignments), done_pct (open and done assignments: the
    share completed), overdue (open one-off work past its deadline), bodies_behind (bodies with such
    work), reports_late ({period, bodies}: the last half-year report due before today and how many
    bodies had not sent it on time; None before the first), next_review ({title, due_on} of the next
    sơ kết / tổng kết, or None)."""
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    tasks = _count_by_program(session, select(Task.program_id, func.count()).group_by(Task.program_id))
    targets = _count_by_program(session, select(Target.program_id, func.count()).group_by(Target.program_id))
    live = Assignment.cancelled_at.is_(None)
    work = dict(((p, (n, done, bodies)) for p, n, done, bodies in session.exec(
        select(Task.program_id, func.count(), func.count(Assignment.completed_on),
               func.count(func.distinct(Assignment.organisation_id)))
        .join(Task, Task.id == Assignment.task_id).where(live).group_by(Task.program_id))))
    late = Assignment.completed_on.is_(None) & Assignment.deadline.is_not(None) & (Assignment.deadline < today)
    overdue = dict(((p, (n, bodies)) for p, n, bodies in session.exec(
        select(Task.program_id, func.count(), func.count(func.distinct(Assignment.organisation_id)))
        .join(Task, Task.id == Assignment.task_id).where(live, late, Task.ongoing.is_(False))
        .group_by(Task.program_id))))
    reviews: dict[int, Milestone] = {}
    for m in session.exec(select(Milestone).where(Milestone.kind.in_(REVIEW_KINDS), Milestone.due_on >= today)
                          .order_by(Milestone.due_on, Milestone.id)):
        reviews.setdefault(m.program_id, m)
    rows = []
    for p in session.exec(select(Program).order_by(Program.id)):
        n, done, bodies = work.get(p.id, (0, 0, 0))
        late_n, behind = overdue.get(p.id, (0, 0))
        review = reviews.get(p.id)
        rows.append({"id": p.id, "code": p.code, "number": p.number or "",
                     "issued_on": p.issued_on.isoformat() if p.issued_on else None, "title": p.title,
                     "tasks": tasks.get(p.id, 0), "targets": targets.get(p.id, 0), "assignments": n - done,
                     "bodies": bodies, "done_pct": round(100 * done / n, 1) if n else None,
                     "overdue": late_n, "bodies_behind": behind, "reports_late": _reports_late(session, p, today),
                     "next_review": {"title": review.title, "due_on": review.due_on.isoformat()} if review else None})
    return rows


def _count_by_program(session: Session, stmt) -> dict[int, int]:
    return {program_id: count for program_id, count in session.exec(stmt)}


def _reports_late(session: Session, program: Program, today: date) -> dict | None:
    due = [p for year in (today.year - 1, today.year) for p in periods.for_year("semiannual", year,
                                                                              program.report_due_days)
           if p.due_on < today]
    if not due:
        return None
    last = max(due, key=lambda p: p.due_on)
    return {"period": last.label, "bodies": late_count(session, program, last.label, today)}
