"""A body's own review report (sơ kết, tổng kết): its title, and its parts beside the task groups.

A review report is a Report of kind "preliminary"/"final" for the milestone's period; it has the
periodic report's form per task group plus ``content["review"]`` (đánh giá chung, bài học kinh nghiệm).
"""

from __future__ import annotations

import streamlit as st

from tracker.services import reports
from tracker.ui.formatting import escape_markdown, period_label
from tracker.ui.i18n import t

MILESTONE_KEY = "milestone:"  # picker ids of review reports, beside the periods' labels ("2026-H1")


def title(kind: str, period: str) -> str:
    """ "6 tháng đầu năm 2026" for a periodic report, "Báo cáo sơ kết giai đoạn 2024-2027" for a review."""
    return t(f"review.title.{kind}", period=period) if kind in reports.REVIEW_KINDS else period_label(period)


def short(kind: str, period: str) -> str:
    """What follows "báo cáo" in a sentence: "6 tháng đầu năm 2026", "sơ kết giai đoạn 2024-2027"."""
    return t(f"review.short.{kind}", period=period) if kind in reports.REVIEW_KINDS else period_label(period)


def done_message(kind: str, period: str, version: int | None) -> tuple[str, dict]:
    """The key and values of what the form says once a draft is saved (``version`` None) or submitted."""
    values = {"period": short(kind, period)}
    keys = ("review.submitted", "review.saved") if kind in reports.REVIEW_KINDS else \
        ("work.report.submitted", "work.report.saved")
    return (keys[0], {**values, "version": version}) if version else (keys[1], values)


def edit(content: dict, key: str) -> dict[str, str]:
    """The review's own text areas (inside the caller's form); returns what was typed."""
    stored = content.get("review") or {}
    st.markdown(f"**{t('review.parts')}**")
    return {field: st.text_area(t(f"review.field.{field}"), value=stored.get(field, ""), max_chars=reports.MAX_FIELD,
                                key=f"{key}_review_{field}") for field in reports.REVIEW_FIELDS}


def show(content: dict) -> None:
    """The review's own parts, read-only (nothing for a periodic report)."""
    parts = content.get("review") or {}
    if not any(parts.values()):
        return
    with st.expander(t("review.parts"), expanded=True):
        for field in reports.REVIEW_FIELDS:
            if parts.get(field):
                st.markdown(f"**{t(f'review.field.{field}')}**")
                st.markdown(escape_markdown(parts[field]).replace("\n", "  \n"))
