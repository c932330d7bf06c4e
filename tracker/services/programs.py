"""The program's own details (number, date of issue, signer) and its review dates, kept by the monitor.

Number rule: the document's form is "<digits>-CTr/<symbol>" ("25-CTr/TU"). Typing only the digits
("25") gives "25-CTr/TU"; "25-ctr/tu" and "25 - CTr / TU" are written back in that form; anything
else is refused. An empty number clears it (the source gives none).
"""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.errors import InvalidInput
from tracker.models import Milestone, Program, User
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.catalog import get_program
from tracker.services.permissions import authorize
from tracker.text import cited_date, clean

ISSUER = "Ban Thường vụ Tỉnh ủy"  # how documents name the issuer of a provincial action program
SYMBOL = "TU"  # the Provincial Committee's symbol in "25-CTr/TU"
SIGNER_LIMIT = 120
SIGNER_TITLE_LIMIT = 200
SIGNER_TITLE_LINES = 2
IMPLEMENTS_LIMIT = 1000
MILESTONE_TITLE_LIMIT = 500
_NUMBER = re.compile(r"^(\d{1,5})-CTR/([A-ZĐ]{1,20})$")
_DIGITS = re.compile(r"^\d{1,5}$")
_RESOLUTION_DATE = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def program_reference(program: Program, issuer: str = ISSUER) -> str:
    """How documents cite the program: "Chương trình hành động số 25-CTr/TU ngày 15/3/2024 của Ban
    Thường vụ Tỉnh ủy"; the number or date is left out when unknown."""
    parts = ["Chương trình hành động"]
    if program.number:
        parts.append(f"số {program.number}")
    if program.issued_on:
        parts.append(f"ngày {cited_date(program.issued_on)}")
    parts.append(f"của {issuer}")
    return " ".join(parts)


def update_details(session: Session, actor: Actor, program_id: int, *, number: str | None,
                   issued_on: date | None, signer: str | None, signer_title: str | None,
                   implements: str | None = None) -> Program:
    """Set the program's number, date of issue, signer and signer's title, and (when given) the
    resolution it implements (monitor, admin; audited)."""
    authorize(session, actor, "program.manage", object_type="program", object_id=program_id)
    program = _get(session, Program, program_id, "Không tìm thấy Chương trình hành động.")
    after = {"number": normalise_number(number), "issued_on": _issued_on(program, issued_on),
             "signer": _signer(signer), "signer_title": _signer_title(signer_title)}
    if implements is not None:
        after["implements"] = _implements(implements)
    before = {field: getattr(program, field) for field in after}
    if before == after:
        return program
    for field, value in after.items():
        setattr(program, field, value)
    session.add(program)
    audit.record(session, actor, "update", "program", program.id,
                 {"before": _changed(before, after), "after": _changed(after, before)})
    return program


def update_milestone(session: Session, actor: Actor, milestone_id: int, due_on: date,
                     title: str | None = None) -> Milestone:
    """Set a review date (and optionally its title); a date set by a person is no longer a default."""
    authorize(session, actor, "program.manage", object_type="milestone", object_id=milestone_id)
    milestone = _get(session, Milestone, milestone_id, "Không tìm thấy mốc thời gian.")
    program = session.get(Program, milestone.program_id)
    if not isinstance(due_on, date):
        raise InvalidInput("Hãy chọn ngày của mốc thời gian.")
    if program.issued_on and due_on < program.issued_on:
        raise InvalidInput(f"Mốc thời gian không thể trước ngày ban hành Chương trình "
                           f"({cited_date(program.issued_on)}).")
    if not date(2000, 1, 1) <= due_on <= date(program.target_year + 5, 12, 31):
        raise InvalidInput(f"Mốc thời gian phải trong khoảng 2000–{program.target_year + 5}.")
    new_title = milestone.title if title is None else clean(title)
    if not new_title:
        raise InvalidInput("Nội dung mốc thời gian không được để trống.")
    if len(new_title) > MILESTONE_TITLE_LIMIT:
        raise InvalidInput(f"Nội dung mốc thời gian quá dài (tối đa {MILESTONE_TITLE_LIMIT} ký tự).")
    before = {"due_on": milestone.due_on, "title": milestone.title, "is_default": milestone.is_default}
    after = {"due_on": due_on, "title": new_title, "is_default": False}
    milestone.due_on, milestone.title, milestone.is_default = due_on, new_title, False
    session.add(milestone)
    audit.record(session, actor, "update", "milestone", milestone.id,
                 {"code": milestone.code, "before": _changed(before, after), "after": _changed(after, before)})
    return milestone


def normalise_number(number: str | None) -> str | None:
    """The number in the document's form (see the module's docstring); None when empty."""
    text = re.sub(r"\s+", "", clean(number))
    if not text:
        return None
    if _DIGITS.match(text):
        return f"{int(text)}-CTr/{SYMBOL}"
    match = _NUMBER.match(text.upper())
    if not match:
        raise InvalidInput(f"Số Chương trình không hợp lệ: “{clean(number)}”. Nhập theo mẫu 25-CTr/{SYMBOL} "
                           f"hoặc chỉ nhập số (25).")
    return f"{int(match[1])}-CTr/{match[2]}"


def resolution_date(program: Program) -> date | None:
    """The date of the resolution the program implements, read from its text ("ngày 24/11/2023")."""
    match = _RESOLUTION_DATE.search(program.implements or "")
    if not match:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _issued_on(program: Program, issued_on: date | None) -> date | None:
    if issued_on is None:
        return None
    if issued_on > local_today():
        raise InvalidInput("Ngày ban hành không thể sau ngày hôm nay.")
    resolution = resolution_date(program)
    if resolution and issued_on < resolution:
        raise InvalidInput(f"Ngày ban hành không thể trước ngày của Nghị quyết ({cited_date(resolution)}).")
    return issued_on


def _implements(text: str) -> str:
    text = re.sub(r"\s+", " ", clean(text)).strip()
    if not text:
        raise InvalidInput("Hãy nêu nghị quyết mà chương trình thực hiện.")
    if len(text) > IMPLEMENTS_LIMIT:
        raise InvalidInput(f"Tên nghị quyết quá dài (tối đa {IMPLEMENTS_LIMIT} ký tự).")
    return text


def _signer(signer: str | None) -> str | None:
    name = re.sub(r"\s+", " ", clean(signer))
    if len(name) > SIGNER_LIMIT:
        raise InvalidInput(f"Tên người ký quá dài (tối đa {SIGNER_LIMIT} ký tự).")
    return name or None


def _signer_title(title: str | None) -> str:
    lines = [re.sub(r"\s+", " ", line).strip().upper() for line in clean(title).split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > SIGNER_TITLE_LINES:
        raise InvalidInput("Chức vụ người ký tối đa hai dòng, ví dụ: “T/M BAN THƯỜNG VỤ” "
                           "và “PHÓ BÍ THƯ THƯỜNG TRỰC”.")
    text = "\n".join(lines)
    if len(text) > SIGNER_TITLE_LIMIT:
        raise InvalidInput(f"Chức vụ người ký quá dài (tối đa {SIGNER_TITLE_LIMIT} ký tự).")
    return text


def _get(session: Session, model, row_id: int, missing: str):
    row = session.get(model, row_id)
    if row is None:
        raise InvalidInput(missing)
    return row


def _changed(values: dict, other: dict) -> dict:
    """The fields of ``values`` that differ from ``other``, dates as ISO text (for the audit)."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items() if other.get(k) != v}


def editable(session: Session, program_id: int | None = None) -> dict:
    """The program's details and milestones as the monitor's forms show them (ids included)."""
    program = get_program(session, program_id=program_id)
    rows = session.exec(select(Milestone).where(Milestone.program_id == program.id).order_by(Milestone.due_on))
    return {"id": program.id, "number": program.number, "implements": program.implements, "issued_on": program.issued_on, "signer": program.signer,
            "signer_title": program.signer_title, "reference": program_reference(program),
            "milestones": [{"id": m.id, "code": m.code, "kind": m.kind, "title": m.title, "period": m.period,
                            "due_on": m.due_on, "is_default": m.is_default} for m in rows]}


def chosen(session: Session, actor: Actor) -> int | None:
    """The program the user last chose (None: none chosen yet, or the one chosen was removed)."""
    user = session.get(User, actor.user_id) if actor.user_id else None
    return user.program_id if user is not None else None


def choose(session: Session, actor: Actor, program_id: int) -> None:
    """Remember ``program_id`` as the user's program (every signed-in user may; a preference, not audited)."""
    if session.get(Program, program_id) is None:
        raise InvalidInput("Không tìm thấy chương trình này.")
    user = session.get(User, actor.user_id) if actor.user_id else None
    if user is not None and user.program_id != program_id:
        user.program_id = program_id
        session.add(user)
