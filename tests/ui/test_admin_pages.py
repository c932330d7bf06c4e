"""Administrator pages: accounts (bodies: test_orgs_admin.py); every write goes through the service as the signed-in admin."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from tests.ui.conftest import ACCOUNTS, PASSWORD, add_account, click, login, open_page, widget
from tracker.clock import utcnow
from tracker.db import session_scope
from tracker.models import User

GENERATED = re.compile(r"`([^`]+)`")


def users_page(signed_in):
    return open_page(signed_in("ui.admin"), "Tài khoản")


def test_accounts_are_listed_with_role_labels(signed_in):
    at = users_page(signed_in)
    table = at.dataframe[0].value.set_index("Tên đăng nhập")
    assert set(ACCOUNTS) <= set(table.index)
    assert table.loc["ui.monitor", "Vai trò"] == "Cơ quan theo dõi"
    assert table.loc["ui.sinho", "Cơ quan, đơn vị"] == "HU-SINHO"
    assert table.loc["ui.leader", "Trạng thái"] == "Đang hoạt động"


def test_admin_creates_a_user_and_sees_the_generated_password_once(signed_in, new_app):
    at = users_page(signed_in)
    widget(at.text_input, "Tên đăng nhập").input("tamduong.vanphong")
    widget(at.text_input, "Họ và tên").input("Lò Văn Tâm")
    widget(at.selectbox, "Cơ quan, đơn vị").set_value("HU-TAMDUONG")
    click(at, "Tạo tài khoản")
    at.run()
    assert not at.exception and not at.error
    assert len(at.success) == 1
    message = at.success[0].value
    assert message.startswith("Đã tạo tài khoản tamduong.vanphong.") and "chỉ hiển thị một lần" in message
    password = GENERATED.search(message).group(1)
    assert widget(at.text_input, "Tên đăng nhập").value == "", "the form is empty again"
    assert "tamduong.vanphong" in set(at.dataframe[0].value["Tên đăng nhập"])

    at.run()
    assert not at.success, "the password is shown only once"
    assert "_flash_users" not in at.session_state, "nor kept in the session"

    newcomer = login(new_app().run(), "tamduong.vanphong", password)
    assert "Đăng nhập: tamduong.vanphong (Cơ quan, đơn vị, HU-TAMDUONG)" in [c.value for c in newcomer.sidebar.caption]


def test_a_refused_account_keeps_the_inputs_and_shows_the_service_message(signed_in):
    at = users_page(signed_in)
    widget(at.text_input, "Tên đăng nhập").input("ui.monitor")
    widget(at.selectbox, "Cơ quan, đơn vị").set_value("BTG-TU")
    click(at, "Tạo tài khoản")
    at.run()
    assert [e.value for e in at.error] == ["Tên đăng nhập 'ui.monitor' đã có người dùng."]
    assert widget(at.text_input, "Tên đăng nhập").value == "ui.monitor"
    assert not at.exception


def test_disable_enable_and_reset_password(signed_in, new_app):
    add_account("ui.toggle", "agency", "SO-YTE")
    at = users_page(signed_in)
    widget(at.selectbox, "Tài khoản").set_value("ui.toggle").run()
    click(at, "Khóa tài khoản")
    at.run()
    assert at.success[0].value.startswith("Đã khóa tài khoản ui.toggle")
    assert at.dataframe[0].value.set_index("Tên đăng nhập").loc["ui.toggle", "Trạng thái"] == "Đã khóa"
    click(at, "Mở khóa tài khoản")
    at.run()
    assert at.success[0].value == "Đã mở khóa tài khoản ui.toggle."

    click(at, "Đặt lại mật khẩu")
    at.run()
    password = GENERATED.search(at.success[0].value).group(1)
    assert password != PASSWORD
    assert login(new_app().run(), "ui.toggle", password).session_state["signed_in"].actor.username == "ui.toggle"


def test_admin_cannot_disable_itself(signed_in):
    at = users_page(signed_in)
    widget(at.selectbox, "Tài khoản").set_value("ui.admin").run()
    click(at, "Khóa tài khoản")
    at.run()
    assert [e.value for e in at.error] == ["Không thể tự khóa tài khoản của chính mình."]
    with session_scope() as s:
        assert s.exec(select(User).where(User.username == "ui.admin")).one().active


def test_a_form_sent_after_the_session_expired_changes_nothing(signed_in):
    """The router checks the session before any page runs, so a late submit cannot write."""
    at = users_page(signed_in)
    widget(at.text_input, "Tên đăng nhập").input("qua.han")
    widget(at.selectbox, "Cơ quan, đơn vị").set_value("SO-YTE")
    at.session_state["last_seen"] = utcnow() - timedelta(minutes=31)
    click(at, "Tạo tài khoản")
    at.run()
    assert [t.value for t in at.title] == ["Đăng nhập"]
    with session_scope() as s:
        assert s.exec(select(User).where(User.username == "qua.han")).first() is None
