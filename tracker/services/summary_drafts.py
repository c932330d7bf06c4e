"""The monitor's summary drafts, kept between visits (``SummaryDraft``: one per program, kind, period, voice).

``save`` stores the edited ``Summary`` as JSON under a version check: a save made from a copy older
than the stored one is refused with a Vietnamese message (the editor keeps its text; nothing is
overwritten). ``load`` gives the stored Summary back with its ``draft_version``. Permission
``summary.build``; every save is audited.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from tracker.clock import utcnow
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Program
from tracker.models.records import SummaryDraft
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.catalog import get_program
from tracker.services.permissions import authorize
from tracker.services.registry import Letterhead
from tracker.services.summary_contract import Assessment, GroupSection, Signature, Summary, TargetRow
from tracker.text import clean

MAX_TEXT = 100_000  # characters in one section's text
STALE = ("Bản nháp này đã được lưu lại (phiên bản {stored}) sau khi bạn mở nó (phiên bản {mine}); nội dung của "
         "bạn chưa được ghi đè và vẫn còn trên màn hình. Hãy sao lưu phần đã sửa, mở lại bản nháp mới nhất rồi "
         "lưu lại.")
DATES = ("start", "end", "issued_on")


def _clean_text(value: str, what: str) -> str:
    text = clean(value)
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"Phần “{what}” dài quá {MAX_TEXT:,} ký tự.".replace(",", "."))
    return text


def to_content(summary: Summary) -> dict:
    """The Summary as JSON-ready data (dates as ISO text), every typed text cleaned."""
    data = dataclasses.asdict(summary)
    data.pop("draft_version", None)
    for key in DATES:
        data[key] = data[key].isoformat()

    def scrub(node, where: str):
        if isinstance(node, dict):
            return {k: scrub(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [scrub(v, where) for v in node]
        return _clean_text(node, where) if isinstance(node, str) else node
    return scrub(data, "")


def _group(data: dict) -> GroupSection:
    return GroupSection(**{**data, "subgroups": [_group(g) for g in data.get("subgroups", [])]})


def from_content(data: dict, version: int = 0) -> Summary:
    """The Summary a draft's ``content`` holds (fields added later take their defaults)."""
    known = {f.name for f in dataclasses.fields(Summary)}
    values = {k: v for k, v in data.items() if k in known}
    for key in DATES:
        values[key] = date.fromisoformat(values[key])
    values["groups"] = [_group(g) for g in data.get("groups", [])]
    values["targets"] = [TargetRow(**t) for t in data.get("targets", [])]
    values["assessment"] = Assessment(**data.get("assessment", {}))
    values["signature"] = Signature(**data.get("signature", {}))
    values["letterhead"] = Letterhead(**data.get("letterhead", {})) if data.get("letterhead") else \
        Letterhead("", "", "", "", "")
    values["draft_version"] = version
    return Summary(**values)


def _program(session: Session, program_id: int | None) -> Program:
    return get_program(session, program_id=program_id)


def _row(session: Session, program: Program, kind: str, period: str, voice: str) -> SummaryDraft | None:
    return session.exec(select(SummaryDraft).where(
        SummaryDraft.program_id == program.id, SummaryDraft.kind == kind, SummaryDraft.period == period,
        SummaryDraft.voice == voice)).first()


def load(session: Session, actor: Actor, kind: str, period: str, voice: str = "department",
         program_id: int | None = None) -> Summary | None:
    """The stored draft of ``kind``/``period`` in ``voice`` of the program (with its ``draft_version``),
    or None."""
    authorize(session, actor, "summary.build", None, object_type="summary_draft")
    program = _program(session, program_id)
    row = _row(session, program, kind, period, voice)
    if row is None:
        return None
    summary = from_content(row.content, row.version)
    summary.program_id = program.id
    return summary


def save(session: Session, actor: Actor, summary: Summary, expected_version: int) -> int:
    """Store ``summary`` as the draft of its kind, period and voice; ``expected_version`` is the version
    the editor opened (0 for a draft not stored yet). Returns the new version."""
    authorize(session, actor, "summary.build", None, object_type="summary_draft")
    program = _program(session, summary.program_id)
    content = to_content(summary)
    row = _row(session, program, summary.kind, summary.period, summary.voice)
    stored = row.version if row else 0
    if stored != expected_version:
        raise TrackerError(STALE.format(stored=stored, mine=expected_version))
    now = utcnow()
    if row is None:
        row = SummaryDraft(program_id=program.id, kind=summary.kind, period=summary.period, voice=summary.voice,
                           issued_on=summary.issued_on, content=content, version=1, updated_by=actor.user_id,
                           updated_at=now)
        session.add(row)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError as exc:  # another monitor stored the first version a moment earlier
            raise TrackerError(STALE.format(stored=1, mine=0)) from exc
    else:  # compare-and-set: a save that raced this one leaves no row to update
        changed = session.execute(update(SummaryDraft).where(
            SummaryDraft.id == row.id, SummaryDraft.version == expected_version).values(
            content=content, issued_on=summary.issued_on, version=expected_version + 1,
            updated_by=actor.user_id, updated_at=now)).rowcount
        if changed != 1:
            raise TrackerError(STALE.format(stored=expected_version + 1, mine=expected_version))
        session.expire(row)
    audit.record(session, actor, "create" if expected_version == 0 else "update", "summary_draft", row.id,
                 {"after": {"kind": summary.kind, "period": summary.period, "voice": summary.voice,
                            "version": expected_version + 1}})
    summary.draft_version = expected_version + 1
    return summary.draft_version
