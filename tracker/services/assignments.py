"""Assignments as a body sees them: its own duties, most urgent first, permission-checked."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.models import Assignment, Organisation, Program, Task, TaskGroup
from tracker.services import delegation, period_results, periods, status
from tracker.services.actor import Actor
from tracker.services.permissions import authorize

_URGENCY = {status.IN_PROGRESS_OVERDUE: 0, status.NOT_STARTED: 1, status.NO_RESULT_IN_PERIOD: 1,
            status.IN_PROGRESS_ON_TIME: 2, status.REPORTED_IN_PERIOD: 2, status.DONE_LATE: 3, status.DONE_ON_TIME: 4}


def next_report_due(cadence: str, today: date, due_days: dict[str, str]) -> date | None:
    """The first due date of ``cadence`` on or after ``today`` (this year or next)."""
    upcoming = [p.due_on for year in (today.year, today.year + 1)
                for p in periods.for_year(cadence, year, due_days) if p.due_on >= today]
    return min(upcoming, default=None)


def for_body(session: Session, actor: Actor, organisation_id: int | None = None,
             today: date | None = None, program_id: int | None = None) -> list[dict]:
    """Open assignments of one body (default: the actor's own) in every program (or in ``program_id``),
    most urgent first; each row names its program.

    Overdue work comes first, then not started (or no results this period), then in progress (or
    results reported this period), then done; within each, the nearest deadline first. An agency
    may read only its own body's; another body's is refused.
    """
    body_id = organisation_id if organisation_id is not None else actor.organisation_id
    authorize(session, actor, "assignment.read", body_id, object_type="organisation", object_id=body_id or "")
    today = today or local_today()
    stmt = (select(Assignment, Task.code, Task.text, TaskGroup.code, Organisation.code, Task.ongoing,
                   Task.deliverable, period_results.reported_in_period(today), Program)
            .join(Task, Task.id == Assignment.task_id)
            .join(TaskGroup, TaskGroup.id == Task.group_id)
            .join(Program, Program.id == Task.program_id)
            .join(Organisation, Organisation.id == Assignment.organisation_id)
            .where(Assignment.organisation_id == body_id, Assignment.cancelled_at.is_(None)))
    if program_id is not None:
        stmt = stmt.where(Task.program_id == program_id)
    rows = []
    for a, code, text, group, org, ongoing, deliverable, reported, program in session.exec(stmt):
        st = status.derive(a.deadline, a.progress_pct, a.completed_on, today, ongoing, bool(reported))
        report_due = next_report_due(a.report_cadence, today, program.report_due_days)
        rows.append({"id": a.id, "program_id": program.id, "program": program.code,
                     "program_title": program.title, "task": code, "task_text": text, "group": group,
                     "organisation": org,
                     "role": a.role, "ongoing": ongoing, "deliverable": deliverable,
                     "deadline": a.deadline.isoformat() if a.deadline else None,
                     "deadline_is_default": a.deadline_is_default, "progress_pct": a.progress_pct,
                     "report_cadence": a.report_cadence, "status": st.code, "status_label": st.label,
                     "overdue": st.overdue, "days_overdue": st.days_overdue,
                     "next_report_due": report_due.isoformat() if report_due else None})
    handed_on = delegation.origins(session, [r["id"] for r in rows])
    for r in rows:
        r["origin"] = handed_on.get(r["id"])  # {"basis", "from_name"} when another body's plan handed it on
    rows.sort(key=lambda r: (_URGENCY[r["status"]], -r["days_overdue"], r["deadline"] or "9999", r["task"]))
    return rows
