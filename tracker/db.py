"""Engine and sessions: SQLite pragmas for the embedded default, psycopg 3 for PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlmodel import Session, create_engine

from tracker import private_files
from tracker.config import Settings, get_settings
from tracker.errors import ConfigError, DatabaseUnavailable



READ_ONLY = "read_only"  # execution option of read-only sessions (see session_scope)


def _sqlite_begin(conn) -> None:
    """Writing transactions take the write lock at BEGIN (IMMEDIATE), so a transaction that reads
    and then writes can never fail on a stale snapshot; read-only ones use a plain BEGIN, never wait
    for a writer, and run under ``PRAGMA query_only`` so that a write in them fails at once."""
    read_only = bool(conn.get_execution_options().get(READ_ONLY))
    if conn.connection.info.get("query_only", False) != read_only:  # the pragma stays with the pooled connection
        conn.exec_driver_sql(f"PRAGMA query_only={int(read_only)}")
        conn.connection.info["query_only"] = read_only
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_pragmas(busy_timeout_ms: int, dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(settings: Settings) -> Engine:
    """Create an engine for ``settings``; SQLite gets foreign keys, WAL and a busy timeout."""
    url = settings.sqlalchemy_url
    try:
        if settings.is_sqlite:
            if url.startswith("sqlite:///") and ":memory:" not in url:
                settings.ensure_data_dir()
                _create_private_file(make_url(url).database)
            engine = create_engine(url, connect_args={"check_same_thread": False, "isolation_level": None,
                                                      "timeout": settings.sqlite_busy_timeout_ms / 1000})
            event.listen(engine, "connect", partial(_sqlite_pragmas, settings.sqlite_busy_timeout_ms))
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise ConfigError(f"TRACKER_DATABASE_URL không hợp lệ ({_redact(url)}): {exc}") from exc
    return engine


def _create_private_file(database: str) -> None:
    """Create the SQLite file as 0600 before SQLite does (its journal and WAL take the same mode)."""
    try:
        private_files.touch(Path(database))
    except OSError:
        pass  # e.g. its folder is missing: SQLite's own error says so when it connects


def check_connection(engine: Engine) -> None:
    """Open one connection; raise DatabaseUnavailable with a readable message if it fails."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(
            f"Không kết nối được cơ sở dữ liệu {_redact(str(engine.url))}: {reason}. "
            "Kiểm tra TRACKER_DATABASE_URL và máy chủ cơ sở dữ liệu."
        ) from exc
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(f"Lỗi cơ sở dữ liệu {_redact(str(engine.url))}: {exc}") from exc


def _redact(url: str) -> str:
    """Hide the password in a database URL before it is shown or logged."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings())


@contextmanager
def session_scope(engine: Engine | None = None, read_only: bool = False) -> Iterator[Session]:
    """A session that commits on success and rolls back on error: one unit of work.

    ``read_only`` sessions (page reads) do not take SQLite's write lock at BEGIN and refuse writes
    (SQLite ``query_only``, PostgreSQL ``READ ONLY`` transactions); see ``allow_writes``.
    """
    bind = engine or get_engine()
    if read_only:
        bind = bind.execution_options(**_access_options(True))
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


def _access_options(read_only: bool) -> dict:
    return {READ_ONLY: read_only, "postgresql_readonly": read_only}  # each dialect ignores the other's


def allow_writes(session: Session) -> None:
    """Let the next transaction of ``session`` write even if the session is read-only.

    Call it between transactions (after a commit or rollback): an audited refusal met during a page
    read records its event this way, in a transaction that takes the write lock like any other.
    """
    session.connection(execution_options=_access_options(False))


def insert_ignoring_duplicates(session, model, rows: list[dict], unique_column: str) -> int:
    """INSERT rows, skipping those whose ``unique_column`` already exists (SQLite and PostgreSQL).

    Safe when two processes insert the same keys at once: the database decides, not a prior SELECT.
    """
    return len(insert_new(session, model, rows, unique_column))


def insert_new(session, model, rows: list[dict], unique_column: str) -> list:
    """``insert_ignoring_duplicates``, returning the ``unique_column`` values this call inserted."""
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = model.__table__
    stmt = insert(table).on_conflict_do_nothing(index_elements=[unique_column]).returning(table.c[unique_column])
    # Core executemany: SQLAlchemy batches it ("insertmanyvalues") and returns only the inserted keys.
    return list(session.connection().execute(stmt, rows).scalars())
