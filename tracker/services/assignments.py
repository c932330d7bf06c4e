"""Assignments as a body sees them: its own duties, permission-checked in the service."""

from __future__ import annotations

from sqlmodel import Session, select

from tracker.models import Assignment, Organisation, Task, TaskGroup
from tracker.services.audit import Actor
from tracker.services.permissions import authorize


def for_body(session: Session, actor: Actor, organisation_id: int | None = None) -> list[dict]:
    """Open assignments of one body (default: the actor's own), most urgent deadline first.

    An agency may read only its own body's; asking for another body's is refused and audited.
    """
    body_id = organisation_id if organisation_id is not None else actor.organisation_id
    authorize(session, actor, "assignment.read", body_id, object_type="organisation", object_id=body_id or "")
    stmt = (select(Assignment, Task.code, Task.text, TaskGroup.code, Organisation.code)
            .join(Task, Task.id == Assignment.task_id)
            .join(TaskGroup, TaskGroup.id == Task.group_id)
            .join(Organisation, Organisation.id == Assignment.organisation_id)
            .where(Assignment.organisation_id == body_id, Assignment.cancelled_at.is_(None))
            .order_by(Assignment.deadline, Task.position))
    return [{"id": a.id, "task": code, "task_text": text, "group": group, "organisation": org, "role": a.role,
             "deadline": a.deadline.isoformat() if a.deadline else None, "progress_pct": a.progress_pct,
             "report_cadence": a.report_cadence}
            for a, code, text, group, org in session.exec(stmt)]
