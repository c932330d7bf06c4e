"""Page "Nhiệm vụ của đơn vị": the body's open assignments in every program, most urgent first (under
one heading per program when there are several), and its directives."""

from __future__ import annotations

import streamlit as st

from tracker.services.actor import Actor
from tracker.services.permissions import allowed
from tracker.ui import data, pickers, session, widgets
from tracker.ui.work import directives_widget, task_cards
from tracker.ui.formatting import escape_markdown
from tracker.ui.i18n import t


def render() -> None:
    """Agencies see their own body; roles that may read any body's assignments choose one."""
    actor = session.actor()
    st.title(t("nav.my_work"))
    bodies = widgets.read_cached(lambda: data.organisations())
    if bodies is widgets.FAILED:
        return
    body_id = _chosen_body(actor, bodies)
    rows = widgets.read_cached(lambda: data.body_assignments(actor, body_id))
    if rows is widgets.FAILED:
        return
    names = {o["id"]: o["name"] for o in bodies}
    name = names.get(body_id if body_id is not None else actor.organisation_id, "")
    if not rows:
        st.info(t("orgs.no_tasks"))
        return
    lead = sum(r["role"] == "lead" for r in rows)
    st.caption(escape_markdown(t("my_work.summary", name=name, count=len(rows), lead=lead,
                                 coordinate=len(rows) - lead)))
    overdue = [r for r in rows if r["overdue"]]
    if overdue:
        st.warning(t("my_work.overdue", count=len(overdue), days=max(r["days_overdue"] for r in overdue)))
    by_program: dict[int, list[dict]] = {}
    for r in rows:
        by_program.setdefault(r["program_id"], []).append(r)
    for _, group in sorted(by_program.items()):  # programs in the order they were loaded
        if len(by_program) > 1:
            st.subheader(escape_markdown(t("my_work.program", title=group[0]["program_title"],
                                           code=group[0]["program"], count=len(group))))
        task_cards.render(group)
    if actor.role == "agency":
        directives_widget.render_for_body(actor)


def _chosen_body(actor: Actor, bodies: list[dict]) -> int | None:
    """None (the actor's own body) for agencies; a selectbox of active bodies for the others."""
    if not allowed(actor, "assignment.read"):  # may read only its own body's
        return None
    labels = {o["id"]: f"{o['code']} — {o['name']}" for o in bodies if o["active"]}
    start = actor.organisation_id if actor.organisation_id in labels else pickers.FIRST
    return pickers.pick(t("my_work.body"), labels, "my_work_body", start=start)
