"""SQLModel tables: the vocabulary of the domain (see docs/data-model.md)."""

from tracker.models.accounts import AuditEvent, AuditHead, SignInThrottle, User
from tracker.models.base import UTCDateTime
from tracker.models.messaging import AppSetting, Notice, Reminder, WorkerLease
from tracker.models.organisation import (Assignment, Extension, Organisation, OrganisationName, OrganisationSuccession,
                                         Reorganisation)
from tracker.models.records import ImplementationRecord, SummaryDraft
from tracker.models.program import Baseline, Milestone, Program, Target, TargetValue, Task, TaskGroup
from tracker.models.work import Action, ActionLink, Directive, Evidence, Report, ReportRevision

__all__ = [
    "Action", "ActionLink", "AppSetting", "Assignment", "AuditEvent", "AuditHead", "Baseline", "Directive", "Evidence", "Extension", "ImplementationRecord", "Milestone",
    "Notice", "Organisation", "OrganisationName", "OrganisationSuccession", "Program", "Reminder", "Reorganisation", "Report", "ReportRevision", "SignInThrottle", "SummaryDraft", "Target", "TargetValue",
    "Task", "TaskGroup", "UTCDateTime", "User", "WorkerLease",
]
