"""`init`, `migrate`, `seed` and `check`: bring a database to a usable state."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from tracker.config import get_settings
from tracker.db import check_connection, get_engine, session_scope
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
                                           "Safe to run again: nothing already loaded or recorded changes.")
    init.add_argument("--seed-dir", type=Path, help="folder of seed YAML files (default: TRACKER_SEED_DIR)")
    init.set_defaults(handler=run_init)

    migrate = commands.add_parser("migrate", help="migrate the database schema only",
                                  description="Upgrade the database schema to the latest Alembic revision.")
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


def run_migrate(_args) -> int:
    upgrade(_ready_engine())
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
    engine = _ready_engine()
    upgrade(engine)
    with session_scope(engine) as session:
        report = load_seed(session, bundle)
        has_admin = session.exec(select(User.id).where(User.role == "admin", User.active)).first() is not None
    print(f"Cơ sở dữ liệu: {engine.url.render_as_string(hide_password=True)}")
    print(report.summary())
    return has_admin


def run_init(args) -> int:
    if not initialise(args.seed_dir):
        print(FIRST_ADMIN_HINT)
    return 0
