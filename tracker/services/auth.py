"""Passwords (argon2id), sign-in with lockout and throttling, and the rules that end a session.

Sign-in failures all get the same message, whether the account is unknown, the password wrong,
the account disabled, temporarily locked or sign-in throttled, so the screen never tells which
accounts exist. The counters behind locks and throttles are in signin_limits.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session

from tracker.clock import utcnow
from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.models import User
from tracker.services import audit, signin_limits
from tracker.services.actor import Actor
from tracker.services.passwords import check_password_strength

_hasher = PasswordHasher()  # argon2id, argon2-cffi's RFC 9106 low-memory defaults
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))  # equalises timing for unknown accounts

LOGIN_FAILED = ("Đăng nhập không thành công: tên đăng nhập hoặc mật khẩu không đúng, "
                "hoặc tài khoản đang tạm khóa. Sau 5 lần sai liên tiếp, tài khoản bị khóa 15 phút.")


class LoginFailed(TrackerError):
    """Sign-in refused; the message is the same for every reason."""


class SessionEnded(TrackerError):
    """The session is over (idle, too old, or revoked); the user must sign in again."""


def hash_password(password: str) -> str:
    """The argon2id hash of a new password, after the password rules (passwords.py) accept it."""
    check_password_strength(password)
    return _hasher.hash(password)


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
          now: datetime | None = None, source: str | None = None) -> SignedIn:
    """Check the password of ``username`` signing in from ``source`` (a client address, if known).

    The attempt is counted (account and throttle scopes, see signin_limits) and committed before any
    hash is checked, so concurrent attempts cannot all slip past the limits. Commits its audit events.
    """
    now = now or utcnow()
    name = username.strip().lower()
    scopes = signin_limits.scopes(source)
    throttled = signin_limits.claim_scopes(session, settings, scopes, now)
    window = timedelta(minutes=settings.login_window_minutes)
    claim = None if throttled else signin_limits.claim_account(session, name, now, window)
    session.commit()
    checkable = (claim is not None and not claim.locked(now)
                 and claim.attempts <= settings.login_max_failures)
    right = _verify(claim.password_hash if checkable else _DUMMY_HASH, password) and checkable
    if right and claim.active:
        signin_limits.succeeded(session, claim.actor.user_id, scopes, now)
        audit.record(session, claim.actor, "login", "user", claim.actor.user_id, at=now)
        session.commit()
        user = session.get(User, claim.actor.user_id)
        return SignedIn(actor=claim.actor, epoch=user.session_epoch, signed_in_at=now)
    if throttled:
        _fail(session, None, {"reason": "throttled", "username": redacted(username)}, now)
    if claim is None:
        _fail(session, None, {"reason": "unknown", "username": redacted(username)}, now)
    if not checkable:
        _fail(session, claim.actor, {"reason": "locked"}, now)
    if claim.attempts >= settings.login_max_failures:
        until = now + timedelta(minutes=settings.login_lock_minutes)
        signin_limits.lock_account(session, claim.actor.user_id, until)
        audit.record(session, claim.actor, "lock", "user", claim.actor.user_id,
                     {"until": until.isoformat(), "failures": claim.attempts}, at=now)
    _fail(session, claim.actor, {"reason": "password" if claim.active else "disabled"}, now)


def redacted(typed_username: str) -> str:
    """What the audit log keeps of a username that matched no account: its first character and length.

    People type their password into the username field; the log must never hold it verbatim.
    """
    typed = typed_username.strip()
    return f"{typed[:1]}…({len(typed)})" if typed else ""


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _fail(session: Session, actor: Actor | None, summary: dict, now: datetime) -> NoReturn:
    audit.record(session, actor, "login_failed", "user", actor.user_id if actor else "", summary, at=now)
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
