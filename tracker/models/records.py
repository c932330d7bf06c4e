"""What a sơ kết is written from, beyond actions: IV.1 implementation records and summary drafts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.base import created_at_field, timestamp_field
from tracker.models.vocab import CONFERENCE_LEVELS, IMPLEMENTATION_KINDS, REPORT_KINDS, SUMMARY_VOICES, one_of


class ImplementationRecord(SQLModel, table=True):
    """How a body carried the program out (IV.1): the plan it issued (number, date, file), a conference
    held to study it (date, level, participants, share of cadres and party members reached), or its
    propaganda output over a period (articles, broadcasts, sessions)."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id")
    organisation_id: int = Field(foreign_key="organisation.id")
    kind: str = Field(max_length=12)
    occurred_on: date  # the plan's date of issue, the conference's date, the end of the propaganda period
    title: str = Field(default="", sa_type=Text)
    doc_number: str = Field(default="", max_length=80)  # the plan's number, "45-KH/ĐU"
    level: str | None = Field(default=None, max_length=12)  # conferences
    participants: int | None = None
    reached_pct: float | None = None  # share of the body's cadres and party members reached
    articles: int | None = None
    broadcasts: int | None = None
    sessions: int | None = None  # propaganda sessions, meetings with the people
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id")
    recorded_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = created_at_field()
    deleted_at: datetime | None = timestamp_field()

    __table_args__ = (
        Index("ix_implementationrecord_program_org", "program_id", "organisation_id", "kind"),
        one_of("kind", IMPLEMENTATION_KINDS),
        one_of("level", CONFERENCE_LEVELS),
        CheckConstraint("reached_pct IS NULL OR (reached_pct >= 0 AND reached_pct <= 100)", name="reached_range"),
        CheckConstraint("coalesce(participants, 0) >= 0 AND coalesce(articles, 0) >= 0 "
                        "AND coalesce(broadcasts, 0) >= 0 AND coalesce(sessions, 0) >= 0", name="counts_not_negative"),
    )


class SummaryDraft(SQLModel, table=True):
    """The monitor's draft of a summary report, kept between visits until it is exported: the sections'
    texts as edited, the number, the signer and the recipients (``content``, as summary.Summary)."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id")
    kind: str = Field(max_length=12)
    period: str = Field(max_length=20)
    voice: str = Field(default="department", max_length=20)
    issued_on: date
    content: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    version: int = 1
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = created_at_field()

    __table_args__ = (
        UniqueConstraint("program_id", "kind", "period", "voice"),
        one_of("kind", REPORT_KINDS),
        one_of("voice", SUMMARY_VOICES),
    )
