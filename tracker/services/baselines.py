"""A target's baseline (số liệu gốc): the value, the year it was measured and its source, set by the monitor.

The rating (trajectory.rate) measures progress from it. The seed gives no target a baseline and never
overwrites one: re-running ``init`` leaves what the monitor set.
"""

from __future__ import annotations

from sqlmodel import Session

from tracker.errors import InvalidInput, TrackerError
from tracker.models import Target
from tracker.services import audit, target_values
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.text import clean

FIRST_YEAR = 2000


def set_baseline(session: Session, actor: Actor, target_id: int, value: float | None, year: int | None,
                 source: str) -> Target:
    """Set (or correct) a quantitative target's baseline; monitor only (``target.manage``), audited."""
    authorize(session, actor, "target.manage", None, object_type="target", object_id=target_id)
    target = session.get(Target, target_id)
    if target is None:
        raise TrackerError("Không tìm thấy chỉ tiêu.")
    if target.comparator == "qualitative":
        raise InvalidInput(f"Chỉ tiêu {target.code} là chỉ tiêu định tính, không có số liệu gốc.")
    target_values.check_value(target, value, "")
    if year is None or isinstance(year, bool) or int(year) != year or not FIRST_YEAR <= year <= target.target_year:
        raise InvalidInput(f"Năm của số liệu gốc phải từ {FIRST_YEAR} đến {target.target_year}.")
    source = clean(source)
    if not source:
        raise InvalidInput("Cần ghi nguồn của số liệu gốc (văn bản, báo cáo hoặc niên giám thống kê).")
    before = {"value": target.baseline_value, "year": target.baseline_year, "source": target.baseline_source}
    target.baseline_value, target.baseline_year, target.baseline_source = float(value), int(year), source
    session.add(target)
    session.flush()
    audit.record(session, actor, "update", "target", target.id,
                 {"target": target.code, "field": "baseline", "before": before,
                  "after": {"value": target.baseline_value, "year": target.baseline_year, "source": source[:200]}})
    return target

