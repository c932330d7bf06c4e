"""Cached read access for the pages: plain lists and dicts from the catalog services.

Every cached function takes the database URL as its first argument, so a cache entry never
outlives a change of database (tests, TRACKER_DATABASE_URL). Errors are not cached: a page shows
a TrackerError's message and the next rerun tries again.
"""

from __future__ import annotations

from contextlib import contextmanager

import streamlit as st
from sqlalchemy.engine import Engine

from tracker.config import get_settings
from tracker.db import check_connection, get_engine, session_scope
from tracker.migrate import check_schema
from tracker.services import catalog

OVERVIEW_TTL_SECONDS = 300
SEARCH_TTL_SECONDS = 60


def database_url() -> str:
    """The configured database URL (ConfigError if the configuration is unusable)."""
    return get_settings().sqlalchemy_url


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    """The process-wide engine for ``url``, checked once (DatabaseUnavailable if unreachable)."""
    eng = get_engine()
    check_connection(eng)
    return eng


@contextmanager
def _session(url: str):
    eng = engine(url)
    check_schema(eng)
    with session_scope(eng) as session:
        yield session


@st.cache_data(ttl=OVERVIEW_TTL_SECONDS, show_spinner=False)
def _overview(url: str) -> dict:
    with _session(url) as s:
        program = catalog.get_program(s)
        return {
            "header": catalog.program_header(s, program),
            "baselines": catalog.baselines(s, program),
            "milestones": catalog.milestones(s, program),
            "groups": catalog.task_groups(s, program),
            "targets": catalog.targets(s, program),
            "organisations": catalog.organisations(s),
            "assignments": catalog.assignments(s, program),
            "responsibilities": catalog.responsibilities(s, program),
        }


@st.cache_data(ttl=SEARCH_TTL_SECONDS, show_spinner=False, max_entries=500)
def _search(url: str, query: str) -> dict[str, list[dict]]:
    with _session(url) as s:
        return catalog.search(s, catalog.get_program(s), query)


def program_overview() -> dict:
    """Everything the program page shows: header, baselines, milestones, groups, targets, bodies."""
    return _overview(database_url())


def search(query: str) -> dict[str, list[dict]]:
    """Tasks, targets and bodies matching ``query`` (diacritics and case ignored)."""
    return _search(database_url(), query.strip())
