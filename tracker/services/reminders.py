"""The reminder sweep: from the state of reports and assignments, decide what is owed today.

It computes from state, not from what fired before: a sweep on any day queues the latest step
owed for each subject and recipient (before_7, before_1, due, overdue_1, overdue_4, ..., and the
escalation), keyed so that the same step is never queued twice. A worker that was down for days
therefore catches up once at its next run, and a second worker running by mistake queues nothing new.
The rows are never sent one by one: each recipient gets them in one digest a day (services.digest).
"""

from __future__ import annotations

from collections.abc import Iterator
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from tracker.config import Settings
from tracker.models import Assignment, Organisation, Program, Reminder, Report, Task, User
from tracker.services import digest, periods, reminder_rules, sweep_sql
from tracker.services.reminder_rules import Rules
from tracker.services.sweep_sql import ProgramScope

DONE_STATES = ("submitted", "accepted")


@dataclass(frozen=True)
class Subject:
    """Something with a due date that a body must deliver."""

    kind: str            # "report" or "assignment"
    subject_id: int      # organisation id (report) or assignment id
    label: str           # "2026-H2" or the task code
    due_on: date
    org: Organisation
    what: str            # Vietnamese: what is due


@dataclass(frozen=True)
class Decision:
    key: str
    rule: str
    step: str
    subject: Subject
    user: User
    channel: str


def _report_subjects(session: Session, program: Program, scope: ProgramScope, today: date,
                     horizon: int) -> Iterator[Subject]:
    open_work = session.exec(select(Assignment.organisation_id, Assignment.report_cadence)
                             .join(Task, Task.id == Assignment.task_id).where(
        Task.program_id == program.id, Assignment.cancelled_at.is_(None), Assignment.completed_on.is_(None),
        Assignment.report_cadence != "none").distinct()).all()
    orgs = {o.id: o for o in session.exec(select(Organisation).where(Organisation.active))}
    done = {(r.organisation_id, r.period) for r in session.exec(select(Report).where(
        Report.program_id == program.id, Report.kind == "periodic", Report.state.in_(DONE_STATES)))}
    for org_id, cadence in sorted(set(open_work)):
        if org_id not in orgs:
            continue
        for year in (today.year - 1, today.year):
            for p in periods.for_year(cadence, year, program.report_due_days):
                if today - timedelta(days=365) <= p.due_on <= today + timedelta(days=horizon) \
                        and (org_id, p.label) not in done:
                    yield Subject("report", org_id, scope.label_prefix + p.label, p.due_on, orgs[org_id],
                                  f"Báo cáo kỳ {p.label} về kết quả thực hiện {scope.name}")


def _assignment_subjects(session: Session, program: Program, today: date, horizon: int) -> Iterator[Subject]:
    rows = session.exec(select(Assignment, Task.code, Organisation).join(Task, Task.id == Assignment.task_id)
                        .join(Organisation, Organisation.id == Assignment.organisation_id)
                        .where(Task.program_id == program.id, Assignment.cancelled_at.is_(None), Assignment.completed_on.is_(None),
                               Assignment.deadline.is_not(None), Organisation.active,
                               Assignment.deadline <= today + timedelta(days=horizon)))
    for a, code, org in rows:
        role = "chủ trì" if a.role == "lead" else "phối hợp"
        yield Subject("assignment", a.id, code, a.deadline, org, f"Nhiệm vụ {code} ({role})")


def _people(session: Session) -> tuple[dict[int, list[User]], list[User], list[User]]:
    users = session.exec(select(User).where(User.active)).all()
    by_org: dict[int, list[User]] = {}
    for u in users:
        if u.role == "agency":
            by_org.setdefault(u.organisation_id, []).append(u)
    leaders = [u for u in users if u.role == "leader"]
    monitors = [u for u in users if u.role == "monitor"]
    return by_org, leaders, monitors


def _ancestors(org: Organisation, orgs: dict[int, Organisation]) -> set[int]:
    chain, current = {org.id}, org
    while current.parent_id and current.parent_id not in chain:
        chain.add(current.parent_id)
        current = orgs.get(current.parent_id) or current
    return chain


def decide(session: Session, settings: Settings, today: date, rules: Rules | None = None,
           program_id: int | None = None) -> list[Decision]:
    """Every reminder owed on ``today`` (whether or not already queued), of every program or one."""
    rules = rules or reminder_rules.current(session, settings)
    programs = list(session.exec(select(Program).order_by(Program.id)))
    if not programs:
        return []
    horizon = max(rules.before_days, default=0)
    by_org, leaders, monitors = _people(session)
    orgs = {o.id: o for o in session.exec(select(Organisation))}
    email_on = bool(settings.smtp_host)
    decisions = []
    scope = sweep_sql.scopes(programs)
    subjects = [subject for program in _only(programs, program_id)
                for subject in (*_report_subjects(session, program, scope[program.id], today, horizon),
                                *_assignment_subjects(session, program, today, horizon))]
    for subject in subjects:
        step = rules.step_on(subject.due_on, today)
        if step is None:
            continue
        rule = f"{subject.kind}_due"
        targets = [(rule, step, u) for u in by_org.get(subject.org.id, [])]
        if rules.escalates(subject.due_on, today):
            chain = _ancestors(subject.org, orgs)
            bosses = [u for u in leaders if u.organisation_id in chain] + monitors
            targets += [(f"{subject.kind}_escalation", "escalate", u) for u in bosses]
        for rule_name, step_name, user in targets:
            for channel in digest.channels(user, email_on):
                key = (f"{rule_name}:{subject.kind}:{subject.subject_id}:{subject.label}:{subject.due_on}:"
                       f"{step_name}:{user.id}:{channel}")
                decisions.append(Decision(key, rule_name, step_name, subject, user, channel))
    return decisions


def overdue_by_body(session: Session, settings: Settings, today: date, rules: Rules | None = None) -> dict[str, list[str]]:
    """Body name -> lines describing what is overdue, from the same decisions the sweep makes."""
    lines: dict[str, set[str]] = defaultdict(set)
    for d in decide(session, settings, today, rules):
        if d.step.startswith("overdue") or d.step == "escalate":
            lines[d.subject.org.name].add(f"{d.subject.what}: {digest.status(d.subject.due_on, today)}")
    return {body: sorted(items) for body, items in sorted(lines.items())}


@dataclass(frozen=True)
class SweepResult:
    queued: int                   # outbox rows added by this sweep (one per owed reminder)
    decisions: list[Decision]     # with dry_run: what would be queued (nothing is written)
    digests: int = 0              # digests queued: at most one per recipient, channel and day


def _only(programs: list[Program], program_id: int | None) -> list[Program]:
    return [p for p in programs if program_id is None or p.id == program_id]


def sweep(session: Session, settings: Settings, today: date, dry_run: bool = False,
          program_id: int | None = None) -> SweepResult:
    """Queue every owed reminder not queued before, then gather them into today's digests; the caller commits.

    The real sweep is one set-based statement (tracker.services.sweep_sql) computing the same keys
    as ``decide``; a dry run uses ``decide`` and lists what is not yet queued.
    """
    rules = reminder_rules.current(session, settings)
    if not dry_run:
        programs = list(session.exec(select(Program).order_by(Program.id)))
        scope = sweep_sql.scopes(programs)
        queued = sum(sweep_sql.run(session, settings, today, rules, program, scope[program.id])
                     for program in _only(programs, program_id))
        weekly = overdue_by_body(session, settings, today, rules) if digest.is_weekly_day(settings, today) else None
        return SweepResult(queued, [], digest.gather(session, settings, today, weekly))
    owed = decide(session, settings, today, rules, program_id)
    existing = set(session.exec(select(Reminder.idempotency_key).where(
        Reminder.idempotency_key.in_([d.key for d in owed]))).all()) if owed else set()
    return SweepResult(0, [d for d in owed if d.key not in existing])


def history(session: Session, actor, subject_type: str, subject_id: int) -> list[dict]:
    """Reminders queued for one assignment, or for one body's reports (subject_id = body id)."""
    from tracker.services.permissions import authorize

    if subject_type == "assignment":
        assignment = session.get(Assignment, subject_id)
        authorize(session, actor, "assignment.read", assignment.organisation_id if assignment else None,
                  object_type="assignment", object_id=subject_id)
    else:
        authorize(session, actor, "report.read", subject_id, object_type="organisation", object_id=subject_id)
    rows = session.exec(select(Reminder, User.username).join(User, User.id == Reminder.recipient_user_id, isouter=True)
                        .where(Reminder.subject_type == subject_type, Reminder.subject_id == subject_id)
                        .order_by(Reminder.id.desc()).limit(200))
    return [{"at": r.created_at.isoformat(timespec="minutes"), "step": r.step, "rule": r.rule, "channel": r.channel,
             "recipient": username or "", "state": r.state, "sent_at": r.sent_at.isoformat(timespec="minutes")
             if r.sent_at else "", "subject": r.subject} for r, username in rows]
