"""Bodies and the work assigned to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.base import created_at_field, timestamp_field
from tracker.models.vocab import ASSIGNMENT_ROLES, CADENCES, EXTENSION_STATES, ORG_KINDS, REORGANISATION_KINDS, one_of


class Organisation(SQLModel, table=True):
    """A party board, committee, delegation, caucus, front, organisation or department.

    A body lives from ``began_on`` (None: before the records begin) to ``ended_on`` (None: still
    active). A body that ended stays, inactive, with its name, work and history; its successors are
    in ``OrganisationSuccession`` (``successor_id`` repeats the one successor of a merge). Its names
    before a rename are in ``OrganisationName``. ``symbol`` is the document symbol ("BTGDVTU" in
    "Số 12-BC/BTGDVTU"), ``signer_title`` the title its head signs with ("TRƯỞNG BAN"),
    ``header_name`` the name in a document header ("BAN TUYÊN GIÁO VÀ DÂN VẬN"); empty means derived.
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
    began_on: date | None = None
    ended_on: date | None = None
    symbol: str = Field(default="", max_length=40)
    signer_title: str = Field(default="", max_length=120)
    header_name: str = Field(default="", max_length=200)
    email: str | None = Field(default=None, max_length=200)
    is_recipient: bool = False  # listed in "Nơi nhận"
    position: int = 0
    search_text: str = Field(default="", sa_type=Text)
    created_at: datetime = created_at_field()

    __table_args__ = (
        one_of("kind", ORG_KINDS),
        CheckConstraint("successor_id IS NULL OR successor_id <> id", name="not_own_successor"),
    )


class OrganisationName(SQLModel, table=True):
    """A name a body bore before a rename: valid from ``valid_from`` (None: from its beginning) until
    the day before ``valid_to``. The current name is on the body itself."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(sa_type=Text)
    short_name: str = Field(default="", max_length=80)
    symbol: str = Field(default="", max_length=40)
    header_name: str = Field(default="", max_length=200)
    valid_from: date | None = None
    valid_to: date
    event_id: int | None = Field(default=None, foreign_key="reorganisation.id", index=True)


class Reorganisation(SQLModel, table=True):
    """A reorganisation event (create, rename, merge, split, end) with its legal basis.

    ``spec`` is the event as written in an events file or the wizard (see
    ``services/reorganisation.py``); ``changes`` records what applying it did, row by row, so that
    it can be undone while nobody has written to what it created.
    """

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=60, unique=True)
    kind: str = Field(max_length=12)
    title: str = Field(default="", sa_type=Text)
    effective_on: date
    basis_number: str = Field(default="", max_length=80)  # "1676-QĐ/TU"
    basis_date: date | None = None
    spec: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    applied_at: datetime = created_at_field()
    applied_by: int | None = Field(default=None, foreign_key="user.id")
    undone_at: datetime | None = timestamp_field()
    undone_by: int | None = Field(default=None, foreign_key="user.id")

    __table_args__ = (one_of("kind", REORGANISATION_KINDS),)


class OrganisationSuccession(SQLModel, table=True):
    """One line of a body's succession: ``predecessor`` ended and ``successor`` took over its work."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="reorganisation.id", index=True)
    predecessor_id: int = Field(foreign_key="organisation.id", index=True)
    successor_id: int = Field(foreign_key="organisation.id", index=True)

    __table_args__ = (UniqueConstraint("event_id", "predecessor_id", "successor_id"),)


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
    # The cascade: this duty was assigned onward by the plan of the body holding ``delegated_from``
    # (e.g. the People's Committee's plan makes a department lead its field); that body stays
    # answerable to the Standing Committee for it.
    delegated_from_id: int | None = Field(default=None, foreign_key="assignment.id", index=True)
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


