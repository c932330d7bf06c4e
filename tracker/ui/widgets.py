"""Small shared pieces of the pages: guarded writes, one-shot messages, forms that reset after success.

Writes run in the script body, never in widget callbacks: callbacks run before the router has
checked the session, so a write there could outlive an expired or revoked sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.ui import data
from tracker.ui.formatting import escape_markdown
from tracker.ui.i18n import current_lang, t

T = TypeVar("T")
FAILED = object()  # what write() and read() return when the service refused or the database failed
ROW_PX, MAX_TABLE_PX = 35, 700
PAGE_ROWS = 100  # rows of a long table sent to the browser at once


def write(operation: Callable[[Session], T]) -> T | object:
    """Run ``operation(session)`` as one transaction; on a TrackerError show its message, return FAILED."""
    return _guarded(data.session, operation)


def read(query: Callable[[Session], T]) -> T | object:
    """Run ``query(session)`` in a read-only transaction; on a TrackerError show its message, return FAILED.

    The one way pages read: no write lock is taken, so a page view never waits behind a writer.
    ``query`` may also draw widgets; reads through the cached readers of ``data`` go through
    ``read_cached`` instead, so that no second session opens while this one is open.
    """
    return _guarded(data.read_session, query)


def read_cached(work: Callable[[], T]) -> T | object:
    """Run ``work()``, which reads through the cached readers of ``data`` (each opens its own read-only
    session, one at a time); on a TrackerError show its message, return FAILED. No session is opened
    here, so a reader never holds one session open while another is opened in the same thread."""
    try:
        return work()
    except TrackerError as exc:
        show_error(exc)
        return FAILED


def read_rows(query: Callable[[Session], list[T]], empty: str) -> list[T] | None:
    """``read(query)`` for a list the page goes on to show: None (with ``empty`` said, or the error
    shown) when there is nothing to show."""
    return _rows(read(query), empty)


def read_cached_rows(work: Callable[[], list[T]], empty: str) -> list[T] | None:
    """``read_cached(work)`` for a list the page goes on to show, as ``read_rows``."""
    return _rows(read_cached(work), empty)


def _rows(rows, empty: str):
    if rows is FAILED:
        return None
    if not rows:
        st.info(empty)
        return None
    return rows


def _guarded(open_session, work: Callable[[Session], T]) -> T | object:
    try:
        with open_session() as s:
            return work(s)
    except TrackerError as exc:
        show_error(exc)
        return FAILED


def show_error(exc: Exception) -> None:
    """A service's refusal as an error box; names and typed text in it show verbatim, never as Markdown."""
    st.error(escape_markdown(str(exc)))


def version(form: str) -> int:
    """The current generation of ``form``: put it in the form's and its widgets' keys."""
    return st.session_state.get(f"_version_{form}", 0)


def done(page: str, message: str, reset: str | None = None) -> None:
    """After a successful write: keep ``message`` for the next run of ``page``, empty form ``reset``, rerun.

    The rerun redraws the page from the database, so tables above the form show the change, and
    the dashboard's cached figures are dropped so that no one reads them stale after a change.
    """
    from tracker.ui.dashboard import dashboard_data  # imported here: the dashboard modules import widgets

    dashboard_data.clear()
    st.session_state.setdefault(f"_flash_{page}", []).append(message)
    if reset:
        st.session_state[f"_version_{reset}"] = version(reset) + 1
    st.rerun()


def show_flash(page: str) -> None:
    """Show (once) the success messages ``done`` left for ``page``.

    They go into a container drawn on every run, so the elements below keep their place (and
    tabs their selection) whether or not there is a message.
    """
    box = st.container()
    for message in st.session_state.pop(f"_flash_{page}", []):
        box.success(message)


def lang_key(key: str) -> str:
    """A widget key that changes with the language.

    A keyed selectbox keeps showing its chosen option in the language it was chosen in; a key per
    language redraws it (at the cost of resetting that one choice when the language changes).
    """
    return f"{key}_{current_lang()}"


def table_height(rows: int) -> int:
    """Tall enough for every row (plus header), capped so the page stays scrollable."""
    return min(ROW_PX * (rows + 1) + 3, MAX_TABLE_PX)


def table_downloads(table: list[dict], name: str, key: str) -> None:
    """CSV and XLSX download buttons for the whole of a table shaped for display (its keys are the
    headers). The files are built when a button is clicked, not on every draw of the page."""
    if not table:
        return
    from tracker.services.tabular import to_csv, to_xlsx

    headers = {column: column for column in table[0]}
    left, right = st.columns(2)
    left.download_button("CSV", lambda: to_csv(table, headers), file_name=f"{name}.csv", mime="text/csv",
                         key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    right.download_button("XLSX", lambda: to_xlsx({name[:31]: (table, headers)}), file_name=f"{name}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/download:", on_click="ignore")


def page_of(table: list[dict], key: str, per_page: int = PAGE_ROWS) -> list[dict]:
    """The rows of ``table`` a person reads at once: a search over every cell (diacritics and case
    ignored) and a page number when there are more than ``per_page``; the whole table goes to the
    downloads. Rows keep their order (the caller puts the worst first)."""
    if len(table) <= per_page:
        return table
    from tracker.text import fold

    query = st.text_input(t("table.search"), key=f"{key}_search")
    if query and query.strip():
        wanted = fold(query.strip())
        table = [row for row in table if any(wanted in fold(str(value)) for value in row.values())]
    pages = max(1, -(-len(table) // per_page))
    chosen = st.number_input(t("table.page", pages=pages), min_value=1, max_value=pages, value=1, step=1, key=f"{key}_page") \
        if pages > 1 else 1
    start = (int(chosen) - 1) * per_page
    st.caption(t("table.rows", first=start + 1 if table else 0, last=min(start + per_page, len(table)),
                 total=len(table)))
    return table[start:start + per_page]
