"""Page "Cơ quan, đơn vị" (administrators): add, rename, deactivate, merge into a successor.

A merge cannot be undone, so its button works only once "Tôi xác nhận hợp nhất" is ticked.
Every write clears the cached catalog (bodies, assignments) so all pages show the change.
"""

from __future__ import annotations

import streamlit as st

from tracker.models.vocab import ORG_KINDS
from tracker.services import organisations
from tracker.services.actor import Actor
from tracker.ui import data, pickers, session, widgets
from tracker.ui.i18n import label, t

PAGE = "orgs_admin"
TABLE_PX = 460


def render() -> None:
    actor = session.actor()
    st.title(t("nav.orgs_admin"))
    widgets.show_flash(PAGE)
    bodies = widgets.read(lambda _: data.organisations())
    if bodies is widgets.FAILED:
        return
    active = [o for o in bodies if o["active"]]
    names = {o["code"]: f"{o['code']} — {o['name']}" for o in bodies}
    create, rename, deactivate, merge = st.tabs([t("orgs_admin.create"), t("orgs_admin.rename"),
                                                 t("orgs_admin.deactivate"), t("orgs_admin.merge")],
                                                key="orgs_admin_tabs")
    with create:
        _create(actor, active, names)
    with rename:
        _rename(actor, active, names)
    with deactivate:
        _deactivate(actor, active, names)
    with merge:
        _merge(actor, active, names)
    st.dataframe(_table(bodies), hide_index=True, height=min(widgets.table_height(len(bodies)), TABLE_PX),
                 column_config={t("col.code"): st.column_config.TextColumn(width=130)})


def _state(o: dict) -> str:
    if o["active"]:
        return t("state.active")
    return t("state.merged", code=o["successor"]) if o["successor"] else t("state.inactive")


def _table(bodies: list[dict]) -> list[dict]:
    return [{t("col.code"): o["code"], t("col.name"): o["name"], t("col.state"): _state(o),
             t("orgs_admin.short_name"): o["short_name"], t("col.kind"): label("org_kind", o["kind"]),
             t("col.parent"): o["parent"] or ""} for o in bodies]


def _named(bodies: list[dict], names: dict[str, str]) -> dict[str, str]:
    """Code -> "CODE — name" of ``bodies``, the options of a picker."""
    return {o["code"]: names[o["code"]] for o in bodies}


def _finish(result: object, message: str, reset: str) -> None:
    if result is not widgets.FAILED:
        data.forget_catalog()
        widgets.done(PAGE, message, reset=reset)


def _create(actor: Actor, active: list[dict], names: dict[str, str]) -> None:
    v = widgets.version("org_create")
    with st.form(f"org_create_{v}", clear_on_submit=False):
        code = st.text_input(t("orgs_admin.code"), key=f"org_create_code_{v}")
        name = st.text_input(t("orgs_admin.name"), key=f"org_create_name_{v}")
        short_name = st.text_input(t("orgs_admin.short_name"), key=f"org_create_short_{v}")
        kind = st.selectbox(t("orgs_admin.kind"), ORG_KINDS, index=ORG_KINDS.index("department"),
                            format_func=lambda k: label("org_kind", k), key=widgets.lang_key(f"org_create_kind_{v}"))
        parent = pickers.pick(t("orgs_admin.parent"), _named(active, names), f"org_create_parent_{v}", start=None,
                              placeholder=t("choice.none"))
        submitted = st.form_submit_button(t("orgs_admin.create"), type="primary")
    if submitted:
        result = widgets.write(lambda s: organisations.create(s, actor, code, name, kind, parent, short_name))
        _finish(result, t("orgs_admin.created", code=code.strip().upper()), "org_create")


def _rename(actor: Actor, active: list[dict], names: dict[str, str]) -> None:
    by_code = {o["code"]: o for o in active}
    code = pickers.pick(t("orgs_admin.pick"), _named(active, names), "org_rename_pick", start=None,
                        placeholder=t("orgs.pick_placeholder"))
    if code is None:
        return
    v = widgets.version("org_rename")
    with st.form(f"org_rename_{v}_{code}", clear_on_submit=False):
        name = st.text_input(t("orgs_admin.new_name"), value=by_code[code]["name"], key=f"org_rename_name_{v}_{code}")
        short_name = st.text_input(t("orgs_admin.new_short_name"), value=by_code[code]["short_name"],
                                   key=f"org_rename_short_{v}_{code}")
        submitted = st.form_submit_button(t("orgs_admin.rename"), type="primary")
    if submitted:
        result = widgets.write(lambda s: organisations.rename(s, actor, code, name, short_name))
        _finish(result, t("orgs_admin.renamed", code=code), "org_rename")


def _deactivate(actor: Actor, active: list[dict], names: dict[str, str]) -> None:
    st.caption(t("orgs_admin.deactivate_help"))
    v = widgets.version("org_deactivate")
    code = pickers.pick(t("orgs_admin.pick"), _named(active, names), f"org_deactivate_pick_{v}", start=None,
                        placeholder=t("orgs.pick_placeholder"))
    if st.button(t("orgs_admin.deactivate"), disabled=code is None, key=f"org_deactivate_go_{v}") and code:
        result = widgets.write(lambda s: organisations.deactivate(s, actor, code))
        _finish(result, t("orgs_admin.deactivated", code=code), "org_deactivate")


def _merge(actor: Actor, active: list[dict], names: dict[str, str]) -> None:
    st.warning(t("orgs_admin.merge_help"))
    v = widgets.version("org_merge")
    old = pickers.pick(t("orgs_admin.merge_from"), _named(active, names), f"org_merge_from_{v}", start=None,
                       placeholder=t("orgs.pick_placeholder"))
    new = pickers.pick(t("orgs_admin.merge_into"), _named([o for o in active if o["code"] != old], names),
                       f"org_merge_into_{v}", start=None, placeholder=t("orgs.pick_placeholder"))
    confirmed = st.checkbox(t("orgs_admin.confirm"), key=f"org_merge_confirm_{v}")
    ready = bool(old and new and confirmed)
    if st.button(t("orgs_admin.merge"), type="primary", disabled=not ready, key=f"org_merge_go_{v}") and ready:
        moved = widgets.write(lambda s: organisations.merge(s, actor, old, new))
        if moved is not widgets.FAILED:
            _finish(moved, t("orgs_admin.merged", old=old, new=new, count=moved), "org_merge")
