"""Demo data: one account per role and some activity, so a newcomer can try every screen.

Only ever run against the separate demo database (`make demo`), never a real one: the CLI refuses
unless the data directory is named "demo" or --force is given.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from tracker.models import Action, Assignment, Directive, Organisation, Target, TargetValue, Task, User
from tracker.models.records import ImplementationRecord
from tracker.services import action_record, directives, implementation, periods, reports, target_values, users
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor
from tracker.services.auth import actor_of
from tracker.services.target_values import ValueInput

# Today's bodies: `make demo` runs the default `init`, which applies the shipped 2025 reorganisation
# (seed/reorganisations/), so the monitor sits in the merged board and the local work in a commune committee.
ACCOUNTS = (  # username, role, organisation code, full name
    ("demo.quantri", "admin", "VPTU", "Quản trị hệ thống (demo)"),
    ("demo.lanhdao", "leader", "BTV-TU", "Lãnh đạo Ban Thường vụ (demo)"),
    ("demo.tuyengiao", "monitor", "BTGDV-TU", "Chuyên viên Ban Tuyên giáo và Dân vận (demo)"),
    ("demo.sinho", "agency", "DUX-SINHO", "Văn phòng Đảng ủy xã Sìn Hồ (demo)"),
    ("demo.yte", "agency", "SO-YTE", "Văn phòng Sở Y tế (demo)"),
    ("demo.ubnd", "agency", "DU-UBND", "Văn phòng Đảng ủy UBND tỉnh (demo)"),
)

ACTIVITY = (  # organisation, task, days ago, progress, document number, description
    ("DUX-SINHO", "III.1.1", 120, 40, "112-KH/ĐU", "Ban hành kế hoạch tuyên truyền Nghị quyết số 42-NQ/TW"),
    ("DUX-SINHO", "III.1.1", 60, 100, "131-BC/ĐU", "Tổ chức hội nghị quán triệt cho 100% chi bộ trực thuộc"),
    ("DUX-SINHO", "III.1.2", 30, 50, "", "Phát hành 2.000 tờ gấp tuyên truyền bằng tiếng Việt và tiếng Hà Nhì"),
    ("SO-YTE", "III.6.b.1", 120, 60, "845/KH-SYT", "Kế hoạch sắp xếp các cơ sở y tế sau khi tổ chức lại cấp xã"),
    ("SO-YTE", "III.6.b.3", 15, 30, "", "Khám sàng lọc suy dinh dưỡng cho trẻ em dưới 5 tuổi tại 3 xã"),
    ("DU-UBND", "III.2.3", 90, 20, "35-KH/ĐU", "Kế hoạch chuyển đổi số trong lĩnh vực chính sách xã hội"),
)

IMPLEMENTATION = (  # username, kind, days ago, fields of implementation.RecordInput (IV.1)
    ("demo.sinho", "plan", 120, {"doc_number": "112-KH/ĐU", "title": "Kế hoạch thực hiện Chương trình hành động"}),
    ("demo.yte", "plan", 110, {"doc_number": "845/KH-SYT", "title": "Kế hoạch triển khai Chương trình hành động"}),
    ("demo.sinho", "conference", 60, {"level": "commune", "participants": 320, "reached_pct": 97.5,
                                      "title": "Hội nghị quán triệt cho 100% chi bộ trực thuộc"}),
    ("demo.sinho", "propaganda", 30, {"articles": 6, "broadcasts": 4, "sessions": 15,
                                      "title": "Tuyên truyền bằng tiếng Việt và tiếng Hà Nhì"}),
)


@dataclass(frozen=True)
class DemoResult:
    password: str
    accounts: tuple[tuple[str, str, str], ...]
    actions_logged: int


def create_demo(session: Session, today: date) -> DemoResult:
    """Create the demo accounts (one shared random password) and log the sample actions."""
    setup = Actor.operator("demo")
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
        action_record.record_action(session, actor_of(agent), assignment.id,
                                    ActionInput(acted, text, progress, doc, acted if doc else None), today=today)
        logged += 1
    _report_directive_and_value(session, today)
    _implementation(session, today)
    return DemoResult(password, tuple((u, r, o) for u, r, o, _ in ACCOUNTS), logged)


def _user(session: Session, username: str) -> User:
    return session.exec(select(User).where(User.username == username)).one()


def _report_directive_and_value(session: Session, today: date) -> None:
    """A submitted report for the monitor's inbox, a leader's directive, a target value (each once)."""
    sinho, yte, leader = (actor_of(_user(session, u)) for u in ("demo.sinho", "demo.yte", "demo.lanhdao"))
    period = periods.containing("semiannual", today).label
    report = reports.open_report(session, sinho, sinho.organisation_id, period)
    if report.state == "draft":
        reports.save_draft(session, sinho, report.id, {"sections": {"III.1": {
            "done": "Tổ chức hội nghị quán triệt Nghị quyết số 42-NQ/TW cho 100% chi bộ.",
            "results": "3.200 đảng viên được quán triệt; phát hành 2.000 tờ gấp.",
            "difficulties": "Địa bàn rộng, giao thông khó khăn.",
            "proposals": "Bổ sung kinh phí tuyên truyền bằng tiếng dân tộc."}}})
        reports.submit(session, sinho, report.id)
    if not session.exec(select(Directive.id).where(Directive.organisation_id == yte.organisation_id)).first():
        directives.write(session, leader, "Đề nghị Sở Y tế báo cáo tiến độ sắp xếp các cơ sở y tế sau khi tổ chức lại cấp xã "
                         "trước ngày 15/12.", organisation_id=yte.organisation_id)
    beds = session.exec(select(Target).where(Target.unit == "per_10000", Target.responsible_org_id == yte.organisation_id)
                        .order_by(Target.position)).first()
    if beds and not session.exec(select(TargetValue.id).where(TargetValue.target_id == beds.id)).first():
        target_values.record(session, yte, beds.id, ValueInput(period=f"{today.year - 1}", measured_on=date(
            today.year - 1, 12, 31), value=35.2, source="Niên giám thống kê y tế"), today=today)


def _implementation(session: Session, today: date) -> None:
    """Plans of Sìn Hồ and Y tế, a conference and propaganda of Sìn Hồ (each once), for the IV.1 figures."""
    for username, kind, days_ago, fields in IMPLEMENTATION:
        agent = actor_of(_user(session, username))
        if session.exec(select(ImplementationRecord.id).where(
                ImplementationRecord.organisation_id == agent.organisation_id,
                ImplementationRecord.kind == kind)).first() is None:
            implementation.record(session, agent, agent.organisation_id, kind, implementation.RecordInput(
                today - timedelta(days=days_ago), **fields), today=today)
