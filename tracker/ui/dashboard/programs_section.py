"""The leaders' view of every program side by side (shown when the instance follows more than one):
progress, overdue work and the bodies behind it, late reports of the last half-year, the next review."""

from __future__ import annotations

import streamlit as st

from tracker.services.actor import Actor
from tracker.ui import data, widgets
from tracker.ui.dashboard import dashboard_data
from tracker.ui.formatting import day, period_label
from tracker.ui.i18n import t


def render(actor: Actor) -> None:
    if len(data.programs()) < 2:
        return
    rows = widgets.read_cached(lambda: dashboard_data.programs(actor))
    if rows is widgets.FAILED:
        return
    st.subheader(t("dash.programs"))
    table = [{t("dash.programs.code"): r["code"], t("dash.programs.title"): r["title"],
              t("dash.programs.done"): r["done_pct"], t("dash.programs.open"): r["assignments"],
              t("dash.programs.overdue"): r["overdue"], t("dash.programs.behind"): r["bodies_behind"],
              t("dash.programs.late"): (t("dash.programs.late_value", count=r["reports_late"]["bodies"],
                                          period=period_label(r["reports_late"]["period"]))
                                        if r["reports_late"] else "—"),
              t("dash.programs.review"): (f"{r['next_review']['title']} ({day(r['next_review']['due_on'])})"
                                          if r["next_review"] else "—")} for r in rows]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)),
                 column_config={t("dash.programs.done"): st.column_config.ProgressColumn(
                     t("dash.programs.done"), min_value=0, max_value=100, format="%.1f %%")})
