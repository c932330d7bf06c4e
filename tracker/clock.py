"""The time: now in UTC (every stored instant) and today in the configured zone (due dates)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from tracker.config import get_settings


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def local_today(now: datetime | None = None) -> date:
    """Today in the configured time zone (due dates are local dates)."""
    return (now or utcnow()).astimezone(get_settings().tz).date()
