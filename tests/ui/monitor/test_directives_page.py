"""Page "Ý kiến chỉ đạo": a leader writes, the body answers from its page, the monitor reads and replies."""

from __future__ import annotations

from sqlmodel import select

from tests.ui.conftest import actor, errors, successes, texts
from tests.ui.monitor.conftest import click, keyed
from tracker.db import session_scope
from tracker.models import Directive, Task
from tracker.services import directives

PAGE = "directives_page"
ORDER = "Đề nghị Huyện ủy Sìn Hồ báo cáo kết quả quán triệt trước ngày 15/12."
ANSWER = "Huyện ủy sẽ gửi báo cáo ngày 10/12/2026."


def test_a_leader_writes_on_a_body_and_the_reply_shows_in_the_thread(page):
    at = page(PAGE, "lanhdao")
    assert not at.exception and not errors(at) and "Chưa có ý kiến chỉ đạo nào." in texts(at)
    at.radio(key="mon_dir_kind").set_value("organisation").run()
    keyed(at.text_area, "mon_dir_0_organisation").input(ORDER)
    click(at, "Gửi ý kiến chỉ đạo")
    assert errors(at) == ["Hãy chọn nơi nhận ý kiến chỉ đạo."]
    sinho = actor("sinho")
    keyed(at.selectbox, "mon_dir_0_organisation").set_value(sinho.organisation_id)
    click(at, "Gửi ý kiến chỉ đạo")
    assert not errors(at) and successes(at) == ["Đã gửi ý kiến chỉ đạo."]
    assert "**Gửi HU-SINHO**" in texts(at) and ORDER in texts(at)
    assert keyed(at.text_area, "mon_dir_1_organisation").value == "", "the form starts afresh"

    with session_scope() as s:
        root = s.exec(select(Directive.id)).one()
        directives.reply(s, sinho, root, ANSWER)
    at.run()
    assert "↳ **sinho** (HU-SINHO) · " in texts(at) and ANSWER in texts(at)


def test_a_directive_on_a_task_and_an_empty_one_refused(page):
    at = page(PAGE, "lanhdao")
    with session_scope() as s:
        task_id = s.exec(select(Task.id).where(Task.code == "III.6.b.3")).one()
    keyed(at.selectbox, "mon_dir_0_task").set_value(task_id)
    click(at, "Gửi ý kiến chỉ đạo")
    assert errors(at) == ["Nội dung không được để trống."]
    keyed(at.text_area, "mon_dir_0_task").input("Tập trung giảm suy dinh dưỡng thể thấp còi.")
    click(at, "Gửi ý kiến chỉ đạo")
    assert successes(at) == ["Đã gửi ý kiến chỉ đạo."] and "**Nhiệm vụ III.6.b.3**" in texts(at)


def test_the_monitor_reads_every_thread_and_replies_but_does_not_write(page):
    leader, sinho = actor("lanhdao"), actor("sinho")
    with session_scope() as s:
        directives.write(s, leader, ORDER, organisation_id=sinho.organisation_id)
    at = page(PAGE, "tuyengiao")
    assert not at.exception and ORDER in texts(at) and "**lanhdao** (BTV-TU) · " in texts(at)
    assert not [r for r in at.radio if r.key == "mon_dir_kind"], "only leaders write directives"
    keyed(at.text_area, "mon_dir_reply_").input("Ban Tuyên giáo sẽ theo dõi, đôn đốc.")
    click(at, "Gửi trả lời")
    assert successes(at) == ["Đã gửi trả lời."]
    assert "↳ **tuyengiao** (BTG-TU) · " in texts(at)


def test_an_agency_is_refused(page):
    at = page(PAGE, "sinho")
    assert not at.exception and errors(at) == ["Bạn không có quyền thực hiện thao tác này."]
