"""A small expander listing the reminders sent about an assignment or a body's reports."""

from __future__ import annotations

import streamlit as st

from tracker.config import get_settings
from tracker.services import reminders
from tracker.services.actor import Actor
from tracker.ui import widgets
from tracker.ui.formatting import moment
from tracker.ui.i18n import t


def render(actor: Actor, subject_type: str, subject_id: int) -> None:
    """Lazily loaded: the query runs only when the person opens the expander."""
    with st.expander(t("reminders.history"), expanded=False, on_change="rerun",
                     key=f"reminder_history_{subject_type}_{subject_id}"):
        if not st.session_state.get(f"reminder_history_{subject_type}_{subject_id}"):
            return
        rows = widgets.read(lambda s: reminders.history(s, actor, subject_type, subject_id))
        if rows is widgets.FAILED:
            return
        if not rows:
            st.caption(t("reminders.none"))
            return
        tz = get_settings().tz
        st.dataframe([{t("reminders.col.at"): moment(r["at"], tz), t("reminders.col.subject"): r["subject"],
                       t("reminders.col.channel"): t(f"reminders.channel.{r['channel']}"),
                       t("reminders.col.recipient"): r["recipient"],
                       t("reminders.col.state"): t(f"reminders.state.{r['state']}")} for r in rows],
                     hide_index=True)
