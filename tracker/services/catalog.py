"""Read-only views of the Action Program: groups, tasks, targets, bodies and their duties.

The program's content is public within the system (every role may read it); functions here take a
session and return plain dictionaries ready for a table, an export or a page.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.errors import NOT_INITIALISED, TrackerError
from tracker.models import (Assignment, Baseline, Milestone, Organisation, OrganisationName, OrganisationSuccession,
                            Program, Reorganisation, Target, Task, TaskGroup)
from tracker.text import fold


class ProgramNotLoaded(TrackerError):
    """The database has no program yet: run `python -m tracker init`."""

    def __init__(self, message: str = NOT_INITIALISED):
        super().__init__(message)


def get_program(session: Session, code: str | None = None, program_id: int | None = None) -> Program:
    """The program with ``code`` or ``program_id``; with neither, the first one loaded (an instance
    that follows one program). ProgramNotLoaded if there is none; an unknown code or id is refused."""
    program = find_program(session, code, program_id)
    if program is None:
        raise ProgramNotLoaded()
    return program


def find_program(session: Session, code: str | None = None, program_id: int | None = None) -> Program | None:
    """As get_program, but None when no program is loaded yet and none was asked for by name."""
    stmt = select(Program).order_by(Program.id)
    if code:
        stmt = stmt.where(Program.code == code)
    if program_id is not None:
        stmt = stmt.where(Program.id == program_id)
    program = session.exec(stmt).first()
    if program is None and (code or program_id is not None):
        raise UnknownProgram(code or str(program_id))
    return program


def programs(session: Session) -> list[Program]:
    """Every program, in the order they were loaded."""
    return list(session.exec(select(Program).order_by(Program.id)))


class UnknownProgram(TrackerError):
    """No program has the code or id asked for."""

    def __init__(self, which: str):
        super().__init__(f"Không có chương trình {which}.")


def program_header(session: Session, program: Program) -> dict:
    orgs = {o.id: o.code for o in session.exec(select(Organisation).where(
        Organisation.id.in_([program.issuer_org_id, program.monitor_org_id])))}
    return {
        "code": program.code, "number": program.number,
        "issued_on": program.issued_on.isoformat() if program.issued_on else None,
        "title": program.title, "implements": program.implements,
        "issuer": orgs.get(program.issuer_org_id), "monitor": orgs.get(program.monitor_org_id),
        "signer": program.signer, "signer_title": program.signer_title, "target_year": program.target_year,
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
    """Every body, ended ones too, with its life span, successors, document identity and former names."""
    orgs = session.exec(select(Organisation).order_by(Organisation.position, Organisation.id)).all()
    codes = {o.id: o.code for o in orgs}
    successors: dict[int, list[str]] = {}
    for line in session.exec(select(OrganisationSuccession).order_by(OrganisationSuccession.id)):
        _add_once(successors.setdefault(line.predecessor_id, []), codes.get(line.successor_id))
    for o in orgs:
        _add_once(successors.setdefault(o.id, []), codes.get(o.successor_id))
    names: dict[int, list[dict]] = {}
    for n in session.exec(select(OrganisationName).order_by(OrganisationName.organisation_id,
                                                            OrganisationName.valid_to)):
        names.setdefault(n.organisation_id, []).append(
            {"name": n.name, "short_name": n.short_name, "valid_from": _iso(n.valid_from),
             "valid_to": _iso(n.valid_to)})
    return [{"code": o.code, "name": o.name, "short_name": o.short_name, "kind": o.kind,
             "parent": codes.get(o.parent_id), "successor": codes.get(o.successor_id), "active": o.active,
             "recipient": o.is_recipient, "began_on": _iso(o.began_on), "ended_on": _iso(o.ended_on),
             "successors": successors.get(o.id, []), "symbol": o.symbol, "signer_title": o.signer_title,
             "header_name": o.header_name, "former_names": names.get(o.id, [])} for o in orgs]


def reorganisations(session: Session) -> list[dict]:
    """Every reorganisation event applied (undone ones too, with ``undone_at``), in the order applied,
    with the bodies it ended, created and renamed and, per assignment, where the work went."""
    codes = dict(session.exec(select(Organisation.id, Organisation.code)).all())
    events = session.exec(select(Reorganisation).order_by(Reorganisation.applied_at, Reorganisation.id)).all()
    lines = session.exec(select(OrganisationSuccession).order_by(OrganisationSuccession.id)).all()
    return [_event(session, e, [line for line in lines if line.event_id == e.id], codes) for e in events]


def _event(session: Session, event: Reorganisation, lines: list, codes: dict[int, str]) -> dict:
    spec = event.spec or {}
    ending: list[str] = []
    successors: list[str] = []
    for line in lines:
        _add_once(ending, codes.get(line.predecessor_id))
        _add_once(successors, codes.get(line.successor_id))
    for code in spec.get("ending") or ():
        _add_once(ending, code)
    for code in spec.get("successors") or ():
        _add_once(successors, code)
    rename = spec.get("rename") or None
    return {"code": event.code, "kind": event.kind, "title": event.title, "effective_on": _iso(event.effective_on),
            "basis": {"number": event.basis_number, "date": _iso(event.basis_date)},
            "ending": ending, "successors": successors,
            "created": [body["code"] for body in spec.get("create") or () if body.get("code")],
            "renamed": rename.get("code") if isinstance(rename, dict) else None,
            "applied_at": _iso(event.applied_at), "undone_at": _iso(event.undone_at),
            "handovers": _handovers(session, event, ending, successors, codes)}


def _handovers(session: Session, event: Reorganisation, ending: list[str], successors: list[str],
               codes: dict[int, str]) -> list[dict]:
    """Per handed-on assignment: {task, from, role, to: [{organisation, role}]}.

    Taken from the event's recorded ``changes["handovers"]`` when present; otherwise rebuilt from
    the assignments the event cancelled (``changes["cancelled_assignments"]``, or else every
    superseded assignment of an ending body): each went to the successors' assignments of the same
    task (none for an ``end``)."""
    recorded = (event.changes or {}).get("handovers")
    if isinstance(recorded, list):
        return [_recorded_handover(h) for h in recorded if isinstance(h, dict)]
    ids = {code: id_ for id_, code in codes.items()}
    successor_ids = [ids[c] for c in successors if c in ids]
    cancelled = (event.changes or {}).get("cancelled_assignments")
    if isinstance(cancelled, list):  # services/reorganisation.py: [{"id", "superseded_by_id"}, ...]
        which = Assignment.id.in_([c["id"] for c in cancelled if isinstance(c, dict) and "id" in c] or [-1])
    else:
        ending_ids = [ids[c] for c in ending if c in ids] or [-1]
        which = Assignment.organisation_id.in_(ending_ids) & Assignment.superseded_by_id.is_not(None)
    handed = session.exec(select(Assignment, Task.code).join(Task, Task.id == Assignment.task_id)
                          .where(which).order_by(Task.position, Assignment.id)).all()
    taken: dict[int, list[dict]] = {}
    if successor_ids and handed:
        for a in session.exec(select(Assignment).where(
                Assignment.organisation_id.in_(successor_ids),
                Assignment.task_id.in_([a.task_id for a, _ in handed]))
                .order_by(Assignment.id)):
            taken.setdefault(a.task_id, []).append({"organisation": codes.get(a.organisation_id), "role": a.role})
    return [{"task": code, "from": codes.get(a.organisation_id), "role": a.role, "to": taken.get(a.task_id, [])}
            for a, code in handed]


def _recorded_handover(h: dict) -> dict:
    to = []
    for target in h.get("to") or ():
        if isinstance(target, dict):
            to.append({"organisation": target.get("organisation") or target.get("code"), "role": target.get("role")})
        elif isinstance(target, (list, tuple)) and len(target) == 2:
            to.append({"organisation": target[0], "role": target[1]})
    return {"task": h.get("task") or h.get("task_code"), "from": h.get("from") or h.get("from_code"),
            "role": h.get("role"), "to": to}


def _add_once(items: list, value) -> None:
    if value and value not in items:
        items.append(value)


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


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


