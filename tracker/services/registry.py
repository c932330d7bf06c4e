"""The registry of bodies as of a date: names, the tree alive on a day, and who carries a body's work.

A body's current name is on ``Organisation``; the names it bore before a rename are
``OrganisationName`` rows valid over ``[valid_from, valid_to)``. A body lives from ``began_on``
(None: before the records begin) to ``ended_on`` (exclusive; None: still alive, unless it was
deactivated without a date). Its successors are ``OrganisationSuccession`` rows and, for the one
successor of an older merge, ``Organisation.successor_id``.

Reads only: no permission check (the names of bodies are public within the application), no audit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from tracker.errors import InvalidInput
from tracker.models import Organisation, Program
from tracker.models.organisation import OrganisationName, OrganisationSuccession

# Trailing words left out of a derived header name: "Ban Tuyên giáo Tỉnh ủy" → "BAN TUYÊN GIÁO".
_HEADER_SUFFIXES = (" tỉnh ủy", " tỉnh")
# Words without an initial in a derived symbol: "Ban Tuyên giáo và Dân vận Tỉnh ủy" → "BTGDVTU".
_SYMBOL_SKIPPED = {"và", "-", "–"}
# Symbols Hướng dẫn 36-HD/VPTW fixes by kind, used when a body has none of its own: the provincial
# committee and its Standing Committee sign "Số …-BC/TU", not the initials of "Tỉnh ủy Lai Châu".
_KIND_SYMBOLS = {"provincial_committee": "TU"}


@dataclass(frozen=True)
class BodyAsOf:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    symbol: str
    signer_title: str
    header_name: str
    began_on: date | None
    ended_on: date | None
    active_on: bool
    successors: tuple[str, ...]


def header_name_of(name: str, header_name: str = "") -> str:
    """The name in a document header: ``header_name`` if set, else the name upper-cased without a
    trailing " Tỉnh ủy" / " tỉnh" ("Tỉnh ủy Lai Châu" → "TỈNH ỦY LAI CHÂU")."""
    if header_name.strip():
        return header_name.strip()
    text = " ".join(name.split())
    for suffix in _HEADER_SUFFIXES:
        if text.lower().endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text.upper()


def symbol_of(name: str, symbol: str = "") -> str:
    """The document symbol: ``symbol`` if set, else the initials of the name ("Ban Tuyên giáo Tỉnh
    ủy" → "BTGTU")."""
    if symbol.strip():
        return symbol.strip()
    initials = "".join(word[0] for word in name.split() if word.lower() not in _SYMBOL_SKIPPED).upper()
    return "".join(c for c in unicodedata.normalize("NFD", initials) if not unicodedata.combining(c))


def _alive(on: date):
    """SQL condition: the body is alive on ``on`` (began ≤ on < ended)."""
    return and_(
        or_(Organisation.began_on.is_(None), Organisation.began_on <= on),
        or_(and_(Organisation.ended_on.is_(None), Organisation.active.is_(True)), Organisation.ended_on > on),
    )


def _is_alive(org: Organisation, on: date) -> bool:
    began = org.began_on is None or org.began_on <= on
    if org.ended_on is None:
        return began and bool(org.active)
    return began and on < org.ended_on


def _names_on(session: Session, ids: Iterable[int], on: date) -> dict[int, OrganisationName]:
    """The former name rows in force on ``on``, by body id (one query)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = session.exec(select(OrganisationName).where(
        OrganisationName.organisation_id.in_(ids),
        or_(OrganisationName.valid_from.is_(None), OrganisationName.valid_from <= on),
        OrganisationName.valid_to > on,
    ).order_by(OrganisationName.valid_to)).all()
    found: dict[int, OrganisationName] = {}
    for row in rows:
        found.setdefault(row.organisation_id, row)
    return found


def _successor_ids(session: Session, ids: Iterable[int]) -> dict[int, list[int]]:
    """Direct successors by predecessor id (two queries), in a stable order."""
    ids = list(ids)
    found: dict[int, list[int]] = {i: [] for i in ids}
    if not ids:
        return found
    for pred, succ in session.exec(select(
            OrganisationSuccession.predecessor_id, OrganisationSuccession.successor_id).where(
            OrganisationSuccession.predecessor_id.in_(ids)).order_by(OrganisationSuccession.id)).all():
        if succ not in found[pred]:
            found[pred].append(succ)
    for pred, succ in session.exec(select(Organisation.id, Organisation.successor_id).where(
            Organisation.id.in_(ids), Organisation.successor_id.is_not(None))).all():
        if succ not in found[pred]:
            found[pred].append(succ)
    return found


def _build(session: Session, orgs: list[Organisation], on: date) -> list[BodyAsOf]:
    names = _names_on(session, [o.id for o in orgs], on)
    successors = _successor_ids(session, [o.id for o in orgs])
    succ_ids = {s for ids in successors.values() for s in ids}
    codes = dict(session.exec(select(Organisation.id, Organisation.code).where(
        Organisation.id.in_(succ_ids))).all()) if succ_ids else {}
    bodies = []
    for org in orgs:
        former = names.get(org.id)
        name = former.name if former else org.name
        short_name = (former.short_name if former else org.short_name) or ""
        symbol = former.symbol if former else org.symbol
        header = former.header_name if former else org.header_name
        bodies.append(BodyAsOf(
            id=org.id, code=org.code, name=name, short_name=short_name, kind=org.kind,
            parent_id=org.parent_id, symbol=symbol_of(name, symbol or _KIND_SYMBOLS.get(org.kind, "")),
            signer_title=org.signer_title or "", header_name=header_name_of(name, header or ""),
            began_on=org.began_on, ended_on=org.ended_on, active_on=_is_alive(org, on),
            successors=tuple(codes[s] for s in successors[org.id] if s in codes)))
    return bodies


def body_as_of(session: Session, org_id: int, on: date) -> BodyAsOf:
    """The body named as it was on ``on`` (its current values when no former name covers the date)."""
    org = session.get(Organisation, org_id)
    if org is None:
        raise InvalidInput("Không tìm thấy cơ quan, đơn vị.")
    return _build(session, [org], on)[0]


def bodies_as_of(session: Session, org_ids: Iterable[int], on: date) -> dict[int, BodyAsOf]:
    """Several bodies named as they were on ``on``, by id (a fixed number of queries)."""
    ids = list(dict.fromkeys(org_ids))
    if not ids:
        return {}
    orgs = session.exec(select(Organisation).where(Organisation.id.in_(ids))).all()
    return {body.id: body for body in _build(session, list(orgs), on)}


def tree_as_of(session: Session, on: date) -> list[BodyAsOf]:
    """The bodies alive on ``on``, named as they were then, ordered by position."""
    orgs = session.exec(select(Organisation).where(_alive(on)).order_by(
        Organisation.position, Organisation.id)).all()
    return _build(session, list(orgs), on)


def followed(session: Session, org_id: int, on: date) -> list[int]:
    """The body if it is alive on ``on``, else its successors alive on ``on``, followed recursively
    (a successor that ended too passes on to its own successors)."""
    result: list[int] = []
    seen: set[int] = set()
    level = [org_id]
    while level:
        level = [i for i in dict.fromkeys(level) if i not in seen]
        seen.update(level)
        if not level:
            break
        orgs = {o.id: o for o in session.exec(select(Organisation).where(Organisation.id.in_(level))).all()}
        ended = []
        for i in level:
            org = orgs.get(i)
            if org is None:
                continue
            if _is_alive(org, on):
                result.append(i)
            else:
                ended.append(i)
        successors = _successor_ids(session, ended)
        level = [s for i in ended for s in successors[i]]
    return result


def monitoring_body(session: Session, program, on: date) -> BodyAsOf:
    """The body that monitors ``program`` on ``on``: its ``monitor_org_id`` followed to that date
    (the first successor when it was split), named as it was then."""
    if program is None or program.monitor_org_id is None:
        raise InvalidInput("Chương trình chưa có cơ quan theo dõi; hãy chọn cơ quan theo dõi cho chương trình.")
    ids = followed(session, program.monitor_org_id, on) or [program.monitor_org_id]
    return body_as_of(session, ids[0], on)


def issuing_committee(session: Session, program, on: date) -> BodyAsOf:
    """The committee that issued ``program``, as named on ``on``: the issuer's parent ("Ban Thường
    vụ Tỉnh ủy" → "Tỉnh ủy Lai Châu"), or the issuer itself when it has none."""
    if program is None or program.issuer_org_id is None:
        raise InvalidInput("Chương trình chưa có cơ quan ban hành.")
    ids = followed(session, program.issuer_org_id, on) or [program.issuer_org_id]
    issuer = session.get(Organisation, ids[0])
    return body_as_of(session, issuer.parent_id or issuer.id, on)


@dataclass(frozen=True)
class Letterhead:
    """Who a document of the monitoring body speaks for, as of its date: the committee above
    ("TỈNH ỦY LAI CHÂU"), the body ("BAN TUYÊN GIÁO VÀ DÂN VẬN"), its symbol ("BTGDVTU"), the title
    its head signs with ("TRƯỞNG BAN") and its full name ("Ban Tuyên giáo và Dân vận Tỉnh ủy")."""

    committee_header: str
    body_header: str
    symbol: str
    signer_title: str
    body_name: str
    code: str = ""


def letterhead(session: Session, program, on: date) -> Letterhead:
    """The letterhead of ``program``'s monitoring body on ``on``. Without a monitor, the issuing
    committee speaks for itself (its own header, symbol and name); without either, the program's
    monitor is not guessed: the letterhead is blank and says so in its name."""
    try:
        committee = issuing_committee(session, program, on)
    except InvalidInput:
        committee = None
    try:
        body = monitoring_body(session, program, on)
    except InvalidInput:
        body = committee
    if body is None:
        return Letterhead("", "", "", "", "cơ quan theo dõi (chưa xác định)")
    return Letterhead(committee.header_name if committee and committee.id != body.id else "",
                      body.header_name, body.symbol, body.signer_title, body.name, body.code)


def current_letterhead(session: Session, on: date) -> Letterhead:
    """The letterhead of the (first) program's monitoring body on ``on``."""
    return letterhead(session, session.exec(select(Program).order_by(Program.id)).first(), on)


def committee_letterhead(session: Session, program, on: date) -> Letterhead:
    """The letterhead of a document the Standing Committee sends (the department drafts it): the
    committee alone ("TỈNH ỦY LAI CHÂU", nothing above it), its symbol ("Số …-BC/TU"), the title the
    program's signer signs with under "T/M BAN THƯỜNG VỤ" and the issuer's name ("Ban Thường vụ Tỉnh
    ủy Lai Châu"), all as of ``on``."""
    committee = issuing_committee(session, program, on)
    ids = followed(session, program.issuer_org_id, on) or [program.issuer_org_id]
    issuer = body_as_of(session, ids[0], on)
    title = (getattr(program, "signer_title", "") or "").strip().splitlines()
    return Letterhead("", committee.header_name, committee.symbol, title[-1].strip() if title else "",
                      issuer.name, issuer.code)
