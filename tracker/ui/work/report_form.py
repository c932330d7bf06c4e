"""The periodic report's content: a form per task group while it may be edited, plain text once submitted."""

from __future__ import annotations

import streamlit as st

from tracker.models import Report
from tracker.services import reports
from tracker.services.actor import Actor
from tracker.ui import pickers, widgets
from tracker.ui.formatting import escape_markdown, period_label, shorten
from tracker.ui.i18n import t
from tracker.ui.work.work_format import action_label

PAGE = "work_report"


def _group_title(group: dict) -> str:
    return escape_markdown(f"{group['code']}. {shorten(group['title'], 110)}")


def edit(actor: Actor, report: Report, groups: list[dict], linkable: list[dict]) -> None:
    """Four text areas per task group and the actions to link; save the draft, or save and submit.

    Keys carry the report, its version and the form's generation: another period, or the next
    version of a returned report, starts from the stored text rather than from stale widget state.
    """
    sections = report.content.get("sections") or {}
    key = f"work_report_{report.id}_{report.version}_{widgets.version('work_report')}"
    labels = {a["id"]: action_label(a) for a in linkable}
    with st.form(key, clear_on_submit=False):
        st.caption(t("work.report.form_hint"))
        typed: dict[str, dict[str, str]] = {}
        for group in groups:
            stored = sections.get(group["code"], {})
            with st.expander(_group_title(group), expanded=bool(stored)):
                typed[group["code"]] = {
                    field: st.text_area(t(f"work.report.field.{field}"), value=stored.get(field, ""),
                                        max_chars=reports.MAX_FIELD, key=f"{key}_{group['code']}_{field}")
                    for field in reports.FIELDS}
        linked = pickers.pick_many(t("work.report.actions"), labels, f"{key}_actions",
                                   start=report.content.get("action_ids") or [],
                                   placeholder=t("work.report.pick_actions" if labels else "work.report.no_actions"))
        save_col, submit_col = st.columns(2)
        save = save_col.form_submit_button(t("work.report.save"), icon=":material/save:")
        send = submit_col.form_submit_button(t("work.report.submit"), type="primary", icon=":material/send:")
    if not (save or send):
        return
    content = {"sections": typed, "action_ids": linked}

    def operation(s):
        reports.save_draft(s, actor, report.id, content)
        return reports.submit(s, actor, report.id) if send else None

    result = widgets.write(operation)
    if result is widgets.FAILED:
        return
    period = period_label(report.period)
    message = (t("work.report.submitted", period=period, version=result.version) if send
               else t("work.report.saved", period=period))
    widgets.done(PAGE, message)


def show(content: dict, groups: list[dict], linkable: list[dict]) -> None:
    """The submitted text, group by group, and the linked actions (read-only)."""
    sections = content.get("sections") or {}
    for group in groups:
        fields = sections.get(group["code"])
        if not fields:
            continue
        with st.expander(_group_title(group), expanded=True):
            for field in reports.FIELDS:
                if fields.get(field):
                    st.markdown(f"**{t(f'work.report.field.{field}')}**")
                    st.markdown(escape_markdown(fields[field]).replace("\n", "  \n"))
    labels = {a["id"]: action_label(a) for a in linkable}
    linked = [labels[a] for a in content.get("action_ids") or [] if a in labels]
    if linked:
        st.markdown(f"**{t('work.report.actions')}**")
        for text in linked:
            st.markdown(f"- {escape_markdown(text)}")
