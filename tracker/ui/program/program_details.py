"""The monitor's forms on the program page: the program's number, date of issue and signer, and its
review dates. Shown to those who may change them (monitor, admin); the others read the header."""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.services import programs
from tracker.services.actor import Actor
from tracker.services.permissions import allowed
from tracker.ui import data, program_choice, widgets
from tracker.ui.i18n import label, t

PAGE = "program"
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)  # the widget's range; the service checks the rest


def render(actor: Actor) -> None:
    if not allowed(actor, "program.manage"):
        return
    shown = widgets.read(lambda s: programs.editable(s, program_choice.current()))
    if shown is widgets.FAILED:
        return
    with st.expander(t("details.heading"), expanded=False):
        st.caption(t("details.help", reference=shown["reference"]))
        _details_form(actor, shown)
        st.markdown(f"**{t('details.milestones')}**")
        _milestones_form(actor, shown["id"], shown["milestones"])


def _details_form(actor: Actor, shown: dict) -> None:
    v = f"{shown['id']}_{widgets.version('program_details')}"
    with st.form(f"program_details_{v}", clear_on_submit=False):
        number = st.text_input(t("details.number"), value=shown["number"] or "", help=t("details.number_help"),
                               key=f"program_number_{v}")
        issued_on = st.date_input(t("details.issued_on"), value=shown["issued_on"], min_value=EARLIEST,
                                  max_value=LATEST, format="DD/MM/YYYY", key=f"program_issued_on_{v}")
        implements = st.text_area(t("details.implements"), value=shown["implements"], height=90,
                                  key=f"program_implements_{v}")
        signer = st.text_input(t("details.signer"), value=shown["signer"] or "", key=f"program_signer_{v}")
        title = st.text_area(t("details.signer_title"), value=shown["signer_title"], height=90,
                             help=t("details.signer_title_help"), key=f"program_signer_title_{v}")
        submitted = st.form_submit_button(t("details.save"), type="primary")
    if submitted:
        result = widgets.write(lambda s: programs.update_details(
            s, actor, shown["id"], number=number, issued_on=issued_on, signer=signer, signer_title=title,
            implements=implements))
        _finish(result, t("details.saved"), "program_details")


def _milestones_form(actor: Actor, program_id: int, milestones: list[dict]) -> None:
    v = f"{program_id}_{widgets.version('program_milestones')}"
    with st.form(f"program_milestones_{v}", clear_on_submit=False):
        chosen = {m["id"]: st.date_input(t("details.milestone_due", kind=label("milestone_kind", m["kind"]),
                                           period=m["period"]),
                                         value=m["due_on"], min_value=EARLIEST, max_value=LATEST,
                                         format="DD/MM/YYYY", help=m["title"], key=f"milestone_{m['code']}_{v}")
                  for m in milestones}
        submitted = st.form_submit_button(t("details.save_milestones"))
    if not submitted:
        return
    before = {m["id"]: m["due_on"] for m in milestones}
    changed = {i: due for i, due in chosen.items() if due and due != before[i]}
    if not changed:
        st.info(t("details.milestones_unchanged"))
        return
    result = widgets.write(lambda s: [programs.update_milestone(s, actor, i, due) for i, due in changed.items()])
    _finish(result, t("details.milestones_saved", count=len(changed)), "program_milestones")


def _finish(result: object, message: str, reset: str) -> None:
    if result is not widgets.FAILED:
        data.forget_catalog()
        widgets.done(PAGE, message, reset=reset)
