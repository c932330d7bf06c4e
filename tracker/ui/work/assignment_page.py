"""Page "Cập nhật kết quả thực hiện": an agency logs what it did on one of its tasks, with evidence.

One write per submit: the action, its files and its cited document go in one transaction, so a
refused file leaves no half-recorded action; the form keeps what was typed until the write succeeds.
Its confirmation appears under the form that was sent, where the eye already is: on a phone the
forms stack into a long page and a message at the top would be far above the screen.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from tracker.clock import local_today
from tracker.services import action_record, actions, assignments, extensions
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor
from tracker.ui import data, pickers, session, widgets
from tracker.ui.work import action_list, reminder_history
from tracker.ui.formatting import day, escape_markdown, shorten
from tracker.ui.i18n import label, t

PAGE = "work_update"
ACTION_FLASH, EXTENSION_FLASH = f"{PAGE}_action", f"{PAGE}_extension"  # one-shot messages under each form
FILE_TYPES = ["pdf", "docx", "xlsx", "jpg", "jpeg", "png"]


def render() -> None:
    actor = session.actor()
    st.title(t("nav.work_update"))
    if actor.organisation_id is None:
        st.info(t("work.no_body"))
        return
    rows = widgets.read_rows(lambda s: assignments.for_body(s, actor), t("work.assignment.none"))
    if rows is None:
        return
    row = _pick(rows)
    if row is None:
        return
    st.markdown(escape_markdown(row["task_text"]))
    st.caption(t("work.assignment.facts", role=label("role", row["role"]), due=_due(row),
                 progress=row["progress_pct"], status=label("status", row["status"])))
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("work.action.heading"))
        _action_form(actor, row, rows)
        widgets.show_flash(ACTION_FLASH)
    with right:
        st.subheader(t("work.extension.heading"))
        _extension(actor, row)
        widgets.show_flash(EXTENSION_FLASH)
    st.subheader(t("work.actions.heading"))
    action_list.render(actor, row["id"])
    reminder_history.render(actor, "assignment", row["id"])


def _due(row: dict) -> str:
    if row.get("ongoing"):
        return t("task.ongoing")
    return day(row["deadline"]) or t("work.assignment.no_deadline")


def _pick(rows: list[dict]) -> dict | None:
    """A picker of the body's open assignments (most urgent first), staying on its task as the status changes."""
    by_id = {r["id"]: r for r in rows}
    options = {i: t("task.option_ongoing" if r.get("ongoing") else "work.assignment.option", code=r["task"],
                    status=label("status", r["status"]), due=_due(r), progress=r["progress_pct"])
               for i, r in by_id.items()}
    chosen = pickers.pick(t("work.assignment.pick"), options, widgets.lang_key("work_assignment"))
    return by_id.get(chosen)


def _others(row: dict, rows: list[dict]) -> dict[int, str]:
    """The body's other assignments an action may also serve, named with their program."""
    return {r["id"]: f"{r['program']} · {r['task']} — {shorten(r['task_text'], 80)}" for r in rows if r["id"] != row["id"]}


def _action_form(actor: Actor, row: dict, rows: list[dict]) -> None:
    """Log an action with optional files and citation; on refusal the typed values stay in place."""
    aid, v = row["id"], widgets.version("work_action")
    key = f"work_action_{aid}_{v}"
    with st.form(key, clear_on_submit=False):
        acted_on = st.date_input(t("work.action.acted_on"), value=local_today(), format="DD/MM/YYYY",
                                 min_value=date(2000, 1, 1), key=f"{key}_acted_on")
        description = st.text_area(t("work.action.description"), max_chars=actions.MAX_DESCRIPTION,
                                   key=f"{key}_description")
        doc_col, date_col = st.columns(2)
        doc_number = doc_col.text_input(t("work.action.doc_number"), key=f"{key}_doc_number")
        doc_date = date_col.date_input(t("work.action.doc_date"), value=None, format="DD/MM/YYYY",
                                       min_value=date(2000, 1, 1), key=f"{key}_doc_date")
        progress = st.number_input(t("work.action.progress"), value=int(row["progress_pct"]), step=1,
                                   help=t("work.action.progress_help"), key=f"{key}_progress")
        files = st.file_uploader(t("work.action.files"), type=FILE_TYPES, accept_multiple_files=True,
                                 key=f"{key}_files")
        cite_col, url_col = st.columns(2)
        cite_doc = cite_col.text_input(t("work.action.cite_doc"), key=f"{key}_cite_doc")
        cite_url = url_col.text_input(t("work.action.cite_url"), key=f"{key}_cite_url")
        also = pickers.pick_many(t("work.action.also"), _others(row, rows), f"{key}_also",
                                 help=t("work.action.also_help")) if len(rows) > 1 else []
        submitted = st.form_submit_button(t("work.action.submit"), type="primary")
    if not submitted:
        return
    entry = ActionInput(acted_on=acted_on, description=description, progress_pct=int(progress),
                        doc_number=doc_number, doc_date=doc_date)
    uploads = [(uploaded.name, uploaded.getvalue()) for uploaded in files or []]
    written = widgets.write(lambda s: action_record.record_action(s, actor, aid, entry, uploads, (cite_doc, cite_url),
                                                                  also=also))
    if written is widgets.FAILED:
        return
    data.forget_catalog()  # progress changed: cached task lists must not show the old figure
    widgets.done(ACTION_FLASH, t("work.action.saved", files=len(uploads)), reset="work_action")


def _extension(actor: Actor, row: dict) -> None:
    """Earlier requests and their outcome, and a form to ask for a later deadline."""
    requests = widgets.read(lambda s: extensions.for_assignment(s, actor, row["id"]))
    if requests is widgets.FAILED:
        return
    for r in requests:
        st.caption(escape_markdown(t("work.extension.line", new=day(r["new_deadline"]), reason=r["reason"],
                                     state=t(f"work.extension_state.{r['state']}"))))
        if r["decision_note"]:
            st.caption(escape_markdown(t("work.extension.note", note=r["decision_note"])))
    if row["status"] in ("done_on_time", "done_late"):
        st.caption(t("work.extension.done"))
        return
    v = widgets.version("work_extension")
    key = f"work_extension_{row['id']}_{v}"
    current = date.fromisoformat(row["deadline"]) if row["deadline"] else local_today()
    with st.form(key, clear_on_submit=False):
        new_deadline = st.date_input(t("work.extension.new_deadline"), value=current + timedelta(days=30),
                                     format="DD/MM/YYYY", key=f"{key}_deadline")
        reason = st.text_area(t("work.extension.reason"), key=f"{key}_reason")
        submitted = st.form_submit_button(t("work.extension.submit"))
    if not submitted:
        return
    result = widgets.write(lambda s: extensions.request(s, actor, row["id"], new_deadline, reason))
    if result is not widgets.FAILED:
        widgets.done(EXTENSION_FLASH, t("work.extension.sent", day=day(new_deadline)), reset="work_extension")
