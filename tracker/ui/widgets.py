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
from tracker.ui.i18n import current_lang

T = TypeVar("T")
FAILED = object()  # what write() and read() return when the service refused or the database failed
ROW_PX, MAX_TABLE_PX = 35, 700


def write(operation: Callable[[Session], T]) -> T | object:
    """Run ``operation(session)`` as one transaction; on a TrackerError show its message, return FAILED."""
    return _guarded(data.session, operation)


def read(query: Callable[[Session], T]) -> T | object:
    """Run ``query(session)`` in a read-only transaction; on a TrackerError show its message, return FAILED.

    The one way pages read: no write lock is taken, so a page view never waits behind a writer.
    ``query`` may also draw widgets or call the cached readers of ``data`` (which open their own).
    """
    return _guarded(data.read_session, query)


def read_rows(query: Callable[[Session], list[T]], empty: str) -> list[T] | None:
    """``read(query)`` for a list the page goes on to show: None (with ``empty`` said, or the error
    shown) when there is nothing to show."""
    rows = read(query)
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
    """CSV and XLSX download buttons for a table already shaped for display (its keys are the headers)."""
    if not table:
        return
    from tracker.services.tabular import to_csv, to_xlsx

    headers = {column: column for column in table[0]}
    left, right = st.columns(2)
    left.download_button("CSV", to_csv(table, headers), file_name=f"{name}.csv", mime="text/csv",
                         key=f"{key}_csv", icon=":material/download:")
    right.download_button("XLSX", to_xlsx({name[:31]: (table, headers)}), file_name=f"{name}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/download:")
