"""Page "Cơ quan, đơn vị" (administrators): the tree as of a date, the reorganisation events (undo),
the wizard for a new event, a body's document identity, and deactivating a body without open work.

Creating, renaming, merging, splitting and ending bodies go through reorganisation events (the
wizard), so the history is kept. Every write clears the cached catalog so all pages show the change.
"""

from __future__ import annotations

import streamlit as st

from tracker.services import organisations
from tracker.services.actor import Actor
from tracker.ui import data, pickers, session, widgets
from tracker.ui.admin import orgs_events, orgs_tree, orgs_wizard
from tracker.ui.i18n import t

PAGE = "orgs_admin"


def render() -> None:
    actor = session.actor()
    st.title(t("nav.orgs_admin"))
    widgets.show_flash(PAGE)
    bodies = widgets.read_cached(lambda: data.organisations())
    if bodies is widgets.FAILED:
        return
    tree, events, wizard, identity, deactivate = st.tabs(
        [t("orgs_admin.tree"), t("orgs_admin.events"), t("orgs_admin.wizard"), t("orgs_admin.identity"),
         t("orgs_admin.deactivate")], key="orgs_admin_tabs")
    with tree:
        orgs_tree.render()
    with events:
        orgs_events.render(actor)
    with wizard:
        orgs_wizard.render(actor, bodies)
    active = {o["code"]: f"{o['code']} — {o['name']}" for o in bodies if o["active"]}
    with identity:
        _identity(actor, active)
    with deactivate:
        _deactivate(actor, active)


def _finish(result: object, message: str, reset: str) -> None:
    if result is not widgets.FAILED:
        data.forget_catalog()
        widgets.done(PAGE, message, reset=reset)


def _identity(actor: Actor, active: dict[str, str]) -> None:
    code = pickers.pick(t("orgs_admin.pick"), active, "org_identity_pick", start=None,
                        placeholder=t("orgs.pick_placeholder"))
    if code is None:
        return
    shown = widgets.read(lambda s: _identity_of(organisations.get_by_code(s, code)))
    if shown is widgets.FAILED:
        return
    v = widgets.version("org_identity")
    with st.form(f"org_identity_{v}_{code}", clear_on_submit=False):
        symbol = st.text_input(t("orgs_admin.symbol"), value=shown["symbol"], key=f"org_identity_symbol_{v}_{code}")
        signer = st.text_input(t("orgs_admin.signer_title"), value=shown["signer_title"],
                               key=f"org_identity_signer_{v}_{code}")
        header = st.text_input(t("orgs_admin.header_name"), value=shown["header_name"],
                               key=f"org_identity_header_{v}_{code}")
        submitted = st.form_submit_button(t("orgs_admin.save_identity"), type="primary")
    if submitted:
        result = widgets.write(lambda s: organisations.update_identity(s, actor, code, symbol, signer, header))
        _finish(result, t("orgs_admin.identity_saved", code=code), "org_identity")


def _identity_of(body) -> dict[str, str]:
    return {"symbol": body.symbol, "signer_title": body.signer_title, "header_name": body.header_name}


def _deactivate(actor: Actor, active: dict[str, str]) -> None:
    st.caption(t("orgs_admin.deactivate_help"))
    v = widgets.version("org_deactivate")
    code = pickers.pick(t("orgs_admin.pick"), active, f"org_deactivate_pick_{v}", start=None,
                        placeholder=t("orgs.pick_placeholder"))
    if st.button(t("orgs_admin.deactivate"), disabled=code is None, key=f"org_deactivate_go_{v}") and code:
        result = widgets.write(lambda s: organisations.deactivate(s, actor, code))
        _finish(result, t("orgs_admin.deactivated", code=code), "org_deactivate")
