"""Workspace tab "Báo cáo chờ tiếp nhận": read a submitted report, then accept it or return it with a reason.

The text shown is the latest frozen revision (what the body submitted); a report returned and
resubmitted comes back here as its next version.
"""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from tracker.services import actions, assignments, reports
from tracker.services.actor import Actor
from tracker.ui import data, pickers, program_choice, widgets
from tracker.ui.formatting import day, escape_markdown, shorten, t_md
from tracker.ui.i18n import label, t
from tracker.ui.monitor.workspace_common import PAGE
from tracker.ui.work import review_parts


def render(actor: Actor) -> None:
    rows = widgets.read_rows(lambda s: reports.inbox(s, actor, program_id=program_choice.current()),
                             t("mon.inbox.none"))
    if rows is None:
        return
    st.caption(t("mon.inbox.count", count=len(rows)))
    st.dataframe([{t("mon.col.code"): r["organisation"], t("mon.col.body"): r["organisation_name"],
                   t("mon.col.period"): review_parts.title(r["kind"], r["period"]), t("mon.col.due"): day(r["due_on"]),
                   t("mon.col.version"): r["version"], t("mon.col.state"): label("report_state", r["state"])}
                  for r in rows], hide_index=True, height=widgets.table_height(len(rows)))
    by_id = {r["id"]: r for r in rows}
    options = {i: t("mon.inbox.option", code=r["organisation"], period=review_parts.title(r["kind"], r["period"]),
                    version=r["version"])
               for i, r in by_id.items()}
    row = by_id.get(pickers.pick(t("mon.inbox.pick"), options, widgets.lang_key("mon_inbox_pick")))
    if row is None:
        return
    groups = widgets.read_cached(lambda: data.program_overview(row["program_id"])["groups"])
    if groups is widgets.FAILED:
        return
    found = widgets.read(lambda s: _submitted(s, actor, row))
    if found is widgets.FAILED:
        return
    content, linked = found
    st.subheader(escape_markdown(t("mon.inbox.heading", name=row["organisation_name"])))
    _show(content, groups, linked)
    _decide(actor, row)


def _submitted(s: Session, actor: Actor, row: dict) -> tuple[dict, list[dict]]:
    """The latest revision's content and the actions it links (read as ``actor``)."""
    history = reports.revisions(s, actor, row["id"])
    content = history[-1]["content"] if history else {}
    wanted = set(content.get("action_ids") or [])
    if not wanted:
        return content, []
    body_id = row["organisation_id"]
    found = [a for r in assignments.for_body(s, actor, body_id) for a in actions.list_actions(s, actor, r["id"])]
    return content, [a for a in found if a["id"] in wanted]


def _show(content: dict, groups: list[dict], linked: list[dict]) -> None:
    sections = content.get("sections") or {}
    if not sections:
        st.caption(t("mon.inbox.empty"))
    review_parts.show(content)
    titles = {g["code"]: g["title"] for g in groups}
    for code in sorted(sections, key=lambda c: list(titles).index(c) if c in titles else len(titles)):
        with st.expander(escape_markdown(f"{code}. {shorten(titles.get(code, ''), 110)}"), expanded=True):
            for field in reports.FIELDS:
                if sections[code].get(field):
                    st.markdown(f"**{t(f'mon.field.{field}')}**")
                    st.markdown(escape_markdown(sections[code][field]).replace("\n", "  \n"))
    if linked:
        st.markdown(f"**{t('mon.inbox.actions')}**")
        for a in linked:
            parts = [day(a["acted_on"]), shorten(a["description"]), a["doc_number"]]
            st.markdown("- " + escape_markdown(" — ".join(p for p in parts if p)))


def _decide(actor: Actor, row: dict) -> None:
    """Accept, or return with a reason (the service refuses an empty reason)."""
    form = f"mon_review_{row['id']}_{row['version']}"
    key = f"{form}_{widgets.version(form)}"
    with st.form(key, clear_on_submit=False):
        reason = st.text_area(t("mon.inbox.reason"), height=90, max_chars=reports.MAX_FIELD, key=f"{key}_reason")
        accept_col, return_col = st.columns(2)
        accept = accept_col.form_submit_button(t("mon.inbox.accept"), type="primary", icon=":material/task_alt:")
        send_back = return_col.form_submit_button(t("mon.inbox.return"), icon=":material/undo:")
    if not (accept or send_back):
        return
    result = widgets.write(lambda s: reports.review(s, actor, row["id"], accept=accept, reason=reason))
    if result is widgets.FAILED:
        return
    message = "mon.inbox.accepted" if accept else "mon.inbox.returned"
    period = review_parts.short(row["kind"], row["period"])
    widgets.done(PAGE, t_md(message, period=period, name=row["organisation_name"]), reset=form)
