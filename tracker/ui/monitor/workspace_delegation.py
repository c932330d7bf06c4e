"""Workspace tab "Giao tiếp": a body's plan hands its task on (the cascade of leads), with the list and undo."""

from __future__ import annotations

import streamlit as st

from tracker.models.vocab import ASSIGNMENT_ROLES
from tracker.services import delegation, workspace
from tracker.services.actor import Actor
from tracker.ui import data, pickers, widgets
from tracker.ui.i18n import label, t
from tracker.ui.monitor.workspace_common import PAGE, body_option

FORM = "mon_deleg"


def render(actor: Actor) -> None:
    found = widgets.read(lambda s: (workspace.all_assignments(s, actor), delegation.cascades(s, actor),
                                    [o for o in data.organisations() if o["active"]]))
    if found is widgets.FAILED:
        return
    assignments, cascades, bodies = found
    _form(actor, assignments, bodies)
    st.subheader(t("mon.deleg.list"))
    if not cascades:
        st.info(t("mon.deleg.none"))
        return
    table = [{t("mon.col.task"): r["task"], t("mon.col.code"): r["organisation"],
              t("mon.col.body"): r["organisation_name"], t("mon.col.role"): label("role", r["role"]),
              t("mon.deleg.col.origin"): t("mon.deleg.origin", basis=r["basis"], body=r["from_name"]),
              t("mon.col.progress"): r["progress_pct"]} for r in cascades]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)))
    _undo(actor, cascades)


def _form(actor: Actor, assignments: list[dict], bodies: list[dict]) -> None:
    key = f"{FORM}_{widgets.version(FORM)}"
    with st.form(key, clear_on_submit=False):
        st.caption(t("mon.deleg.hint"))
        chosen = pickers.pick(t("mon.deleg.assignment"),
                              {r["id"]: f"{r['task']} — {r['organisation_name']} ({label('role', r['role'])})"
                               for r in sorted(assignments, key=lambda r: (r["task"], r["organisation"]))},
                              f"{key}_assignment", start=None, placeholder=t("mon.deleg.pick"))
        picked = pickers.pick_many(t("mon.deleg.bodies"), {o["code"]: body_option(o) for o in bodies},
                                   f"{key}_bodies", placeholder=t("mon.assign.pick_bodies"))
        c1, c2 = st.columns(2)
        role = c1.radio(t("mon.assign.role"), ASSIGNMENT_ROLES, horizontal=True, key=f"{key}_role",
                        format_func=lambda r: label("role", r))
        basis = c2.text_input(t("mon.deleg.basis"), max_chars=delegation.BASIS_MAX, key=f"{key}_basis")
        submitted = st.form_submit_button(t("mon.deleg.submit"), type="primary", icon=":material/call_split:")
    if not submitted:
        return
    if chosen is None or not picked:
        st.error(t("mon.deleg.no_choice"))
        return
    done = widgets.write(lambda s: [delegation.delegate(s, actor, chosen, code, role, basis) for code in picked])
    if done is widgets.FAILED:
        return
    task = next(r["task"] for r in assignments if r["id"] == chosen)
    widgets.done(PAGE, t("mon.deleg.done", task=task, count=len(done), basis=" ".join(basis.split())), reset=FORM)


def _undo(actor: Actor, cascades: list[dict]) -> None:
    by_id = {r["id"]: r for r in cascades}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = pickers.pick(t("mon.deleg.undo_pick"), {i: f"{r['task']} — {r['organisation_name']}"
                                                         for i, r in by_id.items()}, "mon_deleg_undo")
        clicked = st.button(t("mon.deleg.undo"), key="mon_deleg_undo_btn", icon=":material/undo:")
    if not clicked or chosen is None:
        return
    if widgets.write(lambda s: delegation.undelegate(s, actor, chosen)) is widgets.FAILED:
        return
    row = by_id[chosen]
    widgets.done(PAGE, t("mon.deleg.undone", task=row["task"], name=row["organisation_name"]))
