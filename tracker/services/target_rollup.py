"""The province figure of a target for a period, rolled up from the values communes and wards recorded.

The rule (also in docs/targets.md): each commune's latest value of the period counts once; a count
target ("units": dwellings) takes their sum, every other unit (percentages, rates, ages) their plain
mean, shown with the number of communes reporting ("trung bình 12/38 xã"). A value the province body
recorded directly for the period wins over the rollup (targets_view applies this).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.models import Organisation, Target, TargetValue

COMMUNE_KINDS = ("commune_committee", "ward_committee")
SUMMED_UNITS = frozenset({"units"})


@dataclass(frozen=True)
class Rollup:
    period: str
    value: float
    measured_on: date  # the latest commune value's date
    method: str  # "mean" | "sum"
    reporting: int  # communes with a value for the period
    communes: int  # communes and wards active today

    @property
    def phrase(self) -> str:
        """How the report words it: "trung bình 12/38 xã", "tổng 12/38 xã"."""
        word = "tổng" if self.method == "sum" else "trung bình"
        return f"{word} {self.reporting}/{self.communes} xã"


def commune_ids(session: Session) -> set[int]:
    """Every commune or ward body, ended ones included (their past values still count)."""
    return set(session.exec(select(Organisation.id).where(Organisation.kind.in_(COMMUNE_KINDS))).all())


def communes(session: Session) -> dict[int, str]:
    """The active commune and ward bodies, id -> name, by name (the monitor enters values for them)."""
    return dict(session.exec(select(Organisation.id, Organisation.name).where(
        Organisation.kind.in_(COMMUNE_KINDS), Organisation.active).order_by(Organisation.name)).all())


def rollups(session: Session, program_id: int, today: date) -> dict[tuple[int, str], Rollup]:
    """(target id, period) -> the commune values of that period rolled up, in one query."""
    ranked = (select(TargetValue.target_id, TargetValue.period, TargetValue.value, TargetValue.measured_on,
                     func.row_number().over(
                         partition_by=(TargetValue.target_id, TargetValue.period, TargetValue.organisation_id),
                         order_by=(TargetValue.measured_on.desc(), TargetValue.id.desc())).label("rank"))
              .join(Organisation, Organisation.id == TargetValue.organisation_id)
              .join(Target, Target.id == TargetValue.target_id)
              .where(Target.program_id == program_id, Organisation.kind.in_(COMMUNE_KINDS),
                     TargetValue.value.is_not(None), TargetValue.measured_on <= today)).subquery()
    rows = session.exec(
        select(ranked.c.target_id, ranked.c.period, Target.unit, func.avg(ranked.c.value), func.sum(ranked.c.value),
               func.count(), func.max(ranked.c.measured_on))
        .join(Target, Target.id == ranked.c.target_id).where(ranked.c.rank == 1)
        .group_by(ranked.c.target_id, ranked.c.period, Target.unit)).all()
    communes = session.exec(select(func.count()).select_from(Organisation)
                            .where(Organisation.kind.in_(COMMUNE_KINDS), Organisation.active)).one()
    out = {}
    for target_id, period, unit, mean, total, reporting, last in rows:
        summed = unit in SUMMED_UNITS
        out[target_id, period] = Rollup(period, float(total if summed else mean), _day(last),
                                        "sum" if summed else "mean", reporting, max(communes, reporting))
    return out


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
