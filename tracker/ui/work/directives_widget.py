"""Directives (ý kiến chỉ đạo) addressed to a body, as threads, each with a reply form.

For the home page: ``render_for_body(actor)``. It shows its own success messages, so the page
that embeds it needs no wiring beyond the call.
"""

from __future__ import annotations

import streamlit as st

from tracker.config import get_settings
from tracker.services import directives
from tracker.services.actor import Actor
from tracker.ui import widgets
from tracker.ui.formatting import escape_markdown, moment
from tracker.ui.i18n import t

PAGE = "work_directives"


def render_for_body(actor: Actor, organisation_id: int | None = None) -> None:
    """The threads addressed to ``organisation_id`` (default: the actor's body), newest first."""
    body_id = organisation_id if organisation_id is not None else actor.organisation_id
    st.subheader(t("work.directives.heading"))
    widgets.show_flash(PAGE)
    if body_id is None:
        st.caption(t("work.no_body"))
        return
    threads = widgets.read(lambda s: directives.for_body(s, actor, body_id))
    if threads is widgets.FAILED:
        return
    if not threads:
        st.caption(t("work.directives.none"))
        return
    for thread in threads:
        with st.container(border=True):
            _thread(actor, thread)


def _said(item: dict, prefix: str = "") -> None:
    st.markdown(prefix + t("work.directives.by", author=escape_markdown(item["author"]),
                           time=moment(item["at"], get_settings().tz)))
    st.markdown(escape_markdown(item["body"]).replace("\n", "  \n"))


def _thread(actor: Actor, thread: dict) -> None:
    _said(thread)
    for reply in thread["replies"]:
        _said(reply, prefix="↳ ")
    form = f"work_directive_{thread['id']}"
    key = f"{form}_{widgets.version(form)}"
    with st.form(key, clear_on_submit=False, border=False):
        body = st.text_area(t("work.directives.reply"), height=80, max_chars=directives.MAX_BODY, key=f"{key}_body")
        submitted = st.form_submit_button(t("work.directives.send"), icon=":material/reply:")
    if not submitted:
        return
    if widgets.write(lambda s: directives.reply(s, actor, thread["id"], body)) is not widgets.FAILED:
        widgets.done(PAGE, t("work.directives.sent"), reset=form)
