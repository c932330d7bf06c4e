"""Workspace tabs "Tất cả nhiệm vụ" (filter, read, download) and "Giao nhiệm vụ" (assign one task to many bodies)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.clock import local_today
from tracker.models.vocab import ASSIGNMENT_ROLES, CADENCES
from tracker.services import status, tabular, workspace
from tracker.services.actor import Actor
from tracker.services.workspace import AssignInput, AssignmentFilter
from tracker.ui import data, pickers, program_choice, widgets
from tracker.ui.formatting import day, shorten
from tracker.ui.i18n import label, t
from tracker.ui.monitor.workspace_common import ALL, PAGE, body_option

SHEET = "Nhiệm vụ"  # the export is in Vietnamese, like tabular.ASSIGNMENT_HEADERS
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_list(actor: Actor) -> None:
    flt = widgets.read_cached(_filters)  # drawn before the read: the form reads the cached lists itself
    if flt is widgets.FAILED:
        return
    rows = widgets.read_rows(lambda s: workspace.all_assignments(s, actor, flt), t("mon.list.none"))
    if rows is None:
        return
    st.caption(t("mon.list.count", count=len(rows)))
    table = [{t("mon.col.task"): r["task"], t("mon.col.code"): r["organisation"],
              t("mon.col.body"): r["organisation_name"], t("mon.col.role"): label("role", r["role"]),
              t("mon.col.deadline"): t("task.ongoing") if r["ongoing"] else day(r["deadline"]),
              t("mon.col.progress"): None if r["ongoing"] else r["progress_pct"],
              t("mon.col.status"): label("status", r["status"]), t("mon.col.days_overdue"): r["days_overdue"],
              t("mon.deleg.col.origin"): _origin(r["origin"]), t("mon.col.text"): r["task_text"]} for r in rows]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)),
                 column_config={t("mon.col.text"): st.column_config.TextColumn(width="large"),
                                t("mon.col.progress"): st.column_config.ProgressColumn(
                                    min_value=0, max_value=100, format="%d%%")})
    export = [{**r, "role": label("role", r["role"], "vi")} for r in rows]
    headers = tabular.ASSIGNMENT_HEADERS
    with st.container(horizontal=True):
        st.download_button(t("mon.list.xlsx"), data=lambda: tabular.to_xlsx({SHEET: (export, headers)}), mime=XLSX,
                           file_name="nhiem-vu.xlsx", key="mon_list_xlsx", icon=":material/download:",
                           on_click="ignore")  # files built when clicked, not on every draw
        st.download_button(t("mon.list.csv"), data=lambda: tabular.to_csv(export, headers), mime="text/csv",
                           file_name="nhiem-vu.csv", key="mon_list_csv", icon=":material/download:",
                           on_click="ignore")


def _origin(origin: dict | None) -> str:
    """"giao tiếp theo <plan> của <body>" for a duty another body's plan handed on, else empty."""
    return t("mon.deleg.origin", basis=origin["basis"], body=origin["from_name"]) if origin else ""


def _filters() -> AssignmentFilter:
    """The filter form (applied on submit): top task group, body, official status, overdue only."""
    groups = {g["code"]: g["title"] for g in data.program_overview(program_choice.current())["groups"]}
    bodies = {o["code"]: o for o in data.organisations() if o["active"]}
    with st.form("mon_filter", clear_on_submit=False):
        c1, c2, c3 = st.columns(3)
        group = pickers.pick(t("mon.filter.group"), {ALL: t("mon.all"), **{c: f"{c}. {shorten(title, 60)}"
                                                                           for c, title in groups.items()}},
                             widgets.lang_key("mon_filter_group"), where=c1)
        body = pickers.pick(t("mon.filter.body"), {ALL: t("mon.all"), **{c: body_option(o) for c, o in bodies.items()}},
                            widgets.lang_key("mon_filter_body"), where=c2)
        code = c3.selectbox(t("mon.filter.status"), [ALL, *status.STATUSES], key=widgets.lang_key("mon_filter_status"),
                            format_func=lambda c: label("status", c) if c else t("mon.all"))
        with st.container(horizontal=True, vertical_alignment="center"):
            st.form_submit_button(t("mon.filter.apply"), icon=":material/filter_alt:")
            overdue = st.checkbox(t("mon.filter.overdue"), key="mon_filter_overdue")
    return AssignmentFilter(group=group or None, organisation=body or None, status=code or None, overdue_only=overdue,
                            program_id=program_choice.current())


def _tasks(groups: list[dict]) -> dict[str, str]:
    """Every task code with its text, in document order (tasks of a group, then of its sub-groups)."""
    return {task["code"]: task["text"] for g in groups for node in (g, *g["subgroups"]) for task in node["tasks"]}


def render_assign(actor: Actor) -> None:
    found = widgets.read_cached(lambda: (_tasks(data.program_overview(program_choice.current())["groups"]),
                                    [o for o in data.organisations() if o["active"]]))
    if found is widgets.FAILED:
        return
    tasks, bodies = found
    by_code = {o["code"]: o for o in bodies}
    kinds = list(dict.fromkeys(o["kind"] for o in bodies))
    today = local_today()
    form = "mon_assign"
    key = f"{form}_{widgets.version(form)}"
    with st.form(key, clear_on_submit=False):
        st.caption(t("mon.assign.hint"))
        task = pickers.pick(t("mon.assign.task"), {c: f"{c} — {shorten(text)}" for c, text in tasks.items()},
                            f"{key}_task", start=None, placeholder=t("mon.assign.pick"))
        picked = pickers.pick_many(t("mon.assign.bodies"), {c: body_option(o) for c, o in by_code.items()},
                                   f"{key}_bodies", placeholder=t("mon.assign.pick_bodies"))
        kind = st.selectbox(t("mon.assign.kind"), [ALL, *kinds], key=widgets.lang_key(f"{key}_kind"),
                            format_func=lambda k: label("org_kind", k) if k else t("mon.assign.kind_none"))
        c1, c2, c3 = st.columns(3)
        role = c1.radio(t("mon.assign.role"), ASSIGNMENT_ROLES, horizontal=True, key=f"{key}_role",
                        format_func=lambda r: label("role", r))
        deadline = c2.date_input(t("mon.assign.deadline"), value=date(today.year, 12, 31), min_value=today,
                                 format="DD/MM/YYYY", key=f"{key}_deadline")
        cadence = c3.selectbox(t("mon.assign.cadence"), CADENCES, index=CADENCES.index("semiannual"),
                               format_func=lambda c: label("cadence", c), key=widgets.lang_key(f"{key}_cadence"))
        note = st.text_input(t("mon.assign.note"), max_chars=500, key=f"{key}_note")
        submitted = st.form_submit_button(t("mon.assign.submit"), type="primary", icon=":material/assignment_add:")
    if not submitted:
        return
    if task is None:
        st.error(t("mon.assign.no_task"))
        return
    codes = tuple(dict.fromkeys([*picked, *(o["code"] for o in bodies if kind and o["kind"] == kind)]))
    terms = AssignInput(task, codes, role, deadline, cadence, note.strip())
    counts = widgets.write(lambda s: workspace.assign(s, actor, terms))
    if counts is widgets.FAILED:
        return
    data.forget_catalog()
    widgets.done(PAGE, t("mon.assign.done", task=task, **counts), reset=form)
