"""Workspace tab "Đơn vị chậm": bodies with overdue work; urge one now, or draft an urging letter.

Drafting the letter is audited by the service, so it happens on a button press (then offered for
download), never on every run of the page.
"""

from __future__ import annotations

import streamlit as st

from tracker.clock import local_today
from tracker.config import get_settings
from tracker.documents import urging_letter
from tracker.services import registry, urging
from tracker.services.actor import Actor
from tracker.services.permissions import allowed
from tracker.ui import pickers, program_choice, widgets
from tracker.ui.formatting import t_md
from tracker.ui.i18n import t
from tracker.ui.monitor.workspace_common import PAGE

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LETTER = "mon_letter"  # session key prefix of a drafted letter, per body


def render(actor: Actor, late: list[dict]) -> None:
    """``late``: workspace.overdue_bodies, already read by the page."""
    if not late:
        st.info(t("mon.overdue.none"))
        return
    st.caption(t("mon.overdue.count", count=len(late)))
    st.dataframe([{t("mon.col.code"): r["organisation"], t("mon.col.body"): r["organisation_name"],
                   t("mon.col.count"): r["count"], t("mon.col.max_days"): r["max_days"]} for r in late],
                 hide_index=True, height=widgets.table_height(len(late)))
    if not allowed(actor, "urge"):
        return
    names = {r["organisation"]: r["organisation_name"] for r in late}
    code = pickers.pick(t("mon.overdue.pick"), {c: f"{c} — {name}" for c, name in names.items()}, "mon_overdue_pick")
    if code is None:
        return
    _urge(actor, code, names[code])
    _letter(actor, code, names[code])


def _urge(actor: Actor, code: str, name: str) -> None:
    form = "mon_urge"
    key = f"{form}_{widgets.version(form)}_{code}"
    with st.form(key, clear_on_submit=False):
        message = st.text_area(t("mon.urge.message"), value=t("mon.urge.default", body=_monitoring_body(), name=name),
                               height=110,
                               max_chars=2000, key=f"{key}_message")
        submitted = st.form_submit_button(t("mon.urge.send"), type="primary", icon=":material/campaign:")
    if not submitted:
        return
    queued = widgets.write(lambda s: urging.urge(s, actor, get_settings(), code, message, local_today()))
    if queued is not widgets.FAILED:
        widgets.done(PAGE, t_md("mon.urge.sent", name=name, count=queued), reset=form)


def _monitoring_body() -> str:
    """The monitoring body's name today (after a reorganisation, the body that carries on)."""
    head = widgets.read(lambda s: registry.current_letterhead(s, local_today()))
    return "" if head is widgets.FAILED else head.body_name


def _letter(actor: Actor, code: str, name: str) -> None:
    stored = f"{LETTER}_{code}"
    with st.container(horizontal=True, vertical_alignment="bottom"):
        number = st.text_input(t("mon.letter.number"), max_chars=20, key=f"{LETTER}_number_{code}")
        if st.button(t("mon.letter.prepare"), key=f"{LETTER}_make_{code}", icon=":material/draft:"):
            made = widgets.write(lambda s: urging_letter.render(
                urging.letter_data(s, actor, code, local_today(), number.strip(),
                                   program_id=program_choice.current())))
            if made is not widgets.FAILED:
                st.session_state[stored] = made
    if stored in st.session_state:
        st.caption(t_md("mon.letter.ready", name=name))
        st.download_button(t("mon.letter.download"), data=st.session_state[stored], mime=DOCX,
                           file_name=f"cong-van-don-doc-{code}.docx", key=f"{LETTER}_download_{code}",
                           icon=":material/download:")
