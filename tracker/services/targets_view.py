"""Where each 2030 target stands today: baseline, latest value, target, rating and the points to chart.

The rating is trajectory.rate's (the rule is in docs/targets.md); values come from
target_values.history. Read-only; leaders and the monitor (``dashboard.read``).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.models import Organisation, Target
from tracker.services import catalog, target_values, trajectory
from tracker.services.actor import Actor
from tracker.services.permissions import authorize


def standings(session: Session, actor: Actor, today: date | None = None) -> list[dict]:
    """One dict per target of the program, in document order.

    Keys: code, domain, name, unit, comparator, target, direction, cumulative, target_year,
    baseline, baseline_year, responsible (body name), latest (number, the running total for a
    cumulative target), latest_on, latest_period, assessment (latest non-empty text), expected,
    rating (trajectory code), rating_label (Vietnamese), rating_word (the Phụ lục's "Đạt / Dự kiến đạt /
    Khó đạt", trajectory.rating_word), points ([{on, value}] recorded, running
    totals when cumulative) and trajectory ([{on, value}]: the straight path from baseline to target,
    or only the target when the baseline is unknown).
    """
    authorize(session, actor, "dashboard.read", None, object_type="target")
    today = today or local_today()
    program = catalog.get_program(session)
    names = dict(session.exec(select(Organisation.id, Organisation.name)).all())
    out = []
    for t in session.exec(select(Target).where(Target.program_id == program.id).order_by(Target.position)):
        recorded = [h for h in target_values.history(session, t.id) if h["measured_on"] <= today.isoformat()]
        numeric = [(date.fromisoformat(h["measured_on"]), h["value"]) for h in recorded if h["value"] is not None]
        standing = trajectory.rate(t.comparator, t.direction, t.value, t.target_year, t.baseline_value,
                                   t.baseline_year, numeric, t.cumulative)
        last = recorded[-1] if recorded else None
        assessments = [h["assessment"] for h in recorded if h["assessment"]]
        out.append({
            "code": t.code, "domain": t.domain, "name": t.name, "unit": t.unit, "comparator": t.comparator,
            "target": t.value, "direction": t.direction, "cumulative": t.cumulative, "target_year": t.target_year,
            "baseline": t.baseline_value, "baseline_year": t.baseline_year,
            "responsible": names.get(t.responsible_org_id, ""),
            "latest": _latest(t, numeric), "latest_on": last["measured_on"] if last else "",
            "latest_period": last["period"] if last else "", "assessment": assessments[-1] if assessments else "",
            "expected": standing.expected, "rating": standing.rating, "rating_label": standing.label,
            "rating_word": trajectory.rating_word(standing),
            "points": _points(t, numeric), "trajectory": _trajectory(t, numeric),
        })
    return out


def _latest(t: Target, numeric: list[tuple[date, float]]) -> float | None:
    if not numeric:
        return None
    if t.cumulative:
        return (t.baseline_value or 0.0) + sum(v for _, v in numeric)
    return numeric[-1][1]


def _points(t: Target, numeric: list[tuple[date, float]]) -> list[dict]:
    """Recorded values as chart points; a cumulative target's are running totals from its baseline."""
    points, running = [], t.baseline_value or 0.0
    for on, value in numeric:
        running += value
        points.append({"on": on.isoformat(), "value": running if t.cumulative else value})
    return points


def _trajectory(t: Target, numeric: list[tuple[date, float]]) -> list[dict]:
    """The straight path the rating compares with: from the baseline (start of its year) to the target
    (end of the target year). A cumulative target without a baseline starts at 0 on its first value."""
    if t.value is None or t.comparator == "qualitative":
        return []
    end = {"on": date(t.target_year, 12, 31).isoformat(), "value": t.value}
    baseline, year = t.baseline_value, t.baseline_year
    if t.cumulative and baseline is None:
        baseline = 0.0
        if year is None and numeric:
            return [{"on": numeric[0][0].isoformat(), "value": 0.0}, end]
    if baseline is None or year is None:
        return [end]
    return [{"on": date(year, 1, 1).isoformat(), "value": baseline}, end]
