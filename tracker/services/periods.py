"""Reporting periods of a cadence and their due dates.

Labels: "2026" (annual), "2026-H1"/"2026-H2" (semi-annual), "2026-Q1".."Q4", "2026-03" (monthly).
Due dates come from the program's ``report_due_days`` ("H1": "06-15", ...) where given; otherwise a
period is due on the 15th of its last month, an annual report on 15 December.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.errors import TrackerError

_LABEL = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$")


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date
    due_on: date


def _last_day(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(first_of_next.toordinal() - 1)


def _months(part: str | None) -> tuple[int, int]:
    if part is None:
        return 1, 12
    if part.startswith("H"):
        return (1, 6) if part == "H1" else (7, 12)
    if part.startswith("Q"):
        q = int(part[1])
        return 3 * q - 2, 3 * q
    month = int(part)
    if not 1 <= month <= 12:
        raise TrackerError(f"Tháng {part} không hợp lệ.")
    return month, month


def parse(label: str, due_days: dict[str, str] | None = None) -> Period:
    """The period named ``label``; TrackerError with a Vietnamese message if malformed."""
    match = _LABEL.match((label or "").strip())
    if not match:
        raise TrackerError(f"Kỳ báo cáo {label!r} không hợp lệ; dùng dạng 2026, 2026-H1, 2026-Q2 hoặc 2026-03.")
    year, part = int(match.group(1)), match.group(2)
    if not 1900 <= year <= 2999:
        raise TrackerError(f"Năm {year} của kỳ báo cáo {label!r} không hợp lệ.")
    first, last = _months(part)
    end = _last_day(year, last)
    key = part or "Y"
    custom = (due_days or {}).get(key)
    if custom:
        month, day = (int(x) for x in custom.split("-"))
        due = date(year, month, day)
    else:
        due = date(year, 12, 15) if part is None else date(year, last, 15)
    return Period(match.group(0), date(year, first, 1), end, due)


def for_year(cadence: str, year: int, due_days: dict[str, str] | None = None) -> list[Period]:
    parts = {"annual": [None], "semiannual": ["H1", "H2"], "quarterly": ["Q1", "Q2", "Q3", "Q4"],
             "monthly": [f"{m:02d}" for m in range(1, 13)], "none": []}[cadence]
    return [parse(f"{year}-{p}" if p else str(year), due_days) for p in parts]


def containing(cadence: str, day: date, due_days: dict[str, str] | None = None) -> Period | None:
    """The period of ``cadence`` that ``day`` falls in."""
    return next((p for p in for_year(cadence, day.year, due_days) if p.start <= day <= p.end), None)
