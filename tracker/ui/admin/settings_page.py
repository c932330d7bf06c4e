"""Page "Cài đặt nhắc việc" (administrators): the reminder rules, and reminders that could not be delivered.

The rules start from the configuration's defaults until an administrator saves them. Failed
reminders go back to the queue with "Gửi lại" once the address or the mail server is fixed.
"""

from __future__ import annotations

import re

import streamlit as st

from tracker.config import get_settings
from tracker.notify import outbox
from tracker.services import reminder_rules
from tracker.services.actor import Actor
from tracker.services.reminder_rules import Rules
from tracker.ui import session, widgets
from tracker.ui.formatting import moment
from tracker.ui.i18n import t

PAGE = "monitor_settings"
_SEPARATORS = re.compile(r"[,;\s]+")


def render() -> None:
    actor = session.actor()
    st.title(t("nav.settings"))
    widgets.show_flash(PAGE)
    # outbox.failed refuses anyone but an administrator
    found = widgets.read(lambda s: (outbox.failed(s, actor), reminder_rules.current(s, get_settings())))
    if found is widgets.FAILED:
        return
    failed, rules = found
    _rules(actor, rules)
    _failed(actor, failed)


def parse_days(text: str) -> list[int] | None:
    """ "7, 1" as [7, 1]; None when a part is not a whole number (or nothing is given)."""
    parts = [p for p in _SEPARATORS.split(text or "") if p]
    if not parts or not all(p.isdigit() for p in parts):
        return None
    return [int(p) for p in parts]


def _rules(actor: Actor, rules: Rules) -> None:
    st.subheader(t("mon.settings.rules"))
    form = "mon_rules"
    key = f"{form}_{widgets.version(form)}"
    with st.form(key, clear_on_submit=False):
        before = st.text_input(t("mon.settings.before"), value=", ".join(map(str, rules.before_days)),
                               max_chars=60, key=f"{key}_before")
        every_col, escalate_col = st.columns(2)
        every = every_col.number_input(t("mon.settings.every"), min_value=1, max_value=30, step=1,
                                       value=min(max(rules.overdue_every_days, 1), 30), key=f"{key}_every")
        escalate = escalate_col.number_input(t("mon.settings.escalate"), min_value=1, max_value=90, step=1,
                                             value=min(max(rules.escalate_after_days, 1), 90), key=f"{key}_escalate")
        saved = st.form_submit_button(t("mon.settings.save"), type="primary", icon=":material/save:")
    if not saved:
        return
    days = parse_days(before)
    if days is None:
        st.error(t("mon.settings.bad_days"))
        return
    result = widgets.write(lambda s: reminder_rules.save(s, actor, days, int(every), int(escalate)))
    if result is widgets.FAILED:
        return
    widgets.done(PAGE, t("mon.settings.saved", before=", ".join(map(str, result.before_days)),
                         every=result.overdue_every_days, escalate=result.escalate_after_days), reset=form)


def _failed(actor: Actor, failed: list[dict]) -> None:
    st.subheader(t("mon.settings.failed"))
    if not failed:
        st.info(t("mon.settings.failed_none"))
        return
    st.caption(t("mon.settings.failed_count", count=len(failed)))
    tz = get_settings().tz
    table = [{t("mon.col.time"): moment(r["created_at"], tz), t("mon.col.recipient"): r["recipient"],
              t("mon.col.email"): r["email"], t("mon.col.channel"): t(f"mon.channel.{r['channel']}"),
              t("mon.col.subject"): r["subject"], t("mon.col.attempts"): r["attempts"],
              t("mon.col.error"): r["last_error"]} for r in failed]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)))
    if st.button(t("mon.settings.retry"), key="mon_retry_failed", icon=":material/send:"):
        count = widgets.write(lambda s: outbox.retry_failed_as(s, actor))
        if count is not widgets.FAILED:
            widgets.done(PAGE, t("mon.settings.retried", count=count))
