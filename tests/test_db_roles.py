"""PostgreSQL deployment roles (deploy/db-roles.sql): the migration owner owns the schema; the
application role reads and writes rows but cannot alter, disable or drop the audit triggers."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from tests.conftest import SEED_DIR, missing
from tests.test_seed import SEEDED_ASSIGNMENTS
from tracker.cli import main
from tracker.config import PROJECT_ROOT, get_settings
from tracker.db import get_engine, session_scope
from tracker.models import Assignment, AuditEvent
from tracker.services import audit
from tracker.services.actor import Actor

pytestmark = pytest.mark.backends("postgresql")
ROLES_SQL = PROJECT_ROOT / "deploy" / "db-roles.sql"


def psql() -> str:
    found = shutil.which("psql") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))), None)
    return str(found) if found else missing("psql not installed (postgresql-client)")


@dataclass
class Roles:
    owner_url: str
    app_url: str


@pytest.fixture
def roles(database_url: str) -> Roles:
    """deploy/db-roles.sql run on a fresh database, with roles named for this test only."""
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"t_owner_{suffix}", f"t_app_{suffix}"
    subprocess.run([psql(), "-q", database_url, "-v", f"owner={owner}", "-v", "owner_password=owner-secret",
                    "-v", f"app={app}", "-v", "app_password=app-secret", "-f", str(ROLES_SQL)],
                   check=True, capture_output=True, text=True, timeout=60)
    url = make_url(database_url)
    yield Roles(url.set(username=owner, password="owner-secret").render_as_string(hide_password=False),
                url.set(username=app, password="app-secret").render_as_string(hide_password=False))
    admin = create_engine(url.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # roles are cluster-wide: drop them with what they own here
        for role in (owner, app):  # one at a time: PostgreSQL trips on a default ACL naming both
            conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{owner}", "{app}"'))
    admin.dispose()


@pytest.fixture
def deployed(roles: Roles, monkeypatch, tmp_path) -> Roles:
    """`python -m tracker init` run as an operator would, with the two URLs."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", roles.app_url)
    monkeypatch.setenv("TRACKER_MIGRATION_DATABASE_URL", roles.owner_url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRACKER_SEED_DIR", str(SEED_DIR))
    get_settings.cache_clear()
    get_engine.cache_clear()
    assert main(["init", "--as-issued"]) == 0
    yield roles
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def as_role(url: str, statement: str) -> None:
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def test_the_app_role_cannot_migrate_and_is_told_why(roles, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("TRACKER_DATABASE_URL", roles.app_url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        assert main(["migrate"]) == 2
        assert "TRACKER_MIGRATION_DATABASE_URL" in capsys.readouterr().err
    finally:
        get_engine().dispose()
        get_settings.cache_clear()
        get_engine.cache_clear()


def test_the_owner_migrates_and_owns_every_table(deployed):
    owner = make_url(deployed.owner_url).username
    with get_engine().connect() as conn:
        owners = dict(conn.execute(text("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'")).all())
    assert owners and set(owners.values()) == {owner}
    assert {"auditevent", "audithead", "alembic_version"} <= set(owners)


def test_the_app_role_reads_and_writes_rows(deployed):
    with session_scope() as s:  # TRACKER_DATABASE_URL: the app role
        assert s.exec(select(func.count()).select_from(Assignment)).one() == SEEDED_ASSIGNMENTS
        audit.record(s, Actor.operator("test"), "update", "assignment", 1, {"note": "as the app role"})
    with session_scope() as s:
        assert s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first().summary == {"note": "as the app role"}
        assert audit.verify(s).ok


@pytest.mark.parametrize("statement", [
    "ALTER TABLE auditevent DISABLE TRIGGER USER",
    "ALTER TABLE auditevent DISABLE TRIGGER auditevent_append_only",
    "ALTER TABLE audithead DISABLE TRIGGER ALL",
    "DROP TRIGGER auditevent_append_only ON auditevent",
    "ALTER TABLE auditevent ADD COLUMN note text",
    "ALTER TABLE auditevent RENAME TO auditevent_old",
    "TRUNCATE auditevent",
    "DROP TABLE auditevent CASCADE",
    "CREATE OR REPLACE FUNCTION tracker_refuse_change() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN RETURN OLD; END $$",
    "CREATE TABLE shadow (id int)",
])
def test_the_app_role_cannot_alter_or_disable_the_audit_log(deployed, statement):
    with pytest.raises(DBAPIError) as info:
        as_role(deployed.app_url, statement)
    assert info.value.orig.sqlstate == "42501", info.value  # insufficient_privilege


@pytest.mark.parametrize("statement", ["UPDATE auditevent SET action = 'login' WHERE id = 1",
                                       "DELETE FROM auditevent WHERE id = 1",
                                       "DELETE FROM audithead"])
def test_the_audit_triggers_still_refuse_changes_from_the_app_role(deployed, statement):
    with pytest.raises(DBAPIError, match="append-only|cannot be deleted"):
        as_role(deployed.app_url, statement)
