"""Page "Nhật ký" (administrators and the monitoring department): filter, download, verify the chain.

Times are shown in the configured time zone; the CSV keeps the service's UTC ISO times. The CSV
starts with a UTF-8 byte order mark so spreadsheet programs read Vietnamese text correctly.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import streamlit as st

from tracker.config import get_settings
from tracker.services import audit, audit_log
from tracker.services.audit_log import EventFilter
from tracker.ui import data, pickers, session, widgets
from tracker.ui.formatting import moment
from tracker.ui.i18n import VOCAB, label, t
from tracker.ui.widgets import lang_key, table_height

DEFAULT_DAYS = 30
ALL = ""  # the "no filter" choice of a selectbox


def render() -> None:
    actor = session.actor()
    st.title(t("nav.audit"))
    flt = widgets.read_cached(lambda: _filters())  # the form lists the bodies
    if flt is widgets.FAILED:
        return
    rows = widgets.read(lambda s: audit_log.search_events(s, actor, flt))
    if rows is widgets.FAILED:
        return
    if rows:
        st.caption(t("audit.count", count=len(rows), limit=flt.limit))
        st.dataframe(_table(rows), hide_index=True, height=table_height(len(rows)),
                     column_config={t("col.summary"): st.column_config.TextColumn(width="large")})
    else:
        st.info(t("audit.none"))
    with st.container(horizontal=True):
        st.download_button(t("audit.download"), data=audit_log.events_csv(rows).encode("utf-8-sig"),
                           file_name="nhat-ky.csv", mime="text/csv", key="audit_csv", icon=":material/download:")
        verify = st.button(t("audit.verify"), key="audit_verify", icon=":material/verified:")
    if verify:
        _verify()


def _filters() -> EventFilter:
    """The filter form (applied on submit); the body list comes from the cached index of bodies."""
    bodies = data.organisations()
    ids = {o["code"]: o["id"] for o in bodies}
    tz = get_settings().tz
    today = datetime.now(tz).date()
    with st.form("audit_filter", clear_on_submit=False):
        c1, c2, c3 = st.columns(3)
        dates = c1.date_input(t("audit.dates"), value=(today - timedelta(days=DEFAULT_DAYS), today),
                              format="DD/MM/YYYY", key="audit_dates")
        username = c2.text_input(t("audit.username"), key="audit_username")
        body = pickers.pick(t("audit.body"), {ALL: t("choice.all"), **{c: c for c in ids}}, lang_key("audit_body"),
                            where=c3)
        object_type = c1.selectbox(t("audit.object_type"), [ALL, *VOCAB["object_type"]],
                                   key=lang_key("audit_object_type"),
                                   format_func=lambda c: label("object_type", c) if c else t("choice.all"))
        object_id = c2.text_input(t("audit.object_id"), key="audit_object_id")
        st.form_submit_button(t("audit.apply"), icon=":material/filter_alt:")
    since, until = _bounds(dates, tz)
    return EventFilter(since=since, until=until, username=username.strip() or None,
                       organisation_id=ids.get(body) if body else None, object_type=object_type or None,
                       object_id=object_id.strip() or None)


def _bounds(dates, tz) -> tuple[datetime | None, datetime | None]:
    """Local whole days [first, last] as UTC instants [since, until); an empty choice means no limit."""
    picked = [d for d in (dates if isinstance(dates, (tuple, list)) else [dates]) if isinstance(d, date)]
    if not picked:
        return None, None
    first, last = picked[0], picked[-1]
    since = datetime.combine(first, time.min, tzinfo=tz)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    return since, until


def _table(rows: list[dict]) -> list[dict]:
    tz = get_settings().tz
    return [{t("col.seq"): r["seq"], t("col.at"): moment(r["at"], tz),
             t("col.actor"): r["actor"] or t("audit.system"), t("col.organisation"): r["organisation"],
             t("col.action"): label("audit_action", r["action"]),
             t("col.object_type"): label("object_type", r["object_type"]), t("col.object_id"): r["object_id"],
             t("col.summary"): r["summary"], t("col.hash"): r["hash"][:16]} for r in rows]


def _verify() -> None:
    result = widgets.read(audit.verify)
    if result is widgets.FAILED:
        return
    if result.ok:
        st.success(t("audit.verify_ok", count=result.checked, hash=result.head_hash))
    else:
        st.error(t("audit.verify_bad", problem=result.problem, count=result.checked))
