"""Page "Triển khai thực hiện" (IV.1): a body records the plan it issued, its study conferences and its
propaganda output; the monitor records them for a body it chooses. One tab per kind: a form, the list
of what was recorded, delete. The service checks everything; its Vietnamese message is shown as is.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.clock import local_today
from tracker.models.vocab import CONFERENCE_LEVELS, IMPLEMENTATION_KINDS
from tracker.services import evidence, implementation
from tracker.services.actor import Actor
from tracker.services.implementation import RecordInput
from tracker.ui import data, pickers, program_choice, session, widgets
from tracker.ui.formatting import day, escape_markdown
from tracker.ui.i18n import label, t

PAGE = "work_implementation"
FORM = "work_implementation_form"
FILE_TYPES = [extension for extensions in evidence.EXTENSIONS.values() for extension in extensions]


def render() -> None:
    actor = session.actor()
    st.title(t("nav.work_implementation"))
    widgets.show_flash(PAGE)
    st.caption(t("impl.intro"))
    body_id = _body(actor)
    if body_id is None:
        return
    for tab, kind in zip(st.tabs([t(f"impl.tab.{kind}") for kind in IMPLEMENTATION_KINDS]), IMPLEMENTATION_KINDS,
                         strict=True):
        with tab:
            _form(actor, body_id, kind)
            _records(actor, body_id, kind)


def _body(actor: Actor) -> int | None:
    """The agency's own body; for the monitor, the body it chooses among those alive today."""
    if actor.role != "monitor":
        if actor.organisation_id is None:
            st.info(t("work.no_body"))
        return actor.organisation_id
    bodies = widgets.read_cached(lambda: data.tree(local_today()))
    if bodies is widgets.FAILED:
        return None
    return pickers.pick(t("impl.pick_body"), {b["id"]: b["name"] for b in bodies}, "work_implementation_body",
                        start=None)


def _form(actor: Actor, body_id: int, kind: str) -> None:
    key = f"{FORM}_{kind}_{body_id}_{widgets.version(FORM)}"
    today, upload = local_today(), None
    with st.form(key, clear_on_submit=False):
        if kind == "plan":
            number_col, day_col = st.columns(2)
            doc_number = number_col.text_input(t("impl.doc_number"), key=f"{key}_number")
            on = day_col.date_input(t("impl.plan_date"), value=today, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                    key=f"{key}_day")
            title = st.text_input(t("impl.title"), key=f"{key}_title")
            upload = st.file_uploader(t("impl.file", types=evidence.ACCEPTED), type=FILE_TYPES, key=f"{key}_file")
            entry = RecordInput(on, title=title, doc_number=doc_number)
        elif kind == "conference":
            day_col, level_col = st.columns(2)
            on = day_col.date_input(t("impl.conference_date"), value=today, format="DD/MM/YYYY",
                                    min_value=date(2000, 1, 1), key=f"{key}_day")
            level = pickers.pick(t("impl.level"), {code: label("conference_level", code) for code in CONFERENCE_LEVELS},
                                 widgets.lang_key(f"{key}_level"), where=level_col)
            count_col, share_col = st.columns(2)
            participants = count_col.number_input(t("impl.participants"), min_value=0, value=None, step=1,
                                                  key=f"{key}_participants")
            reached = share_col.number_input(t("impl.reached_pct"), value=None, step=1.0, format="%g",
                                             key=f"{key}_reached")
            title = st.text_input(t("impl.title"), key=f"{key}_title")
            entry = RecordInput(on, title=title, level=level, participants=participants, reached_pct=reached)
        else:
            on = st.date_input(t("impl.period_end"), value=today, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                               key=f"{key}_day")
            counts = {name: col.number_input(t(f"impl.{name}"), min_value=0, value=None, step=1, key=f"{key}_{name}")
                      for name, col in zip(("articles", "broadcasts", "sessions"), st.columns(3), strict=True)}
            title = st.text_input(t("impl.title"), key=f"{key}_title")
            entry = RecordInput(on, title=title, **counts)
        submitted = st.form_submit_button(t("impl.submit"), type="primary")
    if not submitted:
        return
    name, content = (upload.name, upload.getvalue()) if upload is not None else ("", None)
    if widgets.write(lambda s: implementation.record(s, actor, body_id, kind, entry, filename=name, content=content,
                                                     program_id=program_choice.current())) is not widgets.FAILED:
        widgets.done(PAGE, t("impl.saved"), reset=FORM)


def _records(actor: Actor, body_id: int, kind: str) -> None:
    rows = widgets.read(lambda s: implementation.for_body(s, actor, body_id, kind))
    if rows is widgets.FAILED:
        return
    st.subheader(t("impl.recorded"))
    if not rows:
        st.info(t("impl.none"))
        return
    table = [_row(r) for r in rows]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)))
    _downloads(actor, [r for r in rows if r["evidence_id"]], kind)
    _delete(actor, rows, kind, body_id)


def _row(r: dict) -> dict:
    row = {t("impl.col.day"): day(r["occurred_on"])}
    if r["kind"] == "plan":
        row[t("impl.doc_number")] = r["doc_number"]
    elif r["kind"] == "conference":
        row |= {t("impl.level"): label("conference_level", r["level"]), t("impl.participants"): r["participants"],
                t("impl.reached_pct"): "" if r["reached_pct"] is None else f"{r['reached_pct']:g}"}
    else:
        row |= {t(f"impl.{name}"): r[name] for name in ("articles", "broadcasts", "sessions")}
    row[t("impl.title")] = r["title"]
    if r["kind"] == "plan":
        row[t("impl.col.file")] = r["file_name"] or ""
    return row


def _label(r: dict) -> str:
    return " — ".join(part for part in (day(r["occurred_on"]), r["doc_number"], r["title"]) if part)


def _downloads(actor: Actor, rows: list[dict], kind: str) -> None:
    for r in rows:
        file = widgets.read(lambda s, rid=r["id"]: implementation.open_file(s, actor, rid))
        if file is not widgets.FAILED:
            st.download_button(f"{t('impl.download')}: {escape_markdown(file.name)}", file.content, file_name=file.name,
                               mime=file.media_type, key=f"{FORM}_download_{kind}_{r['id']}",
                               icon=":material/download:")


def _delete(actor: Actor, rows: list[dict], kind: str, body_id: int) -> None:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pickers.pick(t("impl.delete_pick"), {r["id"]: _label(r) for r in rows},
                          f"{FORM}_delete_{kind}_{body_id}", start=None, where=left)
    if right.button(t("impl.delete"), key=f"{FORM}_delete_button_{kind}_{body_id}", disabled=chosen is None) \
            and widgets.write(lambda s: implementation.delete(s, actor, chosen)) is not widgets.FAILED:
        widgets.done(PAGE, t("impl.deleted"))
