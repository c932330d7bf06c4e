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
from tracker.clock import local_today
from tracker.models import Organisation, Program, User
from tracker.seeding import load_seed, read_seed
from tracker.services import registry
from tracker.services.actor import Actor


FIRST_ADMIN_HINT = (
    "Chưa có quản trị viên. Tạo tài khoản quản trị đầu tiên (mật khẩu sẽ được hỏi):\n"
    "    .venv/bin/python -m tracker user add TEN_DANG_NHAP --role admin --org {org} --email EMAIL\n"
    "(No administrator yet: create the first one with the command above.)"
)
REORGANISATIONS = "reorganisations"  # the folder of event files inside the seed folder


def register(commands) -> None:
    init = commands.add_parser("init", help="migrate the database to the latest schema and load the seed",
                               description="Migrate the database (Alembic) and load the Action Program seed. "
                                           "Safe to run again: nothing already loaded or recorded changes. "
                                           "Runs as TRACKER_MIGRATION_DATABASE_URL when set.")
    init.add_argument("--seed-dir", type=Path, help="folder of seed YAML files (default: TRACKER_SEED_DIR)")
    init.add_argument("--as-issued", action="store_true",
                      help="keep the bodies the document names: apply none of the seed's reorganisation events")
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


def initialise(seed_dir: Path | None = None, as_issued: bool = False) -> tuple[bool, str]:
    """Validate the seed, migrate, load, then (unless ``as_issued``) apply the seed's reorganisation
    events in effect today and not yet applied; print what happened. Returns whether an admin exists
    and the code of the body monitoring the Program today (for the first admin's hint)."""
    folder = seed_dir or get_settings().seed_dir
    bundle = read_seed(folder)  # validate before touching the database
    events_dir = Path(folder) / REORGANISATIONS
    reorganisation = None if as_issued or not events_dir.is_dir() else _reorganisation()
    specs = reorganisation.read_events(events_dir) if reorganisation else []
    today = local_today()
    with _owner_engine() as engine:
        _migrate(engine)
        with session_scope(engine) as session:
            report = load_seed(session, bundle)
        with session_scope(engine) as session:
            applied = (reorganisation.apply_in_effect(session, Actor.operator("cli:init"), specs, today)
                       if reorganisation else [])
            active = len(session.exec(select(Organisation.id).where(Organisation.active)).all())
            has_admin = session.exec(select(User.id).where(User.role == "admin", User.active)).first() is not None
            monitor = _monitor_code(session, today)
        shown = engine.url.render_as_string(hide_password=True)
    print(f"Cơ sở dữ liệu: {shown}")
    print(report.summary())
    print(_reorganisation_summary(as_issued, applied, today, active))
    return has_admin, monitor


def _reorganisation():
    """The reorganisation service, imported only when events are to be applied (``--as-issued`` needs none)."""
    from tracker.services import reorganisation
    return reorganisation


def _reorganisation_summary(as_issued: bool, applied: list[str], today, active: int) -> str:
    if as_issued:
        return (f"Giữ nguyên cơ cấu tổ chức như văn bản ban hành (--as-issued): không áp dụng sự kiện sắp xếp "
                f"tổ chức nào. Số cơ quan đang hoạt động: {active}.")
    if not applied:
        return f"Không có sự kiện sắp xếp tổ chức mới cần áp dụng. Số cơ quan đang hoạt động: {active}."
    return (f"Đã áp dụng {len(applied)} sự kiện sắp xếp tổ chức có hiệu lực đến {today:%d/%m/%Y}: "
            f"{', '.join(applied)}. Số cơ quan đang hoạt động: {active}.")


def _monitor_code(session, today) -> str:
    """The code of the body monitoring the (first) Program today, or a placeholder when there is none."""
    program = session.exec(select(Program).order_by(Program.id)).first()
    if program is None or program.monitor_org_id is None:
        return "MA_CO_QUAN"
    return registry.monitoring_body(session, program, today).code


def run_init(args) -> int:
    has_admin, monitor = initialise(args.seed_dir, args.as_issued)
    if not has_admin:
        print(FIRST_ADMIN_HINT.format(org=monitor))
    return 0
