"""Deadline extensions (gia hạn): a body asks with a reason; the monitor grants or refuses.

The original deadline stays in the Extension row; a grant moves the assignment's deadline.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.clock import utcnow
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, Extension, Organisation, Task, User
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.text import clean


def request(session: Session, actor: Actor, assignment_id: int, new_deadline: date, reason: str) -> Extension:
    assignment = session.get(Assignment, assignment_id)
    authorize(session, actor, "extension.request", assignment.organisation_id if assignment else None,
              object_type="assignment", object_id=assignment_id)
    if assignment is None or assignment.cancelled_at or assignment.completed_on:
        raise TrackerError("Chỉ xin gia hạn được nhiệm vụ đang thực hiện.")
    reason = clean(reason)
    if not reason:
        raise InvalidInput("Cần nêu lý do xin gia hạn.")
    if assignment.deadline and new_deadline <= assignment.deadline:
        raise InvalidInput(f"Thời hạn mới phải sau thời hạn hiện tại ({assignment.deadline:%d/%m/%Y}).")
    if session.exec(select(Extension).where(Extension.assignment_id == assignment_id,
                                            Extension.state == "pending")).first():
        raise TrackerError("Đã có một đề nghị gia hạn đang chờ xem xét.")
    ext = Extension(assignment_id=assignment_id, requested_by=actor.user_id, old_deadline=assignment.deadline,
                    new_deadline=new_deadline, reason=reason)
    session.add(ext)
    session.flush()
    audit.record(session, actor, "create", "extension", ext.id,
                 {"assignment": assignment_id, "old": assignment.deadline, "new": new_deadline})
    return ext


def decide(session: Session, actor: Actor, extension_id: int, grant: bool, note: str = "") -> Extension:
    ext = session.get(Extension, extension_id)
    assignment = session.get(Assignment, ext.assignment_id) if ext else None
    authorize(session, actor, "extension.decide", assignment.organisation_id if assignment else None,
              object_type="extension", object_id=extension_id)
    if ext is None or ext.state != "pending":
        raise TrackerError("Đề nghị gia hạn này đã được xem xét.")
    note = clean(note)
    if not grant and not note:
        raise InvalidInput("Cần nêu lý do không đồng ý gia hạn.")
    ext.state, ext.decided_by, ext.decided_at, ext.decision_note = (
        "granted" if grant else "refused"), actor.user_id, utcnow(), note
    if grant:
        assignment.deadline, assignment.deadline_is_default = ext.new_deadline, False
        session.add(assignment)
    session.add(ext)
    audit.record(session, actor, "grant" if grant else "refuse", "extension", ext.id,
                 {"assignment": assignment.id, "before": {"deadline": ext.old_deadline},
                  "after": {"deadline": assignment.deadline}})
    return ext


def for_assignment(session: Session, actor: Actor, assignment_id: int) -> list[dict]:
    """The extension requests of an assignment, newest first (readable by whoever may read its body's work)."""
    assignment = session.get(Assignment, assignment_id)
    authorize(session, actor, "assignment.read", assignment.organisation_id if assignment else None,
              object_type="assignment", object_id=assignment_id)
    rows = session.exec(select(Extension).where(Extension.assignment_id == assignment_id)
                        .order_by(Extension.id.desc()))
    return [{"id": e.id, "old_deadline": e.old_deadline.isoformat() if e.old_deadline else None,
             "new_deadline": e.new_deadline.isoformat(), "reason": e.reason, "state": e.state,
             "decision_note": e.decision_note} for e in rows]


def pending(session: Session, actor: Actor) -> list[dict]:
    """Requests waiting for a decision, oldest first, with their task and body (the monitor's queue)."""
    authorize(session, actor, "extension.decide", None, object_type="extension")
    rows = session.exec(select(Extension, Task.code, Task.text, Organisation.code, Organisation.name, User.username)
                        .join(Assignment, Assignment.id == Extension.assignment_id)
                        .join(Task, Task.id == Assignment.task_id)
                        .join(Organisation, Organisation.id == Assignment.organisation_id)
                        .join(User, User.id == Extension.requested_by)
                        .where(Extension.state == "pending").order_by(Extension.requested_at, Extension.id))
    return [{"id": e.id, "assignment_id": e.assignment_id, "task": task, "task_text": text, "organisation": org,
             "organisation_name": org_name, "requested_by": username,
             "requested_at": e.requested_at.isoformat(timespec="minutes"),
             "old_deadline": e.old_deadline.isoformat() if e.old_deadline else None,
             "new_deadline": e.new_deadline.isoformat(), "reason": e.reason}
            for e, task, text, org, org_name, username in rows]
