"""The three tabs of the program page: tasks by group, 2030 targets, bodies and their duties."""

from __future__ import annotations

import streamlit as st

from tracker.ui import pickers
from tracker.ui.formatting import day, escape_markdown, target_value
from tracker.ui.i18n import label, t
from tracker.ui.widgets import lang_key, table_height as _table_height

ALL = ""  # the "all domains" choice of the target filter


def tasks(overview: dict, org_names: dict[str, str]) -> None:
    """Groups III.1 .. III.9 as expanders, with lettered sub-groups, tasks and assigned bodies."""
    duties = _assignments_by_task(overview["assignments"])
    groups = overview["groups"]
    count = sum(len(g["tasks"]) + sum(len(s["tasks"]) for s in g["subgroups"]) for g in groups)
    st.caption(t("tasks.caption", groups=len(groups), tasks=count))
    for group in groups:
        with st.expander(f"{group['label']}. {group['title']}"):
            _task_list(group["tasks"], duties, org_names)
            for sub in group["subgroups"]:
                st.markdown(f"**{escape_markdown(sub['label'])}) {escape_markdown(sub['title'])}**")
                _task_list(sub["tasks"], duties, org_names)


def _assignments_by_task(assignments: list[dict]) -> dict[str, list[dict]]:
    by_task: dict[str, list[dict]] = {}
    for a in assignments:
        by_task.setdefault(a["task"], []).append(a)
    return by_task


def _task_list(task_rows: list[dict], duties: dict[str, list[dict]], org_names: dict[str, str]) -> None:
    for task in task_rows:
        st.markdown(f"**{escape_markdown(task['code'])}** {escape_markdown(task['text'])}")
        st.caption(escape_markdown(_duty_line(duties.get(task["code"], []), org_names)))


def _duty_line(assigned: list[dict], org_names: dict[str, str]) -> str:
    """ "Chủ trì: A, B · Phối hợp: C · Thời hạn: 31/12/2030 (mặc định)" for one task."""
    if not assigned:
        return t("tasks.none_assigned")
    parts = []
    for role in ("lead", "coordinate"):
        names = [org_names.get(a["organisation"], a["organisation"]) for a in assigned if a["role"] == role]
        if names:
            parts.append(f"{label('role', role)}: {', '.join(names)}")
    deadlines = sorted({a["deadline"] for a in assigned if a["deadline"]})
    if deadlines:
        text = ", ".join(day(d) for d in deadlines)
        if all(a["deadline_is_default"] for a in assigned if a["deadline"]):
            text += f" ({t('default.marker')})"
        parts.append(t("tasks.deadline", day=text))
    return " · ".join(parts)


def targets(overview: dict, org_names: dict[str, str]) -> None:
    """The 2030 targets as a table, with a filter by domain."""
    rows = overview["targets"]
    domains = list(dict.fromkeys(r["domain"] for r in rows))
    chosen = st.selectbox(t("targets.filter"), [ALL, *domains], key=lang_key("target_domain"),
                          format_func=lambda d: d or t("targets.all"))
    shown = [r for r in rows if chosen in (ALL, r["domain"])]
    st.caption(t("targets.count", shown=len(shown), total=len(rows)))
    table = [{t("col.code"): r["code"],
              t("col.domain"): r["domain"],
              t("col.indicator"): r["name"],
              t("col.target"): target_value(r["comparator"], r["value"], r["unit"]),
              t("col.population"): r["population"],
              t("col.responsible"): org_names.get(r["responsible"], r["responsible"] or "")}
             for r in shown]
    st.dataframe(table, hide_index=True, height=_table_height(len(table)),
                 column_config={t("col.indicator"): st.column_config.TextColumn(width="large")})


def organisations(overview: dict, org_names: dict[str, str]) -> None:
    """Every body with its kind, parent and task counts; pick one to list its assigned tasks."""
    counts = {r["code"]: r for r in overview["responsibilities"]}
    table = [{t("col.name"): o["name"],
              t("col.kind"): label("org_kind", o["kind"]),
              t("col.parent"): org_names.get(o["parent"], o["parent"] or ""),
              t("col.lead"): counts.get(o["code"], {}).get("lead", 0),
              t("col.coordinate"): counts.get(o["code"], {}).get("coordinate", 0)}
             for o in overview["organisations"]]
    st.dataframe(table, hide_index=True, height=_table_height(len(table)),
                 column_config={t("col.name"): st.column_config.TextColumn(width="large"),
                                t("col.lead"): st.column_config.NumberColumn(help=t("col.lead_help")),
                                t("col.coordinate"): st.column_config.NumberColumn(help=t("col.coordinate_help"))})

    codes = [o["code"] for o in overview["organisations"]]
    code = pickers.pick(t("orgs.pick"), {c: org_names.get(c, c) for c in codes}, "org_pick", start=None,
                        placeholder=t("orgs.pick_placeholder"))
    if code:
        _assigned_tasks(code, overview, org_names)


def _assigned_tasks(code: str, overview: dict, org_names: dict[str, str]) -> None:
    texts = {task["code"]: task["text"] for g in overview["groups"]
             for task in [*g["tasks"], *(x for s in g["subgroups"] for x in s["tasks"])]}
    mine = [a for a in overview["assignments"] if a["organisation"] == code]
    if not mine:
        st.info(t("orgs.no_tasks"))
        return
    st.markdown(f"**{escape_markdown(t('orgs.tasks_of', name=org_names.get(code, code), count=len(mine)))}**")
    for a in mine:
        deadline = day(a["deadline"])
        if deadline and a["deadline_is_default"]:
            deadline += f" ({t('default.marker')})"
        meta = [label("role", a["role"]), t("tasks.deadline", day=deadline) if deadline else "",
                label("cadence", a["report_cadence"])]
        st.markdown(f"**{escape_markdown(a['task'])}** · {escape_markdown(' · '.join(m for m in meta if m))}")
        st.caption(escape_markdown(texts.get(a["task"], "")))
