"""Pages "Thông báo" (every role) and "Cài đặt nhắc việc" (administrators)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.ui.conftest import actor, errors, successes, texts
from tests.ui.monitor.conftest import click, keyed, make_late
from tracker.clock import local_today
from tracker.config import get_settings
from tracker.db import get_engine, session_scope
from tracker.models import Reminder, User
from tracker.notify import outbox
from tracker.services import reminder_rules, urging
from tracker.services.permissions import PermissionDenied
from tracker.services.reminder_rules import Rules
from tracker.ui import data
from tracker.ui.admin.settings_page import parse_days

REFUSED = "Bạn không có quyền thực hiện thao tác này."


def urge_sinho(*messages: str) -> None:
    make_late("HU-SINHO")
    monitor = actor("tuyengiao")
    for message in messages:
        with session_scope() as s:
            urging.urge(s, monitor, get_settings(), "HU-SINHO", message, local_today())
    outbox.deliver(get_engine(), get_settings())


def test_notices_unread_first_marked_read_one_then_all(page):
    urge_sinho("Lần thứ nhất", "Lần thứ hai")
    sinho = actor("sinho")
    assert data.unread_notices(sinho) == 2 and data.unread_notices(actor("yte")) == 0
    at = page("notices_page", "sinho")
    assert not at.exception and "2 thông báo chưa đọc trong 2 thông báo." in texts(at)
    assert texts(at).count(":blue-badge[Mới] **\\[Đôn đốc\\]") == 2
    [first, _] = [b for b in at.button if b.label == "Đánh dấu đã đọc"]
    first.click()
    at.run()
    assert successes(at) == ["Đã đánh dấu 1 thông báo là đã đọc."] and data.unread_notices(sinho) == 1
    assert "1 thông báo chưa đọc trong 2 thông báo." in texts(at)
    click(at, "Đánh dấu tất cả đã đọc")
    assert successes(at) == ["Đã đánh dấu 1 thông báo là đã đọc."] and data.unread_notices(sinho) == 0
    assert not [b for b in at.button if b.label.startswith("Đánh dấu")]
    assert "Lần thứ hai" in texts(at), "read notices stay listed"


def test_turning_reminder_emails_off_and_on(page):
    at = page("notices_page", "yte")
    assert "Chưa có thông báo nào." in texts(at)
    toggle = at.toggle[0]
    assert toggle.label == "Không nhận thư điện tử nhắc việc" and toggle.value is False
    toggle.set_value(True).run()
    assert successes(at) == ["Đã tắt thư điện tử nhắc việc; thông báo trong ứng dụng vẫn được gửi."]
    assert at.toggle[0].value is True
    with session_scope() as s:
        assert s.exec(select(User.email_opt_out).where(User.username == "yte")).one() is True
    at.toggle[0].set_value(False).run()
    assert successes(at) == ["Đã bật lại thư điện tử nhắc việc."] and at.toggle[0].value is False
    at.run()
    assert not successes(at), "no write when nothing changed"


def test_the_admin_saves_the_reminder_rules(page):
    at = page("settings_page", "quantri")
    assert not at.exception and not errors(at)
    before = keyed(at.text_input, "mon_rules_0_before")
    assert before.value == ", ".join(map(str, get_settings().reminder_before_days))
    before.input("bảy, 1")
    click(at, "Lưu quy tắc")
    assert errors(at) == ["Số ngày nhắc trước hạn phải là các số nguyên, ví dụ: 7, 1."]
    keyed(at.text_input, "mon_rules_0_before").input("1; 14 3")
    keyed(at.number_input, "mon_rules_0_every").set_value(5)
    keyed(at.number_input, "mon_rules_0_escalate").set_value(10)
    click(at, "Lưu quy tắc")
    assert successes(at) == ["Đã lưu quy tắc nhắc việc: nhắc trước 14, 3, 1 ngày; quá hạn nhắc lại mỗi 5 ngày; "
                             "báo cáo lãnh đạo sau 10 ngày quá hạn."]
    assert keyed(at.text_input, "mon_rules_1_before").value == "14, 3, 1"
    with session_scope() as s:
        assert reminder_rules.current(s, get_settings()) == Rules((14, 3, 1), 5, 10)
    assert "Không có nhắc việc nào gửi không thành công." in texts(at)


def test_a_non_admin_is_refused_by_the_service(page):
    at = page("settings_page", "tuyengiao")
    assert not at.exception and errors(at) == [REFUSED] and not at.text_input
    monitor = actor("tuyengiao")
    with pytest.raises(PermissionDenied), session_scope() as s:
        reminder_rules.save(s, monitor, [3], 2, 5)


def test_failed_reminders_are_sent_again(page):
    sinho = actor("sinho")
    with session_scope() as s:
        s.add(Reminder(idempotency_key="test:failed", rule="before_due", step="before_7", subject_type="assignment",
                       subject_id=1, due_on=local_today() + timedelta(days=7), recipient_user_id=sinho.user_id,
                       recipient_org_id=sinho.organisation_id, recipient_email="sinho@example.vn", channel="email",
                       subject="Nhắc hạn nhiệm vụ", body="…", state="failed", attempts=7,
                       last_error="550 mailbox unavailable"))
    at = page("settings_page", "quantri")
    table = at.dataframe[0].value
    assert list(table["Người nhận"]) == ["sinho"] and list(table["Lỗi"]) == ["550 mailbox unavailable"]
    assert list(table["Kênh"]) == ["Thư điện tử"]
    click(at, "Gửi lại")
    assert successes(at) == ["Đã đưa 1 nhắc việc trở lại hàng đợi gửi."]
    assert "Không có nhắc việc nào gửi không thành công." in texts(at)
    with session_scope() as s:
        assert s.exec(select(Reminder.state)).all() == ["pending"]


@pytest.mark.parametrize(("text", "days"), [("7, 1", [7, 1]), ("14;3 1", [14, 3, 1]), ("", None), ("7, -1", None),
                                            ("1.5", None)])
def test_parse_days(text, days):
    assert parse_days(text) == days
