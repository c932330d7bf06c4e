"""Workspace tab "Đề nghị gia hạn": pending extension requests, each granted or refused (with a note)."""

from __future__ import annotations

import streamlit as st

from tracker.config import get_settings
from tracker.services import extensions
from tracker.services.actor import Actor
from tracker.ui import data, widgets
from tracker.ui.formatting import day, escape_markdown, moment, shorten, t_md
from tracker.ui.i18n import t
from tracker.ui.monitor.workspace_common import PAGE


def render(actor: Actor) -> None:
    rows = widgets.read_rows(lambda s: extensions.pending(s, actor), t("mon.ext.none"))
    if rows is None:
        return
    for row in rows:
        with st.container(border=True):
            _request(actor, row)


def _request(actor: Actor, row: dict) -> None:
    st.markdown(t("mon.ext.head", task=escape_markdown(row["task"]), name=escape_markdown(row["organisation_name"]),
                  who=escape_markdown(row["requested_by"]), time=moment(row["requested_at"], get_settings().tz)))
    st.caption(escape_markdown(shorten(row["task_text"], 200)))
    st.markdown(t("mon.ext.dates", old=day(row["old_deadline"]) or t("mon.ext.no_deadline"),
                  new=day(row["new_deadline"])))
    st.markdown(t("mon.ext.reason", reason=escape_markdown(row["reason"])))
    form = f"mon_ext_{row['id']}"
    key = f"{form}_{widgets.version(form)}"
    with st.form(key, clear_on_submit=False, border=False):
        note = st.text_input(t("mon.ext.note"), max_chars=1000, key=f"{key}_note")
        grant_col, refuse_col = st.columns(2)
        grant = grant_col.form_submit_button(t("mon.ext.grant"), type="primary", icon=":material/event_available:")
        refuse = refuse_col.form_submit_button(t("mon.ext.refuse"), icon=":material/event_busy:")
    if not (grant or refuse):
        return
    if widgets.write(lambda s: extensions.decide(s, actor, row["id"], grant=grant, note=note)) is widgets.FAILED:
        return
    data.forget_catalog()  # a grant moves the assignment's deadline
    message = t_md("mon.ext.granted", task=row["task"], name=row["organisation_name"], new=day(row["new_deadline"])) \
        if grant else t_md("mon.ext.refused", task=row["task"], name=row["organisation_name"])
    widgets.done(PAGE, message, reset=form)
