"""Page "Báo cáo tổng hợp" (the monitor): draft the summary from the data, edit it, keep it, download it.

"Soạn thảo" reopens the stored draft of the chosen kind, period and voice, or drafts one from the
data (summary.build); "Soạn lại từ dữ liệu" drafts anew after a confirmation. "Lưu nháp" keeps the
edited text (summary_drafts.save, with the version it was opened at); "Tạo tệp" renders the DOCX and
XLSX of what is on screen, offered for download until the text changes again.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import streamlit as st

from tracker.clock import local_today
from tracker.documents import summary_docx, summary_xlsx
from tracker.models.vocab import SUMMARY_VOICES
from tracker.services import summary, summary_drafts
from tracker.services.actor import Actor
from tracker.services.summary import Summary
from tracker.ui import data, program_choice, session, widgets
from tracker.ui.dashboard.summary_editor import GENERATION, edited
from tracker.ui.i18n import t

PAGE = "summary_page"
DRAFT, FILES, CONFIRM = "summary_draft", "summary_files", "summary_rebuild_confirm"
KINDS = ("periodic", "preliminary", "final")
DEFAULT_SPANS = {"preliminary": "2024-2027", "final": "2024-2030"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render() -> None:
    """Choices, "Soạn thảo" / "Soạn lại từ dữ liệu", then (once drafted) the editor, saving and files."""
    actor = session.actor()
    st.title(t("nav.summary_report"))
    widgets.show_flash(PAGE)
    kind, period, voice, number, issued_on = _choices()
    left, right = st.columns(2)
    if left.button(t("sum.build"), key="summary_build", type="primary", icon=":material/edit_document:"):
        _open(actor, kind, period, voice, number, issued_on)
    if right.button(t("sum.rebuild"), key="summary_rebuild", icon=":material/refresh:"):
        st.session_state[CONFIRM] = (kind, period, voice)
    if st.session_state.get(CONFIRM) == (kind, period, voice):
        _confirm_rebuild(actor, kind, period, voice, number, issued_on)
    draft = st.session_state.get(DRAFT)
    if draft is not None and program_choice.current() not in (None, draft.program_id):
        draft = None  # drafted for another program before the picker changed
    if draft is None:
        st.info(t("sum.hint"))
        return
    st.markdown(t("sum.opened", version=draft.draft_version) if draft.draft_version else t("sum.not_stored"))
    copy = replace(edited(draft), number=number or draft.number, issued_on=issued_on)
    _save(actor, copy)
    _files(copy)


def period_options(kind: str, milestones: list[dict], today: date) -> list[str]:
    """Periods offered for ``kind``: this and last year (whole, halves) or the program's review spans."""
    if kind == "periodic":
        return [p for year in (today.year, today.year - 1) for p in (f"{year}", f"{year}-H2", f"{year}-H1")]
    spans = [m["period"] for m in milestones if m["kind"] == kind]
    return spans or [DEFAULT_SPANS[kind]]


def _choices() -> tuple[str, str, str, str, date]:
    milestones = widgets.read_cached(lambda: data.program_overview(program_choice.current())["milestones"])
    if milestones is widgets.FAILED:
        milestones = []
    first, second, third = st.columns([2, 2, 3], vertical_alignment="bottom")
    kind = first.radio(t("sum.kind"), KINDS, horizontal=True, key="summary_kind",
                       format_func=lambda k: t(f"sum.kind.{k}"))
    period = second.selectbox(t("sum.period"), period_options(kind, milestones, local_today()),
                              key=f"summary_period_{kind}", accept_new_options=True, help=t("sum.period_help"))
    voice = third.radio(t("sum.voice"), SUMMARY_VOICES, horizontal=True, key="summary_voice",
                        format_func=lambda v: t(f"sum.voice.{v}"))
    left, right = st.columns(2)
    number = left.text_input(t("sum.number"), key="summary_number", max_chars=20)
    issued_on = right.date_input(t("sum.issued_on"), value=local_today(), key="summary_issued_on",
                                 format="DD/MM/YYYY")
    return kind, (period or "").strip(), voice, number.strip(), issued_on


def _keep(draft: Summary, message: str) -> None:
    """Show ``draft`` in fresh editors (a new generation of keys), drop files made from an older text,
    and draw the page again with ``message``."""
    st.session_state[DRAFT] = draft
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state.pop(FILES, None)
    st.session_state.pop(CONFIRM, None)
    widgets.done(PAGE, message)


def _open(actor: Actor, kind: str, period: str, voice: str, number: str, issued_on: date) -> None:
    """The stored draft if there is one, else a new one drafted from the data."""
    stored = widgets.read(lambda s: summary_drafts.load(s, actor, kind, period, voice,
                                                              program_choice.current()))
    if stored is widgets.FAILED:
        return
    if stored is not None:
        _keep(stored, t("sum.reopened", version=stored.draft_version))
        return
    _draft(actor, kind, period, voice, number, issued_on, version=0)


def _draft(actor: Actor, kind: str, period: str, voice: str, number: str, issued_on: date, version: int) -> None:
    with st.status(t("sum.building"), expanded=False) as box:
        built = widgets.read(lambda s: summary.build(s, actor, kind, period, issued_on, voice=voice, number=number,
                                                         program_id=program_choice.current()))
        if built is widgets.FAILED:
            box.update(label=t("sum.failed"), state="error")
            return
        built.draft_version = version  # saving it replaces the stored draft of that version
        box.update(label=t("sum.built", title=built.title), state="complete")
    _keep(built, t("sum.built", title=built.title))


def _confirm_rebuild(actor: Actor, kind: str, period: str, voice: str, number: str, issued_on: date) -> None:
    st.warning(t("sum.rebuild_warning"))
    yes, no = st.columns(2)
    if no.button(t("sum.rebuild_cancel"), key="summary_rebuild_cancel"):
        st.session_state.pop(CONFIRM, None)
        st.rerun()
    if yes.button(t("sum.rebuild_confirm"), key="summary_rebuild_yes", type="primary"):
        stored = widgets.read(lambda s: summary_drafts.load(s, actor, kind, period, voice,
                                                              program_choice.current()))
        if stored is not widgets.FAILED:
            _draft(actor, kind, period, voice, number, issued_on, stored.draft_version if stored else 0)


def _save(actor: Actor, copy: Summary) -> None:
    """"Lưu nháp": store what is on screen under the version it was opened at."""
    if not st.button(t("sum.save"), key="summary_save", type="primary", icon=":material/save:"):
        return
    version = widgets.write(lambda s: summary_drafts.save(s, actor, copy, copy.draft_version))
    if version is widgets.FAILED:
        return
    st.session_state[DRAFT] = replace(copy, draft_version=version)  # the editors keep their keys and text
    widgets.done(PAGE, t("sum.saved", version=version))


def _files(copy: Summary) -> None:
    """"Tạo tệp" renders what is on screen; the downloads stay offered while the text is unchanged."""
    fingerprint = hashlib.sha256(repr(copy).encode()).hexdigest()
    if st.button(t("sum.render"), key="summary_render", icon=":material/description:"):
        with st.spinner(t("sum.rendering")):
            st.session_state[FILES] = (fingerprint, summary_docx.render(copy), summary_xlsx.render(copy))
    files = st.session_state.get(FILES)
    if files is None:
        return
    if files[0] != fingerprint:
        st.caption(t("sum.files_stale"))
        return
    name = f"bao-cao-{copy.kind}-{copy.period}" + ("-btv" if copy.voice == "standing_committee" else "")
    left, right = st.columns(2)
    left.download_button(t("sum.download_docx"), files[1], file_name=f"{name}.docx", mime=DOCX_MIME,
                         key="summary_docx", on_click="ignore", icon=":material/download:")
    right.download_button(t("sum.download_xlsx"), files[2], file_name=f"{name}.xlsx", mime=XLSX_MIME,
                          key="summary_xlsx", on_click="ignore", icon=":material/download:")
