"""Where each 2030 target stands today: baseline, latest value, target, rating and the points to chart.

The rating is trajectory.rate's (the rule is in docs/targets.md); values are those province bodies
recorded and, for a period without one, the communes' rolled up (target_rollup): ``recorded_values``.
Read-only; leaders and the monitor (``dashboard.read``).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.models import Organisation, Target, TargetValue
from tracker.services import catalog, target_rollup, trajectory
from tracker.services.actor import Actor
from tracker.services.permissions import authorize


def standings(session: Session, actor: Actor, today: date | None = None,
              program_id: int | None = None) -> list[dict]:
    """One dict per target of the program (``program_id``; None: the first), in document order.

    Keys: code, domain, name, unit, comparator, target, direction, cumulative, target_year,
    id, baseline, baseline_year, baseline_source, responsible (body name), latest (number, the running total
    for a cumulative target), latest_on, latest_period, latest_basis ("trung bình 12/38 xã" when the latest
    value is the communes' rolled up, else ""), latest_rollup (None, or {method "mean"|"sum", reporting,
    communes}), assessment (latest non-empty text), expected,
    rating (trajectory code), rating_label (Vietnamese), rating_word (the Phụ lục's "Đạt / Dự kiến đạt /
    Khó đạt", trajectory.rating_word), points ([{on, value}] recorded, running
    totals when cumulative) and trajectory ([{on, value}]: the straight path from baseline to target,
    or only the target when the baseline is unknown).
    """
    authorize(session, actor, "dashboard.read", None, object_type="target")
    today = today or local_today()
    program = catalog.get_program(session, program_id=program_id)
    names = dict(session.exec(select(Organisation.id, Organisation.name)).all())
    values = recorded_values(session, program.id, today)
    out = []
    for t in session.exec(select(Target).where(Target.program_id == program.id).order_by(Target.position)):
        recorded = values.get(t.id, [])
        numeric = [(date.fromisoformat(h["measured_on"]), h["value"]) for h in recorded if h["value"] is not None]
        standing = trajectory.rate(t.comparator, t.direction, t.value, t.target_year, t.baseline_value,
                                   t.baseline_year, numeric, t.cumulative)
        last = recorded[-1] if recorded else None
        assessments = [h["assessment"] for h in recorded if h["assessment"]]
        out.append({
            "code": t.code, "domain": t.domain, "name": t.name, "unit": t.unit, "comparator": t.comparator,
            "target": t.value, "direction": t.direction, "cumulative": t.cumulative, "target_year": t.target_year,
            "id": t.id, "baseline": t.baseline_value, "baseline_year": t.baseline_year,
            "baseline_source": t.baseline_source,
            "responsible": names.get(t.responsible_org_id, ""),
            "latest": _latest(t, numeric), "latest_on": last["measured_on"] if last else "",
            "latest_period": last["period"] if last else "",
            "latest_basis": last["basis"] if last else "", "latest_rollup": last["rollup"] if last else None,
            "assessment": assessments[-1] if assessments else "",
            "expected": standing.expected, "rating": standing.rating, "rating_label": standing.label,
            "rating_word": trajectory.rating_word(standing),
            "points": _points(t, numeric), "trajectory": _trajectory(t, numeric),
        })
    return out


def recorded_values(session: Session, program_id: int, as_of: date) -> dict[int, list[dict]]:
    """Per target id, what the rating reads as of ``as_of``, oldest first: the values province bodies
    recorded, and for each period without one, the communes' values rolled up (target_rollup).

    Each entry: period, value (None for an assessment), assessment, measured_on (ISO date), source,
    basis ("trung bình 12/38 xã", "tổng 12/38 xã"; "" for a province value) and rollup (None, or
    {method, reporting, communes}). No permission check: the caller has made it (the report uses it too).
    """
    communes = target_rollup.commune_ids(session)
    out: dict[int, list[dict]] = {}
    for v in session.exec(select(TargetValue).join(Target, Target.id == TargetValue.target_id)
                          .where(Target.program_id == program_id, TargetValue.measured_on <= as_of)
                          .order_by(TargetValue.measured_on, TargetValue.id)):
        if v.organisation_id not in communes:
            out.setdefault(v.target_id, []).append({
                "period": v.period, "value": v.value, "assessment": v.assessment,
                "measured_on": v.measured_on.isoformat(), "source": v.source, "basis": "", "rollup": None})
    for (target_id, period), r in target_rollup.rollups(session, program_id, as_of).items():
        direct = out.setdefault(target_id, [])
        if not any(h["period"] == period and h["value"] is not None for h in direct):
            direct.append(_rolled_entry(r))
    for entries in out.values():
        entries.sort(key=lambda h: h["measured_on"])
    return out


def _rolled_entry(r: target_rollup.Rollup) -> dict:
    return {"period": r.period, "value": r.value, "assessment": "", "measured_on": r.measured_on.isoformat(),
            "source": "", "basis": r.phrase,
            "rollup": {"method": r.method, "reporting": r.reporting, "communes": r.communes}}


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
