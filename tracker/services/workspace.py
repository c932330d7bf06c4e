"""The monitor's side of assignments: assign work (one body or many), filter all of it, find who is late."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, Organisation, Task, TaskGroup
from tracker.models.vocab import ASSIGNMENT_ROLES, CADENCES
from tracker.services import audit, delegation, period_results, status
from tracker.services.actor import Actor
from tracker.services.permissions import authorize


@dataclass(frozen=True)
class AssignInput:
    task_code: str
    organisation_codes: tuple[str, ...]
    role: str
    deadline: date
    report_cadence: str = "semiannual"
    note: str = ""


def assign(session: Session, actor: Actor, data: AssignInput, today: date | None = None) -> dict[str, int]:
    """Give a task to one or many bodies. Returns {"created": n, "updated": n}; existing ones get the new terms."""
    authorize(session, actor, "assignment.manage", None, object_type="assignment")
    if data.role not in ASSIGNMENT_ROLES:
        raise InvalidInput("Vai trò phải là chủ trì (lead) hoặc phối hợp (coordinate).")
    if data.report_cadence not in CADENCES:
        raise InvalidInput("Kỳ báo cáo không hợp lệ.")
    if data.deadline < (today or local_today()):
        raise InvalidInput(f"Thời hạn {data.deadline:%d/%m/%Y} đã qua; hãy chọn một ngày từ hôm nay trở đi.")
    task = session.exec(select(Task).where(Task.code == data.task_code)).first()
    if task is None:
        raise TrackerError(f"Không có nhiệm vụ mã {data.task_code!r}.")
    if not data.organisation_codes:
        raise InvalidInput("Hãy chọn ít nhất một cơ quan, đơn vị.")
    orgs = session.exec(select(Organisation).where(Organisation.code.in_(data.organisation_codes))).all()
    missing = set(data.organisation_codes) - {o.code for o in orgs}
    inactive = [o.code for o in orgs if not o.active]
    if missing or inactive:
        raise InvalidInput(f"Cơ quan không có hoặc đã ngừng hoạt động: {', '.join(sorted(missing | set(inactive)))}")
    counts = {"created": 0, "updated": 0}
    for org in orgs:
        existing = session.exec(select(Assignment).where(Assignment.task_id == task.id,
                                                         Assignment.organisation_id == org.id)).first()
        row = existing or Assignment(task_id=task.id, organisation_id=org.id, role=data.role, created_by=actor.user_id)
        before = {"role": row.role, "deadline": row.deadline, "cancelled": row.cancelled_at is not None}
        row.role, row.deadline, row.deadline_is_default = data.role, data.deadline, False
        row.report_cadence, row.note, row.cancelled_at, row.is_default = data.report_cadence, data.note, None, False
        row.basis = row.basis or "monitor"
        session.add(row)
        session.flush()
        counts["updated" if existing else "created"] += 1
        audit.record(session, actor, "update" if existing else "create", "assignment", row.id,
                     {"before": before if existing else None,
                      "after": {"task": task.code, "organisation": org.code, "role": row.role, "deadline": row.deadline}})
    return counts


@dataclass(frozen=True)
class AssignmentFilter:
    group: str | None = None        # "III.6" covers its sub-groups
    organisation: str | None = None
    status: str | None = None       # a code of tracker.services.status
    overdue_only: bool = False
    program_id: int | None = None   # None: every program


def all_assignments(session: Session, actor: Actor, flt: AssignmentFilter = AssignmentFilter(),
                    today: date | None = None) -> list[dict]:
    """Every open assignment with its official status, most overdue first (monitor, leader, admin)."""
    authorize(session, actor, "assignment.read", None, object_type="assignment")
    today = today or local_today()
    stmt = (select(Assignment, Task.code, Task.text, TaskGroup.code, Organisation.code, Organisation.name,
                   Task.ongoing, period_results.reported_in_period(today))
            .join(Task, Task.id == Assignment.task_id).join(TaskGroup, TaskGroup.id == Task.group_id)
            .join(Organisation, Organisation.id == Assignment.organisation_id)
            .where(Assignment.cancelled_at.is_(None)))
    if flt.group:
        stmt = stmt.where((TaskGroup.code == flt.group) | TaskGroup.code.startswith(flt.group + "."))
    if flt.organisation:
        stmt = stmt.where(Organisation.code == flt.organisation)
    if flt.program_id is not None:
        stmt = stmt.where(Task.program_id == flt.program_id)
    rows = []
    for a, task, text, group, org, org_name, ongoing, reported in session.exec(stmt):
        st = status.derive(a.deadline, a.progress_pct, a.completed_on, today, ongoing, bool(reported))
        if (flt.status and st.code != flt.status) or (flt.overdue_only and not st.overdue):
            continue
        rows.append({"id": a.id, "task": task, "task_text": text, "group": group, "organisation": org,
                     "organisation_name": org_name, "role": a.role, "ongoing": ongoing,
                     "deadline": a.deadline.isoformat() if a.deadline else "", "progress_pct": a.progress_pct,
                     "status": st.code, "status_label": st.label, "days_overdue": st.days_overdue})
    handed_on = delegation.origins(session, [r["id"] for r in rows])
    for r in rows:
        r["origin"] = handed_on.get(r["id"])
    rows.sort(key=lambda r: (-r["days_overdue"], r["deadline"], r["task"], r["organisation"]))
    return rows


def overdue_bodies(session: Session, actor: Actor, today: date | None = None) -> list[dict]:
    """Bodies with overdue assignments: how many, and the longest delay."""
    late: dict[str, dict] = defaultdict(lambda: {"count": 0, "max_days": 0})
    for row in all_assignments(session, actor, AssignmentFilter(overdue_only=True), today):
        item = late[row["organisation"]]
        item.update(organisation=row["organisation"], organisation_name=row["organisation_name"])
        item["count"] += 1
        item["max_days"] = max(item["max_days"], row["days_overdue"])
    return sorted(late.values(), key=lambda r: (-r["max_days"], -r["count"]))
