"""Reminders (the outbox), in-app notices and the sender's lease."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from tracker.models.base import UTCDateTime, created_at_field, timestamp_field
from tracker.models.vocab import CHANNELS, OUTBOX_STATES, one_of


class Reminder(SQLModel, table=True):
    """One message owed to one recipient; the idempotency key makes every decision happen once."""

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(max_length=200, unique=True)
    rule: str = Field(max_length=40)
    step: str = Field(max_length=40)
    subject_type: str = Field(max_length=40)
    subject_id: int
    due_on: date
    recipient_user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    recipient_org_id: int | None = Field(default=None, foreign_key="organisation.id")
    recipient_email: str | None = Field(default=None, max_length=200)
    channel: str = Field(default="email", max_length=8)
    subject: str = Field(sa_type=Text)
    body: str = Field(sa_type=Text)
    state: str = Field(default="pending", max_length=12)
    attempts: int = 0
    next_attempt_at: datetime | None = timestamp_field()
    last_error: str = Field(default="", sa_type=Text)
    created_at: datetime = created_at_field()
    sent_at: datetime | None = timestamp_field()
    # the recipient's daily digest that carries this reminder (reminders owed by the sweep are never sent alone)
    digest_id: int | None = Field(default=None, foreign_key="reminder.id", index=True)

    __table_args__ = (
        Index("ix_reminder_state_next", "state", "next_attempt_at"),
        one_of("state", OUTBOX_STATES),
        one_of("channel", CHANNELS),
    )


class Notice(SQLModel, table=True):
    """An in-app notice to a user, with a link to the page where they act."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    reminder_id: int | None = Field(default=None, foreign_key="reminder.id")
    title: str = Field(sa_type=Text)
    body: str = Field(default="", sa_type=Text)
    link: str = Field(default="", max_length=300)
    created_at: datetime = created_at_field()
    read_at: datetime | None = timestamp_field()

    __table_args__ = (Index("ix_notice_user_read", "user_id", "read_at"),)


class WorkerLease(SQLModel, table=True):
    """A named lease in the database so that only one worker sends at a time."""

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(max_length=120)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class AppSetting(SQLModel, table=True):
    """An admin's override of a configuration default (e.g. the reminder rules), by key."""

    key: str = Field(primary_key=True, max_length=60)
    value: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = created_at_field()
