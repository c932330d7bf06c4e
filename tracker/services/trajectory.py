"""Where a 2030 target stands: the straight path from baseline to target, and a rating.

The rule (also in docs/targets.md):
- The expected value in year y is ``baseline + (target - baseline) * (y - baseline_year) / (target_year - baseline_year)``.
- Progress made = latest - baseline; progress expected = expected(y) - baseline, both signed so that
  "better" is positive (lower-is-better targets are mirrored).
- on track: the target is already met, or progress made >= progress expected;
  at risk: progress made >= 80 % of progress expected;
  off track: anything less (including moving the wrong way).
- Cumulative targets (the 1,500 social housing units) add up every recorded value since the baseline
  (baseline 0 if none is given); the others take the latest recorded value.
- "maintain" and qualitative targets get no numeric rating: the latest assessment text is shown.
- Without a baseline or any value, the rating is "no data".
- The report's Phụ lục words (``rating_word``): met "Đạt", on track "Dự kiến đạt", at risk or off
  track "Khó đạt".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.vocabulary import TARGET_RATING, vietnamese

AT_RISK_SHARE = 0.8
RATING_LABELS = vietnamese(TARGET_RATING)
# The words of the report's Phụ lục; "met" is an on-track standing whose latest value meets the target.
RATING_WORDS = {"met": "Đạt", "on_track": "Dự kiến đạt", "at_risk": "Khó đạt", "off_track": "Khó đạt",
                "no_data": "Chưa đủ số liệu", "qualitative": "Đánh giá định tính"}


@dataclass(frozen=True)
class Standing:
    rating: str
    latest: float | None
    expected: float | None
    as_of_year: float | None
    met: bool = False  # the latest value already meets the target

    @property
    def label(self) -> str:
        return RATING_LABELS[self.rating]


def rating_word(standing: Standing) -> str:
    """The Phụ lục's word for a standing: "Đạt", "Dự kiến đạt" or "Khó đạt" (else "Chưa đủ số liệu",
    "Đánh giá định tính")."""
    return RATING_WORDS["met" if standing.met else standing.rating]


def year_fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def expected_value(baseline: float, baseline_year: float, target: float, target_year: float, year: float) -> float:
    if target_year <= baseline_year:
        return target
    share = min(max((year - baseline_year) / (target_year - baseline_year), 0.0), 1.0)
    return baseline + (target - baseline) * share


def meets(comparator: str, direction: str, value: float, target: float) -> bool:
    return {"<": value < target, "<=": value <= target, ">": value > target, ">=": value >= target,
            "=": value == target}.get(comparator, value <= target if direction == "lower_better" else value >= target)


def rate(comparator: str, direction: str, target: float | None, target_year: int, baseline: float | None,
         baseline_year: float | None, values: list[tuple[date, float]], cumulative: bool = False) -> Standing:
    """Rate a target from its recorded (date, value) pairs, oldest first."""
    if comparator == "qualitative" or direction == "maintain" or target is None:
        return Standing("qualitative", None, None, None)
    if not values:
        return Standing("no_data", None, None, None)
    as_of = year_fraction(values[-1][0])
    latest = sum(v for _, v in values) + (baseline or 0) if cumulative else values[-1][1]
    if cumulative and baseline is None:
        baseline, baseline_year = 0.0, baseline_year or year_fraction(values[0][0])
    if meets(comparator, direction, latest, target):
        return Standing("on_track", latest, None, as_of, met=True)
    if baseline is None or baseline_year is None:
        return Standing("no_data", latest, None, as_of)
    expected = expected_value(baseline, baseline_year, target, target_year + 1, as_of)
    sign = -1 if direction == "lower_better" else 1
    made, needed = sign * (latest - baseline), sign * (expected - baseline)
    if needed <= 0 or made >= needed:
        rating = "on_track"
    elif made >= AT_RISK_SHARE * needed:
        rating = "at_risk"
    else:
        rating = "off_track"
    return Standing(rating, latest, expected, as_of)
