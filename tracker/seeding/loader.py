"""Load a validated SeedBundle into the database, idempotently.

Rows are matched on their natural keys (codes). Missing rows are inserted; rows already present are
left exactly as they are (except a task still ongoing by default, which takes the seed's deliverable),
so a second load changes nothing and never touches what people have since edited or recorded
(deadlines, merges, actions, reports). What a load inserts is audited: one ``create`` event per kind
of row, by the system actor ``seed``, listing the codes it added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session, select

from tracker.errors import SeedError
from tracker.models import Assignment, Baseline, Milestone, Organisation, Program, Target, Task, TaskGroup
from tracker.seeding.files import AssignmentRuleSeed, SeedBundle, TaskSeed
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.text import fold


@dataclass
class LoadReport:
    """How many rows of each kind were inserted (0 everywhere on a repeated load), and their codes
    by audit object type."""

    inserted: Counter = field(default_factory=Counter)
    codes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, object_type: str, codes: list[str]) -> None:
        self.inserted[kind] += len(codes)
        if codes:
            self.codes.setdefault(object_type, []).extend(codes)

    @property
    def total(self) -> int:
        return sum(self.inserted.values())

    def summary(self) -> str:
        if not self.total:
            return "Dữ liệu khởi tạo đã có đủ; không thay đổi gì."
        return "Đã thêm: " + ", ".join(f"{n} {kind}" for kind, n in sorted(self.inserted.items()))


def load_seed(session: Session, bundle: SeedBundle) -> LoadReport:
    """Insert whatever of ``bundle`` is not yet in the database. The caller commits."""
    report = LoadReport()
    orgs = _load_organisations(session, bundle, report)
    program = _load_program(session, bundle, orgs, report)
    _load_children(session, program, bundle, report)
    groups = _load_groups(session, program, bundle, report)
    tasks = _load_tasks(session, program, bundle, groups, report)
    _load_targets(session, program, bundle, orgs, report)
    _load_assignments(session, bundle, orgs, tasks, report)
    _audit(session, report)
    return report


def _audit(session: Session, report: LoadReport) -> None:
    """One audit event per kind of row inserted (a repeated load inserts nothing, records nothing)."""
    seed = Actor.operator("seed")
    for object_type, codes in report.codes.items():
        audit.record(session, seed, "create", object_type, "",
                     {"source": "seed", "count": len(codes), "codes": codes})


def _by_code(session: Session, model, **filters) -> dict:
    stmt = select(model)
    for name, value in filters.items():
        stmt = stmt.where(getattr(model, name) == value)
    return {row.code: row for row in session.exec(stmt)}


def _load_organisations(session: Session, bundle: SeedBundle, report: LoadReport) -> dict[str, Organisation]:
    existing = _by_code(session, Organisation)
    new = []
    for position, seed in enumerate(bundle.organisations):
        if seed.code in existing:
            continue
        org = Organisation(code=seed.code, name=seed.name, short_name=seed.short_name, kind=seed.kind,
                           is_recipient=seed.recipient, position=position,
                           search_text=fold(f"{seed.name} {seed.short_name} {seed.code}"))
        existing[seed.code] = org
        new.append((org, seed.parent))
    session.add_all([org for org, _ in new])
    session.flush()
    for org, parent in new:
        if parent:
            org.parent_id = existing[parent].id
    report.add("organisations", "organisation", [org.code for org, _ in new])
    return existing


def _load_program(session: Session, bundle: SeedBundle, orgs: dict, report: LoadReport) -> Program:
    seed = bundle.program
    program = session.exec(select(Program).where(Program.code == seed.code)).first()
    if program:
        return program
    program = Program(
        code=seed.code, number=seed.number, issued_on=seed.issued_on, title=seed.title, implements=seed.implements,
        issuer_org_id=orgs[seed.issuer].id, monitor_org_id=orgs[seed.monitor].id, signer=seed.signer,
        situation=seed.situation, general_goal=seed.general_goal, vision_2045=seed.vision_2045,
        target_year=seed.target_year, default_cadence=seed.default_cadence, report_due_days=seed.report_due_days,
    )
    session.add(program)
    session.flush()
    report.add("program", "program", [program.code])
    return program


def _load_children(session: Session, program: Program, bundle: SeedBundle, report: LoadReport) -> None:
    """Baselines and milestones of the program."""
    for model, seeds, kind, object_type in ((Baseline, bundle.program_file.baselines, "baselines", "baseline"),
                                            (Milestone, bundle.program_file.milestones, "milestones", "milestone")):
        existing = _by_code(session, model, program_id=program.id)
        rows = [_strict_row(model, program_id=program.id, **s.model_dump()) for s in seeds if s.code not in existing]
        session.add_all(rows)
        report.add(kind, object_type, [row.code for row in rows])


def _strict_row(model, **values):
    """Build a row, refusing keys the table lacks (SQLModel tables would drop them silently)."""
    unknown = set(values) - set(model.model_fields)
    if unknown:
        raise SeedError(f"{model.__name__} has no column for {', '.join(sorted(unknown))}")
    return model(**values)


def _load_groups(session: Session, program: Program, bundle: SeedBundle, report: LoadReport) -> dict[str, TaskGroup]:
    existing = _by_code(session, TaskGroup, program_id=program.id)
    before = set(existing)
    for position, seed in enumerate(bundle.groups, start=1):
        group = existing.get(seed.code) or _add(session, existing, TaskGroup(
            program_id=program.id, code=seed.code, label=seed.label, title=seed.title, position=position))
        for sub_position, sub in enumerate(seed.subgroups, start=1):
            if sub.code not in existing:
                _add(session, existing, TaskGroup(program_id=program.id, parent_id=group.id, code=sub.code,
                                                  label=sub.label, title=sub.title, position=sub_position))
    report.add("task groups", "task_group", [code for code in existing if code not in before])
    return existing


def _add(session: Session, index: dict, row):
    session.add(row)
    session.flush()
    index[row.code] = row
    return row


def _load_tasks(session: Session, program: Program, bundle: SeedBundle, groups: dict, report: LoadReport) -> dict[str, Task]:
    existing = _by_code(session, Task, program_id=program.id)
    rows = []
    for position, (group_code, seed) in enumerate(bundle.all_tasks(), start=1):
        if seed.code in existing:
            _mark_deliverable(session, existing[seed.code], seed)
            continue
        task = Task(program_id=program.id, group_id=groups[group_code].id, code=seed.code, position=position,
                    text=seed.text, search_text=fold(f"{seed.code} {seed.text}"), ongoing=seed.ongoing,
                    deliverable=seed.deliverable)
        rows.append(task)
        existing[seed.code] = task
    session.add_all(rows)
    session.flush()
    report.add("tasks", "task", [task.code for task in rows])
    return existing


def _mark_deliverable(session: Session, task: Task, seed: TaskSeed) -> None:
    """A task still at its default (ongoing, no deliverable) takes the seed's deliverable; edits are kept."""
    if seed.ongoing or not task.ongoing or task.deliverable:
        return
    task.ongoing, task.deliverable = False, seed.deliverable
    session.add(task)
    audit.record(session, Actor.operator("seed"), "update", "task", task.id,
                 {"source": "seed", "before": {"ongoing": True, "deliverable": ""},
                  "after": {"ongoing": False, "deliverable": seed.deliverable}})


def _load_targets(session: Session, program: Program, bundle: SeedBundle, orgs: dict, report: LoadReport) -> None:
    existing = _by_code(session, Target, program_id=program.id)
    rows = []
    for position, seed in enumerate(bundle.targets, start=1):
        if seed.code in existing:
            continue
        data = seed.model_dump(exclude={"paragraph", "responsible"})
        rows.append(_strict_row(Target, program_id=program.id, position=position,
                           responsible_org_id=orgs[seed.responsible].id if seed.responsible else None,
                           search_text=fold(f"{seed.name} {seed.population} {seed.source_sentence}"), **data))
    session.add_all(rows)
    report.add("targets", "target", [target.code for target in rows])


def _rule_pairs(rule: AssignmentRuleSeed, bundle: SeedBundle, tasks: dict, orgs: dict) -> list[tuple[str, str]]:
    """(task code, organisation code) pairs a rule names, in document order."""
    def covered(prefix: str) -> list[str]:
        return [code for code in tasks if code == prefix or code.startswith(prefix + ".")]

    if rule.by_task:
        return [(t, o) for prefix, codes in rule.by_task.items() for t in covered(prefix) for o in codes]
    bodies = list(rule.organisations) + [s.code for s in bundle.organisations if s.kind in rule.kinds
                                         and s.code not in rule.organisations]
    return [(t, o) for prefix in rule.tasks for t in covered(prefix) for o in bodies if o in orgs]


def _load_assignments(session: Session, bundle: SeedBundle, orgs: dict, tasks: dict, report: LoadReport) -> None:
    defaults = bundle.assignments_file.defaults
    taken = {(a.task_id, a.organisation_id) for a in session.exec(select(Assignment))}
    rows, codes = [], []
    for rule in bundle.assignments_file.rules:
        for task_code, org_code in _rule_pairs(rule, bundle, tasks, orgs):
            key = (tasks[task_code].id, orgs[org_code].id)
            if key in taken or not orgs[org_code].active:  # merged bodies get no new duties
                continue
            taken.add(key)
            rows.append(Assignment(task_id=key[0], organisation_id=key[1], role=rule.role, basis=rule.basis,
                                   note=rule.note, deadline=defaults.deadline, deadline_is_default=True,
                                   report_cadence=defaults.cadence, is_default=True))
            codes.append(f"{task_code}/{org_code}")
    session.add_all(rows)
    report.add("assignments", "assignment", codes)
