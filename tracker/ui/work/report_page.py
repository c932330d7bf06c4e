"""Page "Báo cáo định kỳ": an agency drafts and submits its report for a period, and sees its history.

Beside the periodic reports, the body writes its own review at each sơ kết / tổng kết milestone.
Opening a period (or a milestone) opens the body's report for it (a new draft the first time). The
official state, the due date and, when the monitor returned it, the reason come first; then the form (or, once
submitted, the read-only text); then every frozen version.
"""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from tracker.clock import local_today
from tracker.config import get_settings
from tracker.models import Report
from tracker.services import actions, assignments, reports
from tracker.services.actor import Actor
from tracker.ui import data, pickers, program_choice, session, widgets
from tracker.ui.work import reminder_history, report_form, review_parts
from tracker.ui.formatting import day, escape_markdown, moment, period_label
from tracker.ui.i18n import label, t
from tracker.ui.work.work_format import recent_periods

PAGE = report_form.PAGE


def render() -> None:
    actor = session.actor()
    st.title(t("nav.work_report"))
    widgets.show_flash(PAGE)
    if actor.organisation_id is None:
        st.info(t("work.no_body"))
        return
    program_id = program_choice.current()
    overview = widgets.read_cached(lambda: data.program_overview(program_id))
    if overview is widgets.FAILED:
        return
    period = _pick(overview["header"]["report_due_days"], program_id)
    if period is None:
        return
    opened = widgets.write(lambda s: _open(s, actor, period, program_id))  # a write: the first visit creates the draft
    if opened is widgets.FAILED:
        return
    report, row, history, linkable = opened
    st.markdown(t("work.report.facts", state=label("report_state", row["state"]), due=day(row["due_on"]),
                  version=row["version"]))
    if report.state == "returned":
        st.warning(t("work.report.returned", reason=escape_markdown(report.return_reason)), icon=":material/undo:")
        st.caption(t("work.report.returned_hint"))
    linkable.sort(key=lambda a: (a["acted_on"], a["id"]), reverse=True)
    if report.state in ("draft", "returned"):
        report_form.edit(actor, report, overview["groups"], linkable)
    else:
        st.info(t("work.report.read_only"))
        report_form.show(report.content, overview["groups"], linkable)
    st.subheader(t("work.report.history"))
    _history(history)
    reminder_history.render(actor, "report", actor.organisation_id)


def _pick(due_days: dict[str, str], program_id: int | None) -> str | None:
    """A period ("2026-H1"), or a review milestone ("milestone:<id>") once the body chose its own review."""
    review = st.radio(t("review.kind"), ("periodic", "review"), format_func=lambda k: t(f"review.kind.{k}"),
                      horizontal=True, key=widgets.lang_key("work_report_kind")) == "review"
    if not review:
        choices = recent_periods(local_today(), ("semiannual",), due_days)
        return pickers.pick(t("work.report.period"), {p: period_label(p) for p in choices},
                            widgets.lang_key("work_report_period"))
    milestones = widgets.read(lambda s: {f"{review_parts.MILESTONE_KEY}{m.id}": review_parts.title(m.kind, m.period)
                                         for m in reports.review_milestones(s, program_id)})
    if milestones is widgets.FAILED:
        return None
    return pickers.pick(t("review.milestone"), milestones, widgets.lang_key("work_report_milestone"))


def _open(s: Session, actor: Actor, period: str,
          program_id: int | None) -> tuple[Report, dict, list[dict], list[dict]]:
    """The body's report on the program for ``period`` or a review milestone (opened), its row, versions
    and the actions it may cite (those on the program's tasks)."""
    milestone = period.removeprefix(review_parts.MILESTONE_KEY)
    report = (reports.open_review(s, actor, actor.organisation_id, int(milestone)) if milestone != period
              else reports.open_report(s, actor, actor.organisation_id, period, program_id=program_id))
    row = next(r for r in reports.for_body(s, actor, actor.organisation_id) if r["id"] == report.id)
    history = reports.revisions(s, actor, report.id)
    linkable = [a for r in assignments.for_body(s, actor, program_id=report.program_id)
                for a in actions.list_actions(s, actor, r["id"])]
    return report, row, history, linkable


def _history(history: list[dict]) -> None:
    if not history:
        st.caption(t("work.report.no_history"))
        return
    tz = get_settings().tz
    table = [{t("work.col.version"): h["version"], t("work.col.state"): t(f"work.revision_state.{h['state']}"),
              t("work.col.time"): moment(h["at"], tz), t("work.col.note"): h["note"]} for h in history]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)))
