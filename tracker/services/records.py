"""What bodies recorded (actions, reports, target values, IV.1 implementation records), as plain rows for
the open export."""

from __future__ import annotations

from sqlmodel import Session, select

from tracker.models import Action, Assignment, Evidence, Organisation, Program, Report, Target, TargetValue, Task
from tracker.models.records import ImplementationRecord
from tracker.services.actions import served_by


def actions(session: Session, program: Program) -> list[dict]:
    rows = session.exec(select(Action, Task.code, Organisation.code)
                        .join(Assignment, Assignment.id == Action.assignment_id)
                        .join(Task, Task.id == Assignment.task_id)
                        .join(Organisation, Organisation.id == Assignment.organisation_id)
                        .where(Task.program_id == program.id).order_by(Action.id)).all()
    served = served_by(session, [a.id for a, _, _ in rows])
    return [{"id": a.id, "task": task, "organisation": org, "acted_on": a.acted_on.isoformat(),
             "description": a.description, "doc_number": a.doc_number,
             "doc_date": a.doc_date.isoformat() if a.doc_date else None, "progress_pct": a.progress_pct,
             "also": [{"program": x["program"], "task": x["task"]} for x in served.get(a.id, [])[1:]]}
            for a, task, org in rows]


def reports(session: Session, program: Program) -> list[dict]:
    rows = session.exec(select(Report, Organisation.code).join(Organisation)
                        .where(Report.program_id == program.id).order_by(Report.id))
    return [{"organisation": org, "kind": r.kind, "period": r.period, "due_on": r.due_on.isoformat(),
             "state": r.state, "version": r.version,
             "submitted_at": r.submitted_at.isoformat(timespec="seconds") if r.submitted_at else None,
             "sections": r.content.get("sections", {}), "action_ids": r.content.get("action_ids", [])}
            for r, org in rows]


def target_values(session: Session, program: Program) -> list[dict]:
    rows = session.exec(select(TargetValue, Target.code, Organisation.code)
                        .join(Target, Target.id == TargetValue.target_id)
                        .join(Organisation, Organisation.id == TargetValue.organisation_id)
                        .where(Target.program_id == program.id).order_by(TargetValue.id))
    return [{"target": code, "organisation": org, "period": v.period, "value": v.value,
             "assessment": v.assessment, "measured_on": v.measured_on.isoformat(), "source": v.source}
            for v, code, org in rows]


def implementation_records(session: Session, program: Program) -> list[dict]:
    """The live (not deleted) IV.1 records: plans, conferences, propaganda; the plan's file by name only."""
    rows = session.exec(select(ImplementationRecord, Organisation.code, Evidence.original_name)
                        .join(Organisation, Organisation.id == ImplementationRecord.organisation_id)
                        .outerjoin(Evidence, Evidence.id == ImplementationRecord.evidence_id)
                        .where(ImplementationRecord.program_id == program.id, ImplementationRecord.deleted_at.is_(None))
                        .order_by(ImplementationRecord.id))
    return [{"id": r.id, "organisation": org, "kind": r.kind, "occurred_on": r.occurred_on.isoformat(),
             "title": r.title, "doc_number": r.doc_number, "level": r.level, "participants": r.participants,
             "reached_pct": r.reached_pct, "articles": r.articles, "broadcasts": r.broadcasts,
             "sessions": r.sessions, "file": file} for r, org, file in rows]
