"""What a body did on an assignment: validated, permission-checked, audited, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import literal, or_, union_all
from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Action, ActionLink, Assignment, Program, Task
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.text import clean

MAX_DESCRIPTION = 5000
MAX_DOC_NUMBER = 80


@dataclass(frozen=True)
class ActionInput:
    """What the form (or an import row) gives."""

    acted_on: date
    description: str
    progress_pct: int
    doc_number: str = ""
    doc_date: date | None = None


def validate(data: ActionInput, today: date) -> ActionInput:
    """Return a cleaned copy, or raise InvalidInput naming the first problem in Vietnamese."""
    description = clean(data.description)
    if not description:
        raise InvalidInput("Nội dung thực hiện không được để trống.")
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(f"Nội dung thực hiện dài quá {MAX_DESCRIPTION} ký tự.")
    if not isinstance(data.progress_pct, int) or isinstance(data.progress_pct, bool) \
            or not 0 <= data.progress_pct <= 100:
        raise InvalidInput("Tiến độ phải là số nguyên từ 0 đến 100 (%).")
    if data.acted_on > today:
        raise InvalidInput(f"Ngày thực hiện {data.acted_on:%d/%m/%Y} ở tương lai; hãy nhập ngày đã làm.")
    doc_number = clean(data.doc_number)
    if len(doc_number) > MAX_DOC_NUMBER:
        raise InvalidInput(f"Số, ký hiệu văn bản dài quá {MAX_DOC_NUMBER} ký tự.")
    if any(ord(ch) < 32 for ch in doc_number):
        raise InvalidInput("Số, ký hiệu văn bản có ký tự điều khiển không hợp lệ.")
    if data.doc_date and data.doc_date > today:
        raise InvalidInput(f"Ngày ban hành văn bản {data.doc_date:%d/%m/%Y} ở tương lai.")
    if data.doc_date and not doc_number:
        raise InvalidInput("Đã nhập ngày ban hành thì cần nhập số, ký hiệu văn bản.")
    return ActionInput(data.acted_on, description, data.progress_pct, doc_number, data.doc_date)


def _assignment_for_write(session: Session, actor: Actor, assignment_id: int) -> Assignment:
    assignment = session.get(Assignment, assignment_id)
    authorize(session, actor, "action.write", assignment.organisation_id if assignment else None,
              object_type="assignment", object_id=assignment_id)
    if assignment is None:
        raise TrackerError("Không tìm thấy nhiệm vụ được giao.")
    if assignment.cancelled_at is not None:
        raise TrackerError("Nhiệm vụ này đã được chuyển giao hoặc hủy; không ghi thêm kết quả.")
    return assignment


def log_action(session: Session, actor: Actor, assignment_id: int, data: ActionInput,
               today: date | None = None, also: Sequence[int] = ()) -> Action:
    """Record an action and bring the assignment's progress and completion up to date (form or import row).

    ``also``: other assignments of the same body (in any program) the action serves as well; it counts
    as a result of each (ActionLink), while progress stays with ``assignment_id``.
    """
    assignment = _assignment_for_write(session, actor, assignment_id)
    checked = validate(data, today or local_today())
    served = _also(session, actor, assignment, also)
    action = Action(assignment_id=assignment.id, acted_on=checked.acted_on, description=checked.description,
                    doc_number=checked.doc_number, doc_date=checked.doc_date, progress_pct=checked.progress_pct,
                    created_by=actor.user_id)
    session.add(action)
    session.flush()
    session.add_all([ActionLink(action_id=action.id, assignment_id=other.id) for other in served])
    before = {"progress_pct": assignment.progress_pct, "completed_on": assignment.completed_on}
    refresh_progress(session, assignment)
    audit.record(session, actor, "create", "action", action.id, {
        "assignment": assignment.id, "after": {"acted_on": checked.acted_on, "progress_pct": checked.progress_pct,
                                               "doc_number": checked.doc_number},
        "also": [other.id for other in served], "assignment_before": before,
        "assignment_after": {"progress_pct": assignment.progress_pct, "completed_on": assignment.completed_on}})
    return action


def _also(session: Session, actor: Actor, assignment: Assignment, also: Sequence[int]) -> list[Assignment]:
    """The other open assignments of the same body an action serves (checked like the first)."""
    served = []
    for other_id in dict.fromkeys(int(i) for i in also):
        if other_id == assignment.id:
            continue
        other = _assignment_for_write(session, actor, other_id)
        if other.organisation_id != assignment.organisation_id:
            raise InvalidInput("Một kết quả chỉ gắn được với các nhiệm vụ của cùng một cơ quan, đơn vị.")
        served.append(other)
    return served


def refresh_progress(session: Session, assignment: Assignment) -> None:
    """Progress is that of the latest action (by date, then entry); 100 % marks completion on its date.

    An ongoing task (thường xuyên) is never completed, whatever the percentage logged.
    """
    latest = session.exec(select(Action).where(Action.assignment_id == assignment.id)
                          .order_by(Action.acted_on.desc(), Action.id.desc()).limit(1)).first()
    ongoing = session.exec(select(Task.ongoing).where(Task.id == assignment.task_id)).one()
    assignment.progress_pct = latest.progress_pct if latest else 0
    assignment.last_action_at = latest.created_at if latest else None
    done = latest is not None and latest.progress_pct == 100 and not ongoing
    assignment.completed_on = latest.acted_on if done else None
    session.add(assignment)


def list_actions(session: Session, actor: Actor, assignment_id: int) -> list[dict]:
    assignment = session.get(Assignment, assignment_id)
    authorize(session, actor, "action.read", assignment.organisation_id if assignment else None,
              object_type="assignment", object_id=assignment_id)
    linked = select(ActionLink.action_id).where(ActionLink.assignment_id == assignment_id)
    rows = session.exec(select(Action).where(or_(Action.assignment_id == assignment_id, Action.id.in_(linked)))
                        .order_by(Action.acted_on.desc(), Action.id.desc())).all()
    served = served_by(session, [a.id for a in rows])
    return [{"id": a.id, "acted_on": a.acted_on.isoformat(), "description": a.description,
             "doc_number": a.doc_number, "doc_date": a.doc_date.isoformat() if a.doc_date else None,
             "progress_pct": a.progress_pct, "linked": a.assignment_id != assignment_id,
             "serves": served.get(a.id, [])} for a in rows]


def served_by(session: Session, action_ids: Sequence[int]) -> dict[int, list[dict]]:
    """Action id -> every task it serves ({assignment, program, task}), the one it was logged on first."""
    if not action_ids:
        return {}
    home = select(Action.id.label("action_id"), Action.assignment_id.label("assignment_id"), literal(0).label("o"))
    extra = select(ActionLink.action_id, ActionLink.assignment_id, literal(1))
    both = union_all(home.where(Action.id.in_(action_ids)), extra.where(ActionLink.action_id.in_(action_ids))).subquery()
    rows = session.exec(select(both.c.action_id, both.c.assignment_id, Program.code, Task.code)
                        .join(Assignment, Assignment.id == both.c.assignment_id)
                        .join(Task, Task.id == Assignment.task_id).join(Program, Program.id == Task.program_id)
                        .order_by(both.c.action_id, both.c.o, Program.id, Task.position)).all()
    out: dict[int, list[dict]] = {}
    for action_id, assignment_id, program, task in rows:
        out.setdefault(action_id, []).append({"assignment": assignment_id, "program": program, "task": task})
    return out
