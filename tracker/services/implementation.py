"""IV.1 implementation records: the plan each body issued, its study conferences, its propaganda output.

A body (or the monitor, for any body) records them; a record is soft-deleted, never erased. The
plan's file goes through the evidence service (same checks, same content-addressed store).
``figures`` aggregates them for a period in two SQL queries (read only, no permission check: the
summary and the dashboard call it after their own checks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, case, exists, func, or_
from sqlmodel import Session, select

from tracker.clock import local_today, utcnow
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, Evidence, Organisation, Program, Task
from tracker.models.records import ImplementationRecord
from tracker.models.vocab import CONFERENCE_LEVELS, IMPLEMENTATION_KINDS
from tracker.services import audit, evidence, registry
from tracker.services.actor import Actor
from tracker.services.catalog import get_program
from tracker.services.permissions import authorize
from tracker.text import clean


@dataclass(frozen=True)
class ImplementationFigures:
    """IV.1 over [start, end]: ``plans`` of ``bodies`` issued their plan by ``end``; the rest are totals."""

    bodies: int = 0  # bodies expected to act: alive on ``end``, holding an open or completed assignment
    plans: int = 0  # of those, bodies with a plan dated on or before ``end``
    conferences: int = 0
    participants: int = 0
    reached_pct: float | None = None  # mean over the conferences that give a share
    articles: int = 0
    broadcasts: int = 0
    sessions: int = 0
    without_plan: list[str] = field(default_factory=list)  # names as of ``end``, in the registry's order

    @property
    def plan_share(self) -> float | None:
        """Per cent of the expected bodies that issued their plan (None when none is expected)."""
        return round(100 * self.plans / self.bodies, 1) if self.bodies else None


def _program_id(program: Program | int) -> int:
    return program if isinstance(program, int) else program.id


def _live(program_id: int):
    return and_(ImplementationRecord.program_id == program_id, ImplementationRecord.deleted_at.is_(None))


def figures(session: Session, program: Program | int, start: date, end: date) -> ImplementationFigures:
    """The IV.1 figures of ``program`` for [start, end], bodies named as of ``end``."""
    program_id = _program_id(program)
    after_end = datetime.combine(end + timedelta(days=1), time(), tzinfo=timezone.utc)
    has_plan = exists().where(_live(program_id), ImplementationRecord.kind == "plan",
                              ImplementationRecord.organisation_id == Assignment.organisation_id,
                              ImplementationRecord.occurred_on <= end)
    holders = session.exec(
        select(Assignment.organisation_id, has_plan, Organisation.position)
        .join(Task, Task.id == Assignment.task_id)
        .join(Organisation, Organisation.id == Assignment.organisation_id)
        .where(Task.program_id == program_id,
               or_(Assignment.cancelled_at.is_(None), Assignment.cancelled_at >= after_end))
        .distinct().order_by(Organisation.position, Assignment.organisation_id)).all()
    names = registry.bodies_as_of(session, [org_id for org_id, _, _ in holders], end)
    expected = [(org_id, bool(planned)) for org_id, planned, _ in holders if names[org_id].active_on]

    conference = ImplementationRecord.kind == "conference"
    conferences, participants, reached, articles, broadcasts, sessions = session.exec(
        select(func.sum(case((conference, 1), else_=0)),
               func.sum(case((conference, ImplementationRecord.participants), else_=None)),
               func.avg(case((conference, ImplementationRecord.reached_pct), else_=None)),
               func.sum(ImplementationRecord.articles), func.sum(ImplementationRecord.broadcasts),
               func.sum(ImplementationRecord.sessions))
        .where(_live(program_id), ImplementationRecord.occurred_on >= start,
               ImplementationRecord.occurred_on <= end)).one()
    return ImplementationFigures(
        bodies=len(expected), plans=sum(1 for _, planned in expected if planned),
        conferences=int(conferences or 0), participants=int(participants or 0),
        reached_pct=None if reached is None else round(float(reached), 1),
        articles=int(articles or 0), broadcasts=int(broadcasts or 0), sessions=int(sessions or 0),
        without_plan=[names[org_id].name for org_id, planned in expected if not planned])


def to_date(session: Session, actor: Actor, today: date, program_id: int | None = None) -> ImplementationFigures:
    """The figures of the program from its issue to ``today``, for the leaders' dashboard."""
    authorize(session, actor, "dashboard.read", None, object_type="dashboard")
    program = get_program(session, program_id=program_id)
    return figures(session, program, program.issued_on or date.min, today)


MAX_TITLE = 500
MAX_DOC_NUMBER = 80
MAX_COUNT = 10_000_000
_COUNT_NAMES = {"participants": "Số người tham dự", "articles": "Số tin, bài", "broadcasts": "Số phát sóng",
                "sessions": "Số buổi tuyên truyền"}


@dataclass(frozen=True)
class RecordInput:
    """What the form gives; fields that do not belong to the kind are ignored."""

    occurred_on: date | None  # the plan's date, the conference's date, the end of the propaganda period
    title: str = ""
    doc_number: str = ""
    level: str | None = None
    participants: int | None = None
    reached_pct: float | None = None
    articles: int | None = None
    broadcasts: int | None = None
    sessions: int | None = None


def _count(name: str, value, required: bool = False) -> int | None:
    if value is None:
        if required:
            raise InvalidInput(f"Cần nhập {_COUNT_NAMES[name].lower()}.")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise InvalidInput(f"{_COUNT_NAMES[name]} phải là số nguyên từ 0 đến {MAX_COUNT:,}.".replace(",", "."))
    return value


def validate(kind: str, data: RecordInput, today: date) -> dict:
    """The cleaned column values of a record of ``kind``, or InvalidInput naming the first problem."""
    if kind not in IMPLEMENTATION_KINDS:
        raise InvalidInput("Loại ghi nhận phải là kế hoạch, hội nghị quán triệt hoặc tuyên truyền.")
    if not isinstance(data.occurred_on, date):
        raise InvalidInput("Cần nhập ngày ban hành kế hoạch." if kind == "plan" else
                           "Cần nhập ngày tổ chức hội nghị." if kind == "conference" else
                           "Cần nhập ngày cuối của kỳ tuyên truyền.")
    if data.occurred_on > today:
        raise InvalidInput(f"Ngày {data.occurred_on:%d/%m/%Y} ở tương lai; hãy nhập ngày đã diễn ra.")
    title = clean(data.title)
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"Trích yếu, nội dung dài quá {MAX_TITLE} ký tự.")
    values: dict = {"occurred_on": data.occurred_on, "title": title}
    if kind == "plan":
        doc_number = clean(data.doc_number)
        if not doc_number or len(doc_number) > MAX_DOC_NUMBER or any(ord(ch) < 32 for ch in doc_number):
            raise InvalidInput(f"Cần nhập số, ký hiệu kế hoạch (tối đa {MAX_DOC_NUMBER} ký tự, "
                               "không ký tự điều khiển), ví dụ 45-KH/ĐU.")
        values["doc_number"] = doc_number
    elif kind == "conference":
        if data.level not in CONFERENCE_LEVELS:
            raise InvalidInput("Cần chọn cấp tổ chức hội nghị: cấp tỉnh, cấp xã hoặc cơ sở.")
        reached = data.reached_pct
        if reached is not None and (isinstance(reached, bool) or not isinstance(reached, int | float)
                                    or not 0 <= reached <= 100):
            raise InvalidInput("Tỷ lệ cán bộ, đảng viên được quán triệt phải từ 0 đến 100 (%).")
        values.update(level=data.level, participants=_count("participants", data.participants, required=True),
                      reached_pct=None if reached is None else float(reached))
    else:
        counts = {name: _count(name, getattr(data, name)) for name in ("articles", "broadcasts", "sessions")}
        if not any(counts.values()):
            raise InvalidInput("Cần nhập ít nhất một trong số tin, bài; số phát sóng; số buổi tuyên truyền (lớn hơn 0).")
        values.update(counts)
    return values


def record(session: Session, actor: Actor, organisation_id: int, kind: str, data: RecordInput,
           filename: str = "", content: bytes | None = None, today: date | None = None,
           program_id: int | None = None) -> ImplementationRecord:
    """Record a plan, a conference or propaganda output of a body (with the plan's file, if any), audited."""
    authorize(session, actor, "implementation.write", organisation_id, object_type="organisation",
              object_id=organisation_id)
    if session.get(Organisation, organisation_id) is None:
        raise InvalidInput("Không tìm thấy cơ quan, đơn vị.")
    values = validate(kind, data, today or local_today())
    program = get_program(session, program_id=program_id)
    row = ImplementationRecord(program_id=program.id, organisation_id=organisation_id, kind=kind,
                               recorded_by=actor.user_id, **values)
    if content:
        row.evidence_id = evidence.store_file(session, actor, filename, content, {"for": "implementation"}).id
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "implementation_record", row.id,
                 {"organisation": organisation_id, "kind": kind, **values, "evidence": row.evidence_id})
    return row


def _live_record(session: Session, actor: Actor, operation: str, record_id: int) -> ImplementationRecord:
    row = session.get(ImplementationRecord, record_id)
    authorize(session, actor, operation, row.organisation_id if row else None,
              object_type="implementation_record", object_id=record_id)
    if row is None or row.deleted_at is not None:
        raise TrackerError("Không tìm thấy ghi nhận này (có thể đã bị xóa).")
    return row


def delete(session: Session, actor: Actor, record_id: int) -> ImplementationRecord:
    """Soft-delete a record: by its body or the monitor; it stays in the database, out of the figures."""
    row = _live_record(session, actor, "implementation.write", record_id)
    row.deleted_at = utcnow()
    session.add(row)
    session.flush()
    audit.record(session, actor, "delete", "implementation_record", row.id,
                 {"organisation": row.organisation_id, "kind": row.kind})
    return row


def for_body(session: Session, actor: Actor, organisation_id: int, kind: str | None = None) -> list[dict]:
    """A body's live records (of one kind, or all), latest first, with the attached file's name."""
    authorize(session, actor, "implementation.read", organisation_id, object_type="organisation",
              object_id=organisation_id)
    stmt = (select(ImplementationRecord, Evidence.original_name)
            .outerjoin(Evidence, Evidence.id == ImplementationRecord.evidence_id)
            .where(ImplementationRecord.organisation_id == organisation_id, ImplementationRecord.deleted_at.is_(None))
            .order_by(ImplementationRecord.occurred_on.desc(), ImplementationRecord.id.desc()))
    if kind:
        stmt = stmt.where(ImplementationRecord.kind == kind)
    return [{"id": r.id, "kind": r.kind, "occurred_on": r.occurred_on, "title": r.title, "doc_number": r.doc_number,
             "level": r.level, "participants": r.participants, "reached_pct": r.reached_pct, "articles": r.articles,
             "broadcasts": r.broadcasts, "sessions": r.sessions, "evidence_id": r.evidence_id, "file_name": name}
            for r, name in session.exec(stmt).all()]


def open_file(session: Session, actor: Actor, record_id: int) -> evidence.Download:
    """The file attached to a record, for those who may read that body's records."""
    row = _live_record(session, actor, "implementation.read", record_id)
    if row.evidence_id is None:
        raise TrackerError("Ghi nhận này không có tệp đính kèm.")
    return evidence.read_stored(session.get(Evidence, row.evidence_id))
