"""Results in the current period: how an ongoing (thường xuyên) task is judged, never "completed".

An assignment of an ongoing task has results in its period when the body recorded an action dated
in the period of its report cadence that contains today (the year when it reports on no cadence), or
when the monitor accepted the body's periodic report for that period. Given as one SQL expression on
the Assignment row, so lists and the dashboard's rollup read it in the query they already run.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, exists, literal, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from tracker.models import Action, ActionLink, Assignment, Report, Task
from tracker.models.vocab import CADENCES
from tracker.services import periods


def current_period(cadence: str, today: date, due_days: dict[str, str] | None = None) -> periods.Period:
    """The period of ``cadence`` containing ``today``; the year for an assignment reporting on no cadence."""
    return periods.containing(cadence if cadence != "none" else "annual", today, due_days)


def reported_in_period(today: date) -> ColumnElement[bool]:
    """SQL: the Assignment row has an action in its current period, or its body an accepted report for it."""
    spans = {cadence: current_period(cadence, today) for cadence in CADENCES}
    start = case(*((Assignment.report_cadence == c, literal(p.start)) for c, p in spans.items()),
                 else_=literal(spans["none"].start))
    label = case(*((Assignment.report_cadence == c, literal(p.label)) for c, p in spans.items()),
                 else_=literal(spans["none"].label))
    acted = exists().where(Action.assignment_id == Assignment.id, Action.acted_on >= start,
                           Action.acted_on <= literal(today))
    linked = exists().where(ActionLink.assignment_id == Assignment.id, Action.id == ActionLink.action_id,
                            Action.acted_on >= start, Action.acted_on <= literal(today))
    task = aliased(Task)  # not correlated with a Task the outer query may join
    program = select(task.program_id).where(task.id == Assignment.task_id).correlate_except(task).scalar_subquery()
    accepted = exists().where(Report.organisation_id == Assignment.organisation_id, Report.kind == "periodic",
                              Report.state == "accepted", Report.period == label, Report.program_id == program)
    return acted | linked | accepted
