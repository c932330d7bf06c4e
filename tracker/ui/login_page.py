"""Page "Đăng nhập": username and password; the only page shown before sign-in."""

from __future__ import annotations

import streamlit as st

from tracker.clock import local_today
from tracker.errors import TrackerError
from tracker.services import registry, ui_support
from tracker.ui import session, widgets
from tracker.ui.formatting import escape_markdown
from tracker.ui.i18n import t

# The project's own Python (the system one lacks the packages): the make target, or the command it runs;
# {org} is the code of today's monitoring body, read when the hint is shown.
FIRST_ADMIN_COMMANDS = "make admin NAME=TEN\n.venv/bin/python -m tracker user add TEN --role admin --org {org}"


def render() -> None:
    """Draw the form in a centred column; a refused sign-in shows the service's message."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        _login_box()


def _login_box() -> None:
    st.title(t("login.heading"))
    st.caption(t("app.title"))
    notice_slot = st.empty()
    admin_exists = widgets.read(ui_support.has_admin)  # FAILED: not initialised, unreachable, outdated schema
    if admin_exists is widgets.FAILED:
        return
    if not admin_exists:
        st.info(t("login.no_admin"))
        head = widgets.read(lambda s: registry.current_letterhead(s, local_today()))
        org = head.code if head is not widgets.FAILED and head.code else "MA_CO_QUAN"
        st.code(FIRST_ADMIN_COMMANDS.format(org=org), language="sh")  # a code block: a command never wraps inside a flag

    with st.form("login", clear_on_submit=False, enter_to_submit=True):
        username = st.text_input(t("login.username"), key="login_username", autocomplete="username")
        password = st.text_input(t("login.password"), key="login_password", type="password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("login.submit"), type="primary")

    if not submitted:
        if session.notice():
            notice_slot.warning(escape_markdown(session.notice()))
        return
    session.clear_notice()
    if not username.strip() or not password:
        st.warning(t("login.missing"))
        return
    try:
        session.sign_in(username, password)
    except TrackerError as exc:
        widgets.show_error(exc)
        return
    st.rerun()
