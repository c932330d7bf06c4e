"""Database access for the pages: write and read-only sessions, and cached reads.

Every cached function takes the database URL as its first argument, so a cache entry never
outlives a change of database (tests, TRACKER_DATABASE_URL). Errors are not cached: a page shows
a TrackerError's message and the next rerun tries again.

Public facts (the program, the list of bodies) are cached once for everybody. Anything read on
behalf of a user is cached under that user's id, role and body as well, so one body's data can
never be served to another. Reads run in ``read_session()`` (no write lock, writes refused); writes
go through ``session()`` uncached, then ``forget_catalog()``. The schema is checked once per process.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date

import streamlit as st
from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import select

from tracker.config import get_settings
from tracker.db import check_connection, get_engine, session_scope
from tracker.errors import TrackerError
from tracker.migrate import check_schema
from tracker.models import Organisation, Reorganisation, User
from tracker.services import assignments, catalog, notices, registry, reorganisation, ui_support
from tracker.services.actor import Actor

OVERVIEW_TTL_SECONDS = 300
SEARCH_TTL_SECONDS = 60
PER_USER_TTL_SECONDS = 60


def database_url() -> str:
    """The configured database URL (ConfigError if the configuration is unusable)."""
    return get_settings().sqlalchemy_url


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    """The process-wide engine for ``url``, checked once: reachable (else DatabaseUnavailable) and
    migrated to the code's head (else SchemaOutdated). A failure is not cached: the next run checks again."""
    eng = get_engine()
    check_connection(eng)
    check_schema(eng)
    return eng


_OPEN = threading.local()  # sessions this thread holds open (see _session)


class NestedSession(RuntimeError):
    """A second session opened while one is open in the same thread (a bug: under load on SQLite, a
    writer between the two could make the page wait on itself)."""


@contextmanager
def _session(url: str, read_only: bool = True):
    """A session of the page's thread; with TRACKER_STRICT_SESSIONS set (the tests), opening one while
    another is open in this thread raises NestedSession."""
    depth = getattr(_OPEN, "depth", 0)
    if depth and os.environ.get("TRACKER_STRICT_SESSIONS"):
        raise NestedSession("a session was opened while another is open in this thread")
    _OPEN.depth = depth + 1
    try:
        with session_scope(engine(url), read_only=read_only) as session:
            yield session
    finally:
        _OPEN.depth = depth


@contextmanager
def session():
    """One unit of work on the configured database: commits on success, rolls back on error."""
    with _session(database_url(), read_only=False) as s:
        yield s


@contextmanager
def read_session():
    """A read-only session: never waits for SQLite's write lock, and a write in it fails."""
    with _session(database_url()) as s:
        yield s


@st.cache_data(ttl=OVERVIEW_TTL_SECONDS, show_spinner=False)
def _overview(url: str, program_id: int | None) -> dict:
    with _session(url) as s:
        program = catalog.get_program(s, program_id=program_id)
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
def _search(url: str, query: str, program_id: int | None) -> dict[str, list[dict]]:
    with _session(url) as s:
        return catalog.search(s, catalog.get_program(s, program_id=program_id), query)


@st.cache_data(ttl=OVERVIEW_TTL_SECONDS, show_spinner=False)
def _programs(url: str) -> dict[int, str]:
    with _session(url) as s:
        return {p.id: f"{p.code} — {p.title}" for p in catalog.programs(s)}


def program_overview(program_id: int | None = None) -> dict:
    """Everything the program page shows: header, baselines, milestones, groups, targets, bodies."""
    return _overview(database_url(), program_id)


def programs() -> dict[int, str]:
    """Every program: id -> "code — title", in the order they were loaded."""
    return _programs(database_url())


def search(query: str, program_id: int | None = None) -> dict[str, list[dict]]:
    """Tasks, targets and bodies of the program matching ``query`` (diacritics and case ignored)."""
    return _search(database_url(), query.strip(), program_id)


@st.cache_data(ttl=OVERVIEW_TTL_SECONDS, show_spinner=False)
def _organisations(url: str) -> list[dict]:
    with _session(url) as s:
        return ui_support.organisation_index(s)


def organisations() -> list[dict]:
    """Every body with its database id, code, name, kind, parent, successor and ``active``."""
    return _organisations(database_url())


@st.cache_data(ttl=PER_USER_TTL_SECONDS, show_spinner=False, max_entries=1000)
def _body_assignments(url: str, user_id: int, username: str, role: str, actor_org_id: int | None,
                      organisation_id: int | None) -> list[dict]:
    actor = Actor(user_id=user_id, username=username, role=role, organisation_id=actor_org_id)
    with _session(url) as s:
        return assignments.for_body(s, actor, organisation_id)


def body_assignments(actor: Actor, organisation_id: int | None = None) -> list[dict]:
    """Open assignments of a body as ``actor`` may see them; cached per user, role and body."""
    return _body_assignments(database_url(), actor.user_id, actor.username, actor.role, actor.organisation_id,
                             organisation_id)


def unread_notices(actor: Actor) -> int:
    """How many of the actor's notices are unread, for the sidebar (0 when the database cannot say)."""
    try:  # not widgets.read: the sidebar shows no error
        with read_session() as s:
            return notices.unread_count(s, actor)
    except TrackerError:
        return 0


@st.cache_data(ttl=OVERVIEW_TTL_SECONDS, show_spinner=False, max_entries=100)
def _tree(url: str, on: date, with_ended: bool) -> list[dict]:
    with _session(url) as s:
        if not with_ended:
            return [asdict(b) for b in registry.tree_as_of(s, on)]
        ids = s.exec(select(Organisation.id).where(or_(Organisation.began_on.is_(None),
                                                       Organisation.began_on <= on)).order_by(
            Organisation.position, Organisation.id)).all()
        bodies = registry.bodies_as_of(s, ids, on)
        return [asdict(bodies[i]) for i in ids if i in bodies]


def tree(on: date, with_ended: bool = False) -> list[dict]:
    """The bodies alive on ``on`` (with ``with_ended``: also those that ended by then), named as of
    that date, as dicts of registry.BodyAsOf."""
    return _tree(database_url(), on, with_ended)


@st.cache_data(ttl=OVERVIEW_TTL_SECONDS, show_spinner=False)
def _reorganisations(url: str) -> list[dict]:
    with _session(url) as s:
        users = {u.id: u.username for u in s.exec(select(User))}
        events = s.exec(select(Reorganisation).order_by(Reorganisation.effective_on, Reorganisation.id)).all()
        return [{"code": e.code, "kind": e.kind, "title": e.title, "effective_on": e.effective_on,
                 "basis_number": e.basis_number, "basis_date": e.basis_date, "applied_at": e.applied_at,
                 "applied_by": users.get(e.applied_by, ""), "undone_at": e.undone_at,
                 "blocker": None if e.undone_at else reorganisation.undo_blocker(s, e)} for e in events]


def reorganisations() -> list[dict]:
    """Every reorganisation event applied, oldest first, with why it cannot be undone (None: it can)."""
    return _reorganisations(database_url())


def forget_catalog() -> None:
    """Drop cached reads after a write that changes bodies or assignments."""
    for cached in (_overview, _search, _programs, _organisations, _body_assignments, _tree, _reorganisations):
        cached.clear()
