"""Page "Ý kiến chỉ đạo": leaders write directives; leaders and the monitor read every thread and reply.

A directive is about exactly one subject: a task (it reaches every body assigned to it), one
body's assignment, or a body. Bodies answer from their own home page.
"""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from tracker.config import get_settings
from tracker.services import directives, workspace
from tracker.services.actor import Actor
from tracker.services.permissions import allowed
from tracker.ui import data, pickers, session, widgets
from tracker.ui.formatting import escape_markdown, moment, shorten
from tracker.ui.i18n import label, t
from tracker.ui.monitor.workspace_common import body_option

PAGE = "monitor_directives"
SUBJECTS = {"task": "task_id", "assignment": "assignment_id", "organisation": "organisation_id"}
THREADS = 50


def render() -> None:
    actor = session.actor()
    st.title(t("nav.directives"))
    widgets.show_flash(PAGE)
    # refuses roles reading only their own threads
    threads = widgets.read(lambda s: directives.all_threads(s, actor, limit=THREADS))
    if threads is widgets.FAILED:
        return
    if allowed(actor, "directive.write"):
        _write(actor)
    st.subheader(t("mon.dir.threads"))
    if not threads:
        st.info(t("mon.dir.none"))
        return
    if len(threads) == THREADS:
        st.caption(t("mon.dir.limit", count=THREADS))
    for thread in threads:
        with st.container(border=True):
            _thread(actor, thread)


def _choices(s: Session, actor: Actor, kind: str) -> dict[int, str]:
    """What a directive of ``kind`` may be about: database id -> label."""
    if kind == "task":
        return {r["id"]: f"{r['code']} — {shorten(r['text'])}" for r in directives.task_index(s, actor)}
    if kind == "assignment":
        rows = workspace.all_assignments(s, actor)
        rows.sort(key=lambda r: (r["task"], r["organisation"]))
        return {r["id"]: f"{r['task']} · {r['organisation']} ({label('role', r['role'])})" for r in rows}
    raise ValueError(kind)


def _write(actor: Actor) -> None:
    st.subheader(t("mon.dir.new"))
    kind = st.radio(t("mon.dir.on"), list(SUBJECTS), horizontal=True, key="mon_dir_kind",
                    format_func=lambda k: t(f"mon.dir.on.{k}"))
    choices = (widgets.read_cached(lambda: {o["id"]: body_option(o) for o in data.organisations() if o["active"]})
               if kind == "organisation" else widgets.read(lambda s: _choices(s, actor, kind)))
    if choices is widgets.FAILED:
        return
    form = "mon_dir"
    key = f"{form}_{widgets.version(form)}_{kind}"
    with st.form(key, clear_on_submit=False):
        subject = pickers.pick(t(f"mon.dir.pick.{kind}"), choices, widgets.lang_key(f"{key}_subject"), start=None,
                               placeholder=t("mon.dir.pick_placeholder"))
        body = st.text_area(t("mon.dir.body"), height=120, max_chars=directives.MAX_BODY, key=f"{key}_body")
        sent = st.form_submit_button(t("mon.dir.send"), type="primary", icon=":material/send:")
    if not sent:
        return
    if subject is None:
        st.error(t("mon.dir.no_subject"))
        return
    if widgets.write(lambda s: directives.write(s, actor, body, **{SUBJECTS[kind]: subject})) is not widgets.FAILED:
        widgets.done(PAGE, t("mon.dir.sent"), reset=form)


def _said(item: dict, prefix: str = "") -> None:
    st.markdown(prefix + t("mon.dir.by", author=escape_markdown(item["author"]),
                           body=escape_markdown(item["author_org"]), time=moment(item["at"], get_settings().tz)))
    st.markdown(escape_markdown(item["body"]).replace("\n", "  \n"))


def _thread(actor: Actor, thread: dict) -> None:
    subject = t(f"mon.dir.subject.{thread['subject_type']}", task=thread["task"], body=thread["organisation"])
    st.markdown(f"**{escape_markdown(subject)}**")
    _said(thread)
    for reply in thread["replies"]:
        _said(reply, prefix="↳ ")
    if not allowed(actor, "directive.reply"):
        return
    form = f"mon_dir_reply_{thread['id']}"
    key = f"{form}_{widgets.version(form)}"
    with st.form(key, clear_on_submit=False, border=False):
        body = st.text_area(t("mon.dir.reply"), height=80, max_chars=directives.MAX_BODY, key=f"{key}_body")
        submitted = st.form_submit_button(t("mon.dir.reply_send"), icon=":material/reply:")
    if submitted and widgets.write(lambda s: directives.reply(s, actor, thread["id"], body)) is not widgets.FAILED:
        widgets.done(PAGE, t("mon.dir.replied"), reset=form)
