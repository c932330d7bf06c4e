"""Urging by hand (đôn đốc): the monitor nudges a body now, and can draft a letter (a DOCX from tracker.documents)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from tracker.clock import utcnow
from tracker.config import Settings
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Organisation, Program
from tracker.services import audit, messages, registry, workspace
from tracker.services.actor import Actor
from tracker.services.catalog import find_program
from tracker.services.permissions import authorize
from tracker.services.programs import program_reference
from tracker.services.registry import Letterhead
from tracker.services.summary import Signature
from tracker.services.workspace import AssignmentFilter
from tracker.text import cited_date, clean, gist

TASK_WORDS = 40  # a task is named by its first sentence, cut to about this many words


def _overdue_lines(session: Session, actor: Actor, org: Organisation, today: date,
                   program_id: int | None = None) -> list[str]:
    """One line per overdue task, named by what it says: "Tập trung tuyên truyền, … (thời hạn 31/10/2026,
    chậm tiến độ, quá hạn 29 ngày)"."""
    rows = workspace.all_assignments(session, actor, AssignmentFilter(organisation=org.code, overdue_only=True,
                                                                        program_id=program_id), today)
    return [f"{gist(r['task_text'] or r['task'], TASK_WORDS)} (thời hạn "
            f"{cited_date(date.fromisoformat(r['deadline']))}, {r['status_label'].lower()}, "
            f"quá hạn {r['days_overdue']} ngày)" for r in rows]


def urge(session: Session, actor: Actor, settings: Settings, organisation_code: str, message: str,
         today: date) -> int:
    """Queue an urging notice (and email) to every officer of the body; returns how many messages."""
    org = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    authorize(session, actor, "urge", org.id if org else None, object_type="organisation",
              object_id=organisation_code)
    if org is None or not org.active:
        raise TrackerError("Không có cơ quan, đơn vị này hoặc đã ngừng hoạt động.")
    message = clean(message)
    if not message:
        raise InvalidInput("Cần nhập nội dung đôn đốc.")
    users = messages.officers(session, [org.id])
    if not users:
        raise TrackerError(f"{org.name} chưa có tài khoản cán bộ đầu mối để nhận đôn đốc.")
    lines = _overdue_lines(session, actor, org, today)
    body = message + ("\n\nCác nhiệm vụ quá hạn:\n" + "\n".join(f"- {x}" for x in lines) if lines else "")
    queued = messages.send_now(session, messages.Message(
        "manual_urge", f"{org.id}:{utcnow().isoformat()}", "organisation", org.id,
        f"[Đôn đốc] {registry.current_letterhead(session, today).body_name} đề nghị {org.name} khẩn trương thực hiện", body), users, today, settings)
    audit.record(session, actor, "urge", "organisation", org.id, {"message": message[:300], "messages": queued})
    return queued


@dataclass(frozen=True)
class UrgingLetter:
    """What a drafted urging letter (công văn đôn đốc) says; tracker.documents.urging_letter renders it."""

    organisation: str
    number: str
    issued_on: date
    overdue: tuple[str, ...]  # one line per overdue task, named by its text
    letterhead: Letterhead = Letterhead("", "", "", "", "")  # the monitoring body as of issued_on
    program: str = "Chương trình hành động của Ban Thường vụ Tỉnh ủy"  # programs.program_reference
    subject: str = "V/v đôn đốc thực hiện Chương trình hành động"  # under the number (trích yếu)
    signature: Signature = field(default_factory=lambda: Signature(title="TRƯỞNG BAN"))
    recipients: tuple[str, ...] = ()  # "Nơi nhận" after "Như trên"; the body's file ("Lưu …") comes last


def subject_of(program: Program | None) -> str:
    """The letter's trích yếu: "V/v đôn đốc thực hiện Chương trình hành động số 25-CTr/TU"."""
    number = f" số {program.number}" if program is not None and program.number else ""
    return f"V/v đôn đốc thực hiện Chương trình hành động{number}"


def letter_data(session: Session, actor: Actor, organisation_code: str, today: date, number: str = "",
                signature: Signature | None = None, program_id: int | None = None) -> UrgingLetter:
    """The urging letter (công văn đôn đốc) to the body, listing its overdue tasks of one program
    (``program_id``; None: the first), signed by the head of the monitoring body unless ``signature``
    says otherwise; the drafting is audited."""
    org = session.exec(select(Organisation).where(Organisation.code == organisation_code)).first()
    authorize(session, actor, "urge", org.id if org else None, object_type="organisation",
              object_id=organisation_code)
    if org is None:
        raise TrackerError("Không có cơ quan, đơn vị này.")
    program = find_program(session, program_id=program_id)
    lines = tuple(_overdue_lines(session, actor, org, today, program.id if program else None))
    audit.record(session, actor, "draft_letter", "organisation", org.id,
                 {"overdue": len(lines), "program": program.code if program else None})
    head = registry.letterhead(session, program, today)
    return UrgingLetter(org.name, number, today, lines, head,
                        program_reference(program) if program else UrgingLetter.program, subject_of(program),
                        signature or Signature(title=head.signer_title or "TRƯỞNG BAN"),
                        ("Thường trực Tỉnh ủy (b/c)",))
