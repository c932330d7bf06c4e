"""The dashboard's IV.1 section: how many bodies issued their plan, conferences held, propaganda output.

Figures are implementation.figures from the program's issue to today, read through dashboard_data
(cached like the other reads of the page).
"""

from __future__ import annotations

import streamlit as st

from tracker.services.actor import Actor
from tracker.ui import widgets
from tracker.ui.dashboard import dashboard_data
from tracker.ui.formatting import escape_markdown, number
from tracker.ui.i18n import t


def render(actor: Actor) -> None:
    fig = widgets.read_cached(lambda: dashboard_data.implementation_figures(actor))
    if fig is widgets.FAILED:
        return
    st.subheader(t("impl.dash.title"))
    share = "" if fig.plan_share is None else f" ({number(fig.plan_share)}%)"
    reached = "—" if fig.reached_pct is None else f"{number(fig.reached_pct)}%"
    st.markdown(t("impl.dash.plans", plans=number(fig.plans), bodies=number(fig.bodies), share=share))
    st.markdown(t("impl.dash.conferences", count=number(fig.conferences), participants=number(fig.participants),
                  reached=reached))
    st.markdown(t("impl.dash.propaganda", articles=number(fig.articles), broadcasts=number(fig.broadcasts),
                  sessions=number(fig.sessions)))
    if fig.without_plan:
        with st.expander(t("impl.dash.without_plan", count=number(len(fig.without_plan)))):
            st.markdown("\n".join(f"- {escape_markdown(name)}" for name in fig.without_plan))
