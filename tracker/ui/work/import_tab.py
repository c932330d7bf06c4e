"""Bulk import (nhập hàng loạt): upload, preview every row, then write only the valid rows on confirmation.

The preview is kept in the session, tied to the file's content, its kind and the user: nothing is
written until the confirm button, and a different file (or kind) is previewed afresh.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import streamlit as st

from tracker.clock import local_today
from tracker.services import imports
from tracker.services.actor import Actor
from tracker.services.imports import RowResult
from tracker.ui import data, widgets
from tracker.ui.formatting import day
from tracker.ui.i18n import t

PREVIEW = "work_import_preview"
TEMPLATE_NAMES = {"actions": "mau-ket-qua-thuc-hien.csv", "values": "mau-so-lieu-chi-tieu.csv"}
CHECKS = {"actions": imports.preview_actions, "values": imports.preview_values}


def render(actor: Actor, page: str) -> None:
    """The import tab of ``page``: choose a kind ``actor`` may write, get its template, upload, check, confirm."""
    kind = st.radio(t("work.import.kind"), imports.kinds(actor), format_func=lambda k: t(f"work.import.kind.{k}"),
                    horizontal=True, key=widgets.lang_key("work_import_kind"))
    st.download_button(t("work.import.template"), data=imports.template_csv(kind), file_name=TEMPLATE_NAMES[kind],
                       mime="text/csv", icon=":material/download:", key=f"work_import_template_{kind}")
    st.caption(t("work.import.hint"))
    uploaded = st.file_uploader(t("work.import.file"), type=["csv", "xlsx"],
                                key=f"work_import_file_{widgets.version('work_import')}")
    if uploaded is None:
        st.session_state.pop(PREVIEW, None)
        return
    results = _preview(actor, kind, uploaded.name, uploaded.getvalue())
    if results is None:
        return
    st.dataframe(_table(kind, results), hide_index=True, height=widgets.table_height(len(results)))
    valid = sum(r.ok for r in results)
    st.markdown(t("work.import.count", ok=valid, total=len(results)))
    if not st.button(t("work.import.commit", count=valid), type="primary", disabled=not valid,
                     key="work_import_commit"):
        return
    written = widgets.write(lambda s: imports.commit(s, actor, results, kind, local_today()))
    if written is widgets.FAILED:
        return
    st.session_state.pop(PREVIEW, None)
    data.forget_catalog()  # progress changed: cached task lists must not show the old figures
    widgets.done(page, t("work.import.done", count=written), reset="work_import")


def _preview(actor: Actor, kind: str, name: str, content: bytes) -> list[RowResult] | None:
    """The row-by-row check of this file (computed once per file, kind and user; writes nothing)."""
    ident = (kind, name, hashlib.sha256(content).hexdigest(), actor.user_id)
    kept = st.session_state.get(PREVIEW)
    if kept and kept["ident"] == ident:
        return kept["results"]
    st.session_state.pop(PREVIEW, None)
    results = widgets.read(lambda s: CHECKS[kind](s, actor, name, content, local_today()))
    if results is widgets.FAILED:
        return None
    st.session_state[PREVIEW] = {"ident": ident, "results": results}
    return results


def _cell(value) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return day(value)
    return "" if value is None else str(value)


def _table(kind: str, results: list[RowResult]) -> list[dict]:
    headers = imports.TEMPLATE_HEADERS[kind]
    return [{t("work.col.row"): r.number,
             **{header: _cell(r.values.get(column)) for column, header in headers.items()},
             t("work.col.check"): t("work.import.ok") if r.ok else "; ".join(r.errors)} for r in results]
