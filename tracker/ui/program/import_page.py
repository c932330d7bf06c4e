"""Page "Nhập chương trình": upload a program's document, review the proposal beside its source,
correct it, publish.

The proposal (program_import.proposal) is kept in the session, tied to the file's content, the OCR
choice and the user; the corrections (import_review) change only that copy. Nothing is written to
the database until "Xuất bản", which creates the program in one transaction (program_import.publish).
"""

from __future__ import annotations

import hashlib

import streamlit as st

from tracker.clock import local_today
from tracker.program_import import proposal
from tracker.program_import.publish import publish
from tracker.services.actor import Actor
from tracker.ui import data, session, widgets
from tracker.ui.formatting import escape_markdown
from tracker.ui.i18n import t
from tracker.ui.program import import_review

PAGE = import_review.PAGE
KEPT = "program_import_proposal"
TYPES = ["docx", "pdf", "txt", "md", "json"]


def render() -> None:
    actor = session.actor()
    st.title(t("nav.program_import"))
    widgets.show_flash(PAGE)
    st.caption(t("imp.hint"))
    generation = widgets.version("program_import")
    uploaded = st.file_uploader(t("imp.file"), type=TYPES, key=f"imp_file_{generation}")
    accept = st.checkbox(t("imp.accept_ocr"), key=f"imp_accept_{generation}", help=t("imp.accept_ocr_help"))
    if uploaded is None:
        st.session_state.pop(KEPT, None)
        return
    kept = _proposal(actor, uploaded.name, uploaded.getvalue(), accept)
    if kept is None:
        return
    document = kept["document"]
    _summary(document)
    import_review.render(document, kept["lines"])
    _publish(actor, document)


def _proposal(actor: Actor, name: str, content: bytes, accept: bool) -> dict | None:
    """The proposal for this file (read once per file, OCR choice and user; the corrections live in it)."""
    ident = (name, hashlib.sha256(content).hexdigest(), accept, actor.user_id)
    kept = st.session_state.get(KEPT)
    if kept and kept["ident"] == ident:
        return kept
    st.session_state.pop(KEPT, None)
    found = widgets.read(lambda s: proposal.propose(s, actor, content, name, None, local_today(), accept))
    if found is widgets.FAILED:
        return None
    kept = {"ident": ident, "document": found.document, "lines": found.lines}
    st.session_state[KEPT] = kept
    return kept


def _summary(document: dict) -> None:
    p = document["program"]
    tasks = import_review.task_count(document)
    st.subheader(escape_markdown(p["title"] or t("imp.untitled")))
    st.markdown(escape_markdown(t("imp.summary", code=p["code"], groups=len(document["task_groups"]), tasks=tasks,
                                  targets=len(document["targets"]), baselines=len(document["baselines"]),
                                  assignments=len(document["assignments"]))))
    waiting = import_review.open_questions(document)
    if waiting:
        st.warning(t("imp.waiting", count=waiting), icon=":material/rule:")


def _publish(actor: Actor, document: dict) -> None:
    st.divider()
    st.caption(t("imp.publish_hint"))
    if not st.button(t("imp.publish"), type="primary", key="imp_publish", icon=":material/publish:"):
        return
    created = widgets.write(lambda s: publish(s, actor, document).code)
    if created is widgets.FAILED:
        return
    st.session_state.pop(KEPT, None)
    data.forget_catalog()  # the new program appears in the pickers and on the landing pages
    widgets.done(PAGE, t("imp.published", code=created), reset="program_import")
