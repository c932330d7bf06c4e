"""The leaders' dashboard, aggregated in SQL: counts by official status, by task group and body.

Statuses are derived in the query with CASE from the deadline, progress and completion date that
the action service keeps on each assignment, so a rollup reads one row per assignment, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import case, func, literal
from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.models import Assignment, Organisation, Reminder, Report, Task, TaskGroup
from tracker.services import period_results, status
from tracker.services.actor import Actor
from tracker.services.delegation import counted
from tracker.services.permissions import authorize


def status_case(today: date):
    """SQL expression giving the official status code of an Assignment row (joined to its Task) on ``today``."""
    return case(
        (Task.ongoing & period_results.reported_in_period(today), literal(status.REPORTED_IN_PERIOD)),
        (Task.ongoing, literal(status.NO_RESULT_IN_PERIOD)),
        (Assignment.completed_on > Assignment.deadline, literal(status.DONE_LATE)),
        (Assignment.completed_on.is_not(None), literal(status.DONE_ON_TIME)),
        (Assignment.progress_pct <= 0, literal(status.NOT_STARTED)),
        (Assignment.deadline < literal(today), literal(status.IN_PROGRESS_OVERDUE)),
        else_=literal(status.IN_PROGRESS_ON_TIME))


def _status_sums(today: date) -> list:
    """One SUM per official status, each a single flat CASE (cheaper than comparing status_case).

    Ongoing tasks count only as reported or not in their current period (never done, never overdue).
    """
    deliverable = ~Task.ongoing
    open_ = deliverable & Assignment.completed_on.is_(None)
    started = Assignment.progress_pct > 0
    late = Assignment.deadline < literal(today)
    reported = period_results.reported_in_period(today)
    conditions = {
        status.NOT_STARTED: open_ & ~started,
        status.IN_PROGRESS_ON_TIME: open_ & started & ~late,
        status.IN_PROGRESS_OVERDUE: open_ & started & late,
        status.DONE_ON_TIME: deliverable & (Assignment.completed_on <= Assignment.deadline),
        status.DONE_LATE: deliverable & (Assignment.completed_on > Assignment.deadline),
        status.REPORTED_IN_PERIOD: Task.ongoing & reported,
        status.NO_RESULT_IN_PERIOD: Task.ongoing & ~reported,
    }
    return [func.sum(case((conditions[code], 1), else_=0)) for code in status.STATUSES] + \
        [func.sum(case((open_ & late, 1), else_=0))]


def rollup(session: Session, actor: Actor, today: date | None = None, group: str | None = None,
           organisation: str | None = None, program_id: int | None = None) -> list[dict]:
    """One row per (task group, body): assignments, per-status counts, overdue count, mean progress
    (of one program, or of all when ``program_id`` is None).

    The query groups on integer keys (top-level group id, body id) in one pass over the assignments;
    codes and names are attached afterwards from small lookups.
    """
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    today = today or local_today()
    code_of = dict(session.exec(select(TaskGroup.id, TaskGroup.code)).all())
    top = func.coalesce(TaskGroup.parent_id, TaskGroup.id)
    stmt = (select(top, Assignment.organisation_id, func.count(), *_status_sums(today),
                   func.sum(Assignment.progress_pct))
            .select_from(Assignment).join(Task, Task.id == Assignment.task_id)
            .join(TaskGroup, TaskGroup.id == Task.group_id)
            .where(Assignment.cancelled_at.is_(None), counted())  # a duty handed on counts once, below
            .group_by(top, Assignment.organisation_id))
    if program_id is not None:
        stmt = stmt.where(Task.program_id == program_id)
    if group:
        stmt = stmt.where(top == select(TaskGroup.id).where(TaskGroup.code == group,
                                                            *_in_program(program_id)).scalar_subquery())
    if organisation:
        stmt = stmt.where(Assignment.organisation_id == select(Organisation.id).where(
            Organisation.code == organisation).scalar_subquery())
    rows = session.connection().execute(stmt).all()
    names = {oid: (code, name) for oid, code, name in session.connection().execute(
        select(Organisation.id, Organisation.code, Organisation.name))}
    out = []
    for top_id, org_id, total, *counts, overdue, progress in rows:
        code, name = names[org_id]
        out.append({"group": code_of[top_id], "organisation": code, "organisation_name": name,
                    "assignments": total, **dict(zip(status.STATUSES, counts, strict=True)),
                    "overdue": overdue, "progress": round(float(progress) / total, 1)})
    out.sort(key=lambda r: (r["group"], r["organisation"]))
    return out


def status_counts(rows: list[dict]) -> dict[str, int]:
    return {code: sum(r[code] for r in rows) for code in status.STATUSES}


def _in_program(program_id: int | None) -> list:
    return [] if program_id is None else [TaskGroup.program_id == program_id]


def reports_on_time(session: Session, actor: Actor, today: date | None = None,
                    program_id: int | None = None) -> list[dict]:
    """Per period: reports submitted (on time, late), and how many were expected, from SQL counts (of
    one program, or of all)."""
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    submitted_on = func.date(Report.submitted_at)
    on_time = case((Report.submitted_at.is_not(None) & (submitted_on <= Report.due_on), 1), else_=0)
    rows = session.exec(select(Report.period, func.count(Report.id), func.sum(on_time),
                               func.sum(case((Report.submitted_at.is_not(None), 1), else_=0)))
                        .where(Report.kind == "periodic",
                               *([] if program_id is None else [Report.program_id == program_id]))
                        .group_by(Report.period).order_by(Report.period))
    owing = (select(func.count(func.distinct(Assignment.organisation_id))).join(Task, Task.id == Assignment.task_id)
             .where(Assignment.cancelled_at.is_(None), Assignment.report_cadence != "none"))
    if program_id is not None:
        owing = owing.where(Task.program_id == program_id)
    expected = session.exec(owing).one()
    return [{"period": p, "reports": n, "on_time": int(ok or 0), "submitted": int(sub or 0), "expected": expected,
             "on_time_share": round(100 * int(ok or 0) / expected, 1) if expected else 0.0}
            for p, n, ok, sub in rows]


# Worst first: on a tie the heatmap shows the status that needs attention.
SEVERITY = (status.IN_PROGRESS_OVERDUE, status.NOT_STARTED, status.NO_RESULT_IN_PERIOD, status.DONE_LATE,
            status.IN_PROGRESS_ON_TIME, status.REPORTED_IN_PERIOD, status.DONE_ON_TIME)
BODY_SUBJECTS = ("report", "organisation")  # reminders about a body: its reports, and manual urging
_CHUNK = 500


def dominant_status(row: dict) -> str:
    """The status most of a rollup row's assignments have (ties go to the more worrying one)."""
    return max(SEVERITY, key=lambda code: (row[code], -SEVERITY.index(code)))


def heatmap_cells(rows: list[dict], limit: int | None = None) -> list[dict]:
    """One cell per rollup row (body x task group), for the ``limit`` bodies with most overdue work.

    Each cell: group, organisation (code and name), assignments, overdue, overdue_share (%) and
    dominant (a status code). Bodies are ranked by overdue assignments, then overdue share, then code;
    cells come in that order (then by group), so the most overdue body is drawn first.
    """
    totals: dict[str, list[int]] = {}
    for r in rows:
        total = totals.setdefault(r["organisation"], [0, 0])
        total[0] += r["overdue"]
        total[1] += r["assignments"]
    ranked = sorted(totals, key=lambda code: (-totals[code][0], -totals[code][0] / max(totals[code][1], 1), code))
    rank = {code: n for n, code in enumerate(ranked if limit is None else ranked[:limit])}
    kept = sorted((r for r in rows if r["organisation"] in rank),
                  key=lambda r: (rank[r["organisation"]], _group_key(r["group"])))
    return [{"group": r["group"], "organisation": r["organisation"], "organisation_name": r["organisation_name"],
             "assignments": r["assignments"], "overdue": r["overdue"],
             "overdue_share": round(100 * r["overdue"] / r["assignments"], 1) if r["assignments"] else 0.0,
             "dominant": dominant_status(r)} for r in kept]


def group_progress(rows: list[dict]) -> list[dict]:
    """Per task group: assignments and mean progress (%), weighted by each row's assignments."""
    sums: dict[str, list[float]] = {}
    for r in rows:
        total = sums.setdefault(r["group"], [0, 0.0])
        total[0] += r["assignments"]
        total[1] += r["progress"] * r["assignments"]
    return [{"group": g, "assignments": n, "progress": round(p / n, 1) if n else 0.0}
            for g, (n, p) in sorted(sums.items(), key=lambda item: _group_key(item[0]))]


def _group_key(code: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in code.split("."))


def reminders_sent(session: Session, actor: Actor, assignment_ids: Iterable[int] = (),
                   organisation_ids: Iterable[int] = ()) -> list[dict]:
    """Reminders already sent about these assignments, and about these bodies' reports and urging.

    One row per subject: subject_type ("assignment", "report" or "organisation"), subject_id,
    ``reminders`` (occasions: distinct due date and step, each sent to one or more people),
    ``messages`` (every message sent) and ``last_sent_at`` (ISO, UTC).
    """
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    wanted = [("assignment", sorted(set(assignment_ids)))] + [(kind, sorted(set(organisation_ids)))
                                                               for kind in BODY_SUBJECTS]
    found: dict[tuple[str, int], dict] = {}
    for kind, ids in wanted:
        for start in range(0, len(ids), _CHUNK):
            stmt = (select(Reminder.subject_id, Reminder.due_on, Reminder.step, func.count(),
                           func.max(Reminder.sent_at))
                    .where(Reminder.state == "sent", Reminder.subject_type == kind,
                           Reminder.subject_id.in_(ids[start:start + _CHUNK]))
                    .group_by(Reminder.subject_id, Reminder.due_on, Reminder.step))
            for subject_id, _due, _step, messages, last in session.exec(stmt):
                row = found.setdefault((kind, subject_id), {"subject_type": kind, "subject_id": subject_id,
                                                            "reminders": 0, "messages": 0, "last_sent_at": ""})
                row["reminders"] += 1
                row["messages"] += messages
                row["last_sent_at"] = max(row["last_sent_at"], last.isoformat() if last else "")
    return sorted(found.values(), key=lambda r: (r["subject_type"], r["subject_id"]))
