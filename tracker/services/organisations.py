"""Bodies: create, rename, deactivate, and merge one into a successor (admins only, audited).

A merge keeps the old body (inactive, pointing to its successor) so its history stays readable
under its old name. Its open assignments are closed and handed on: the successor gets a new
assignment with the same task, role, deadline and cadence, unless it already has one.
"""

from __future__ import annotations

import re

from sqlmodel import Session, select

from tracker.errors import TrackerError
from tracker.models import Assignment, Organisation
from tracker.models.vocab import ORG_KINDS
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.text import clean, fold

CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,39}$")


def get_by_code(session: Session, code: str) -> Organisation:
    org = session.exec(select(Organisation).where(Organisation.code == code.strip().upper())).first()
    if org is None:
        raise TrackerError(f"Không có cơ quan mã {code!r}. Xem các mã: python -m tracker export --format csv "
                           "--table organisations")
    return org


def create(session: Session, actor: Actor, code: str, name: str, kind: str, parent_code: str | None = None,
           short_name: str = "") -> Organisation:
    authorize(session, actor, "organisation.manage", object_type="organisation")
    code = code.strip().upper()
    if not CODE.match(code):
        raise TrackerError("Mã cơ quan gồm 2–40 ký tự: chữ in hoa không dấu, số, gạch ngang.")
    if kind not in ORG_KINDS:
        raise TrackerError(f"Loại cơ quan {kind!r} không hợp lệ.")
    name, short_name = clean(name), clean(short_name)
    if not name:
        raise TrackerError("Tên cơ quan không được để trống.")
    if session.exec(select(Organisation).where(Organisation.code == code)).first():
        raise TrackerError(f"Mã {code} đã được dùng.")
    parent = get_by_code(session, parent_code) if parent_code else None
    org = Organisation(code=code, name=name, short_name=short_name, kind=kind,
                       parent_id=parent.id if parent else None, search_text=fold(f"{name} {short_name} {code}"))
    session.add(org)
    session.flush()
    audit.record(session, actor, "create", "organisation", org.id,
                 {"after": {"code": code, "name": org.name, "kind": kind, "parent": parent_code}})
    return org


def rename(session: Session, actor: Actor, code: str, name: str, short_name: str | None = None) -> Organisation:
    authorize(session, actor, "organisation.manage", object_type="organisation")
    org = get_by_code(session, code)
    name = clean(name)
    if not name:
        raise TrackerError("Tên cơ quan không được để trống.")
    before = {"name": org.name, "short_name": org.short_name}
    org.name = name
    org.short_name = org.short_name if short_name is None else clean(short_name)
    org.search_text = fold(f"{org.name} {org.short_name} {org.code}")
    session.add(org)
    audit.record(session, actor, "update", "organisation", org.id,
                 {"before": before, "after": {"name": org.name, "short_name": org.short_name}})
    return org


def deactivate(session: Session, actor: Actor, code: str) -> Organisation:
    authorize(session, actor, "organisation.manage", object_type="organisation")
    org = get_by_code(session, code)
    if _open_assignments(session, org.id):
        raise TrackerError(f"{org.name} còn nhiệm vụ đang mở: hãy hợp nhất vào cơ quan kế thừa để chuyển giao.")
    org.active = False
    session.add(org)
    audit.record(session, actor, "deactivate", "organisation", org.id, {"before": {"active": True},
                                                                          "after": {"active": False}})
    return org


def _open_assignments(session: Session, org_id: int) -> list[Assignment]:
    return list(session.exec(select(Assignment).where(
        Assignment.organisation_id == org_id, Assignment.cancelled_at.is_(None),
        Assignment.completed_on.is_(None))))


IDENTITY_LIMITS = {"symbol": 40, "signer_title": 120, "header_name": 200}


def update_identity(session: Session, actor: Actor, code: str, symbol: str, signer_title: str,
                    header_name: str) -> Organisation:
    """Set the body's document identity: its symbol ("BTGDVTU"), signer's title ("TRƯỞNG BAN") and
    header name ("" = derived from the name). Admins only, audited."""
    authorize(session, actor, "organisation.manage", object_type="organisation")
    org = get_by_code(session, code)
    after = {"symbol": clean(symbol).upper(), "signer_title": clean(signer_title).upper(),
             "header_name": clean(header_name).upper()}
    for field, limit in IDENTITY_LIMITS.items():
        if len(after[field]) > limit:
            raise TrackerError(f"Thông tin văn bản quá dài (tối đa {limit} ký tự).")
    before = {field: getattr(org, field) for field in after}
    for field, value in after.items():
        setattr(org, field, value)
    session.add(org)
    audit.record(session, actor, "update", "organisation", org.id, {"before": before, "after": after})
    return org
