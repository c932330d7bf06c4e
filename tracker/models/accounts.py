"""Users and the hash-chained audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, Text
from sqlmodel import Field, SQLModel

from tracker.models.base import UTCDateTime, created_at_field, timestamp_field
from tracker.models.vocab import USER_ROLES, one_of


class User(SQLModel, table=True):
    """A person with one role in one organisation. Passwords are stored only as argon2id hashes."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True)
    full_name: str = Field(default="", max_length=120)
    email: str | None = Field(default=None, max_length=200)
    role: str = Field(max_length=12)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    password_hash: str = Field(max_length=255)
    active: bool = True
    email_opt_out: bool = False
    program_id: int | None = Field(default=None, foreign_key="program.id")  # the program last chosen
    session_epoch: int = 0  # bumped on disable or password change: ends open sessions
    failed_logins: int = 0  # sign-in attempts (checked or refused) since failures_since; see auth
    failures_since: datetime | None = timestamp_field()
    locked_until: datetime | None = timestamp_field()
    last_login_at: datetime | None = timestamp_field()
    password_changed_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()

    __table_args__ = (one_of("role", USER_ROLES),)


class AuditEvent(SQLModel, table=True):
    """One append-only entry; ``hash = SHA-256(prev_hash || canonical JSON of the event)``."""

    id: int | None = Field(default=None, sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True))
    occurred_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    actor_org_id: int | None = Field(default=None, foreign_key="organisation.id")
    action: str = Field(max_length=40)
    object_type: str = Field(max_length=40)
    object_id: str = Field(default="", max_length=60)
    summary: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)

    __table_args__ = (
        Index("ix_auditevent_occurred", "occurred_at"),
        Index("ix_auditevent_object", "object_type", "object_id"),
    )




class AuditHead(SQLModel, table=True):
    """The chain's anchor: one row holding the count and the last hash.

    Every append first updates this row, which serialises appenders on SQLite and PostgreSQL alike;
    `audit verify` compares the chain with it, so a cut tail is detected.
    """

    id: int = Field(default=1, primary_key=True)
    count: int = 0
    head_hash: str = Field(default="0" * 64, max_length=64)


class SignInThrottle(SQLModel, table=True):
    """Failed (or still running) sign-in attempts in the current window of one scope.

    Scopes: ``all`` (every sign-in, any account, known or not) and ``source:<address>`` (one client
    address). They bound password spraying, which per-account locks cannot see; see auth.
    """

    scope: str = Field(primary_key=True, max_length=80)
    window_start: datetime = Field(sa_type=UTCDateTime, nullable=False)
    attempts: int = 0
