"""Bodies and the work assigned to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.base import created_at_field, timestamp_field
from tracker.models.vocab import ASSIGNMENT_ROLES, CADENCES, EXTENSION_STATES, ORG_KINDS, one_of


class Organisation(SQLModel, table=True):
    """A party board, committee, delegation, caucus, front, organisation or department.

    A merged body stays (inactive) with ``successor_id`` pointing to the body that took it over,
    so its history remains readable under its old name.
    """

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(sa_type=Text)
    short_name: str = Field(default="", max_length=80)
    kind: str = Field(max_length=24)
    parent_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    successor_id: int | None = Field(default=None, foreign_key="organisation.id")
    active: bool = True
    merged_at: datetime | None = timestamp_field()
    email: str | None = Field(default=None, max_length=200)
    is_recipient: bool = False  # listed in "Nơi nhận"
    position: int = 0
    search_text: str = Field(default="", sa_type=Text)
    created_at: datetime = created_at_field()

    __table_args__ = (
        one_of("kind", ORG_KINDS),
        CheckConstraint("successor_id IS NULL OR successor_id <> id", name="not_own_successor"),
    )


class Assignment(SQLModel, table=True):
    """A task given to a body, as lead (chủ trì) or coordinator (phối hợp).

    ``progress_pct``, ``last_action_at`` and ``completed_on`` are kept up to date on write from
    the body's actions, so status rollups need no scan of the action history.
    """

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    role: str = Field(max_length=12)
    deadline: date | None = None
    deadline_is_default: bool = False
    report_cadence: str = Field(default="semiannual", max_length=16)
    basis: str = Field(default="", max_length=40)  # where the duty comes from, e.g. "IV.2" or "default"
    is_default: bool = False  # created by the seed rather than by a person
    note: str = Field(default="", sa_type=Text)
    progress_pct: int = 0
    last_action_at: datetime | None = timestamp_field()
    completed_on: date | None = None
    cancelled_at: datetime | None = timestamp_field()
    superseded_by_id: int | None = Field(default=None, foreign_key="assignment.id")  # handed on at a merge
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = created_at_field()

    __table_args__ = (
        UniqueConstraint("task_id", "organisation_id"),
        Index("ix_assignment_org_deadline", "organisation_id", "deadline"),
        one_of("role", ASSIGNMENT_ROLES),
        one_of("report_cadence", CADENCES),
        CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress_range"),
    )


class Extension(SQLModel, table=True):
    """A request to extend an assignment's deadline (gia hạn); the original stays recorded here."""

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="assignment.id", index=True)
    requested_by: int = Field(foreign_key="user.id")
    requested_at: datetime = created_at_field()
    old_deadline: date | None = None
    new_deadline: date
    reason: str = Field(sa_type=Text)
    state: str = Field(default="pending", max_length=12)
    decided_by: int | None = Field(default=None, foreign_key="user.id")
    decided_at: datetime | None = timestamp_field()
    decision_note: str = Field(default="", sa_type=Text)

    __table_args__ = (one_of("state", EXTENSION_STATES),)


