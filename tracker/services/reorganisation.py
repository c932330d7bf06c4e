"""Reorganisation events: create, rename, merge, split and end bodies, as data (issue 13).

An event (``EventSpec``, services/reorganisation_events.py) comes from an events file or the admin wizard. ``preview``
shows what applying it would do and writes nothing; ``apply`` does it all in the caller's transaction:
new bodies, old names kept, ended bodies, succession lines, open work handed on, users moved or
disabled and told. What it did is recorded row by row in ``Reorganisation.changes`` so that ``undo``
can reverse it exactly while nobody has written to what it created.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, select

from tracker.clock import local_today, utcnow
from tracker.errors import InvalidInput
from tracker.models import (Action, Assignment, AuditEvent, Directive, Evidence, Extension, Organisation, Report,
                            Reminder, Task, TargetValue, User)
from tracker.models.organisation import OrganisationName, OrganisationSuccession, Reorganisation
from tracker.services import audit, messages, organisations
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.services.reorganisation_events import (EventSpec, NewBody, RenameSpec, Routing, check_kind, invalid,
                                                    parse_events, read_events)
from tracker.text import clean, fold

__all__ = ["EventSpec", "NewBody", "Preview", "RenameSpec", "Routing", "apply", "apply_in_effect", "merge", "parse_events",
           "preview", "read_events", "undo", "undo_blocker"]


@dataclass
class Handover:
    assignment_id: int
    task_code: str
    task_text: str
    from_code: str
    role: str
    to: list[tuple[str, str]]  # (successor code, role); empty: the work is cancelled (end)


@dataclass
class UserMove:
    user_id: int
    username: str
    full_name: str
    from_code: str
    to_code: str | None  # None: the account is disabled


@dataclass
class Preview:
    spec: EventSpec
    handovers: list[Handover] = field(default_factory=list)
    users: list[UserMove] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- preview -------------------------------------------------------------------------------------------

def _org(session: Session, code: str) -> Organisation | None:
    return session.exec(select(Organisation).where(Organisation.code == code)).first()


def _open(session: Session, org_id: int) -> list[tuple[Assignment, Task]]:
    return list(session.exec(select(Assignment, Task).join(Task, Task.id == Assignment.task_id).where(
        Assignment.organisation_id == org_id, Assignment.cancelled_at.is_(None),
        Assignment.completed_on.is_(None)).order_by(Task.position, Task.id, Assignment.id)))


def _check_bodies(session: Session, spec: EventSpec) -> dict[str, Organisation]:
    """Existing bodies the event names, by code; InvalidInput when the event cannot apply."""
    created = {b.code for b in spec.create}
    bodies: dict[str, Organisation] = {}
    for body in spec.create:
        if _org(session, body.code) is not None:
            raise invalid(spec.code, "create", f"mã cơ quan {body.code} đã được dùng.")
        if body.parent and body.parent not in created and _org(session, body.parent) is None:
            raise invalid(spec.code, "create", f"không có cơ quan cấp trên mã {body.parent}.")
    for code in spec.ending:
        org = _org(session, code)
        if org is None:
            raise invalid(spec.code, "ending", f"không có cơ quan mã {code}.")
        if not org.active:
            raise invalid(spec.code, "ending", f"{org.name} ({code}) đã ngừng hoạt động.")
        if org.began_on and org.began_on > spec.effective_on:
            raise invalid(spec.code, "effective_on", f"{code} bắt đầu hoạt động sau ngày có hiệu lực của sự kiện.")
        bodies[code] = org
    for code in spec.successors:
        if code in created:
            continue
        org = _org(session, code)
        if org is None:
            raise invalid(spec.code, "successors", f"không có cơ quan mã {code} (và sự kiện không thành lập nó).")
        if not org.active:
            raise invalid(spec.code, "successors", f"{org.name} ({code}) đã ngừng hoạt động.")
        bodies[code] = org
    if spec.rename is not None:
        org = _org(session, spec.rename.code)
        if org is None:
            raise invalid(spec.code, "rename.code", f"không có cơ quan mã {spec.rename.code}.")
        if org.began_on and org.began_on >= spec.effective_on:
            raise invalid(spec.code, "effective_on", "ngày đổi tên phải sau ngày cơ quan bắt đầu hoạt động.")
        bodies[org.code] = org
    return bodies


def _route(spec: EventSpec, task: Task, role: str) -> list[tuple[str, str]]:
    routing = spec.routing
    targets: tuple[str, ...] | None = dict(routing.tasks).get(task.code)
    if targets is None:
        text = fold(task.text)
        targets = next((to for to, words in routing.topics if any(fold(w) in text for w in words)), None)
    if targets is None:
        targets = routing.default or ((spec.successors[0],) if spec.kind == "merge" else ())
        if not targets and spec.kind == "split":
            targets = (spec.successors[0],)
    if targets == ("all",):
        targets = spec.successors
    out: dict[str, str] = {}
    for target in targets:
        code, _, given = target.partition(":")
        out.setdefault(code, given or role)
    return list(out.items())


def _default_user_target(spec: EventSpec, ending: str) -> str | None:
    given = dict(spec.users)
    if ending in given:
        return given[ending]
    return spec.successors[0] if spec.kind in ("merge", "split") else None


def preview(session: Session, actor: Actor, spec: EventSpec) -> Preview:
    """What applying ``spec`` would do; writes nothing. InvalidInput when it cannot apply."""
    authorize(session, actor, "organisation.manage", object_type="organisation")
    check_kind(spec)
    bodies = _check_bodies(session, spec)
    result = Preview(spec=spec)
    for code in spec.ending:
        org = bodies[code]
        for assignment, task in _open(session, org.id):
            to = _route(spec, task, assignment.role)
            result.handovers.append(Handover(assignment.id, task.code, task.text, code, assignment.role, to))
            if not to:
                result.warnings.append(f"Nhiệm vụ {task.code} của {code} không chuyển cho cơ quan nào: sẽ bị hủy.")
            for successor, _ in to:
                held = bodies.get(successor)
                if held is not None and session.exec(select(Assignment.id).where(
                        Assignment.organisation_id == held.id, Assignment.task_id == task.id,
                        Assignment.cancelled_at.is_(None))).first():
                    result.warnings.append(f"{successor} đã có nhiệm vụ {task.code}: giữ phân công hiện có.")
        for user in session.exec(select(User).where(User.organisation_id == org.id, User.active).order_by(User.id)):
            result.users.append(UserMove(user.id, user.username, user.full_name, code,
                                         _default_user_target(spec, code)))
    return result


# --- apply ---------------------------------------------------------------------------------------------

def applied_codes(session: Session) -> set[str]:
    return set(session.exec(select(Reorganisation.code).where(Reorganisation.undone_at.is_(None))).all())


def apply(session: Session, actor: Actor, spec: EventSpec, handovers: dict[int, list[tuple[str, str]]] | None = None,
          users: dict[int, str | None] | None = None, today: date | None = None) -> Reorganisation:
    """Apply ``spec`` in the caller's transaction (all or nothing); ``handovers``/``users`` override the
    preview's choices by assignment id / user id."""
    today = today or local_today()
    if spec.effective_on > today:
        raise InvalidInput(f"Sự kiện {spec.code} có hiệu lực từ {spec.effective_on:%d/%m/%Y}, "
                           f"chưa đến ngày (hôm nay {today:%d/%m/%Y}): chưa thể áp dụng.")
    plan = preview(session, actor, spec)
    previous = session.exec(select(Reorganisation).where(Reorganisation.code == spec.code)).first()
    if previous is not None and previous.undone_at is None:
        raise InvalidInput(f"Sự kiện {spec.code} đã được áp dụng.")
    if previous is not None:  # undone earlier: the code is free again
        session.delete(previous)
        session.flush()
    handovers, users = handovers or {}, users or {}
    now = utcnow()
    event = Reorganisation(code=spec.code, kind=spec.kind, title=spec.title, effective_on=spec.effective_on,
                           basis_number=spec.basis_number, basis_date=spec.basis_date, spec=_spec_json(spec),
                           changes={}, applied_by=actor.user_id)
    session.add(event)
    session.flush()
    changes: dict = {"created_orgs": [], "renamed": [], "ended": [], "created_assignments": [],
                     "cancelled_assignments": [], "role_upgrades": [], "users": [], "successions": [], "names": []}
    codes = {o.code: o for o in session.exec(select(Organisation).where(
        Organisation.code.in_([*spec.ending, *spec.successors, *(b.parent for b in spec.create if b.parent)])))}
    for body in spec.create:
        org = _create_body(session, body, codes, spec.effective_on)
        codes[org.code] = org
        changes["created_orgs"].append(org.id)
    if spec.rename is not None:
        _rename_body(session, event, spec, changes)
    first_successor: dict[int, int] = {}
    for h in plan.handovers:
        to = handovers.get(h.assignment_id, h.to)
        _hand_on(session, actor, h.assignment_id, [(codes[c].id, r) for c, r in to], now, changes, first_successor)
    for code in spec.ending:
        org = codes[code]
        changes["ended"].append({"id": org.id, "active": org.active, "successor_id": org.successor_id,
                                 "merged_at": org.merged_at.isoformat() if org.merged_at else None,
                                 "ended_on": org.ended_on.isoformat() if org.ended_on else None})
        org.active, org.ended_on, org.merged_at = False, spec.effective_on, now
        if len(spec.successors) == 1:
            org.successor_id = codes[spec.successors[0]].id
        session.add(org)
        for successor in spec.successors:
            line = OrganisationSuccession(event_id=event.id, predecessor_id=org.id, successor_id=codes[successor].id)
            session.add(line)
            session.flush()
            changes["successions"].append(line.id)
    moved = _move_users(session, actor, spec, plan.users, users, codes, changes, today)
    session.flush()
    event.changes = changes
    session.add(event)
    session.flush()
    audit.record(session, actor, "reorganise", "reorganisation", event.id,
                 {"spec": event.spec, "counts": {"created": len(changes["created_orgs"]),
                                                 "ended": len(changes["ended"]),
                                                 "handed_on": len(plan.handovers),
                                                 "users": moved}})
    return event


def _spec_json(spec: EventSpec) -> dict:
    data = asdict(spec)
    data["effective_on"] = spec.effective_on.isoformat()
    data["basis_date"] = spec.basis_date.isoformat() if spec.basis_date else None
    return _lists(data)


def _lists(value):
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def _create_body(session: Session, body: NewBody, codes: dict[str, Organisation], began_on: date) -> Organisation:
    parent = codes.get(body.parent) if body.parent else None
    if body.parent and parent is None:
        parent = _org(session, body.parent)
    position = session.exec(select(func.max(Organisation.position))).one() or 0
    org = Organisation(code=body.code, name=body.name, short_name=body.short_name, kind=body.kind,
                       parent_id=parent.id if parent else None, began_on=began_on, symbol=body.symbol,
                       signer_title=body.signer_title, header_name=body.header_name, email=body.email,
                       is_recipient=body.recipient, position=position + 1,
                       search_text=fold(f"{body.name} {body.short_name} {body.code}"))
    session.add(org)
    session.flush()
    return org


def _rename_body(session: Session, event: Reorganisation, spec: EventSpec, changes: dict) -> None:
    r = spec.rename
    org = _org(session, r.code)
    last = session.exec(select(func.max(OrganisationName.valid_to)).where(
        OrganisationName.organisation_id == org.id)).one()
    name = OrganisationName(organisation_id=org.id, name=org.name, short_name=org.short_name, symbol=org.symbol,
                            header_name=org.header_name, valid_from=last or org.began_on,
                            valid_to=spec.effective_on, event_id=event.id)
    session.add(name)
    session.flush()
    changes["names"].append(name.id)
    changes["renamed"].append({"id": org.id, "name": org.name, "short_name": org.short_name, "symbol": org.symbol,
                               "header_name": org.header_name, "signer_title": org.signer_title})
    org.name = r.name
    for attr in ("short_name", "symbol", "header_name", "signer_title"):
        if getattr(r, attr) is not None:
            setattr(org, attr, getattr(r, attr))
    org.search_text = fold(f"{org.name} {org.short_name} {org.code}")
    session.add(org)


def _hand_on(session: Session, actor: Actor, assignment_id: int, to: list[tuple[int, str]], now, changes: dict,
             first_successor: dict[int, int]) -> None:
    """Hand one open assignment on to each (org id, role); the old one is cancelled, superseded by the first."""
    old = session.get(Assignment, assignment_id)
    first = None
    for org_id, role in to:
        held = session.exec(select(Assignment).where(Assignment.organisation_id == org_id,
                                                     Assignment.task_id == old.task_id)).first()
        if held is not None and held.cancelled_at is None:
            if role == "lead" and held.role != "lead":
                changes["role_upgrades"].append({"id": held.id, "role": held.role})
                held.role = "lead"  # the handed-on duty keeps its lead
                session.add(held)
        elif held is not None:
            raise InvalidInput(f"Cơ quan kế thừa đã có phân công bị hủy cho nhiệm vụ này (phân công {held.id}); "
                               "hãy xử lý trước khi sắp xếp.")
        else:
            held = Assignment(task_id=old.task_id, organisation_id=org_id, role=role, deadline=old.deadline,
                              deadline_is_default=old.deadline_is_default, report_cadence=old.report_cadence,
                              basis=old.basis, note=old.note, progress_pct=old.progress_pct, created_by=actor.user_id)
            session.add(held)
            session.flush()
            changes["created_assignments"].append(held.id)
        first = first or held.id
    changes["cancelled_assignments"].append({"id": old.id, "superseded_by_id": old.superseded_by_id})
    old.cancelled_at, old.superseded_by_id = now, first
    session.add(old)


def _move_users(session: Session, actor: Actor, spec: EventSpec, moves: list[UserMove],
                overrides: dict[int, str | None], codes: dict[str, Organisation], changes: dict, today: date) -> int:
    for move in moves:
        target = overrides.get(move.user_id, move.to_code)
        if target is not None and target not in codes:
            raise invalid(spec.code, "users", f"không có cơ quan mã {target}.")
        user = session.get(User, move.user_id)
        changes["users"].append({"id": user.id, "from": user.organisation_id, "active": user.active})
        old = codes[move.from_code]
        if target is None:
            user.active = False
            user.session_epoch += 1  # ends the account's open sessions, like users.set_active
        else:
            user.organisation_id = codes[target].id
        session.add(user)
        session.flush()
        messages.send_now(session, messages.reorganised(spec.code, spec.title, spec.effective_on, user, old,
                                                        codes[target] if target else None), [user], today)
    return len(moves)


def merge(session: Session, actor: Actor, code: str, successor_code: str) -> int:
    """Merge body ``code`` into ``successor_code`` today, as a merge event (a province's list, ``orgs import``);
    return how many open assignments were handed on."""
    authorize(session, actor, "organisation.manage", object_type="organisation")
    old, new = organisations.get_by_code(session, code), organisations.get_by_code(session, successor_code)
    if old.id == new.id:
        raise InvalidInput("Không thể hợp nhất một cơ quan vào chính nó.")
    if not old.active:
        raise InvalidInput(f"{old.name} đã ngừng hoạt động hoặc đã được hợp nhất.")
    if not new.active:
        raise InvalidInput(f"Cơ quan kế thừa {new.name} đã ngừng hoạt động; chọn cơ quan đang hoạt động.")
    spec = EventSpec(
        code=f"MERGE-{old.code}-{utcnow():%Y%m%d%H%M%S}"[:60], kind="merge", effective_on=local_today(),
        title=f"Hợp nhất {old.name} vào {new.name}", ending=(old.code,), successors=(new.code,))
    event = apply(session, actor, spec)
    return len(event.changes["cancelled_assignments"])


def apply_in_effect(session: Session, actor: Actor, specs: list[EventSpec], today: date) -> list[str]:
    """Apply, in order, the events in effect on ``today`` and not applied yet; returns their codes."""
    done = applied_codes(session)
    applied = []
    for spec in specs:
        if spec.code in done or spec.effective_on > today:
            continue
        apply(session, actor, spec, today=today)
        applied.append(spec.code)
    return applied


# --- undo ----------------------------------------------------------------------------------------------

def _event(session: Session, code: str) -> Reorganisation:
    event = session.exec(select(Reorganisation).where(Reorganisation.code == code.strip().upper(),
                                                      Reorganisation.undone_at.is_(None))).first()
    if event is None:
        raise InvalidInput(f"Không có sự kiện sắp xếp tổ chức {code} đang áp dụng.")
    return event


def _bodies_of(event: Reorganisation) -> set[int]:
    c = event.changes or {}
    return ({*c.get("created_orgs", ()), *(e["id"] for e in c.get("ended", ())),
             *(r["id"] for r in c.get("renamed", ()))})


def undo_blocker(session: Session, event: Reorganisation) -> str | None:
    """Why ``event`` can no longer be undone (Vietnamese), or None."""
    c = event.changes or {}
    orgs, assignments = list(c.get("created_orgs", [])), list(c.get("created_assignments", []))
    if assignments:
        for model, label in ((Action, "hoạt động"), (Extension, "đề nghị gia hạn"), (Directive, "chỉ đạo")):
            if session.exec(select(model.id).where(model.assignment_id.in_(assignments))).first():
                return f"Đã có {label} ghi trên phân công do sự kiện tạo ra."
    if orgs:
        for model, label in ((Report, "báo cáo"), (TargetValue, "số liệu chỉ tiêu"), (Directive, "chỉ đạo")):
            if session.exec(select(model.id).where(model.organisation_id.in_(orgs))).first():
                return f"Đã có {label} của cơ quan do sự kiện thành lập."
        moved = {u["id"] for u in c.get("users", ())}
        added = [name for uid, name in session.exec(select(User.id, User.username).where(
            User.organisation_id.in_(orgs))) if uid not in moved]
        if added:
            return f"Đã có tài khoản mới ở cơ quan do sự kiện thành lập ({', '.join(added)})."
        if session.exec(select(AuditEvent.id).where(AuditEvent.actor_org_id.in_(orgs))).first():
            return "Người dùng của cơ quan do sự kiện thành lập đã thao tác trên hệ thống."
    if assignments and session.exec(select(Evidence.id).join(Action, Action.id == Evidence.action_id).where(
            Action.assignment_id.in_(assignments))).first():
        return "Đã có minh chứng ghi trên phân công do sự kiện tạo ra."
    bodies = _bodies_of(event)
    for later in session.exec(select(Reorganisation).where(Reorganisation.undone_at.is_(None),
                                                           Reorganisation.id != event.id,
                                                           Reorganisation.applied_at >= event.applied_at)):
        if later.id > event.id and _bodies_of(later) & bodies:
            return f"Sự kiện {later.code} áp dụng sau liên quan đến cùng cơ quan: hãy hoàn tác sự kiện đó trước."
        successions = session.exec(select(OrganisationSuccession.id).where(
            OrganisationSuccession.event_id == later.id,
            or_(OrganisationSuccession.predecessor_id.in_(bodies), OrganisationSuccession.successor_id.in_(bodies))))
        if later.id > event.id and successions.first():
            return f"Sự kiện {later.code} áp dụng sau liên quan đến cùng cơ quan: hãy hoàn tác sự kiện đó trước."
    return None


def undo(session: Session, actor: Actor, code: str) -> None:
    """Reverse every change ``code`` made; InvalidInput when someone has written to what it created."""
    authorize(session, actor, "organisation.manage", object_type="organisation")
    event = _event(session, code)
    blocker = undo_blocker(session, event)
    if blocker:
        raise InvalidInput(f"Không thể hoàn tác {event.code}: {blocker}")
    c = event.changes or {}
    for u in c.get("users", ()):
        user = session.get(User, u["id"])
        if not u["active"] or user.active != u["active"]:
            user.session_epoch += 1
        user.organisation_id, user.active = u["from"], u["active"]
        session.add(user)
    for a in c.get("cancelled_assignments", ()):
        row = session.get(Assignment, a["id"])
        row.cancelled_at, row.superseded_by_id = None, a["superseded_by_id"]
        session.add(row)
    for a in c.get("role_upgrades", ()):
        row = session.get(Assignment, a["id"])
        row.role = a["role"]
        session.add(row)
    session.flush()
    created_assignments = list(c.get("created_assignments", ()))
    if created_assignments:
        session.exec(update(Assignment).where(Assignment.superseded_by_id.in_(created_assignments))
                     .values(superseded_by_id=None))
        session.exec(delete(Assignment).where(Assignment.id.in_(created_assignments)))
    session.exec(delete(OrganisationSuccession).where(OrganisationSuccession.event_id == event.id))
    session.exec(delete(OrganisationName).where(OrganisationName.event_id == event.id))
    for e in c.get("ended", ()):
        org = session.get(Organisation, e["id"])
        org.active, org.successor_id = e["active"], e["successor_id"]
        org.merged_at = _datetime(e["merged_at"])
        org.ended_on = date.fromisoformat(e["ended_on"]) if e.get("ended_on") else None
        session.add(org)
    for r in c.get("renamed", ()):
        org = session.get(Organisation, r["id"])
        for attr in ("name", "short_name", "symbol", "header_name", "signer_title"):
            setattr(org, attr, r[attr])
        org.search_text = fold(f"{org.name} {org.short_name} {org.code}")
        session.add(org)
    session.flush()
    created = list(c.get("created_orgs", ()))
    if created:
        session.exec(update(Reminder).where(Reminder.recipient_org_id.in_(created)).values(recipient_org_id=None))
        session.exec(update(Organisation).where(Organisation.successor_id.in_(created)).values(successor_id=None))
        for org_id in sorted(created, reverse=True):  # children (created later) before parents
            session.exec(delete(Organisation).where(Organisation.id == org_id))
    event.undone_at, event.undone_by = utcnow(), actor.user_id
    session.add(event)
    session.flush()
    audit.record(session, actor, "undo", "reorganisation", event.id, {"code": event.code})


def _datetime(value):
    return datetime.fromisoformat(value) if value else None
