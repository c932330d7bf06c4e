"""Shared fixtures: every database test runs on a real SQLite file and on a real PostgreSQL server.

PostgreSQL comes from TRACKER_TEST_POSTGRES_URL (`.ci/start-postgres` prints it). Without it the
PostgreSQL half is skipped on a developer machine, and fails when CI=true: CI must test both.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from tracker.config import PROJECT_ROOT, Settings, get_settings, running_in_ci
from tracker.db import get_engine, make_engine, session_scope
from tracker.migrate import upgrade
from tracker.seeding import load_seed, read_seed

# A page that opens a second session while one is open in the same thread fails the test
# (tracker.ui.data.NestedSession); the servers the browser tests start inherit it.
os.environ.setdefault("TRACKER_STRICT_SESSIONS", "1")

BACKENDS = ("sqlite", "postgresql")
SEED_DIR = PROJECT_ROOT / "seed"
SOURCE_DOC = SEED_DIR / "source" / "chuong-trinh-hanh-dong-nq42.md"  # the OCR text, as received


def postgres_admin_url() -> str | None:
    return os.environ.get("TRACKER_TEST_POSTGRES_URL")


def missing(what: str) -> NoReturn:
    """A part the test needs is not on this machine: skip locally, fail under CI=true (CI installs it)."""
    if running_in_ci():
        pytest.fail(f"{what} (CI=true: this test may not be skipped)")
    pytest.skip(what)


def require_postgres() -> str:
    url = postgres_admin_url()
    if url:
        return url
    missing("TRACKER_TEST_POSTGRES_URL is not set: run `eval \"$(.ci/start-postgres)\"` first")


@pytest.fixture
def database_url(request, tmp_path: Path) -> Iterator[str]:
    """A URL to a brand-new empty database: a SQLite file, or a fresh PostgreSQL database."""
    with new_database(getattr(request, "param", "sqlite"), tmp_path / "tracker.db") as url:
        yield url


@contextmanager
def new_database(backend: str, sqlite_file: Path) -> Iterator[str]:
    """The URL of a brand-new empty database of ``backend`` ("sqlite" or "postgresql"), dropped on leaving
    (PostgreSQL); on SQLite, the file ``sqlite_file``, created on first connection."""
    if backend == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    admin_url = make_url(require_postgres())
    name = f"tracker_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def pytest_generate_tests(metafunc):
    """Tests that use a database run once per backend, with ids [sqlite] and [postgresql].

    ``@pytest.mark.backends("postgresql")`` narrows a test to the engines it is about.
    """
    if "database_url" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("backends")
        metafunc.parametrize("database_url", marker.args if marker else BACKENDS, indirect=True)


@pytest.fixture
def settings(database_url: str, tmp_path: Path, monkeypatch) -> Iterator[Settings]:
    """Point the whole process (settings, engine, CLI) at the test database and a temp data dir."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield get_settings()
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """An engine on an empty database."""
    eng = make_engine(settings)
    yield eng
    eng.dispose()


@pytest.fixture
def migrated(engine: Engine) -> Engine:
    upgrade(engine)
    return engine


@pytest.fixture(scope="session")
def seed_bundle():
    return read_seed(SEED_DIR)


@pytest.fixture
def seeded(migrated: Engine, seed_bundle) -> Engine:
    with session_scope(migrated) as session:
        load_seed(session, seed_bundle)
    return migrated


@pytest.fixture
def session(seeded: Engine):
    with session_scope(seeded) as s:
        yield s


def make_actor(engine: Engine, username: str, role: str, org_code: str):
    """A real User row (password hashing skipped) in ``org_code``, returned as its Actor."""
    from sqlmodel import select

    from tracker.models import Organisation, User
    from tracker.services.auth import actor_of

    with session_scope(engine) as s:
        org = s.exec(select(Organisation).where(Organisation.code == org_code)).one()
        user = User(username=username, role=role, organisation_id=org.id, password_hash="!test-only")
        s.add(user)
        s.flush()
        return actor_of(user)
