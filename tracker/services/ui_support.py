"""Small read-only queries the screens need and no other service offers (no Streamlit here).

Both are public facts: whether an administrator exists (the login screen tells how to create the
first one), and the list of bodies with their database ids (selectboxes that call services taking
an ``organisation_id``).
"""

from __future__ import annotations

from sqlmodel import Session, select

from tracker.models import Organisation, User


def has_admin(session: Session) -> bool:
    """True when at least one active administrator account exists."""
    return session.exec(select(User.id).where(User.role == "admin", User.active.is_(True)).limit(1)).first() is not None


def organisation_index(session: Session) -> list[dict]:
    """Every body with its id, code, name, kind, parent, successor and state, in document order."""
    orgs = session.exec(select(Organisation).order_by(Organisation.position, Organisation.id)).all()
    codes = {o.id: o.code for o in orgs}
    return [{"id": o.id, "code": o.code, "name": o.name, "short_name": o.short_name, "kind": o.kind,
             "parent": codes.get(o.parent_id), "successor": codes.get(o.successor_id), "active": o.active}
            for o in orgs]
