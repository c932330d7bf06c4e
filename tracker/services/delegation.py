"""The cascade of leads: a body's plan assigns a task onward (IV.2: the People's Committee's plan makes
each department lead its field), while the body it came from stays answerable to the Standing Committee.

Counting rule: an assignment with open delegates is counted through them (``counted()``), so the
dashboard never counts one duty twice.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from tracker.clock import local_today, utcnow
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, AuditEvent, Organisation, Task
from tracker.models.vocab import ASSIGNMENT_ROLES
from tracker.services import audit, registry
from tracker.services.actor import Actor
from tracker.services.permissions import authorize

BASIS_MAX = 40  # Assignment.basis


def counted():
    """SQL condition on ``Assignment``: true unless the row has an open delegate (which is counted instead)."""
    child = aliased(Assignment)
    return ~exists().where(child.delegated_from_id == Assignment.id, child.cancelled_at.is_(None))


def _open_assignment(session: Session, assignment_id: int) -> Assignment:
    row = session.get(Assignment, assignment_id)
    if row is None or row.cancelled_at is not None:
        raise TrackerError(f"Không có phân công số {assignment_id} đang thực hiện.")
    return row


def _ancestors(session: Session, row: Assignment) -> list[Assignment]:
    """The chain the assignment was handed down (its parent, the parent's parent, ...)."""
    chain, seen = [], {row.id}
    while row.delegated_from_id is not None and row.delegated_from_id not in seen:
        row = session.get(Assignment, row.delegated_from_id)
        seen.add(row.id)
        chain.append(row)
    return chain


def _target(session: Session, code: str, today: date) -> Organisation:
    org = session.exec(select(Organisation).where(Organisation.code == code)).first()
    if org is None:
        raise InvalidInput(f"Không có cơ quan, đơn vị mã {code!r}.")
    if not registry.body_as_of(session, org.id, today).active_on:
        raise InvalidInput(f"{org.name} đã ngừng hoạt động: không thể giao tiếp nhiệm vụ.")
    return org


def delegate(session: Session, actor: Actor, assignment_id: int, to_org_code: str, role: str = "lead",
             basis: str = "", today: date | None = None) -> Assignment:
    """Assign a body's task onward to ``to_org_code`` under the plan ``basis`` (e.g. "125/KH-UBND").

    Creates the body's assignment (same task, deadline and cadence) or takes over its existing one
    (a coordinator becomes lead); the assignment it comes from stays as it is. Refuses the body
    itself, an ended body, and a cascade that would come back to a body above it.
    """
    authorize(session, actor, "assignment.manage", None, object_type="assignment")
    today = today or local_today()
    if role not in ASSIGNMENT_ROLES:
        raise InvalidInput("Vai trò phải là chủ trì (lead) hoặc phối hợp (coordinate).")
    basis = " ".join((basis or "").split())
    if not basis:
        raise InvalidInput("Hãy ghi số, ký hiệu kế hoạch giao tiếp nhiệm vụ (ví dụ 125/KH-UBND).")
    if len(basis) > BASIS_MAX:
        raise InvalidInput(f"Số, ký hiệu kế hoạch dài quá {BASIS_MAX} ký tự.")
    parent = _open_assignment(session, assignment_id)
    org = _target(session, to_org_code, today)
    if org.id == parent.organisation_id:
        raise InvalidInput("Không thể giao tiếp nhiệm vụ cho chính cơ quan đang được giao.")
    if any(a.organisation_id == org.id for a in _ancestors(session, parent)):
        raise InvalidInput(f"{org.name} đã giao nhiệm vụ này xuống: giao ngược lại sẽ tạo vòng.")
    row = session.exec(select(Assignment).where(Assignment.task_id == parent.task_id,
                                                Assignment.organisation_id == org.id)).first()
    before = None if row is None else {"role": row.role, "basis": row.basis, "delegated_from": row.delegated_from_id,
                                       "cancelled": row.cancelled_at is not None}
    if row is None:
        row = Assignment(task_id=parent.task_id, organisation_id=org.id, role=role, created_by=actor.user_id,
                         deadline=parent.deadline, deadline_is_default=parent.deadline_is_default,
                         report_cadence=parent.report_cadence)
    row.role, row.basis, row.delegated_from_id, row.cancelled_at, row.is_default = role, basis, parent.id, None, False
    session.add(row)
    session.flush()
    task = session.get(Task, parent.task_id).code
    audit.record(session, actor, "delegate", "assignment", row.id,
                 {"before": before, "after": {"task": task, "organisation": org.code, "role": role, "basis": basis,
                                              "delegated_from": parent.id}})
    return row


def _last_delegation(session: Session, assignment_id: int) -> AuditEvent | None:
    return session.exec(select(AuditEvent).where(AuditEvent.object_type == "assignment",
                                                 AuditEvent.object_id == str(assignment_id),
                                                 AuditEvent.action == "delegate")
                        .order_by(AuditEvent.id.desc()).limit(1)).first()


def undelegate(session: Session, actor: Actor, assignment_id: int) -> Assignment:
    """Undo a cascade: the body's assignment returns to what it was before (cancelled if the cascade made it)."""
    authorize(session, actor, "assignment.manage", None, object_type="assignment")
    row = _open_assignment(session, assignment_id)
    if row.delegated_from_id is None:
        raise InvalidInput("Phân công này không do cơ quan khác giao tiếp.")
    if session.exec(select(Assignment.id).where(Assignment.delegated_from_id == row.id,
                                                Assignment.cancelled_at.is_(None))).first():
        raise InvalidInput("Cơ quan này đã giao tiếp nhiệm vụ xuống: hãy thu hồi các phân công đó trước.")
    event = _last_delegation(session, row.id)
    before = event.summary.get("before") if event else None
    was = {"role": row.role, "basis": row.basis, "delegated_from": row.delegated_from_id}
    if before is None:
        row.delegated_from_id, row.cancelled_at = None, utcnow()
    else:
        row.role, row.basis, row.delegated_from_id = before["role"], before["basis"], before["delegated_from"]
        row.cancelled_at = utcnow() if before["cancelled"] else None
    session.add(row)
    audit.record(session, actor, "undelegate", "assignment", row.id,
                 {"before": was, "after": {"role": row.role, "basis": row.basis,
                                           "cancelled": row.cancelled_at is not None}})
    return row


def origins(session: Session, assignment_ids: list[int]) -> dict[int, dict]:
    """{assignment id: {"basis", "from_name"}} for those handed on by another body's plan (one query)."""
    if not assignment_ids:
        return {}
    parent, parent_org = aliased(Assignment), aliased(Organisation)
    stmt = (select(Assignment.id, Assignment.basis, parent_org.short_name)
            .join(parent, parent.id == Assignment.delegated_from_id)
            .join(parent_org, parent_org.id == parent.organisation_id)
            .where(Assignment.id.in_(assignment_ids)))
    return {i: {"basis": basis, "from_name": name} for i, basis, name in session.exec(stmt)}


def cascades(session: Session, actor: Actor) -> list[dict]:
    """Every open delegated assignment with the body and the plan it came from, by task then body."""
    authorize(session, actor, "assignment.read", None, object_type="assignment")
    parent, parent_org = aliased(Assignment), aliased(Organisation)
    stmt = (select(Assignment, Task.code, Organisation.code, Organisation.name, parent_org.code,
                   parent_org.short_name, parent.id)
            .join(Task, Task.id == Assignment.task_id)
            .join(Organisation, Organisation.id == Assignment.organisation_id)
            .join(parent, parent.id == Assignment.delegated_from_id)
            .join(parent_org, parent_org.id == parent.organisation_id)
            .where(Assignment.cancelled_at.is_(None))
            .order_by(Task.code, Organisation.code))
    return [{"id": a.id, "task": task, "organisation": org, "organisation_name": name, "role": a.role,
             "basis": a.basis, "from_id": from_id, "from_organisation": from_org, "from_name": from_name,
             "progress_pct": a.progress_pct}
            for a, task, org, name, from_org, from_name, from_id in session.exec(stmt)]
