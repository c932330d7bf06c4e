"""A province's list of bodies as a spreadsheet (CSV or XLSX): previewed row by row, applied whole.

``preview`` reads the file within bounds (``uploaded_tables``), checks every row (code, kind, parent
in the database or the file, dates, successors) and writes nothing. ``apply`` writes only when no
row has an error, in the caller's one transaction: new bodies are created, existing codes get their
name, short name, symbol, signer's title and e-mail updated, ended bodies closed. One audit event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from tracker.errors import InvalidInput
from tracker.models import Assignment, Organisation
from tracker.models.organisation import OrganisationName
from tracker.models.vocab import ORG_KINDS
from tracker.services import audit, organisations, reorganisation
from tracker.services.actor import Actor
from tracker.services.imports import RowResult, _date, _rows, read_table
from tracker.services.organisations import CODE
from tracker.services.permissions import authorize
from tracker.text import clean, fold

COLUMNS = {
    "code": ("ma", "ma co quan", "code"), "name": ("ten", "ten co quan", "name"),
    "short_name": ("ten ngan", "ten viet tat", "short name", "short_name"), "kind": ("loai", "kind"),
    "parent": ("truc thuoc", "parent"), "began_on": ("ngay bat dau", "began on", "began_on"),
    "ended_on": ("ngay ket thuc", "ended on", "ended_on"), "successors": ("ke thua", "successors"),
    "symbol": ("ky hieu", "symbol"), "signer_title": ("chuc danh ky", "signer title", "signer_title"),
    "email": ("email", "e-mail", "thu dien tu"), "recipient": ("noi nhan", "recipient"),
}
REQUIRED = ("code", "name", "kind")
UPDATABLE = ("name", "short_name", "symbol", "signer_title", "email")
FIELD_LABELS = {"name": "tên", "short_name": "tên ngắn", "symbol": "ký hiệu", "signer_title": "chức danh ký",
                "email": "email", "ended_on": "ngày kết thúc"}  # how a preview names a changed field
# The Vietnamese labels of the kinds (as tracker/ui/strings/vocab.py shows them), folded → code.
KIND_LABELS = {
    "co quan trung uong": "central", "tinh uy": "provincial_committee",
    "ban dang, co quan tham muu tinh uy": "party_board", "ban dang": "party_board",
    "ban can su dang": "party_delegation", "dang doan": "party_caucus",
    "huyen uy, thanh uy": "district_committee", "huyen uy": "district_committee", "thanh uy": "district_committee",
    "dang uy truc thuoc": "affiliated_committee", "tinh doan": "youth_union", "mat tran to quoc": "front",
    "to chuc chinh tri - xa hoi": "socio_political", "hoi quan chung": "mass_association", "uy ban nhan dan": "government",
    "so, ban, nganh": "department", "so": "department", "dang uy xa": "commune_committee",
    "dang uy phuong": "ward_committee",
}
YES = {"co", "x", "yes", "y", "1", "true", "c"}
NO = {"", "khong", "no", "n", "0", "false", "k"}


@dataclass
class BodyRow:
    code: str
    name: str
    kind: str
    short_name: str = ""
    parent: str | None = None
    began_on: date | None = None
    ended_on: date | None = None
    successors: tuple[str, ...] = ()
    symbol: str = ""
    signer_title: str = ""
    email: str | None = None
    recipient: bool = False


@dataclass
class ImportPreview:
    rows: list[RowResult]
    create: list[BodyRow] = field(default_factory=list)
    update: list[tuple[BodyRow, dict]] = field(default_factory=list)  # (row, {field: (before, after)})

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.errors


def kind_code(value: str) -> str:
    """A kind given as its code or its Vietnamese label."""
    text = str(value or "").strip()
    if text in ORG_KINDS:
        return text
    code = KIND_LABELS.get(fold(text).strip())
    if code is None:
        raise InvalidInput(f"Loại cơ quan {text[:60]!r} không hợp lệ.")
    return code


def _recipient(value) -> bool:
    text = fold(str(value if value is not None else "")).strip()
    if text in YES:
        return True
    if text in NO:
        return False
    raise InvalidInput(f"Nơi nhận {text[:20]!r}: ghi 'có' hoặc 'không'.")


def _code(value, what: str = "Mã cơ quan") -> str:
    code = str(value or "").strip().upper()
    if not CODE.match(code):
        raise InvalidInput(f"{what} {code[:50]!r} không hợp lệ: 2–40 ký tự gồm chữ in hoa không dấu, số, gạch ngang.")
    return code


def _parse(values: dict) -> BodyRow:
    code = _code(values.get("code"))
    name = clean(str(values.get("name") or ""))
    if not name:
        raise InvalidInput("Tên cơ quan không được để trống.")
    short_name = clean(str(values.get("short_name") or ""))
    if len(short_name) > 80:
        raise InvalidInput("Tên ngắn quá dài (tối đa 80 ký tự).")
    parent = str(values.get("parent") or "").strip()
    began, ended = _date(values.get("began_on"), "Ngày bắt đầu"), _date(values.get("ended_on"), "Ngày kết thúc")
    if began and ended and ended <= began:
        raise InvalidInput("Ngày kết thúc phải sau ngày bắt đầu.")
    successors = tuple(_code(s, "Mã kế thừa") for s in str(values.get("successors") or "").split(";") if s.strip())
    if successors and not ended:
        raise InvalidInput("Có cơ quan kế thừa thì phải có ngày kết thúc.")
    if code in successors:
        raise InvalidInput("Cơ quan không thể kế thừa chính mình.")
    email = str(values.get("email") or "").strip() or None
    if email and ("@" not in email or len(email) > 200 or " " in email):
        raise InvalidInput(f"Email {email[:60]!r} không hợp lệ.")
    symbol, signer = clean(str(values.get("symbol") or "")).upper(), clean(str(values.get("signer_title") or "")).upper()
    if len(symbol) > 40 or len(signer) > 120:
        raise InvalidInput("Ký hiệu (tối đa 40 ký tự) hoặc chức danh ký (tối đa 120) quá dài.")
    return BodyRow(code=code, name=name, kind=kind_code(values.get("kind")), short_name=short_name,
                   parent=_code(parent, "Mã cơ quan trực thuộc") if parent else None, began_on=began, ended_on=ended,
                   successors=successors, symbol=symbol, signer_title=signer, email=email,
                   recipient=_recipient(values.get("recipient")))


def _open_count(session: Session, org_id: int) -> int:
    return len(session.exec(select(Assignment.id).where(
        Assignment.organisation_id == org_id, Assignment.cancelled_at.is_(None),
        Assignment.completed_on.is_(None))).all())


def _read(filename: str, content: bytes) -> list[dict]:
    """The rows keyed by our names; only code, name and kind are required columns."""
    return read_table(filename, content, COLUMNS, optional=tuple(k for k in COLUMNS if k not in REQUIRED))


def preview(session: Session, actor: Actor, filename: str, content: bytes) -> ImportPreview:
    """Every row checked; nothing written. A file that cannot be read raises InvalidInput."""
    authorize(session, actor, "organisation.manage", object_type="organisation")
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise InvalidInput("Chỉ nhận tệp .csv (UTF-8) hoặc .xlsx.")
    table = _read(filename, content)
    if not table:
        raise InvalidInput("Tệp không có cơ quan nào (chỉ có dòng tiêu đề).")
    existing = {o.code: o for o in session.exec(select(Organisation)).all()}
    in_file = [str(v.get("code") or "").strip().upper() for v in table]
    known = set(existing) | set(in_file)
    seen: set[str] = set()
    result = ImportPreview(rows=[])

    def check(r: RowResult) -> None:
        body = _parse(r.values)
        if body.code in seen:
            raise InvalidInput(f"Mã {body.code} xuất hiện nhiều lần trong tệp.")
        seen.add(body.code)
        if body.parent and body.parent not in known:
            raise InvalidInput(f"Cơ quan trực thuộc {body.parent} không có trong cơ sở dữ liệu hay trong tệp.")
        if body.parent == body.code:
            raise InvalidInput("Cơ quan không thể trực thuộc chính mình.")
        unknown = [s for s in body.successors if s not in known]
        if unknown:
            raise InvalidInput(f"Cơ quan kế thừa {', '.join(unknown)} không có trong cơ sở dữ liệu hay trong tệp.")
        old = existing.get(body.code)
        if body.ended_on and len(body.successors) != 1 and old is not None and old.id is not None \
                and old.active and _open_count(session, old.id):
            raise InvalidInput(f"{body.code} còn nhiệm vụ đang thực hiện: hãy ghi một cơ quan kế thừa, "
                               "hoặc chia cho nhiều cơ quan bằng lệnh orgs reorganise.")
        r.parsed = body

    result.rows = _rows(table, check)
    for r in (r for r in result.rows if r.ok):
        body, old = r.parsed, existing.get(r.parsed.code)
        if old is None:
            result.create.append(body)
            continue
        changes = {f: (getattr(old, f), getattr(body, f)) for f in UPDATABLE
                   if (getattr(body, f) or None) != (getattr(old, f) or None)
                   and (f in ("name",) or getattr(body, f))}
        if body.ended_on and old.ended_on != body.ended_on:
            changes["ended_on"] = (old.ended_on, body.ended_on)
        if changes:
            result.update.append((body, changes))
    return result


def apply(session: Session, actor: Actor, result: ImportPreview, today: date) -> list[str]:
    """Write a preview without errors (created and updated codes); refuses one with any error."""
    authorize(session, actor, "organisation.manage", object_type="organisation")
    if not result.ok:
        raise InvalidInput(f"Tệp có {len(result.errors)} dòng lỗi; không ghi gì. Hãy sửa rồi nhập lại.")
    by_code = {o.code: o for o in session.exec(select(Organisation)).all()}
    for body in result.create:
        org = Organisation(code=body.code, name=body.name, short_name=body.short_name, kind=body.kind,
                           began_on=body.began_on or today, symbol=body.symbol, signer_title=body.signer_title,
                           email=body.email, is_recipient=body.recipient,
                           search_text=fold(f"{body.name} {body.short_name} {body.code}"))
        session.add(org)
        by_code[body.code] = org
    session.flush()
    for body, changes in result.update:
        org = by_code[body.code]
        if {"name", "short_name", "symbol"} & set(changes):
            _keep_name(session, org, today)
        for name, (_before, after) in changes.items():
            setattr(org, name, after)
        org.search_text = fold(f"{org.name} {org.short_name} {org.code}")
    for body in [*result.create, *(b for b, _ in result.update)]:
        org = by_code[body.code]
        if body.parent:
            org.parent_id = by_code[body.parent].id
        if body.ended_on:
            _end(session, actor, org, body)
        session.add(org)
    session.flush()
    created, updated = [b.code for b in result.create], [b.code for b, _ in result.update]
    audit.record(session, actor, "import", "organisation", "",
                 {"created": created, "updated": updated})
    return created + updated


def _keep_name(session: Session, org: Organisation, today: date) -> None:
    """The name borne until today, kept so that the body reads as it was named on an earlier date."""
    last = session.exec(select(OrganisationName.valid_to).where(OrganisationName.organisation_id == org.id)
                        .order_by(OrganisationName.valid_to.desc())).first()
    session.add(OrganisationName(organisation_id=org.id, name=org.name, short_name=org.short_name, symbol=org.symbol,
                                 header_name=org.header_name, valid_from=last or org.began_on, valid_to=today))


def _end(session: Session, actor: Actor, org: Organisation, body: BodyRow) -> None:
    """Close an ended body; with one successor its open work is handed on (organisations.merge)."""
    if org.active and len(body.successors) == 1:
        reorganisation.merge(session, actor, org.code, body.successors[0])
    org.ended_on, org.active = body.ended_on, False
