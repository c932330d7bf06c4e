"""Page "Thông báo": the signed-in user's own notices, unread first; mark read; turn reminder emails off.

The sidebar's unread count is ``data.unread_notices``.
"""

from __future__ import annotations

import streamlit as st

from tracker.config import get_settings
from tracker.services import notices
from tracker.services.actor import Actor
from tracker.ui import session, widgets
from tracker.ui.formatting import escape_markdown, moment
from tracker.ui.i18n import t

PAGE = "monitor_notices"


def render() -> None:
    actor = session.actor()
    st.title(t("nav.notices"))
    widgets.show_flash(PAGE)
    found = widgets.read(lambda s: (notices.list_mine(s, actor), notices.email_opt_out(s, actor)))
    if found is widgets.FAILED:
        return
    mine, opted_out = found
    _email_choice(actor, opted_out)
    if not mine:
        st.info(t("mon.notices.none"))
        return
    unread = [n["id"] for n in mine if not n["read"]]
    st.caption(t("mon.notices.count", unread=len(unread), total=len(mine)))
    if unread and st.button(t("mon.notices.read_all"), key="mon_notices_read_all", icon=":material/done_all:"):
        _mark(actor, None)
    tz = get_settings().tz
    for notice in mine:
        with st.container(border=True):
            new = "" if notice["read"] else f":blue-badge[{t('mon.notices.new')}] "
            st.markdown(f"{new}**{escape_markdown(notice['title'])}** · {moment(notice['at'], tz)}")
            if notice["body"]:
                st.markdown(escape_markdown(notice["body"]).replace("\n", "  \n"))
            if not notice["read"] and st.button(t("mon.notices.read"), key=f"mon_notice_read_{notice['id']}",
                                                icon=":material/done:"):
                _mark(actor, [notice["id"]])


def _mark(actor: Actor, ids: list[int] | None) -> None:
    count = widgets.write(lambda s: notices.mark_read(s, actor, ids))
    if count is not widgets.FAILED:
        widgets.done(PAGE, t("mon.notices.marked", count=count))


def _email_choice(actor: Actor, opted_out: bool) -> None:
    """A toggle drawn from the stored choice; a change is written in the script body, then redrawn."""
    chosen = st.toggle(t("mon.notices.opt_out"), value=opted_out, help=t("mon.notices.opt_out_help"))
    if chosen == opted_out:
        return
    if widgets.write(lambda s: notices.set_email_opt_out(s, actor, chosen)) is not widgets.FAILED:
        widgets.done(PAGE, t("mon.notices.opted_out" if chosen else "mon.notices.opted_in"))
