"""The parts of the "Tổng quan" page: status cards, charts, the heatmap, the drill-down and overdue tables.

Charts get aggregated rows only (the rollup's body x group rows, per-group means, per-period shares).
"""

from __future__ import annotations

import streamlit as st

from tracker.config import get_settings
from tracker.services import dashboard, status
from tracker.services.actor import Actor
from tracker.ui.dashboard import charts, dashboard_data
from tracker.ui.formatting import day, moment, number
from tracker.ui.i18n import label, t
from tracker.ui.widgets import page_of, table_downloads, table_height

HEATMAP_BODIES = 40  # bodies shown unless "show every body" is on
MEASURES = ("dominant", "overdue")


def metrics(rows: list[dict]) -> None:
    """One card per official status (dashboard.status_counts of the filtered rollup).

    Each card is as wide as its label (the official status names are long; five equal columns cut
    them short); the row wraps when the cards do not fit.
    """
    counts = dashboard.status_counts(rows)
    total = sum(counts.values())
    with st.container(horizontal=True, wrap=True, key="dash_status_cards"):
        for code in status.STATUSES:
            share = f"{number(round(100 * counts[code] / total, 1))}%" if total else ""
            st.metric(label("status", code), number(counts[code]), share, delta_color="off", delta_arrow="off",
                      border=True, width="content")


def reports(rows: list[dict]) -> None:
    """Share of periodic reports submitted on time, per period (bars), with the latest period in words."""
    st.subheader(t("dash.reports_heading"))
    if not rows:
        st.info(t("dash.reports_none"))
        return
    labelled = [{**r, "share_label": f"{number(r['on_time_share'])}%"} for r in rows]
    st.altair_chart(charts.on_time_bars(labelled, {"period": t("dash.col.period"),
                                                   "on_time_share": t("dash.col.on_time_share")}))
    last = rows[-1]
    st.caption(t("dash.reports_caption", period=last["period"], on_time=number(last["on_time"]),
                 expected=number(last["expected"]), share=number(last["on_time_share"]),
                 submitted=number(last["submitted"])))


def progress(rows: list[dict]) -> None:
    """Mean progress per task group (bars)."""
    st.subheader(t("dash.progress_heading"))
    st.altair_chart(charts.progress_bars(dashboard.group_progress(rows), {
        "group": t("dash.col.group"), "progress": t("dash.col.progress"),
        "assignments": t("dash.col.assignments")}))


def heatmap(rows: list[dict], whole: bool) -> None:
    """Body x task group, coloured by the dominant status or the overdue share; top bodies unless asked."""
    st.subheader(t("dash.heatmap_heading"))
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    measure = left.radio(t("dash.heatmap_measure"), MEASURES, horizontal=True, key="dash_measure",
                         format_func=lambda m: t(f"dash.measure.{m}"))
    total = len({r["organisation"] for r in rows})
    show_all = right.toggle(t("dash.heatmap_all"), key="dash_heatmap_all") if whole and total > HEATMAP_BODIES \
        else True
    cells = dashboard.heatmap_cells(rows, None if show_all else HEATMAP_BODIES)
    shown = len({c["organisation"] for c in cells})
    st.caption(t("dash.heatmap_caption", shown=shown, total=total))
    titles = {"group": t("dash.col.group"), "organisation_name": t("dash.col.body"),
              "status": t("dash.col.status"), "assignments": t("dash.col.assignments"),
              "overdue": t("dash.col.overdue"), "overdue_share": t("dash.col.overdue_share")}
    st.altair_chart(charts.heatmap(cells, measure == "overdue", titles,
                                   {code: label("status", code) for code in status.STATUSES}), key="dash_heatmap")
    table_downloads([{titles["group"]: r["group"], t("dash.col.body"): r["organisation_name"],
                      t("dash.col.assignments"): r["assignments"],
                      **{label("status", code): r[code] for code in status.STATUSES},
                      titles["overdue"]: r["overdue"], t("col.progress"): r["progress"]} for r in rows],
                    "tong-hop-theo-nhom-va-don-vi", "dash_rollup_download")


def drill_down(actor: Actor, group: str | None, body: str | None) -> None:
    """Every assignment of the chosen group and/or body, with its official status."""
    if not (group or body):
        st.caption(t("dash.drill_hint"))
        return
    rows = dashboard_data.assignments(actor, group, body)
    st.subheader(t("dash.drill_heading", count=number(len(rows))))
    table = [{t("col.code"): r["task"], t("col.task"): r["task_text"], t("dash.col.body"): r["organisation_name"],
              t("col.role"): label("role", r["role"]), t("col.due"): day(r["deadline"]),
              t("dash.col.status"): label("status", r["status"]), t("col.progress"): r["progress_pct"]} for r in rows]
    shown = page_of(table, "dash_drill")
    st.dataframe(shown, hide_index=True, height=table_height(len(shown)),
                 column_config={t("col.task"): st.column_config.TextColumn(width="large"),
                                t("col.progress"): _progress_column()})
    table_downloads(table, "nhiem-vu-chi-tiet", "dash_drill_download")


def overdue(actor: Actor, group: str | None, body: str | None) -> None:
    """Overdue assignments, longest first, with days overdue and the reminders already sent."""
    st.subheader(t("dash.overdue_heading"))
    rows = dashboard_data.overdue(actor, group, body)
    if not rows:
        st.success(t("dash.overdue_none"))
        return
    st.caption(t("dash.overdue_caption", count=number(len(rows))))
    tz = get_settings().tz
    table = [{t("col.code"): r["task"], t("col.task"): r["task_text"], t("dash.col.body"): r["organisation_name"],
              t("col.due"): day(r["deadline"]), t("dash.col.days_overdue"): r["days_overdue"],
              t("col.progress"): r["progress_pct"], t("dash.col.reminders"): r["reminders"],
              t("dash.col.body_reminders"): r["body_reminders"],
              t("dash.col.last_reminder"): moment(r["last_reminder_at"], tz)} for r in rows]
    shown = page_of(table, "dash_overdue")  # longest overdue first
    st.dataframe(shown, hide_index=True, height=table_height(len(shown)),
                 column_config={t("col.task"): st.column_config.TextColumn(width="large"),
                                t("col.progress"): _progress_column()})
    table_downloads(table, "nhiem-vu-qua-han", "dash_overdue_download")


def _progress_column():
    return st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d%%")
