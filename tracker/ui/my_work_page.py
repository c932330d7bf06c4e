"""Page "Nhiệm vụ của đơn vị": the body's open assignments, most urgent first, and its directives."""

from __future__ import annotations

import streamlit as st

from tracker.services.audit import Actor
from tracker.services.permissions import allowed
from tracker.ui import data, directives_widget, pickers, session, widgets
from tracker.ui.formatting import day, escape_markdown
from tracker.ui.i18n import label, t
from tracker.ui.widgets import table_height


def render() -> None:
    """Agencies see their own body; roles that may read any body's assignments choose one."""
    actor = session.actor()
    st.title(t("nav.my_work"))
    bodies = widgets.read(lambda _: data.organisations())
    if bodies is widgets.FAILED:
        return
    body_id = _chosen_body(actor, bodies)
    rows = widgets.read(lambda _: data.body_assignments(actor, body_id))
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
    table = [{t("col.code"): r["task"],
              t("col.status"): r["status_label"],
              t("col.task"): r["task_text"],
              t("col.role"): label("role", r["role"]),
              t("col.due"): day(r["deadline"]),
              t("col.next_report"): day(r["next_report_due"]),
              t("col.progress"): r["progress_pct"]} for r in rows]
    st.dataframe(table, hide_index=True, height=table_height(len(table)),
                 column_config={t("col.task"): st.column_config.TextColumn(width="large"),
                                t("col.progress"): st.column_config.ProgressColumn(min_value=0, max_value=100,
                                                                                  format="%d%%")})
    if actor.role == "agency":
        directives_widget.render_for_body(actor)


def _chosen_body(actor: Actor, bodies: list[dict]) -> int | None:
    """None (the actor's own body) for agencies; a selectbox of active bodies for the others."""
    if not allowed(actor, "assignment.read"):  # may read only its own body's
        return None
    labels = {o["id"]: f"{o['code']} — {o['name']}" for o in bodies if o["active"]}
    start = actor.organisation_id if actor.organisation_id in labels else pickers.FIRST
    return pickers.pick(t("my_work.body"), labels, "my_work_body", start=start)
