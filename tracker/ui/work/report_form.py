"""A report's content: a form per task group while it may be edited, plain text once submitted.

A body's own review (sơ kết, tổng kết) has the same form plus its own parts (ui/work/review_parts).
"""

from __future__ import annotations

import streamlit as st

from tracker.models import Report
from tracker.services import reports
from tracker.services.actor import Actor
from tracker.ui import pickers, widgets
from tracker.ui.formatting import escape_markdown, shorten
from tracker.ui.i18n import t
from tracker.ui.work import review_parts
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
        review = review_parts.edit(report.content, key) if report.kind in reports.REVIEW_KINDS else None
        linked = pickers.pick_many(t("work.report.actions"), labels, f"{key}_actions",
                                   start=report.content.get("action_ids") or [],
                                   placeholder=t("work.report.pick_actions" if labels else "work.report.no_actions"))
        save_col, submit_col = st.columns(2)
        save = save_col.form_submit_button(t("work.report.save"), icon=":material/save:")
        send = submit_col.form_submit_button(t("work.report.submit"), type="primary", icon=":material/send:")
    if not (save or send):
        return
    content = {"sections": typed, "action_ids": linked, **({"review": review} if review is not None else {})}

    def operation(s):
        reports.save_draft(s, actor, report.id, content)
        return reports.submit(s, actor, report.id) if send else None

    result = widgets.write(operation)
    if result is widgets.FAILED:
        return
    message, values = review_parts.done_message(report.kind, report.period, result.version if send else None)
    widgets.done(PAGE, t(message, **values))


def show(content: dict, groups: list[dict], linkable: list[dict]) -> None:
    """The submitted text, group by group, the review's own parts, and the linked actions (read-only)."""
    sections = content.get("sections") or {}
    review_parts.show(content)
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
