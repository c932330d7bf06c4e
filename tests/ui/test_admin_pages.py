"""Administrator pages: accounts and bodies; every write goes through the service as the signed-in admin."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from tests.ui.conftest import ACCOUNTS, PASSWORD, add_account, click, login, open_page, widget
from tracker.cli import main as cli_main
from tracker.clock import utcnow
from tracker.db import session_scope
from tracker.models import Assignment, AuditEvent, User
from tracker.services.organisations import get_by_code

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


def test_merge_needs_confirmation_and_hands_assignments_on(tmp_path, retarget, new_app):
    retarget(tmp_path)
    assert cli_main(["init"]) == 0
    add_account("merge.admin", "admin", "BTG-TU")
    with session_scope() as s:
        old_id = get_by_code(s, "HU-NAMNHUN").id
        open_before = len(s.exec(select(Assignment).where(Assignment.organisation_id == old_id,
                                                          Assignment.cancelled_at.is_(None))).all())
    assert open_before > 0
    at = open_page(login(new_app().run(), "merge.admin"), "Cơ quan, đơn vị")
    widget(at.selectbox, "Cơ quan được hợp nhất").set_value("HU-NAMNHUN").run()
    widget(at.selectbox, "Cơ quan kế thừa").set_value("HU-MUONGTE").run()
    assert next(b for b in at.button if b.label == "Hợp nhất").disabled, "no merge before the confirmation"

    widget(at.checkbox, "Tôi xác nhận hợp nhất").check().run()
    assert not next(b for b in at.button if b.label == "Hợp nhất").disabled
    click(at, "Hợp nhất")
    at.run()
    assert not at.exception and not at.error
    assert [m.value for m in at.success] == [
        f"Đã hợp nhất HU-NAMNHUN vào HU-MUONGTE: chuyển giao {open_before} nhiệm vụ đang mở."]
    table = at.dataframe[0].value.set_index("Mã")
    assert table.loc["HU-NAMNHUN", "Trạng thái"] == "Đã hợp nhất vào HU-MUONGTE"
    with session_scope() as s:
        merged = get_by_code(s, "HU-NAMNHUN")
        assert not merged.active and merged.successor_id == get_by_code(s, "HU-MUONGTE").id
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "merge")).one()
        assert event.summary["after"]["assignments_handed_on"] == open_before


def test_create_and_rename_a_body(tmp_path, retarget, new_app):
    retarget(tmp_path)
    assert cli_main(["init"]) == 0
    add_account("org.admin", "admin", "BTG-TU")
    at = open_page(login(new_app().run(), "org.admin"), "Cơ quan, đơn vị")
    widget(at.text_input, "Mã (chữ in hoa không dấu, số, gạch ngang)").input("so-thu-nghiem")
    widget(at.text_input, "Tên đầy đủ").input("Sở Thử nghiệm")
    click(at, "Thêm mới")
    at.run()
    assert [m.value for m in at.success] == ["Đã thêm SO-THU-NGHIEM."]
    assert "SO-THU-NGHIEM" in set(at.dataframe[0].value["Mã"])

    at.selectbox(key="org_rename_pick").set_value("SO-THU-NGHIEM").run()
    widget(at.text_input, "Tên mới").input("Sở Thử nghiệm mới")
    click(at, "Đổi tên")
    at.run()
    assert [m.value for m in at.success] == ["Đã đổi tên SO-THU-NGHIEM."]
    assert at.dataframe[0].value.set_index("Mã").loc["SO-THU-NGHIEM", "Tên"] == "Sở Thử nghiệm mới"

    widget(at.text_input, "Mã (chữ in hoa không dấu, số, gạch ngang)").input("x")
    widget(at.text_input, "Tên đầy đủ").input("Sai mã")
    click(at, "Thêm mới")
    at.run()
    assert [e.value for e in at.error] == ["Mã cơ quan gồm 2–40 ký tự: chữ in hoa không dấu, số, gạch ngang."]


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
