"""The Action Program as data: program, baselines, milestones, task groups, tasks, targets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.base import created_at_field
from tracker.models.vocab import CADENCES, COMPARATORS, DIRECTIONS, MILESTONE_KINDS, one_of

class Program(SQLModel, table=True):
    """An Action Program (Chương trình hành động) issued by a Party Standing Committee."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    number: str | None = Field(default=None, max_length=40)  # số/ký hiệu; None when the source gives none
    issued_on: date | None = None
    title: str = Field(sa_type=Text)
    implements: str = Field(sa_type=Text)  # the resolution it implements, as written
    issuer_org_id: int | None = Field(default=None, foreign_key="organisation.id")
    monitor_org_id: int | None = Field(default=None, foreign_key="organisation.id")
    signer: str | None = Field(default=None, max_length=120)
    signer_title: str = Field(default="", max_length=200)  # "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC"
    situation: str = Field(default="", sa_type=Text)  # I. Tình hình và nguyên nhân
    general_goal: str = Field(default="", sa_type=Text)  # II.1
    vision_2045: str = Field(default="", sa_type=Text)  # II.2.2
    target_year: int = 2030
    default_cadence: str = Field(default="semiannual", max_length=16)
    report_due_days: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = created_at_field()

    __table_args__ = (one_of("default_cadence", CADENCES),)

class Baseline(SQLModel, table=True):
    """A figure of the situation (section I) that later progress is measured against."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    code: str = Field(max_length=40)
    name: str = Field(sa_type=Text)
    comparator: str = Field(default="=", max_length=12)  # "trên 5%/năm" is ">"
    value: float
    unit: str = Field(max_length=40)
    year: int | None = None
    year_is_default: bool = False
    source_sentence: str = Field(sa_type=Text)

    __table_args__ = (UniqueConstraint("program_id", "code"),)

class Milestone(SQLModel, table=True):
    """A dated review point: the implementation plan, a preliminary or final review."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    code: str = Field(max_length=40)
    kind: str = Field(max_length=16)
    title: str = Field(sa_type=Text)
    period: str = Field(max_length=20)  # e.g. "2024-2027", "2030"
    due_on: date
    is_default: bool = True  # chosen by us where the document gives no date; editable
    note: str = Field(default="", sa_type=Text)

    __table_args__ = (UniqueConstraint("program_id", "code"), one_of("kind", MILESTONE_KINDS))

class TaskGroup(SQLModel, table=True):
    """A task group of section III (1..9) or one of its lettered sub-groups (a, b, ..., đ, e)."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="taskgroup.id", index=True)
    code: str = Field(max_length=20)  # "III.4" or "III.4.a"
    label: str = Field(max_length=4)  # "4" or "a"
    title: str = Field(sa_type=Text)
    position: int

    __table_args__ = (UniqueConstraint("program_id", "code"),)

class Task(SQLModel, table=True):
    """One bullet or paragraph of section III: the unit of work that is assigned."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    group_id: int = Field(foreign_key="taskgroup.id", index=True)
    code: str = Field(max_length=24)  # "III.6.đ.2"
    position: int
    text: str = Field(sa_type=Text)
    search_text: str = Field(default="", sa_type=Text)  # folded text for diacritic-insensitive search
    # Ongoing ("thường xuyên"): judged per period (reported on, with results, or not), never completed.
    # Otherwise the task has a deliverable, and its assignments a deadline.
    ongoing: bool = True
    deliverable: str = Field(default="", sa_type=Text)  # what a one-off task delivers ("Đề án ...")

    __table_args__ = (UniqueConstraint("program_id", "code"),)

class Target(SQLModel, table=True):
    """A 2030 target (chỉ tiêu) of II.2.1; qualitative targets have no value."""

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    code: str = Field(max_length=24)
    position: int
    domain: str = Field(max_length=60)
    name: str = Field(sa_type=Text)
    population: str = Field(default="", sa_type=Text)  # who it applies to
    unit: str = Field(default="", max_length=40)
    comparator: str = Field(max_length=12)
    value: float | None = None
    direction: str = Field(max_length=16)
    cumulative: bool = False
    target_year: int = 2030
    baseline_value: float | None = None
    baseline_year: int | None = None
    baseline_source: str = Field(default="", sa_type=Text)  # where the baseline figure comes from
    responsible_org_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    responsible_is_default: bool = True
    source_sentence: str = Field(sa_type=Text)
    search_text: str = Field(default="", sa_type=Text)

    __table_args__ = (
        UniqueConstraint("program_id", "code"),
        one_of("comparator", COMPARATORS),
        one_of("direction", DIRECTIONS),
        CheckConstraint("(comparator = 'qualitative') = (value IS NULL)", name="value_iff_quantitative"),
    )

class TargetValue(SQLModel, table=True):
    """A measured value (or, for a qualitative target, an assessment) for a period."""

    id: int | None = Field(default=None, primary_key=True)
    target_id: int = Field(foreign_key="target.id")
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    period: str = Field(max_length=20)
    value: float | None = None
    assessment: str = Field(default="", sa_type=Text)
    measured_on: date
    source: str = Field(default="", sa_type=Text)
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id")
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    recorded_by: int | None = Field(default=None, foreign_key="user.id")
    recorded_at: datetime = created_at_field()

    __table_args__ = (Index("ix_targetvalue_target_measured", "target_id", "measured_on"),)

