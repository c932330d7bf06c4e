"""Page "Báo cáo tổng hợp" (the monitor): draft the summary from the data, edit its text, download it.

"Soạn thảo" runs summary.build (which checks ``summary.build``) and keeps the draft in the session;
the text areas edit its narrative fields; the DOCX and XLSX are rendered from the edited copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, replace
from datetime import date

import streamlit as st

from tracker.clock import local_today
from tracker.documents import summary_docx, summary_xlsx
from tracker.services import summary
from tracker.services.actor import Actor
from tracker.services.summary import Summary
from tracker.ui import data, session, widgets
from tracker.ui.formatting import escape_markdown
from tracker.ui.i18n import t
from tracker.ui.widgets import table_height

DRAFT, VERSION, FILES = "summary_draft", "summary_draft_version", "summary_files"
KINDS = ("periodic", "preliminary", "final")
DEFAULT_SPANS = {"preliminary": "2024-2027", "final": "2024-2030"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render() -> None:
    """Choices, the "Soạn thảo" button, then (once drafted) the editor and the downloads."""
    actor = session.actor()
    st.title(t("nav.summary_report"))
    kind, period, number, issued_on = _choices()
    if st.button(t("sum.build"), key="summary_build", type="primary", icon=":material/edit_document:"):
        _build(actor, kind, period, number, issued_on)
    draft = st.session_state.get(DRAFT)
    if draft is None:
        st.info(t("sum.hint"))
        return
    _downloads(_edited(draft, number, issued_on))


def period_options(kind: str, milestones: list[dict], today: date) -> list[str]:
    """Periods offered for ``kind``: this and last year (whole, halves) or the program's review spans."""
    if kind == "periodic":
        return [p for year in (today.year, today.year - 1) for p in (f"{year}", f"{year}-H2", f"{year}-H1")]
    spans = [m["period"] for m in milestones if m["kind"] == kind]
    return spans or [DEFAULT_SPANS[kind]]


def _choices() -> tuple[str, str, str, date]:
    milestones = widgets.read(lambda _: data.program_overview()["milestones"])
    if milestones is widgets.FAILED:
        milestones = []
    left, middle, right, last = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
    kind = left.radio(t("sum.kind"), KINDS, horizontal=True, key="summary_kind",
                      format_func=lambda k: t(f"sum.kind.{k}"))
    period = middle.selectbox(t("sum.period"), period_options(kind, milestones, local_today()),
                              key=f"summary_period_{kind}", accept_new_options=True, help=t("sum.period_help"))
    number = right.text_input(t("sum.number"), key="summary_number", max_chars=20)
    issued_on = last.date_input(t("sum.issued_on"), value=local_today(), key="summary_issued_on",
                                format="DD/MM/YYYY")
    return kind, (period or "").strip(), number.strip(), issued_on


def _build(actor: Actor, kind: str, period: str, number: str, issued_on: date) -> None:
    """Build the draft from the data, with a progress indicator; keep it, reset the editors."""
    with st.status(t("sum.building"), expanded=False) as box:
        built = widgets.read(lambda s: summary.build(s, actor, kind, period, issued_on))
        if built is widgets.FAILED:
            box.update(label=t("sum.failed"), state="error")
            return
        built.number = number
        st.session_state[DRAFT] = built
        st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
        st.session_state.pop(FILES, None)
        box.update(label=t("sum.built", title=built.title), state="complete")


def _edited(draft: Summary, number: str, issued_on: date) -> Summary:
    """The text areas of the draft; returns a copy of it with what the monitor typed."""
    v = st.session_state.get(VERSION, 0)
    st.subheader(t("sum.edit_heading"))
    st.markdown(f"**{escape_markdown(draft.title)}**")
    introduction = st.text_area(t("sum.introduction"), draft.introduction, key=f"sum_intro_{v}")
    groups = []
    for g in draft.groups:
        with st.expander(escape_markdown(t("sum.group", code=g.code, title=g.title))):
            if g.actions:
                st.caption(t("sum.actions", count=len(g.actions)))
                st.markdown("\n".join(f"- {escape_markdown(a)}" for a in g.actions))
            narrative = st.text_area(t("sum.narrative", code=g.code), g.narrative, key=f"sum_group_{g.code}_{v}",
                                     height=160)
        groups.append(replace(g, narrative=narrative))
    with st.expander(t("sum.targets", count=len(draft.targets))):
        st.dataframe([asdict(row) for row in draft.targets], hide_index=True,
                     height=table_height(len(draft.targets)))
    limitations = st.text_area(t("sum.limitations"), draft.limitations, key=f"sum_limitations_{v}", height=160)
    proposals = st.text_area(t("sum.proposals"), draft.proposals, key=f"sum_proposals_{v}", height=160)
    recipients = st.text_area(t("sum.recipients"), "\n".join(draft.recipients), key=f"sum_recipients_{v}")
    return replace(draft, number=number or draft.number, issued_on=issued_on, introduction=introduction.strip(),
                   groups=groups, limitations=limitations.strip(), proposals=proposals.strip(),
                   recipients=[line.strip() for line in recipients.splitlines() if line.strip()])


def _downloads(edited: Summary) -> None:
    """DOCX and XLSX of the edited summary, rendered again only when the text changed."""
    fingerprint = hashlib.sha256(repr(edited).encode()).hexdigest()
    files = st.session_state.get(FILES)
    if files is None or files[0] != fingerprint:
        with st.spinner(t("sum.rendering")):
            files = (fingerprint, summary_docx.render(edited), summary_xlsx.render(edited))
        st.session_state[FILES] = files
    name = f"bao-cao-{edited.kind}-{edited.period}"
    left, right = st.columns(2)
    left.download_button(t("sum.download_docx"), files[1], file_name=f"{name}.docx", mime=DOCX_MIME,
                         key="summary_docx", on_click="ignore", icon=":material/download:")
    right.download_button(t("sum.download_xlsx"), files[2], file_name=f"{name}.xlsx", mime=XLSX_MIME,
                          key="summary_xlsx", on_click="ignore", icon=":material/download:")
