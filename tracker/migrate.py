"""Run Alembic migrations programmatically (CLI, app start-up, tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from tracker.config import PROJECT_ROOT
from tracker.errors import NOT_INITIALISED, SchemaOutdated


def alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema of ``engine``'s database up to ``revision``."""
    cfg = alembic_config()
    with _migrating(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with _migrating(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction for the migration. On SQLite, foreign keys are off while it runs: a batch ALTER
    copies a table, drops it and renames the copy, and the DROP of a table other rows point at (every
    body has assignments and accounts) would fail. They are checked before the commit instead."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # a no-op inside a transaction: set on the driver's connection, before tracker's BEGIN
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() if sqlite else []
                if broken:
                    raise RuntimeError(f"Di chuyển lược đồ làm hỏng khóa ngoại: {broken[:5]}")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def is_migrated(engine: Engine) -> bool:
    """True when the database has the schema (an alembic_version row)."""
    return inspect(engine).has_table("alembic_version")


@lru_cache(maxsize=1)
def code_heads() -> frozenset[str]:
    """The Alembic head revision(s) this code expects."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def check_schema(engine: Engine) -> None:
    """Raise SchemaOutdated unless the database is migrated to exactly the code's head."""
    if not is_migrated(engine):
        raise SchemaOutdated(NOT_INITIALISED)
    with engine.connect() as conn:
        current = frozenset(MigrationContext.configure(conn).get_current_heads())
    if current != code_heads():
        raise SchemaOutdated(
            f"Lược đồ cơ sở dữ liệu (phiên bản {', '.join(sorted(current)) or '?'}) không khớp với phần mềm "
            f"(phiên bản {', '.join(sorted(code_heads()))}). Hãy chạy: python -m tracker migrate")
