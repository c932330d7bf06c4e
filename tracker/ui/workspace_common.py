"""Shared bits of the workspace tabs: the page's flash key, the "no filter" choice, labels."""

from __future__ import annotations

from tracker.ui.i18n import t

PAGE = "monitor_workspace"
ALL = ""  # the "no filter" choice of a selectbox
SHORT = 90


def status_label(code: str) -> str:
    """An assignment's official status (tracker.services.status) in the current language."""
    return t(f"mon.status.{code}")


def shorten(text: str, limit: int = SHORT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def body_option(body: dict) -> str:
    """A body as "CODE — Name" for pickers."""
    return f"{body['code']} — {body['name']}"


def period_label(label: str) -> str:
    """ "2026-H1" as "6 tháng đầu năm 2026", "2026" as "Cả năm 2026"; other labels as they are."""
    year, _, part = label.partition("-")
    if part in ("H1", "H2"):
        return t(f"mon.period.{part}", year=year)
    return t("mon.period.Y", year=year) if not part and year.isdigit() else label


def report_state_label(code: str) -> str:
    """A report's official state (reports.STATE_LABELS) in the current language."""
    return t(f"mon.report_state.{code}")
