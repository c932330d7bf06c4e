"""Values of the 2030 targets, recorded by the body responsible for each target."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import true
from sqlmodel import Session, select

from tracker.clock import local_today
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Organisation, Target, TargetValue
from tracker.services import audit, periods
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.services.target_rollup import COMMUNE_KINDS
from tracker.text import clean

UNIT_RANGES = {"%": (0.0, 100.0), "years": (0.0, 130.0), "years_of_age": (0.0, 130.0),
               "per_10000": (0.0, 10000.0), "units": (0.0, None), "m2_per_person": (0.0, 1000.0)}


@dataclass(frozen=True)
class ValueInput:
    period: str
    measured_on: date
    value: float | None = None
    assessment: str = ""
    source: str = ""
    evidence_id: int | None = None


def check_value(target: Target, value: float | None, assessment: str) -> None:
    """Refuse what the target's unit does not allow, in words an officer understands."""
    if target.comparator == "qualitative":
        if value is not None:
            raise InvalidInput("Chỉ tiêu định tính không nhập số; hãy ghi nhận xét đánh giá.")
        if not clean(assessment):
            raise InvalidInput("Chỉ tiêu định tính cần nội dung đánh giá.")
        return
    if value is None or isinstance(value, bool) or not math.isfinite(float(value)):
        raise InvalidInput("Cần nhập giá trị số cho chỉ tiêu này.")
    low, high = UNIT_RANGES.get(target.unit, (None, None))
    if low is not None and value < low:
        raise InvalidInput(f"Giá trị {value:g} không hợp lệ: chỉ tiêu \"{target.name}\" không nhận số âm.")
    if high is not None and value > high:
        unit = "%" if target.unit == "%" else target.unit
        raise InvalidInput(f"Giá trị {value:g}{unit} vượt quá mức tối đa {high:g} của đơn vị tính.")
    if target.unit == "units" and float(value) != int(value):
        raise InvalidInput("Số căn nhà phải là số nguyên.")


def record(session: Session, actor: Actor, target_id: int, data: ValueInput, today: date | None = None,
           organisation_id: int | None = None) -> TargetValue:
    """Record a value of a target (from the form or an import row) for the body responsible for it, or,
    given ``organisation_id``, a commune's or ward's own figure (rolled up to the province: target_rollup)."""
    target = session.get(Target, target_id)
    body_id = organisation_id if organisation_id is not None else target.responsible_org_id if target else None
    authorize(session, actor, "target_value.write", body_id, object_type="target", object_id=target_id)
    if target is None:
        raise TrackerError("Không tìm thấy chỉ tiêu.")
    if body_id != target.responsible_org_id:
        _check_commune(session, target, body_id)
    periods.parse(data.period)
    if data.measured_on > (today or local_today()):
        raise InvalidInput(f"Ngày số liệu {data.measured_on:%d/%m/%Y} ở tương lai.")
    check_value(target, data.value, data.assessment)
    row = TargetValue(target_id=target.id, organisation_id=body_id, period=data.period,
                      value=None if data.value is None else float(data.value), assessment=clean(data.assessment),
                      measured_on=data.measured_on, source=clean(data.source), evidence_id=data.evidence_id,
                      recorded_by=actor.user_id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "target_value", row.id,
                 {"target": target.code, "after": {"period": data.period, "value": row.value,
                                                   "assessment": row.assessment[:200]}})
    return row


def _check_commune(session: Session, target: Target, body_id: int | None) -> None:
    body = session.get(Organisation, body_id) if body_id is not None else None
    if body is None or body.kind not in COMMUNE_KINDS:
        raise InvalidInput("Chỉ đảng ủy xã, phường nhập số liệu của địa bàn mình; số liệu cấp tỉnh do cơ quan "
                           "phụ trách chỉ tiêu nhập.")
    if target.comparator == "qualitative":
        raise InvalidInput(f"Chỉ tiêu {target.code} là chỉ tiêu định tính, không nhập số liệu theo xã, phường.")


def history(session: Session, target_id: int, organisation_id: int | None = None) -> list[dict]:
    """Recorded values of a target (only one body's, given ``organisation_id``), oldest first (target
    values are public within the system)."""
    whose = TargetValue.organisation_id == organisation_id if organisation_id is not None else true()
    rows = session.exec(select(TargetValue).where(TargetValue.target_id == target_id, whose)
                        .order_by(TargetValue.measured_on, TargetValue.id))
    return [{"period": r.period, "value": r.value, "assessment": r.assessment, "measured_on": r.measured_on.isoformat(),
             "source": r.source} for r in rows]


def responsible_targets(session: Session, actor: Actor, organisation_id: int | None = None) -> list[dict]:
    """The targets a body (default: the actor's) records values of, in program order, each with its latest
    value: those it is responsible for, or, for a commune or ward, every quantitative target (its own values)."""
    body_id = organisation_id if organisation_id is not None else actor.organisation_id
    authorize(session, actor, "program.read", body_id, object_type="organisation", object_id=body_id or "")
    body = session.get(Organisation, body_id) if body_id is not None else None
    commune = body is not None and body.kind in COMMUNE_KINDS
    which = Target.comparator != "qualitative" if commune else Target.responsible_org_id == body_id
    targets = session.exec(select(Target).where(which).order_by(Target.position)).all()
    rows = []
    for t in targets:
        own = TargetValue.organisation_id == body_id if commune else true()
        latest = session.exec(select(TargetValue).where(TargetValue.target_id == t.id, own)
                              .order_by(TargetValue.measured_on.desc(), TargetValue.id.desc()).limit(1)).first()
        rows.append({"id": t.id, "code": t.code, "name": t.name, "domain": t.domain, "unit": t.unit,
                     "comparator": t.comparator, "value": t.value, "target_year": t.target_year,
                     "qualitative": t.comparator == "qualitative", "commune": commune,
                     "latest": None if latest is None else {
                         "period": latest.period, "value": latest.value, "assessment": latest.assessment,
                         "measured_on": latest.measured_on.isoformat(), "source": latest.source}})
    return rows
