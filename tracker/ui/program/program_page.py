"""Page "Chương trình hành động": the program at a glance, a search box, and three tabs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.ui import data, program_choice, session, widgets
from tracker.ui.program import program_details, program_tabs
from tracker.ui.formatting import day, escape_markdown, t_md, target_value, with_unit
from tracker.ui.i18n import label, t


def render() -> None:
    """Draw the page; a TrackerError (no program yet, database down) becomes one st.error."""
    st.title(t("program.heading"))
    widgets.show_flash(program_details.PAGE)
    overview = widgets.read_cached(lambda: data.program_overview(program_choice.current()))
    if overview is widgets.FAILED:
        return
    org_names = {o["code"]: o["name"] for o in overview["organisations"]}
    _header(overview, org_names)
    program_details.render(session.actor())
    _search_box()
    tasks_tab, targets_tab, orgs_tab = st.tabs([t("tab.tasks"), t("tab.targets"), t("tab.orgs")])
    with tasks_tab:
        program_tabs.tasks(overview, org_names)
    with targets_tab:
        program_tabs.targets(overview, org_names)
    with orgs_tab:
        program_tabs.organisations(overview, org_names)


def _header(overview: dict, org_names: dict[str, str]) -> None:
    h = overview["header"]
    st.subheader(escape_markdown(h["title"]))
    facts = [t("program.implements", text=h["implements"])]
    if h.get("number"):
        facts.append(t("program.number", number=h["number"]))
    if h.get("issued_on"):
        facts.append(t("program.issued_on", day=day(h["issued_on"])))
    if h.get("issuer"):
        facts.append(t("program.issuer", name=org_names.get(h["issuer"], h["issuer"])))
    if h.get("signer"):
        facts.append(t("program.signer", name=h["signer"]))
    if h.get("signer_title"):
        facts.append(t("program.signer_title", title=" – ".join(h["signer_title"].splitlines())))
    if h.get("monitor"):
        facts.append(t("program.monitor", name=org_names.get(h["monitor"], h["monitor"])))
    st.markdown("  \n".join(escape_markdown(f) for f in facts))

    for key, text in (("program.situation", h.get("situation")), ("program.general_goal", h.get("general_goal")),
                      ("program.vision_2045", h.get("vision_2045"))):
        if text:
            with st.expander(t(key)):
                st.markdown(escape_markdown(text))

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('program.baselines')}**")
        st.table(_indexed(_baseline_rows(overview["baselines"])))
    with right:
        st.markdown(f"**{t('program.milestones')}**")
        st.table(_indexed(_milestone_rows(overview["milestones"])))


def _indexed(rows: list[dict]) -> pd.DataFrame:
    """Rows as a frame whose first column is the index (st.table shows it as row headers)."""
    frame = pd.DataFrame(rows)
    return frame.set_index(frame.columns[0]) if len(frame.columns) else frame


def _default_marked(text: str, is_default: bool) -> str:
    return f"{text} ({t('default.marker')})" if is_default and text else text


def _baseline_rows(baselines: list[dict]) -> list[dict]:
    return [{t("col.indicator"): escape_markdown(b["name"]),
             t("col.value"): (with_unit(b["value"], b["unit"]) if b["comparator"] == "="
                              else target_value(b["comparator"], b["value"], b["unit"])),
             t("col.year"): _default_marked(str(b["year"] or ""), b.get("year_is_default", False))}
            for b in baselines]


def _milestone_rows(milestones: list[dict]) -> list[dict]:
    return [{t("col.kind"): label("milestone_kind", m["kind"]),
             t("col.title"): escape_markdown(m["title"]),
             t("col.period"): m["period"],
             t("col.due"): _default_marked(day(m["due_on"]), m["is_default"])}
            for m in milestones]


def _search_box() -> None:
    query = st.text_input(t("search.label"), key="program_search", placeholder=t("search.placeholder"))
    if not query or not query.strip():
        return
    found = widgets.read_cached(lambda: data.search(query, program_choice.current()))
    if found is widgets.FAILED:
        return
    with st.container(key="search_results", border=True):
        tasks, targets, orgs = found["tasks"], found["targets"], found["organisations"]
        if not (tasks or targets or orgs):
            st.info(t_md("search.none", query=query.strip()))
            return
        st.caption(t("search.summary", tasks=len(tasks), targets=len(targets), orgs=len(orgs)))
        if tasks:
            st.markdown(f"**{t('search.tasks')}**")
            for task in tasks:
                st.markdown(f"**{escape_markdown(task['code'])}** {escape_markdown(task['text'])}")
        if targets:
            st.markdown(f"**{t('search.targets')}**")
            for target in targets:
                st.markdown(f"**{escape_markdown(target['code'])}** {escape_markdown(target['name'])}")
        if orgs:
            st.markdown(f"**{t('search.orgs')}**")
            for org in orgs:
                st.markdown(f"**{escape_markdown(org['name'])}** · {label('org_kind', org['kind'])}")
