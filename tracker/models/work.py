"""What bodies do and report: actions, evidence, periodic reports, directives."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.base import created_at_field, timestamp_field
from tracker.models.vocab import REPORT_KINDS, REPORT_STATES, one_of


class Action(SQLModel, table=True):
    """Something a body did on an assignment, with the document it issued."""

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="assignment.id")
    acted_on: date
    description: str = Field(sa_type=Text)
    doc_number: str = Field(default="", max_length=80)  # số, ký hiệu: "12-KH/TU"
    doc_date: date | None = None
    progress_pct: int = 0
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = created_at_field()

    __table_args__ = (
        Index("ix_action_assignment_created", "assignment_id", "created_at"),
        CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress_range"),
    )


class ActionLink(SQLModel, table=True):
    """An action that also serves another assignment of the same body, in this program or another: a
    conference that studies two resolutions is logged once and counts as a result of each task it serves.
    Progress stays with the assignment the action was logged on."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    assignment_id: int = Field(foreign_key="assignment.id", index=True)
    created_at: datetime = created_at_field()

    __table_args__ = (UniqueConstraint("action_id", "assignment_id"),)


class Evidence(SQLModel, table=True):
    """A file (content-addressed by SHA-256) or a cited public document backing an action."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int | None = Field(default=None, foreign_key="action.id", index=True)
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    sha256: str | None = Field(default=None, max_length=64, index=True)
    size_bytes: int | None = None
    media_type: str | None = Field(default=None, max_length=100)
    original_name: str | None = Field(default=None, max_length=255)
    cited_doc_number: str | None = Field(default=None, max_length=80)
    cited_url: str | None = Field(default=None, max_length=500)
    uploaded_by: int | None = Field(default=None, foreign_key="user.id")
    uploaded_at: datetime = created_at_field()

    __table_args__ = (
        CheckConstraint("sha256 IS NOT NULL OR cited_doc_number IS NOT NULL", name="file_or_citation"),
    )


class Report(SQLModel, table=True):
    """A body's report for one period (periodic) or review (preliminary, final)."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id")
    organisation_id: int = Field(foreign_key="organisation.id")
    kind: str = Field(default="periodic", max_length=12)
    period: str = Field(max_length=20)  # "2026-H1", "2026", "2024-2027"
    due_on: date
    state: str = Field(default="draft", max_length=12)
    version: int = 1
    content: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    submitted_at: datetime | None = timestamp_field()
    reviewed_at: datetime | None = timestamp_field()
    reviewed_by: int | None = Field(default=None, foreign_key="user.id")
    return_reason: str = Field(default="", sa_type=Text)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()

    __table_args__ = (
        UniqueConstraint("program_id", "organisation_id", "kind", "period"),
        Index("ix_report_state_due", "state", "due_on"),
        one_of("kind", REPORT_KINDS),
        one_of("state", REPORT_STATES),
    )


class ReportRevision(SQLModel, table=True):
    """A frozen copy of a report each time it is submitted, accepted or returned."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    version: int
    state: str = Field(max_length=12)
    content: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", sa_type=Text)
    by_user: int | None = Field(default=None, foreign_key="user.id")
    at: datetime = created_at_field()

    __table_args__ = (UniqueConstraint("report_id", "version", "state"), one_of("state", REPORT_STATES))


class Directive(SQLModel, table=True):
    """A leader's instruction (ý kiến chỉ đạo) on a task, an assignment or a body; replies thread."""

    id: int | None = Field(default=None, primary_key=True)
    author_id: int = Field(foreign_key="user.id")
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True)
    assignment_id: int | None = Field(default=None, foreign_key="assignment.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="directive.id", index=True)
    body: str = Field(sa_type=Text)
    created_at: datetime = created_at_field()
    read_at: datetime | None = timestamp_field()

    __table_args__ = (
        CheckConstraint(
            "parent_id IS NOT NULL OR task_id IS NOT NULL OR assignment_id IS NOT NULL "
            "OR organisation_id IS NOT NULL",
            name="has_subject",
        ),
    )


