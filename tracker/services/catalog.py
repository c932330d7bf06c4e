"""Read-only views of the Action Program: groups, tasks, targets, bodies and their duties.

The program's content is public within the system (every role may read it); functions here take a
session and return plain dictionaries ready for a table, an export or a page.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.errors import NOT_INITIALISED, TrackerError
from tracker.models import Assignment, Baseline, Milestone, Organisation, Program, Target, Task, TaskGroup
from tracker.text import fold


class ProgramNotLoaded(TrackerError):
    """The database has no program yet: run `python -m tracker init`."""

    def __init__(self, message: str = NOT_INITIALISED):
        super().__init__(message)


def get_program(session: Session, code: str | None = None) -> Program:
    """The program with ``code`` (or the only/first one); ProgramNotLoaded if there is none."""
    stmt = select(Program).order_by(Program.id)
    if code:
        stmt = stmt.where(Program.code == code)
    program = session.exec(stmt).first()
    if program is None:
        raise ProgramNotLoaded()
    return program


def program_header(session: Session, program: Program) -> dict:
    orgs = {o.id: o.code for o in session.exec(select(Organisation).where(
        Organisation.id.in_([program.issuer_org_id, program.monitor_org_id])))}
    return {
        "code": program.code, "number": program.number,
        "issued_on": program.issued_on.isoformat() if program.issued_on else None,
        "title": program.title, "implements": program.implements,
        "issuer": orgs.get(program.issuer_org_id), "monitor": orgs.get(program.monitor_org_id),
        "signer": program.signer, "target_year": program.target_year,
        "situation": program.situation, "general_goal": program.general_goal, "vision_2045": program.vision_2045,
        "default_cadence": program.default_cadence, "report_due_days": program.report_due_days,
    }


def baselines(session: Session, program: Program) -> list[dict]:
    rows = session.exec(select(Baseline).where(Baseline.program_id == program.id).order_by(Baseline.code))
    return [{"code": b.code, "name": b.name, "comparator": b.comparator, "value": b.value, "unit": b.unit,
             "year": b.year, "year_is_default": b.year_is_default, "source_sentence": b.source_sentence}
            for b in rows]


def milestones(session: Session, program: Program) -> list[dict]:
    rows = session.exec(select(Milestone).where(Milestone.program_id == program.id).order_by(Milestone.due_on))
    return [{"code": m.code, "kind": m.kind, "title": m.title, "period": m.period, "due_on": m.due_on.isoformat(),
             "is_default": m.is_default, "note": m.note} for m in rows]


def task_groups(session: Session, program: Program) -> list[dict]:
    """The nine groups in order, each with its tasks and its lettered sub-groups (with their tasks)."""
    groups = session.exec(select(TaskGroup).where(TaskGroup.program_id == program.id)
                          .order_by(TaskGroup.position)).all()
    tasks = session.exec(select(Task).where(Task.program_id == program.id).order_by(Task.position)).all()
    by_group: dict[int, list[dict]] = {}
    for t in tasks:
        by_group.setdefault(t.group_id, []).append({"code": t.code, "text": t.text})

    def node(g: TaskGroup) -> dict:
        return {"code": g.code, "label": g.label, "title": g.title, "tasks": by_group.get(g.id, [])}

    tops = [g for g in groups if g.parent_id is None]
    out = []
    for g in tops:
        item = node(g)
        item["subgroups"] = [node(s) for s in groups if s.parent_id == g.id]
        out.append(item)
    return out


def targets(session: Session, program: Program) -> list[dict]:
    orgs = _org_codes(session)
    rows = session.exec(select(Target).where(Target.program_id == program.id).order_by(Target.position))
    return [{"code": t.code, "domain": t.domain, "name": t.name, "population": t.population, "unit": t.unit,
             "comparator": t.comparator, "value": t.value, "direction": t.direction, "cumulative": t.cumulative,
             "target_year": t.target_year, "baseline_value": t.baseline_value, "baseline_year": t.baseline_year,
             "responsible": orgs.get(t.responsible_org_id), "responsible_is_default": t.responsible_is_default,
             "source_sentence": t.source_sentence} for t in rows]


def organisations(session: Session) -> list[dict]:
    orgs = session.exec(select(Organisation).order_by(Organisation.position, Organisation.id)).all()
    codes = {o.id: o.code for o in orgs}
    return [{"code": o.code, "name": o.name, "short_name": o.short_name, "kind": o.kind,
             "parent": codes.get(o.parent_id), "successor": codes.get(o.successor_id), "active": o.active,
             "recipient": o.is_recipient} for o in orgs]


def assignments(session: Session, program: Program) -> list[dict]:
    stmt = (select(Assignment, Task.code, Organisation.code)
            .join(Task, Task.id == Assignment.task_id)
            .join(Organisation, Organisation.id == Assignment.organisation_id)
            .where(Task.program_id == program.id, Assignment.cancelled_at.is_(None))
            .order_by(Task.position, Assignment.role.desc(), Organisation.position))
    return [{"task": task_code, "organisation": org_code, "role": a.role,
             "deadline": a.deadline.isoformat() if a.deadline else None,
             "deadline_is_default": a.deadline_is_default, "report_cadence": a.report_cadence,
             "basis": a.basis, "is_default": a.is_default}
            for a, task_code, org_code in session.exec(stmt)]


def responsibilities(session: Session, program: Program) -> list[dict]:
    """Per organisation: how many tasks it leads and coordinates (for the overview table)."""
    stmt = (select(Organisation.code, Organisation.name, Organisation.kind, Assignment.role,
                   func.count(Assignment.id))
            .join(Assignment, Assignment.organisation_id == Organisation.id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.program_id == program.id, Assignment.cancelled_at.is_(None))
            .group_by(Organisation.code, Organisation.name, Organisation.kind, Assignment.role))
    table: dict[str, dict] = {}
    for code, name, kind, role, count in session.exec(stmt):
        row = table.setdefault(code, {"code": code, "name": name, "kind": kind, "lead": 0, "coordinate": 0})
        row[role] = count
    return list(table.values())


def search(session: Session, program: Program, query: str, limit: int = 50) -> dict[str, list[dict]]:
    """Diacritic- and case-insensitive search over tasks, targets and organisations.

    Every word of the query must appear (folded) in the item: "giam ngheo" finds "giảm nghèo".
    """
    words = fold(query).split()
    if not words:
        return {"tasks": [], "targets": [], "organisations": []}

    def matching(column):
        return [column.contains(w, autoescape=True) for w in words]

    task_rows = session.exec(select(Task).where(Task.program_id == program.id, *matching(Task.search_text))
                             .order_by(Task.position).limit(limit))
    target_rows = session.exec(select(Target).where(Target.program_id == program.id, *matching(Target.search_text))
                               .order_by(Target.position).limit(limit))
    org_rows = session.exec(select(Organisation).where(*matching(Organisation.search_text))
                            .order_by(Organisation.position).limit(limit))
    return {
        "tasks": [{"code": t.code, "text": t.text} for t in task_rows],
        "targets": [{"code": t.code, "name": t.name, "source_sentence": t.source_sentence} for t in target_rows],
        "organisations": [{"code": o.code, "name": o.name, "kind": o.kind} for o in org_rows],
    }


def _org_codes(session: Session) -> dict[int, str]:
    return {oid: code for oid, code in session.exec(select(Organisation.id, Organisation.code))}


