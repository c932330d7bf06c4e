"""Page "Tổng quan" (leaders and the monitor): where the Action Program stands, by status, group and body.

Filters by task group and body narrow every part of the page (the drill-down); the search box finds
tasks, targets and bodies without diacritics, and a body found can be picked as the filter. Reads
are cached per user for a minute (tracker.ui.dashboard_data); "Làm mới" reads again.
"""

from __future__ import annotations

import streamlit as st

from tracker.clock import local_today
from tracker.services.actor import Actor
from tracker.ui import data, pickers, program_choice, session, widgets
from tracker.ui.dashboard import dashboard_data, dashboard_sections, implementation_section, programs_section
from tracker.ui.formatting import day, escape_markdown, number, t_md
from tracker.ui.i18n import label, t
from tracker.ui.widgets import lang_key

ALL = ""
SEARCH_SHOWN = 10


def render() -> None:
    """Draw the page; a refusal (an agency) or an unreachable database becomes one st.error."""
    actor = session.actor()
    head, refresh = st.columns([5, 1], vertical_alignment="bottom")
    head.title(t("nav.dashboard"))
    if refresh.button(t("dash.refresh"), key="dash_refresh", icon=":material/refresh:", help=t("dash.refresh_help")):
        dashboard_data.clear()
    programs_section.render(actor)
    found = widgets.read_cached(lambda: _figures(actor))
    if found is widgets.FAILED:
        return
    reports, group, body, rows = found
    overdue_total = sum(r["overdue"] for r in rows)
    st.caption(t("dash.as_of", day=day(local_today()), count=number(sum(r["assignments"] for r in rows)),
                 overdue=number(overdue_total)))
    if not rows:
        st.info(t("dash.no_rows"))
        return
    dashboard_sections.metrics(rows)
    implementation_section.render(actor)
    left, right = st.columns(2)
    with left:
        dashboard_sections.reports(reports)
    with right:
        dashboard_sections.progress(rows)
    dashboard_sections.heatmap(rows, whole=not body)
    widgets.read_cached(lambda: (dashboard_sections.drill_down(actor, group or None, body or None),
                            dashboard_sections.overdue(actor, group or None, body or None)))


def _figures(actor: Actor) -> tuple[list[dict], str, str, list[dict]]:
    """Reports on time, the search box and filters (drawn here), and the roll-up the filters select."""
    reports = dashboard_data.reports_on_time(actor)  # the service checks the permission first
    overview = data.program_overview(program_choice.current())
    _search_box()
    group, body = _filters(overview)
    return reports, group, body, dashboard_data.rollup(actor, group or None, body or None)


def _filters(overview: dict) -> tuple[str, str]:
    """The chosen task group code and body code ("" for all)."""
    groups = {g["code"]: f"{g['code']}. {_short(g['title'])}" for g in overview["groups"]}
    bodies = {o["code"]: o["name"] for o in data.organisations() if o["active"]}
    left, right = st.columns(2)
    group = pickers.pick(t("dash.filter_group"), {ALL: t("dash.all_groups"), **groups}, lang_key("dash_group"),
                         where=left)
    body = pickers.pick(t("dash.filter_body"), {ALL: t("dash.all_bodies"), **bodies}, lang_key("dash_body"),
                        where=right)
    return group, body


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _pick_body(code: str) -> None:
    """Search result button: make ``code`` the body filter (a widget callback; no write)."""
    st.session_state[lang_key("dash_body")] = code


def _search_box() -> None:
    """Diacritic-insensitive search over tasks, targets and bodies (the program search)."""
    query = st.text_input(t("search.label"), key="dash_search", placeholder=t("search.placeholder"))
    if not query or not query.strip():
        return
    found = data.search(query)
    active = {o["code"] for o in data.organisations() if o["active"]}
    tasks, targets, orgs = found["tasks"], found["targets"], found["organisations"]
    with st.container(key="dash_search_results", border=True):
        if not (tasks or targets or orgs):
            st.info(t_md("search.none", query=query.strip()))
            return
        st.caption(t("search.summary", tasks=len(tasks), targets=len(targets), orgs=len(orgs)))
        if orgs:
            st.markdown(f"**{t('search.orgs')}**")
            for org in orgs[:SEARCH_SHOWN]:
                text, pick = st.columns([4, 1], vertical_alignment="center")
                text.markdown(f"**{escape_markdown(org['name'])}** · {label('org_kind', org['kind'])}")
                if org["code"] in active:
                    pick.button(t("dash.search_pick", code=org["code"]), key=f"dash_pick_{org['code']}",
                                on_click=_pick_body, args=(org["code"],))
        for heading, items, text_key in (("search.tasks", tasks, "text"), ("search.targets", targets, "name")):
            if items:
                st.markdown(f"**{t(heading)}**")
                for item in items[:SEARCH_SHOWN]:
                    st.markdown(f"**{escape_markdown(item['code'])}** {escape_markdown(item[text_key])}")
