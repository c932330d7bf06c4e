"""Atomic sign-in counters: a failure window and lock per account, and throttles across accounts.

Every attempt is *claimed* before its password is checked: one statement increments the counter
and returns the new value (``UPDATE ... RETURNING``, ``INSERT ... ON CONFLICT DO UPDATE ...
RETURNING``), and the caller commits it at once. N concurrent attempts therefore see N distinct
counts on SQLite and PostgreSQL alike, and only those within the limit go on to a hash check.
A successful sign-in gives its claims back.

- Per account: at most ``login_max_failures`` attempts per window (``login_window_minutes``,
  counted from the first failure); the attempt that reaches the limit with a wrong password locks
  the account for ``login_lock_minutes``.
- Across accounts (password spraying: one password tried on many accounts): every attempt, for a
  known or an unknown username, counts in the scope ``all`` (``login_global_max_failures`` per
  window) and, when the client address is known, in ``source:<address>``
  (``login_source_max_failures``). Over either limit, sign-in is refused without a hash check until
  the window ends. A spray is thus bounded to that many guesses per window, at the price that a
  distributed spray also holds off genuine sign-ins for the rest of that window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, literal, or_, update
from sqlmodel import Session

from tracker.config import Settings
from tracker.models import SignInThrottle, User, UTCDateTime
from tracker.services.actor import Actor

ALL = "all"


@dataclass(frozen=True)
class AccountClaim:
    """An account's state right after this attempt was counted (copied: no lazy loads later)."""

    actor: Actor
    password_hash: str
    active: bool
    attempts: int
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def _at(value: datetime):
    return literal(value, UTCDateTime)


def scopes(source: str | None) -> list[str]:
    """The throttle scopes an attempt from ``source`` (a client address, or None) counts in."""
    return [ALL] + ([f"source:{source}"[:80]] if source else [])


def claim_scopes(session: Session, settings: Settings, names: list[str], now: datetime) -> bool:
    """Count one attempt in each scope; True if any is now over its limit (refuse without checking)."""
    over = False
    for scope in names:
        limit = settings.login_global_max_failures if scope == ALL else settings.login_source_max_failures
        over = _claim_scope(session, scope, now, timedelta(minutes=settings.login_window_minutes)) > limit or over
    return over


def _claim_scope(session: Session, scope: str, now: datetime, window: timedelta) -> int:
    table = SignInThrottle.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stale = table.c.window_start <= _at(now - window)
    stmt = insert(table).values(scope=scope, window_start=now, attempts=1).on_conflict_do_update(
        index_elements=[table.c.scope],
        set_={"attempts": case((stale, 1), else_=table.c.attempts + 1),
              "window_start": case((stale, _at(now)), else_=table.c.window_start)})
    return session.execute(stmt.returning(table.c.attempts)).scalar_one()


def claim_account(session: Session, username: str, now: datetime, window: timedelta) -> AccountClaim | None:
    """Count one attempt on ``username``'s account (not while it is locked); None if there is none."""
    locked = and_(User.locked_until.is_not(None), User.locked_until > _at(now))
    fresh = or_(User.failures_since.is_(None), User.failures_since <= _at(now - window))
    stmt = (update(User).where(User.username == username)
            .values(failed_logins=case((locked, User.failed_logins), (fresh, 1), else_=User.failed_logins + 1),
                    failures_since=case((locked, User.failures_since), (fresh, _at(now)),
                                        else_=User.failures_since))
            .returning(User.id, User.username, User.role, User.organisation_id, User.password_hash, User.active,
                       User.failed_logins, User.locked_until))
    row = session.execute(stmt, execution_options={"synchronize_session": False}).first()
    if row is None:
        return None
    return AccountClaim(actor=Actor(user_id=row.id, username=row.username, role=row.role,
                                    organisation_id=row.organisation_id),
                        password_hash=row.password_hash, active=row.active, attempts=row.failed_logins,
                        locked_until=row.locked_until)


def lock_account(session: Session, user_id: int, until: datetime) -> None:
    """Lock until ``until`` and start counting afresh once the lock ends."""
    session.execute(update(User).where(User.id == user_id).values(
        locked_until=until, failed_logins=0, failures_since=None), execution_options={"synchronize_session": False})


def succeeded(session: Session, user_id: int, names: list[str], now: datetime) -> None:
    """A right password: clear the account's counters and give the scopes' claims back."""
    session.execute(update(User).where(User.id == user_id).values(
        failed_logins=0, failures_since=None, locked_until=None, last_login_at=now),
        execution_options={"synchronize_session": False})
    session.execute(update(SignInThrottle).where(SignInThrottle.scope.in_(names), SignInThrottle.attempts > 0)
                    .values(attempts=SignInThrottle.attempts - 1))
