"""Periodic reports: a body drafts and submits; the monitor accepts or returns; every version is kept.

Content: ``{"sections": {"III.1": {"done", "results", "difficulties", "proposals"}, ...},
"action_ids": [...]}`` — a narrative per task group and links to the body's own actions. A body's own
review at a sơ kết or tổng kết milestone (kind "preliminary"/"final", period = the milestone's) has the
same content, plus ``"review": {"overall", "lessons"}`` (đánh giá chung, bài học kinh nghiệm).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, select

from tracker import page_paths
from tracker.clock import local_today, utcnow
from tracker.config import get_settings
from tracker.errors import InvalidInput, TrackerError
from tracker.models import (Action, Assignment, Milestone, Organisation, Program, Report, ReportRevision, Task,
                            TaskGroup)
from tracker.models.vocab import CADENCES
from tracker.services import audit, messages, periods, registry
from tracker.services.actor import Actor
from tracker.services.catalog import find_program, get_program
from tracker.services.permissions import authorize
from tracker.text import clean
from tracker.vocabulary import REPORT_STATE, vietnamese

FIELDS = ("done", "results", "difficulties", "proposals")
MAX_FIELD = 20000
DUE_SOON_DAYS = 7
STATE_LABELS = vietnamese(REPORT_STATE)
REVIEW_KINDS = ("preliminary", "final")
REVIEW_FIELDS = ("overall", "lessons")
KIND_TITLES = {"periodic": "kỳ", "preliminary": "sơ kết giai đoạn", "final": "tổng kết giai đoạn"}


def display_state(state: str | None, due_on: date, submitted_on: date | None, today: date) -> str:
    """The official state of a body's report for a period (state None: not started)."""
    if state == "accepted":
        return "accepted"
    if state == "returned":
        return "returned"
    if state == "submitted":
        return "submitted_on_time" if submitted_on and submitted_on <= due_on else "submitted_late"
    if today > due_on:
        return "overdue"
    return "due" if (due_on - today).days <= DUE_SOON_DAYS else "not_due"


def _due_on(session: Session, program: Program, kind: str, period: str) -> date:
    if kind == "periodic":
        return periods.parse(period, program.report_due_days).due_on
    milestone = session.exec(select(Milestone).where(Milestone.program_id == program.id, Milestone.kind == kind,
                                                     Milestone.period == period)).first()
    if milestone is None:
        raise TrackerError(f"Không có mốc {kind} cho giai đoạn {period}.")
    return milestone.due_on


def open_report(session: Session, actor: Actor, organisation_id: int, period: str, kind: str = "periodic",
                program_id: int | None = None) -> Report:
    """The body's report on one program (``program_id``; None: the first) for ``period`` (a new draft if
    there is none yet)."""
    authorize(session, actor, "report.write", organisation_id, object_type="organisation", object_id=organisation_id)
    program = get_program(session, program_id=program_id)
    report = session.exec(select(Report).where(Report.program_id == program.id, Report.organisation_id == organisation_id,
                                               Report.kind == kind, Report.period == period)).first()
    if report:
        return report
    report = Report(program_id=program.id, organisation_id=organisation_id, kind=kind, period=period,
                    due_on=_due_on(session, program, kind, period), content={"sections": {}, "action_ids": []})
    session.add(report)
    session.flush()
    audit.record(session, actor, "create", "report", report.id, {"after": {"period": period, "kind": kind}})
    return report


def review_milestones(session: Session, program_id: int | None = None) -> list[Milestone]:
    """The sơ kết and tổng kết milestones of the program, earliest first: each body owes its own review."""
    program = find_program(session, program_id=program_id)
    return list(session.exec(select(Milestone).where(Milestone.program_id == program.id,
                                                     Milestone.kind.in_(REVIEW_KINDS))
                             .order_by(Milestone.due_on, Milestone.id))) if program else []


def open_review(session: Session, actor: Actor, organisation_id: int, milestone_id: int) -> Report:
    """The body's own review report for a sơ kết / tổng kết milestone (a new draft if there is none yet)."""
    milestone = session.get(Milestone, milestone_id)
    if milestone is None or milestone.kind not in REVIEW_KINDS:
        raise TrackerError("Mốc này không phải mốc sơ kết hoặc tổng kết.")
    return open_report(session, actor, organisation_id, milestone.period, milestone.kind, milestone.program_id)


def _for_write(session: Session, actor: Actor, report_id: int) -> Report:
    report = session.get(Report, report_id)
    authorize(session, actor, "report.write", report.organisation_id if report else None,
              object_type="report", object_id=report_id)
    if report is None:
        raise TrackerError("Không tìm thấy báo cáo.")
    if report.state not in ("draft", "returned"):
        raise TrackerError("Báo cáo đã nộp; chỉ sửa được khi còn là bản nháp hoặc bị trả lại.")
    return report


def clean_content(session: Session, actor: Actor, report: Report, content: dict) -> dict:
    """Validate sections and linked actions; a linked action of another body is refused (audited)."""
    groups = set(session.exec(select(TaskGroup.code).where(TaskGroup.program_id == report.program_id,
                                                           TaskGroup.parent_id.is_(None))))
    sections = {}
    for code, fields in (content.get("sections") or {}).items():
        if code not in groups:
            raise InvalidInput(f"Nhóm nhiệm vụ {code!r} không có trong Chương trình.")
        cleaned = {f: clean(str((fields or {}).get(f) or "")) for f in FIELDS}
        if any(len(v) > MAX_FIELD for v in cleaned.values()):
            raise InvalidInput(f"Nội dung nhóm {code} dài quá {MAX_FIELD} ký tự.")
        if any(cleaned.values()):
            sections[code] = cleaned
    cleaned_review = {}
    if report.kind in REVIEW_KINDS:
        cleaned_review = {f: clean(str((content.get("review") or {}).get(f) or "")) for f in REVIEW_FIELDS}
        if any(len(v) > MAX_FIELD for v in cleaned_review.values()):
            raise InvalidInput(f"Phần đánh giá chung, bài học kinh nghiệm dài quá {MAX_FIELD} ký tự.")
    action_ids = sorted({int(a) for a in content.get("action_ids") or []})
    for action_id in action_ids:
        action = session.get(Action, action_id)
        owner = session.get(Assignment, action.assignment_id).organisation_id if action else None
        if owner != report.organisation_id:
            authorize(session, actor, "report.link_foreign_action", None, object_type="action", object_id=action_id)
    return {"sections": sections, "action_ids": action_ids,
            **({"review": cleaned_review} if report.kind in REVIEW_KINDS else {})}


def save_draft(session: Session, actor: Actor, report_id: int, content: dict) -> Report:
    report = _for_write(session, actor, report_id)
    report.content = clean_content(session, actor, report, content)
    report.updated_at = utcnow()
    session.add(report)
    audit.record(session, actor, "update", "report", report.id,
                 {"after": {"sections": sorted(report.content["sections"]), "actions": report.content["action_ids"]}})
    return report


def submit(session: Session, actor: Actor, report_id: int, now: datetime | None = None) -> Report:
    """Submit the draft (or the revision of a returned report, as a new version)."""
    report = _for_write(session, actor, report_id)
    if not report.content.get("sections") and not any((report.content.get("review") or {}).values()):
        raise InvalidInput("Báo cáo chưa có nội dung: hãy nhập kết quả cho ít nhất một nhóm nhiệm vụ.")
    if report.state == "returned":
        report.version += 1
    report.state, report.submitted_at, report.updated_at = "submitted", now or utcnow(), now or utcnow()
    report.return_reason = ""
    session.add(report)
    _freeze(session, actor, report, "submitted")
    audit.record(session, actor, "submit", "report", report.id, {"after": {"version": report.version}}, at=now)
    return report


def review(session: Session, actor: Actor, report_id: int, accept: bool, reason: str = "",
           now: datetime | None = None) -> Report:
    """The monitor accepts a submitted report, or returns it with a reason."""
    report = session.get(Report, report_id)
    authorize(session, actor, "report.review", report.organisation_id if report else None,
              object_type="report", object_id=report_id)
    if report is None or report.state != "submitted":
        raise TrackerError("Chỉ tiếp nhận hoặc trả lại được báo cáo đã nộp.")
    reason = clean(reason)
    if not accept and not reason:
        raise InvalidInput("Cần ghi lý do trả lại báo cáo để đơn vị biết phải bổ sung gì.")
    report.state = "accepted" if accept else "returned"
    report.return_reason = "" if accept else reason
    report.reviewed_at, report.reviewed_by = now or utcnow(), actor.user_id
    session.add(report)
    _freeze(session, actor, report, report.state, reason)
    audit.record(session, actor, "accept" if accept else "return", "report", report.id,
                 {"after": {"state": report.state, "version": report.version, "reason": reason}}, at=now)
    if not accept:
        _tell_returned(session, report, reason)
    return report


def _tell_returned(session: Session, report: Report, reason: str) -> None:
    """The body's officers learn at once that their report came back, and why."""
    period = f"{KIND_TITLES[report.kind]} {report.period}"  # "kỳ 2026-H1", as the reminders name it
    messages.send_now(session, messages.Message(
        "report_returned", f"{report.id}:{report.version}", "report", report.id,
        f"[Trả lại báo cáo] Báo cáo {period} cần bổ sung",
        f"{registry.current_letterhead(session, local_today()).body_name} đã trả lại báo cáo {period} (lần nộp thứ {report.version}).\n"
        f"Lý do: {reason}\nĐề nghị đơn vị bổ sung và nộp lại.", page_paths.WORK_REPORT),
        messages.officers(session, [report.organisation_id]), local_today())


def _freeze(session: Session, actor: Actor, report: Report, state: str, note: str = "") -> None:
    session.add(ReportRevision(report_id=report.id, version=report.version, state=state, content=report.content,
                               note=note, by_user=actor.user_id))
    session.flush()


def revisions(session: Session, actor: Actor, report_id: int) -> list[dict]:
    report = session.get(Report, report_id)
    authorize(session, actor, "report.read", report.organisation_id if report else None,
              object_type="report", object_id=report_id)
    rows = session.exec(select(ReportRevision).where(ReportRevision.report_id == report_id).order_by(ReportRevision.id))
    return [{"version": r.version, "state": r.state, "note": r.note, "at": r.at.isoformat(timespec="seconds"),
             "content": r.content} for r in rows]


def summary_row(report: Report, org: Organisation, today: date) -> dict:
    submitted_on = local_today(report.submitted_at) if report.submitted_at else None
    code = display_state(report.state, report.due_on, submitted_on, today)
    return {"id": report.id, "program_id": report.program_id, "organisation_id": org.id, "organisation": org.code, "organisation_name": org.name, "kind": report.kind,
            "period": report.period, "due_on": report.due_on.isoformat(), "version": report.version,
            "state": code, "state_label": STATE_LABELS[code], "return_reason": report.return_reason,
            "days_late": max((today - report.due_on).days, 0) if code == "overdue" else 0}


def inbox(session: Session, actor: Actor, today: date | None = None, program_id: int | None = None) -> list[dict]:
    """Submitted reports waiting for the monitor (on one program, or all), oldest submission first."""
    authorize(session, actor, "report.review", None, object_type="report")
    stmt = select(Report, Organisation).join(Organisation).where(Report.state == "submitted")
    if program_id is not None:
        stmt = stmt.where(Report.program_id == program_id)
    rows = session.exec(stmt.order_by(Report.submitted_at))
    return [summary_row(r, o, today or local_today()) for r, o in rows]


def for_body(session: Session, actor: Actor, organisation_id: int, today: date | None = None,
             program_id: int | None = None) -> list[dict]:
    """The body's reports (on one program, or all), latest due first."""
    authorize(session, actor, "report.read", organisation_id, object_type="organisation", object_id=organisation_id)
    stmt = select(Report, Organisation).join(Organisation).where(Report.organisation_id == organisation_id)
    if program_id is not None:
        stmt = stmt.where(Report.program_id == program_id)
    rows = session.exec(stmt.order_by(Report.due_on.desc()))
    return [summary_row(r, o, today or local_today()) for r, o in rows]


@dataclass(frozen=True)
class LateBody:
    """A body that owed a report for a period and had not submitted it on time (as of a date)."""
    organisation_id: int
    name: str          # as the body was named on the due date
    period: str
    due_on: date
    state: str         # "not_started", "draft", "returned" or "submitted_late"
    days_late: int     # as of the date asked about


def owed_period(cadence: str, period: str) -> bool:
    """Whether a report cadence asks for ``period`` ("semiannual" asks for "2026-H1", "annual" for "2026")."""
    part = period.partition("-")[2]
    wanted = "annual" if not part else {"H": "semiannual", "Q": "quarterly"}.get(part[0], "monthly")
    return cadence == wanted


def owing_bodies(session: Session, program: Program, kind: str, period: str) -> tuple[date, list[int]]:
    """The due date of ``kind``/``period`` and the bodies that owed that report: alive on the due date and
    holding an assignment of the program then (not cancelled before it, not completed before the period
    began) whose cadence asks for the period; a review report (preliminary, final) is owed by every such
    holder whatever its cadence."""
    due = _due_on(session, program, kind, period)
    began = periods.parse(period).start if kind == "periodic" else None
    rows = session.exec(select(Assignment.organisation_id, Assignment.report_cadence, Assignment.cancelled_at,
                               Assignment.completed_on).join(Task, Task.id == Assignment.task_id)
                        .where(Task.program_id == program.id, Assignment.report_cadence != "none")).all()
    ids = {org_id for org_id, cadence, cancelled, completed in rows
           if (cancelled is None or local_today(cancelled) > due)
           and (began is None or completed is None or completed >= began)
           and (kind != "periodic" or owed_period(cadence, period))}
    alive = registry.bodies_as_of(session, ids, due)
    return due, [org_id for org_id in ids if alive[org_id].active_on]


def late_count(session: Session, program: Program, period: str, as_of: date) -> int:
    """How many bodies ``late_bodies`` lists for the periodic report of ``period`` as of ``as_of``, in
    one aggregate query (the leaders' overview of every program asks it per program): the same rule
    (a holder then of an assignment whose cadence asks for the period, alive on the due date, with no
    report submitted by the end of that day, local time)."""
    due = _due_on(session, program, "periodic", period)
    if due >= as_of:
        return 0
    began = periods.parse(period).start
    cadences = [c for c in CADENCES if c != "none" and owed_period(c, period)]
    end_of_due = datetime.combine(due + timedelta(days=1), time(), tzinfo=get_settings().tz)
    on_time = exists().where(Report.program_id == program.id, Report.organisation_id == Assignment.organisation_id,
                             Report.kind == "periodic", Report.period == period,
                             Report.state.in_(("submitted", "accepted")), Report.submitted_at < end_of_due)
    alive = and_(or_(Organisation.began_on.is_(None), Organisation.began_on <= due),
                 or_(and_(Organisation.ended_on.is_(None), Organisation.active), Organisation.ended_on > due))
    return session.exec(
        select(func.count(func.distinct(Assignment.organisation_id)))
        .join(Task, Task.id == Assignment.task_id).join(Organisation, Organisation.id == Assignment.organisation_id)
        .where(Task.program_id == program.id, Assignment.report_cadence.in_(cadences),
               or_(Assignment.cancelled_at.is_(None), Assignment.cancelled_at >= end_of_due),
               or_(Assignment.completed_on.is_(None), Assignment.completed_on >= began), alive, ~on_time)).one()


def late_bodies(session: Session, program: Program, kind: str, period: str, as_of: date) -> list[LateBody]:
    """Bodies that owed the ``kind`` report for ``period`` by a due date on or before ``as_of`` and had not
    submitted it on time: never started, still a draft, returned, or submitted after the due date (judged as
    of ``as_of``; on the due date itself nobody is late yet). Named as on the due date, in the registry's
    order. Reads only (the caller checks)."""
    due, owing = owing_bodies(session, program, kind, period)
    if due >= as_of or not owing:
        return []
    found = {r.organisation_id: r for r in session.exec(select(Report).where(
        Report.program_id == program.id, Report.kind == kind, Report.period == period,
        Report.organisation_id.in_(owing)))}
    names = registry.bodies_as_of(session, owing, due)
    late = []
    for org_id in owing:
        report = found.get(org_id)
        submitted_on = local_today(report.submitted_at) if report and report.submitted_at else None
        if report and report.state in ("submitted", "accepted") and submitted_on and submitted_on <= min(due, as_of):
            continue
        if report is None:
            state = "not_started"
        elif report.state in ("submitted", "accepted") and submitted_on and submitted_on <= as_of:
            state = "submitted_late"
        else:
            state = report.state if report.state in ("draft", "returned") else "not_started"
        late.append(LateBody(org_id, names[org_id].name, period, due, state, (as_of - due).days))
    order = {org_id: i for i, org_id in enumerate(session.exec(select(Organisation.id).where(
        Organisation.id.in_(owing)).order_by(Organisation.position, Organisation.id)))}
    return sorted(late, key=lambda b: order[b.organisation_id])
