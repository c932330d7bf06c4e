"""In-app notices: each user sees only their own; unread count for the badge; mark as read."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, func, select

from tracker.clock import utcnow
from tracker.models import Notice, User
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.permissions import authorize


def unread_count(session: Session, actor: Actor) -> int:
    return session.exec(select(func.count()).select_from(Notice).where(
        Notice.user_id == actor.user_id, Notice.read_at.is_(None))).one()


def list_mine(session: Session, actor: Actor, limit: int = 100) -> list[dict]:
    rows = session.exec(select(Notice).where(Notice.user_id == actor.user_id)
                        .order_by(Notice.read_at.is_not(None), Notice.id.desc()).limit(limit))
    return [{"id": n.id, "title": n.title, "body": n.body, "link": n.link, "read": n.read_at is not None,
             "at": n.created_at.isoformat(timespec="minutes")} for n in rows]


def mark_read(session: Session, actor: Actor, notice_ids: list[int] | None = None) -> int:
    """Mark some (or all) of the actor's own notices read; others' ids are silently not touched."""
    stmt = update(Notice).where(Notice.user_id == actor.user_id, Notice.read_at.is_(None)).values(read_at=utcnow())
    if notice_ids is not None:
        stmt = stmt.where(Notice.id.in_(notice_ids))
    return session.execute(stmt).rowcount or 0


def set_email_opt_out(session: Session, actor: Actor, opt_out: bool) -> None:
    """A user turns reminder emails off (or on) for themselves; in-app notices stay."""
    user = session.get(User, actor.user_id)
    before = user.email_opt_out
    user.email_opt_out = opt_out
    session.add(user)
    audit.record(session, actor, "update", "user", user.id, {"before": {"email_opt_out": before},
                                                             "after": {"email_opt_out": opt_out}})


def email_opt_out(session: Session, actor: Actor) -> bool:
    """Whether the actor turned reminder emails off (their own setting; any signed-in role)."""
    authorize(session, actor, "program.read", None, object_type="user", object_id=actor.user_id)
    user = session.get(User, actor.user_id)
    return bool(user and user.email_opt_out)
