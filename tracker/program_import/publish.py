"""Create a program in the database from an export-shaped document (what ``to_export`` proposes,
once a person has reviewed it), in the caller's one transaction, through the seed loader."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from sqlmodel import Session, select

from tracker.errors import InvalidInput
from tracker.models import Organisation, Program
from tracker.seeding.files import (AssignmentsFile, BaselineSeed, MilestoneSeed, OrganisationsFile, ProgramFile,
                                   ProgramSeed, SeedBundle, TargetSeed, TasksFile, TargetsFile)
from tracker.seeding.loader import load_seed
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.export import EXPORT_FORMAT
from tracker.services.permissions import authorize


def publish(session: Session, actor: Actor, document: dict) -> Program:
    """Insert the program of ``document`` with its baselines, milestones, groups, tasks, targets and
    assignments, and audit it. Refuses a code already used and bodies not in the registry; nothing
    is written on a refusal (the caller's session rolls back). The caller commits."""
    authorize(session, actor, "program.manage", object_type="program", object_id=_code(document))
    code = _code(document)
    if session.exec(select(Program).where(Program.code == code)).first():
        raise InvalidInput(f"Mã chương trình “{code}” đã có: hãy chọn mã khác.")
    bundle = _bundle(document)
    known = {o.code for o in session.exec(select(Organisation))}
    named = {bundle.program.issuer, bundle.program.monitor} | {t.responsible for t in bundle.targets if t.responsible}
    named |= {c for rule in bundle.assignments_file.rules for codes in rule.by_task.values() for c in codes}
    unknown = sorted(c for c in named if c not in known)
    if unknown:
        raise InvalidInput("Chương trình nhắc tới cơ quan chưa có trong danh mục: " + ", ".join(unknown))
    report = load_seed(session, bundle)
    program = session.exec(select(Program).where(Program.code == code)).one()
    audit.record(session, actor, "create", "program", program.id,
                 {"source": "program_import", "code": code, "inserted": dict(report.inserted)})
    return program


def _code(document: dict) -> str:
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise InvalidInput("Tệp không phải dữ liệu chương trình (format tracker.program-export).")
    code = str((document.get("program") or {}).get("code") or "").strip()
    if not code:
        raise InvalidInput("Chương trình chưa có mã.")
    return code


def _bundle(document: dict) -> SeedBundle:
    program = dict(document["program"])
    if not program.get("issuer") or not program.get("monitor"):
        raise InvalidInput("Chưa chọn cơ quan ban hành và cơ quan theo dõi chương trình (mã trong danh mục).")
    try:
        return SeedBundle(
            ProgramFile(program=_only(ProgramSeed, program),
                        baselines=[_only(BaselineSeed, b) for b in document.get("baselines", [])],
                        milestones=[_only(MilestoneSeed, m) for m in document.get("milestones", []) if m.get("due_on")]),
            TasksFile.model_validate({"groups": [_group(g) for g in document.get("task_groups", [])]}),
            TargetsFile.model_validate({"targets": [_target(t) for t in document.get("targets", [])]}),
            OrganisationsFile.model_construct(organisations=[]),     # bodies come from the registry
            AssignmentsFile.model_validate(_assignments(document.get("assignments", []), program)),
        )
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3])
        raise InvalidInput(f"Dữ liệu chương trình chưa hợp lệ — {where}") from None


def _only(model, data: dict):
    return model.model_validate({k: v for k, v in data.items() if k in model.model_fields})


def _group(group: dict) -> dict:
    keep = ("code", "label", "title")
    tasks = [{"code": t["code"], "text": t["text"]} for t in group.get("tasks", [])]
    return {**{k: group[k] for k in keep}, "tasks": tasks,
            "subgroups": [{**{k: s[k] for k in keep}, "tasks": [{"code": t["code"], "text": t["text"]}
                                                                 for t in s.get("tasks", [])]}
                          for s in group.get("subgroups", [])]}


def _target(target: dict) -> dict:
    data = {k: v for k, v in target.items() if k in TargetSeed.model_fields}
    data["paragraph"] = min(max(int(data.get("paragraph") or 1), 1), 4)
    return data


def _assignments(rows: list[dict], program: dict) -> dict:
    """Explicit assignments as one rule per (role, basis), with their task → bodies."""
    deadline = next((r["deadline"] for r in rows if r.get("deadline")), None) \
        or date(int(program.get("target_year") or 2030), 12, 31)
    rules: dict[tuple[str, str], dict[str, list[str]]] = {}
    for row in rows:
        rules.setdefault((row["role"], row.get("basis") or "default"), {}).setdefault(row["task"], []).append(
            row["organisation"])
    return {"defaults": {"deadline": deadline, "cadence": program.get("default_cadence") or "semiannual"},
            "rules": [{"basis": basis, "role": role, "by_task": by_task} for (role, basis), by_task in rules.items()]}
