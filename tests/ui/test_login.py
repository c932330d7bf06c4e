"""Sign-in, the pages each role sees, and the rules that end a session, driven through AppTest."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.ui.conftest import PASSWORD, ROOT, add_account, click, login, menu, session_user
from tracker.clock import utcnow
from tracker.db import session_scope
from tracker.services import auth, users

LOGIN_MENU = ["Đăng nhập"]


def login_error(at) -> str:
    assert not at.exception
    assert [t.value for t in at.title] == ["Đăng nhập"], "still on the login page"
    assert len(at.error) == 1
    return at.error[0].value


def test_not_signed_in_shows_only_the_login_page(new_app):
    at = new_app().run()
    assert not at.exception
    assert menu(at) == LOGIN_MENU
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert [w.label for w in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert [b.label for b in at.button] == ["Đăng nhập"]
    assert not at.tabs and not at.info, "an administrator exists: no first-admin hint"


def test_login_form_in_english(new_app):
    at = new_app().run()
    at.selectbox(key="lang").set_value("en").run()
    assert [w.label for w in at.text_input] == ["Username", "Password"]
    assert [t.value for t in at.title] == ["Sign in"]


def test_wrong_password_and_unknown_user_get_the_same_message(new_app):
    wrong = login_error(login(new_app().run(), "ui.monitor", "sai-mat-khau-123"))
    unknown = login_error(login(new_app().run(), "khong.ai.ca", PASSWORD))
    assert wrong == unknown == auth.LOGIN_FAILED


def test_right_password_shows_the_program_and_the_roles_pages(signed_in):
    admin = signed_in("ui.admin")
    assert [t.value for t in admin.title] == ["Chương trình hành động"]
    assert menu(admin) == ["Chương trình hành động", "Nhiệm vụ của đơn vị", "Thông báo", "Cài đặt nhắc việc",
                           "Tài khoản", "Nhập chương trình", "Cơ quan, đơn vị", "Nhật ký"]
    assert any(c.value == "Đăng nhập: ui.admin (Quản trị hệ thống, BTG-TU)" for c in admin.sidebar.caption)

    agency = signed_in("ui.sinho")
    assert "Tài khoản" not in menu(agency) and "Nhật ký" not in menu(agency)
    assert any(c.value == "Đăng nhập: ui.sinho (Cơ quan, đơn vị, HU-SINHO)" for c in agency.sidebar.caption)

    assert "Nhật ký" in menu(signed_in("ui.monitor"))
    leader = signed_in("ui.leader")
    assert menu(leader) == ["Chương trình hành động", "Nhiệm vụ của đơn vị", "Thông báo", "Theo dõi, đôn đốc",
                            "Ý kiến chỉ đạo", "Tổng quan", "Chỉ tiêu 2030"]
    assert [t.value for t in leader.title] == ["Tổng quan"]  # leaders land on the dashboard


def test_five_wrong_passwords_lock_the_account_with_the_same_message(new_app):
    add_account("ui.locked", "agency", "HU-SINHO")
    at = new_app().run()
    for _ in range(5):
        assert login_error(login(at, "ui.locked", "sai-mat-khau-123")) == auth.LOGIN_FAILED
    assert login_error(login(at, "ui.locked", PASSWORD)) == auth.LOGIN_FAILED
    assert session_user(at) is None


def test_idle_session_ends_at_the_next_run(signed_in):
    at = signed_in("ui.monitor")
    at.session_state["last_seen"] = utcnow() - timedelta(minutes=31)
    at.run()
    assert menu(at) == LOGIN_MENU and session_user(at) is None
    assert [w.value for w in at.warning] == ["Phiên làm việc đã hết hạn do không thao tác quá lâu. Vui lòng đăng nhập lại."]


def test_recent_activity_keeps_the_session(signed_in):
    at = signed_in("ui.monitor")
    at.session_state["last_seen"] = utcnow() - timedelta(minutes=29)
    at.run()
    assert session_user(at) == "ui.monitor"
    assert at.session_state["last_seen"] > utcnow() - timedelta(minutes=1), "last_seen moves on"


def test_session_ends_after_twelve_hours_however_active(signed_in):
    at = signed_in("ui.monitor")
    signed = at.session_state["signed_in"]
    at.session_state["signed_in"] = replace(signed, signed_in_at=signed.signed_in_at - timedelta(hours=13))
    at.run()
    assert menu(at) == LOGIN_MENU
    assert [w.value for w in at.warning] == ["Phiên làm việc đã quá thời hạn tối đa. Vui lòng đăng nhập lại."]


def test_disabling_the_account_signs_it_out_at_the_next_interaction(new_app):
    add_account("ui.disabled", "agency", "SO-YTE")
    at = login(new_app().run(), "ui.disabled")
    assert session_user(at) == "ui.disabled"
    with session_scope() as s:
        users.set_active(s, ROOT, "ui.disabled", False)
    at.selectbox(key="lang").set_value("vi").run()  # any interaction
    assert menu(at) == LOGIN_MENU and session_user(at) is None
    assert "Tài khoản đã bị khóa" in at.warning[0].value


def test_logout_returns_to_the_login_page(signed_in):
    at = signed_in("ui.leader")
    at.selectbox(key="lang").set_value("vi")
    click(at, "Đăng xuất")
    at.run()
    assert not at.exception
    assert menu(at) == LOGIN_MENU and session_user(at) is None
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert not at.warning


def test_first_admin_hint_when_there_is_no_administrator(tmp_path, retarget, new_app):
    from tracker.cli import main as cli_main

    retarget(tmp_path)
    assert cli_main(["init", "--as-issued"]) == 0
    at = new_app().run()
    assert len(at.info) == 1 and "lệnh sẽ hỏi mật khẩu" in at.info[0].value
    # In a code block (scrolls, never wraps inside a flag), with the project's own Python: the system one
    # has none of the packages.
    # --org: the code of today's monitoring body, read at run time (BTGDV-TU once the 2025 merge is applied)
    from sqlmodel import select

    from tracker.clock import local_today
    from tracker.db import get_engine, session_scope
    from tracker.models import Program
    from tracker.services import registry
    with session_scope(get_engine()) as s:
        code = registry.monitoring_body(s, s.exec(select(Program)).first(), local_today()).code
    assert code in ("BTG-TU", "BTGDV-TU")
    assert [c.value.splitlines() for c in at.code] == [[
        "make admin NAME=TEN", f".venv/bin/python -m tracker user add TEN --role admin --org {code}"]]
    assert all(len(line) <= 72 for line in at.code[0].value.splitlines())
