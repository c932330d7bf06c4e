"""The actions logged on one assignment, newest first, with their evidence.

Cited documents are shown as links at once. Files are read from the store only when their
expander is opened (it reruns the page, so the session is checked first): a list of actions never
loads every file into memory just to draw download buttons.
"""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.services import actions, evidence
from tracker.services.actor import Actor
from tracker.ui import data, widgets
from tracker.ui.formatting import day, escape_markdown
from tracker.ui.i18n import t
from tracker.ui.work.work_format import document_link


def render(actor: Actor, assignment_id: int) -> None:
    found = widgets.read(lambda s: _actions(s, actor, assignment_id))
    if found is widgets.FAILED:
        return
    rows, proofs = found
    if not rows:
        st.caption(t("work.actions.none"))
        return
    for row in rows:
        with st.container(border=True):
            _action(actor, row, proofs[row["id"]])


def _actions(s: Session, actor: Actor, assignment_id: int) -> tuple[list[dict], dict[int, list[dict]]]:
    """The assignment's actions, and the evidence of each by action id."""
    rows = actions.list_actions(s, actor, assignment_id)
    return rows, {r["id"]: evidence.list_for_action(s, actor, r["id"]) for r in rows}


def _action(actor: Actor, row: dict, proofs: list[dict]) -> None:
    line = t("work.actions.line", day=day(row["acted_on"]), progress=row["progress_pct"])
    if row["doc_number"]:
        doc = (t("work.actions.doc_dated", number=row["doc_number"], day=day(row["doc_date"])) if row["doc_date"]
               else t("work.actions.doc", number=row["doc_number"]))
        line = f"{line} · {doc}"
    st.markdown(f"**{escape_markdown(line)}**")
    st.markdown(escape_markdown(row["description"]))
    if len(row.get("serves", [])) > 1:  # logged once for several tasks (the first: where it was logged)
        st.caption(escape_markdown(t("work.actions.serves", tasks="; ".join(
            f"{x['program']} {x['task']}" for x in row["serves"]))))
    cited = [p for p in proofs if p["cited_doc_number"]]
    files = [p for p in proofs if not p["cited_doc_number"]]
    for p in cited:
        st.markdown(t("work.actions.cited", doc=document_link(p["cited_doc_number"], p["cited_url"])))
    if files:
        _files(actor, row["id"], files)
    elif not cited:
        st.caption(t("work.actions.no_evidence"))


def _files(actor: Actor, action_id: int, files: list[dict]) -> None:
    """A download button per file, drawn (and the files read) only while the expander is open."""
    with st.expander(t("work.actions.files", count=len(files)), key=f"work_files_{action_id}",
                     on_change="rerun") as box:
        if not box.open:
            st.caption(", ".join(escape_markdown(f["name"]) for f in files))
            return
        for f in files:
            try:  # not widgets.read: the message names the file
                with data.read_session() as s:
                    download = evidence.open_file(s, actor, f["id"])
            except TrackerError as exc:
                st.error(escape_markdown(f"{f['name']}: {exc}"))
                continue
            st.download_button(escape_markdown(download.name), data=download.content, file_name=download.name,
                               mime=download.media_type, icon=":material/download:", key=f"work_file_{f['id']}")
