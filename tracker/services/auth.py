"""Passwords (argon2id), sign-in with lockout, and the rules that end a session.

Sign-in failures all get the same message, whether the account is unknown, the password wrong,
the account disabled or temporarily locked, so the screen never tells which accounts exist.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, select

from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.models import AuditEvent, User, utcnow
from tracker.services import audit
from tracker.services.audit import Actor

_hasher = PasswordHasher()  # argon2id, argon2-cffi's RFC 9106 low-memory defaults
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))  # equalises timing for unknown accounts

LOGIN_FAILED = ("Đăng nhập không thành công: tên đăng nhập hoặc mật khẩu không đúng, "
                "hoặc tài khoản đang tạm khóa. Sau 5 lần sai liên tiếp, tài khoản bị khóa 15 phút.")
MIN_PASSWORD_LENGTH = 10


class LoginFailed(TrackerError):
    """Sign-in refused; the message is the same for every reason."""


class SessionEnded(TrackerError):
    """The session is over (idle, too old, or revoked); the user must sign in again."""


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise TrackerError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if password.strip() != password or len(set(password)) < 4:
        raise TrackerError("Mật khẩu quá đơn giản: không bắt đầu/kết thúc bằng khoảng trắng, dùng nhiều ký tự khác nhau.")


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def actor_of(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=user.role, organisation_id=user.organisation_id)


@dataclass(frozen=True)
class SignedIn:
    """What the UI keeps in its session state after a successful sign-in."""

    actor: Actor
    epoch: int
    signed_in_at: datetime


def login(session: Session, settings: Settings, username: str, password: str,
          now: datetime | None = None) -> SignedIn:
    """Check the password; count failures; lock after too many. Commits its audit events."""
    now = now or utcnow()
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        _verify(_DUMMY_HASH, password)
        _fail(session, None, {"username": username[:60], "reason": "unknown"})
    if user.locked_until and user.locked_until > now:
        _verify(_DUMMY_HASH, password)
        _fail(session, user, {"reason": "locked"})
    if not _verify(user.password_hash, password) or not user.active:
        _record_failure(session, settings, user, now, "disabled" if user.active is False else "password")
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    session.add(user)
    audit.record(session, actor_of(user), "login", "user", user.id, at=now)
    session.commit()
    return SignedIn(actor=actor_of(user), epoch=user.session_epoch, signed_in_at=now)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _fail(session: Session, user: User | None, summary: dict) -> None:
    actor = actor_of(user) if user else None
    audit.record(session, actor, "login_failed", "user", user.id if user else "", summary)
    session.commit()
    raise LoginFailed(LOGIN_FAILED)


def _record_failure(session: Session, settings: Settings, user: User, now: datetime, reason: str) -> None:
    window_start = now - timedelta(minutes=settings.login_window_minutes)
    if user.last_login_at and user.last_login_at > window_start:
        window_start = user.last_login_at
    recent = session.exec(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "login_failed", AuditEvent.object_type == "user",
        AuditEvent.object_id == str(user.id), AuditEvent.occurred_at > window_start)).one()
    user.failed_logins = recent + 1
    if user.failed_logins >= settings.login_max_failures:
        user.locked_until = now + timedelta(minutes=settings.login_lock_minutes)
        audit.record(session, actor_of(user), "lock", "user", user.id,
                     {"until": user.locked_until.isoformat(), "failures": user.failed_logins}, at=now)
    session.add(user)
    audit.record(session, actor_of(user), "login_failed", "user", user.id, {"reason": reason}, at=now)
    session.commit()
    raise LoginFailed(LOGIN_FAILED)


def check_session(session: Session, settings: Settings, signed_in: SignedIn, last_seen: datetime,
                  now: datetime | None = None) -> Actor:
    """Return the current actor, or raise SessionEnded: idle too long, too old, disabled, or revoked."""
    now = now or utcnow()
    if now - last_seen > timedelta(minutes=settings.session_idle_minutes):
        raise SessionEnded("Phiên làm việc đã hết hạn do không thao tác quá lâu. Vui lòng đăng nhập lại.")
    if now - signed_in.signed_in_at > timedelta(hours=settings.session_max_hours):
        raise SessionEnded("Phiên làm việc đã quá thời hạn tối đa. Vui lòng đăng nhập lại.")
    user = session.get(User, signed_in.actor.user_id)
    if user is None or not user.active or user.session_epoch != signed_in.epoch:
        raise SessionEnded("Tài khoản đã bị khóa hoặc đổi mật khẩu. Vui lòng đăng nhập lại.")
    return actor_of(user)


def logout(session: Session, actor: Actor) -> None:
    audit.record(session, actor, "logout", "user", actor.user_id)
