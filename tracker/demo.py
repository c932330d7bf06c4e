"""Demo data: one account per role and some activity, so a newcomer can try every screen.

Only ever run against the separate demo database (`make demo`), never a real one: the CLI refuses
unless the data directory is named "demo" or --force is given.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from tracker.models import Action, Assignment, Organisation, Task, User
from tracker.services import actions, users
from tracker.services.actions import ActionInput
from tracker.services.audit import Actor
from tracker.services.auth import actor_of

ACCOUNTS = (  # username, role, organisation code, full name
    ("demo.quantri", "admin", "VPTU", "Quản trị hệ thống (demo)"),
    ("demo.lanhdao", "leader", "BTV-TU", "Lãnh đạo Ban Thường vụ (demo)"),
    ("demo.tuyengiao", "monitor", "BTG-TU", "Chuyên viên Ban Tuyên giáo (demo)"),
    ("demo.sinho", "agency", "HU-SINHO", "Văn phòng Huyện ủy Sìn Hồ (demo)"),
    ("demo.yte", "agency", "SO-YTE", "Văn phòng Sở Y tế (demo)"),
    ("demo.ubnd", "agency", "BCSD-UBND", "Văn phòng Ban cán sự đảng UBND tỉnh (demo)"),
)

ACTIVITY = (  # organisation, task, days ago, progress, document number, description
    ("HU-SINHO", "III.1.1", 200, 40, "112-KH/HU", "Ban hành kế hoạch tuyên truyền Nghị quyết số 42-NQ/TW"),
    ("HU-SINHO", "III.1.1", 60, 100, "131-BC/HU", "Tổ chức hội nghị quán triệt cho 100% chi bộ, đảng bộ cơ sở"),
    ("HU-SINHO", "III.1.2", 30, 50, "", "Phát hành 2.000 tờ gấp tuyên truyền bằng tiếng Việt và tiếng Hà Nhì"),
    ("SO-YTE", "III.6.b.1", 120, 60, "845/KH-SYT", "Kế hoạch sắp xếp trung tâm y tế cấp huyện"),
    ("SO-YTE", "III.6.b.3", 15, 30, "", "Khám sàng lọc suy dinh dưỡng cho trẻ em dưới 5 tuổi tại 3 huyện"),
    ("BCSD-UBND", "III.2.3", 90, 20, "35-KH/BCSĐ", "Kế hoạch chuyển đổi số trong lĩnh vực chính sách xã hội"),
)


@dataclass(frozen=True)
class DemoResult:
    password: str
    accounts: tuple[tuple[str, str, str], ...]
    actions_logged: int


def create_demo(session: Session, today: date) -> DemoResult:
    """Create the demo accounts (one shared random password) and log the sample actions."""
    setup = Actor(None, "demo", "admin", None)
    password = "demo-" + secrets.token_urlsafe(9)
    for username, role, org, name in ACCOUNTS:
        if session.exec(select(User).where(User.username == username)).first() is None:
            users.add_user(session, setup, username, role, org, full_name=name, password=password)
        else:
            users.reset_password(session, setup, username, password)
    logged = 0
    for org_code, task_code, days_ago, progress, doc, text in ACTIVITY:
        assignment = session.exec(select(Assignment).join(Organisation).join(Task, Task.id == Assignment.task_id)
                                  .where(Organisation.code == org_code, Task.code == task_code)).first()
        if assignment is None or session.exec(select(Action.id).where(
                Action.assignment_id == assignment.id, Action.description == text)).first():
            continue  # already there: running the demo again adds nothing
        agent = session.exec(select(User).where(User.organisation_id == assignment.organisation_id,
                                                User.role == "agency")).first()
        acted = today - timedelta(days=days_ago)
        actions.log_action(session, actor_of(agent), assignment.id,
                           ActionInput(acted, text, progress, doc, acted if doc else None), today=today)
        logged += 1
    return DemoResult(password, tuple((u, r, o) for u, r, o, _ in ACCOUNTS), logged)
