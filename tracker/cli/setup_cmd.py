"""`init`, `migrate`, `seed` and `check`: bring a database to a usable state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from tracker.config import get_settings
from tracker.errors import ConfigError
from tracker.db import check_connection, get_engine, make_engine, session_scope
from tracker.migrate import upgrade
from tracker.models import User
from tracker.seeding import load_seed, read_seed


FIRST_ADMIN_HINT = (
    "Chưa có quản trị viên. Tạo tài khoản quản trị đầu tiên (mật khẩu sẽ được hỏi):\n"
    "    .venv/bin/python -m tracker user add TEN_DANG_NHAP --role admin --org BTG-TU --email EMAIL\n"
    "(No administrator yet: create the first one with the command above.)"
)


def register(commands) -> None:
    init = commands.add_parser("init", help="migrate the database to the latest schema and load the seed",
                               description="Migrate the database (Alembic) and load the Action Program seed. "
                                           "Safe to run again: nothing already loaded or recorded changes. "
                                           "Runs as TRACKER_MIGRATION_DATABASE_URL when set.")
    init.add_argument("--seed-dir", type=Path, help="folder of seed YAML files (default: TRACKER_SEED_DIR)")
    init.set_defaults(handler=run_init)

    migrate = commands.add_parser("migrate", help="migrate the database schema only",
                                  description="Upgrade the database schema to the latest Alembic revision "
                                              "(as TRACKER_MIGRATION_DATABASE_URL when set).")
    migrate.set_defaults(handler=run_migrate)

    seed = commands.add_parser("seed", help="load the seed into a migrated database",
                               description="Validate the seed YAML files and insert what is missing.")
    seed.add_argument("--seed-dir", type=Path, help="folder of seed YAML files (default: TRACKER_SEED_DIR)")
    seed.add_argument("--check", action="store_true", help="only validate the seed files; touch no database")
    seed.set_defaults(handler=run_seed)


def _ready_engine():
    engine = get_engine()
    check_connection(engine)
    return engine


@contextmanager
def _owner_engine() -> Iterator:
    """The engine of the schema's owner (TRACKER_MIGRATION_DATABASE_URL, else the usual one), checked."""
    settings = get_settings()
    if not settings.migration_database_url:
        yield _ready_engine()
        return
    engine = make_engine(settings.for_migrations())
    try:
        check_connection(engine)
        yield engine
    finally:
        engine.dispose()


def _migrate(engine) -> None:
    """Upgrade the schema; a role without the right to change it gets a clear message."""
    try:
        upgrade(engine)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        raise ConfigError(
            f"Vai trò cơ sở dữ liệu {engine.url.username!r} không có quyền thay đổi lược đồ. Hãy chạy migrate/init "
            "với TRACKER_MIGRATION_DATABASE_URL là vai trò sở hữu các bảng (xem docs/deploy.md).") from exc


def run_migrate(_args) -> int:
    with _owner_engine() as engine:
        _migrate(engine)
    print("Cơ sở dữ liệu đã ở phiên bản lược đồ mới nhất.")
    return 0


def run_seed(args) -> int:
    bundle = read_seed(args.seed_dir or get_settings().seed_dir)
    if args.check:
        print(f"Dữ liệu khởi tạo hợp lệ: {len(bundle.all_tasks())} nhiệm vụ, {len(bundle.targets)} chỉ tiêu, "
              f"{len(bundle.organisations)} cơ quan.")
        return 0
    with session_scope(_ready_engine()) as session:
        report = load_seed(session, bundle)
    print(report.summary())
    return 0


def initialise(seed_dir: Path | None = None) -> bool:
    """Validate the seed, migrate, load; print what happened. Returns whether an admin exists."""
    bundle = read_seed(seed_dir or get_settings().seed_dir)  # validate before touching the database
    with _owner_engine() as engine:
        _migrate(engine)
        with session_scope(engine) as session:
            report = load_seed(session, bundle)
            has_admin = session.exec(select(User.id).where(User.role == "admin", User.active)).first() is not None
        shown = engine.url.render_as_string(hide_password=True)
    print(f"Cơ sở dữ liệu: {shown}")
    print(report.summary())
    return has_admin


def run_init(args) -> int:
    if not initialise(args.seed_dir):
        print(FIRST_ADMIN_HINT)
    return 0
