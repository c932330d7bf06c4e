"""Page "Tài khoản" (administrators): list accounts, add one, disable or enable, reset a password.

A generated password is shown once, in the success message of the run after the write, and
is never stored in the session beyond that.
"""

from __future__ import annotations

import streamlit as st

from tracker.config import get_settings
from tracker.models.vocab import USER_ROLES
from tracker.services import users
from tracker.services.actor import Actor
from tracker.ui import data, pickers, session, widgets
from tracker.ui.formatting import moment
from tracker.ui.i18n import label, t

PAGE = "users"


def render() -> None:
    actor = session.actor()
    st.title(t("nav.users"))
    widgets.show_flash(PAGE)
    bodies = widgets.read_cached(lambda: [o for o in data.organisations() if o["active"]])
    rows = widgets.FAILED if bodies is widgets.FAILED else widgets.read(lambda s: users.list_users(s, actor))
    if rows is widgets.FAILED:
        return
    st.caption(t("users.count", count=len(rows)))
    st.dataframe(_table(rows), hide_index=True, height=widgets.table_height(len(rows)))
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("users.add"))
        _add_form(actor, bodies)
    with right:
        st.subheader(t("users.manage"))
        _manage(actor, rows)


def _state(row: dict) -> str:
    if not row["active"]:
        return t("state.disabled")
    if row["locked_until"]:
        return t("state.locked", time=moment(row["locked_until"], get_settings().tz))
    return t("state.active")


def _table(rows: list[dict]) -> list[dict]:
    tz = get_settings().tz
    return [{t("col.username"): r["username"], t("col.full_name"): r["full_name"],
             t("col.role"): label("user_role", r["role"]), t("col.organisation"): r["organisation"],
             t("col.email"): r["email"], t("col.state"): _state(r),
             t("col.last_login"): moment(r["last_login_at"], tz)} for r in rows]


def _add_form(actor: Actor, bodies: list[dict]) -> None:
    v = widgets.version("user_add")
    names = {o["code"]: f"{o['code']} — {o['name']}" for o in bodies}
    with st.form(f"user_add_{v}", clear_on_submit=False):
        username = st.text_input(t("col.username"), key=f"user_add_username_{v}", autocomplete="off")
        full_name = st.text_input(t("users.full_name"), key=f"user_add_name_{v}")
        role = st.selectbox(t("users.role"), USER_ROLES, index=USER_ROLES.index("agency"),
                            key=widgets.lang_key(f"user_add_role_{v}"), format_func=lambda r: label("user_role", r))
        org = pickers.pick(t("users.org"), names, f"user_add_org_{v}", start=None,
                           placeholder=t("orgs.pick_placeholder"))
        email = st.text_input(t("users.email"), key=f"user_add_email_{v}")
        password = st.text_input(t("users.password"), type="password", key=f"user_add_password_{v}",
                                 autocomplete="new-password")
        submitted = st.form_submit_button(t("users.create"), type="primary")
    if not submitted:
        return
    if org is None:
        st.error(t("users.org_missing"))
        return
    result = widgets.write(lambda s: users.add_user(s, actor, username, role, org, email.strip() or None,
                                                    full_name.strip(), password or None))
    if result is widgets.FAILED:
        return
    user, generated = result
    message = t("users.created", username=user.username)
    if generated:
        message += " " + t("users.generated", username=user.username, password=generated)
    widgets.done(PAGE, message, reset="user_add")


def _manage(actor: Actor, rows: list[dict]) -> None:
    if not rows:
        return
    by_name = {r["username"]: r for r in rows}
    options = {u: f"{u} ({label('user_role', r['role'])}, {r['organisation']})" for u, r in by_name.items()}
    username = pickers.pick(t("users.pick"), options, widgets.lang_key("user_manage_pick"))
    if username is None:
        return
    row = by_name[username]
    st.caption(_state(row))
    active = row["active"]
    if st.button(t("users.disable") if active else t("users.enable"), key=f"user_manage_toggle_{username}"):
        if widgets.write(lambda s: users.set_active(s, actor, username, not active)) is not widgets.FAILED:
            widgets.done(PAGE, t("users.disabled" if active else "users.enabled", username=username))

    v = widgets.version("user_reset")
    with st.form(f"user_reset_{v}", clear_on_submit=False):
        password = st.text_input(t("users.new_password"), type="password", key=f"user_reset_password_{v}",
                                 autocomplete="new-password")
        submitted = st.form_submit_button(t("users.reset"))
    if not submitted:
        return
    generated = widgets.write(lambda s: users.reset_password(s, actor, username, password or None))
    if generated is widgets.FAILED:
        return
    message = t("users.reset_done", username=username)
    if generated:
        message += " " + t("users.generated", username=username, password=generated)
    widgets.done(PAGE, message, reset="user_reset")
