"""A body's assignments as cards: code, status, the task, role, deadline, next report and progress.

An ongoing task (thường xuyên) shows "Thường xuyên" for its deadline and no progress bar: it is judged
per period, never completed; a task with a deliverable names it.

A card holds everything on any width. Its short facts sit in a row that wraps, so on a phone (390 px)
they fold onto a second line inside the card instead of hiding behind a sideways swipe, as the columns
of a table do. Streamlit gives each keyed container the class ``st-key-<key>`` (the browser test finds
the cards by it).
"""

from __future__ import annotations

import streamlit as st

from tracker.services import status
from tracker.ui.formatting import day, escape_markdown
from tracker.ui.i18n import label, t

CARD_KEY = "task_card"
BADGE_COLOURS = {status.NOT_STARTED: "gray", status.IN_PROGRESS_ON_TIME: "blue",
                 status.IN_PROGRESS_OVERDUE: "red", status.DONE_ON_TIME: "green", status.DONE_LATE: "orange",
                 status.REPORTED_IN_PERIOD: "green", status.NO_RESULT_IN_PERIOD: "gray"}


def render(rows: list[dict]) -> None:
    """One bordered card per assignment row (assignments.body_assignments), in the rows' order."""
    for row in rows:
        _card(row)


def _card(row: dict) -> None:
    with st.container(border=True, key=f"{CARD_KEY}_{row['id']}"):
        with st.container(horizontal=True, wrap=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{escape_markdown(row['task'])}**", width="content")
            st.badge(escape_markdown(label("status", row["status"])), color=BADGE_COLOURS[row["status"]])
        st.markdown(escape_markdown(row["task_text"]))
        if row.get("deliverable"):
            st.caption(escape_markdown(t("task.deliverable", what=row["deliverable"])))
        if row.get("origin"):
            st.caption(escape_markdown(t("mon.deleg.origin", basis=row["origin"]["basis"],
                                         body=row["origin"]["from_name"])))
        due = t("task.ongoing") if row.get("ongoing") else day(row["deadline"])
        with st.container(horizontal=True, wrap=True, vertical_alignment="center", gap="small"):
            for key, value in (("col.role", label("role", row["role"])), ("col.due", due),
                               ("col.next_report", day(row["next_report_due"]))):
                st.caption(t("my_work.card_fact", name=t(key), value=value or "—"), width="content")
        if row.get("ongoing"):
            st.caption(t("task.ongoing_hint"))
        else:
            st.progress(row["progress_pct"] / 100, text=t("my_work.card_progress", pct=row["progress_pct"]))
