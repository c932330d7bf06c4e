"""Accounts: create, list, disable, enable, reset password. Admins only; every change audited."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from tracker.clock import utcnow
from tracker.errors import TrackerError
from tracker.models import Organisation, User
from tracker.models.vocab import USER_ROLES
from tracker.services import audit, organisations
from tracker.services.actor import Actor
from tracker.services.auth import generate_password, hash_password
from tracker.services.permissions import authorize
from tracker.text import clean

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _organisation(session: Session, code: str) -> Organisation:
    org = organisations.get_by_code(session, code)
    if not org.active:
        raise TrackerError(f"Cơ quan {org.code} đã ngừng hoạt động (đã hợp nhất); chọn cơ quan kế thừa.")
    return org


def _user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise TrackerError(f"Không có tài khoản {username!r}.")
    return user


def add_user(session: Session, actor: Actor, username: str, role: str, org_code: str, email: str | None = None,
             full_name: str = "", password: str | None = None) -> tuple[User, str | None]:
    """Create an account. Without ``password`` one is generated and returned (shown once, never stored)."""
    authorize(session, actor, "user.manage", object_type="user")
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise TrackerError("Tên đăng nhập gồm 3–60 ký tự thường: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.")
    if role not in USER_ROLES:
        raise TrackerError(f"Vai trò {role!r} không hợp lệ; chọn một trong: {', '.join(USER_ROLES)}.")
    if email and not EMAIL.match(email):
        raise TrackerError(f"Địa chỉ thư điện tử {email!r} không hợp lệ.")
    if session.exec(select(User).where(User.username == username)).first():
        raise TrackerError(f"Tên đăng nhập {username!r} đã có người dùng.")
    org = _organisation(session, org_code)
    generated = None if password else generate_password()
    user = User(username=username, role=role, organisation_id=org.id, email=email or None, full_name=clean(full_name),
                password_hash=hash_password(password or generated))
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", "user", user.id,
                 {"after": {"username": username, "role": role, "organisation": org.code, "email": email}})
    return user, generated


def list_users(session: Session, actor: Actor) -> list[dict]:
    authorize(session, actor, "user.manage", object_type="user")
    rows = session.exec(select(User, Organisation.code).join(Organisation).order_by(User.username))
    return [{"username": u.username, "full_name": u.full_name, "role": u.role, "organisation": code,
             "email": u.email or "", "active": u.active,
             "locked_until": u.locked_until.isoformat() if u.locked_until else "",
             "last_login_at": u.last_login_at.isoformat() if u.last_login_at else ""} for u, code in rows]


def set_active(session: Session, actor: Actor, username: str, active: bool) -> User:
    """Disable or enable an account; disabling ends its open sessions at their next interaction."""
    authorize(session, actor, "user.manage", object_type="user")
    user = _user(session, username)
    if user.id == actor.user_id and not active:
        raise TrackerError("Không thể tự khóa tài khoản của chính mình.")
    before = user.active
    user.active = active
    user.session_epoch += 1
    if active:
        user.locked_until, user.failed_logins = None, 0
    session.add(user)
    audit.record(session, actor, "enable" if active else "disable", "user", user.id,
                 {"before": {"active": before}, "after": {"active": active}})
    return user


def reset_password(session: Session, actor: Actor, username: str, password: str | None = None) -> str | None:
    """Set a new password (or generate one, returned once); ends the account's open sessions."""
    authorize(session, actor, "user.manage", object_type="user")
    user = _user(session, username)
    generated = None if password else generate_password()
    user.password_hash = hash_password(password or generated)
    user.password_changed_at = utcnow()
    user.session_epoch += 1
    user.locked_until, user.failed_logins = None, 0
    session.add(user)
    audit.record(session, actor, "reset_password", "user", user.id, {"after": {"password": "changed"}})
    return generated
