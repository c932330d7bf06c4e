"""`demo`: fill the separate demo database with one account per role and sample activity."""

from __future__ import annotations

from tracker.cli.setup_cmd import initialise
from tracker.clock import local_today
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.demo import create_demo
from tracker.errors import TrackerError


def register(commands) -> None:
    demo = commands.add_parser("demo", help="create demo accounts and activity (demo database only)",
                               description="Initialise the database, then create one account per role with a "
                                           "shared random password and some sample activity. Refuses to run "
                                           "unless TRACKER_DATA_DIR ends in 'demo' (use `make demo`).")
    demo.add_argument("--force", action="store_true", help="run even outside a 'demo' data directory")
    demo.set_defaults(handler=run_demo)


def run_demo(args) -> int:
    settings = get_settings()
    if settings.data_dir.name != "demo" and not args.force:
        raise TrackerError(f"Chỉ tạo dữ liệu mẫu trong thư mục dữ liệu 'demo' (hiện là {settings.data_dir}). "
                           "Dùng: make demo")
    initialise()
    with session_scope() as session:
        result = create_demo(session, local_today())
    print(f"\nDữ liệu mẫu: {result.actions_logged} kết quả thực hiện mới. Tài khoản (mật khẩu chung: {result.password}):")
    for username, role, org in result.accounts:
        print(f"  {username:<16} {role:<8} {org}")
    return 0
