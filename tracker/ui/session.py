"""Who is signed in: the sign-in kept in st.session_state, checked against the database on every run.

Keys: ``signed_in`` (auth.SignedIn), ``last_seen`` (UTC-aware datetime of the last checked run),
``actor`` (the Actor checked in this run, for the pages) and ``session_notice`` (why a session
ended, shown on the login page). The idle and absolute limits are the service's to enforce.
"""

from __future__ import annotations

import streamlit as st

from tracker.clock import utcnow
from tracker.config import get_settings
from tracker.errors import TrackerError
from tracker.services import auth
from tracker.services.actor import Actor
from tracker.ui import data
from tracker.ui.formatting import escape_markdown
from tracker.ui.i18n import label, t

SIGNED_IN, LAST_SEEN, ACTOR, NOTICE = "signed_in", "last_seen", "actor", "session_notice"
KEEP = frozenset({"lang"})  # survives sign-in and sign-out: the visitor's language


def current_actor() -> Actor | None:
    """The signed-in actor after checking the session (None: show the login page).

    A session that ended (idle, too old, account disabled or password changed) is forgotten here
    and its reason kept for the login page. Other TrackerErrors (database down) propagate.
    """
    signed = st.session_state.get(SIGNED_IN)
    if signed is None:
        return None
    last_seen = st.session_state.get(LAST_SEEN, signed.signed_in_at)
    try:
        with data.read_session() as s:
            actor = auth.check_session(s, get_settings(), signed, last_seen)
    except auth.SessionEnded as exc:
        _forget()
        st.session_state[NOTICE] = str(exc)
        return None
    st.session_state[LAST_SEEN] = utcnow()
    st.session_state[ACTOR] = actor
    return actor


def actor() -> Actor:
    """The actor the router checked in this run (pages other than login are shown only then)."""
    return st.session_state[ACTOR]


def sign_in(username: str, password: str) -> Actor:
    """Check the password (auth.LoginFailed if refused) and keep the sign-in in the session."""
    with data.session() as s:
        signed = auth.login(s, get_settings(), username, password, source=client_address())
    _forget()
    st.session_state[SIGNED_IN] = signed
    st.session_state[LAST_SEEN] = signed.signed_in_at
    return signed.actor


def client_address() -> str | None:
    """The browser's address for the sign-in throttle: the hop the nearest proxy (nginx) added to
    X-Forwarded-For, else the WebSocket peer; None when unknown (then only the global throttle counts)."""
    forwarded = [hop.strip() for value in st.context.headers.get_all("X-Forwarded-For") for hop in value.split(",")]
    return next((hop for hop in reversed(forwarded) if hop), None) or st.context.ip_address


def sign_out() -> None:
    """Record the sign-out (best effort) and forget everything but the language."""
    who = st.session_state.get(ACTOR)
    if who is not None:
        try:
            with data.session() as s:
                auth.logout(s, who)
        except TrackerError:
            pass  # the database is down: still end the session here
    _forget()


def notice() -> str | None:
    """Why the last session ended, if it did."""
    return st.session_state.get(NOTICE)


def clear_notice() -> None:
    st.session_state.pop(NOTICE, None)


def account_box(who: Actor) -> None:
    """Sidebar: who is signed in (username, role, body) and the sign-out button."""
    org = next((o["code"] for o in data.organisations() if o["id"] == who.organisation_id), "")
    st.sidebar.caption(escape_markdown(t("account.signed_in", username=who.username,
                                         role=label("user_role", who.role), org=org)))
    unread = data.unread_notices(who)
    if unread:
        st.sidebar.warning(t("account.unread", count=unread), icon=":material/notifications:")
    if st.sidebar.button(t("account.logout"), key="logout", icon=":material/logout:"):
        sign_out()
        st.rerun()


def _forget() -> None:
    for key in list(st.session_state.keys()):
        if key not in KEEP and not str(key).startswith("$$"):
            del st.session_state[key]
