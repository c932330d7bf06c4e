"""Directive threads on the home page: a body sees those addressed to it and answers each."""

from __future__ import annotations

from tests.ui.conftest import actor, click, errors, texts
from tracker.db import session_scope
from tracker.services import directives

WIDGET = "directives_widget"
CALL = "render_for_body(session.actor())"
ORDER = "Đề nghị Huyện ủy Sìn Hồ báo cáo kết quả quán triệt trước ngày 15/12."


def write_directive() -> int:
    with session_scope() as s:
        return directives.write(s, actor("lanhdao"), ORDER, organisation_id=actor("sinho").organisation_id).id


def test_a_body_reads_and_answers_a_directive(page):
    write_directive()
    at = page(WIDGET, "sinho", call=CALL)
    assert not at.exception and at.subheader[0].value == "Ý kiến chỉ đạo"
    assert ORDER in texts(at) and "**lanhdao** · " in texts(at)
    at.text_area[0].input("Huyện ủy sẽ gửi báo cáo ngày 10/12/2026.")
    click(at, "Gửi trả lời")
    at.run()
    assert not errors(at) and at.success[0].value == "Đã gửi trả lời."
    assert "↳ **sinho** · " in texts(at) and "Huyện ủy sẽ gửi báo cáo ngày 10/12/2026." in texts(at)
    assert at.text_area[0].value == "", "the reply box is emptied"


def test_an_empty_reply_is_refused_and_another_body_sees_nothing(page):
    write_directive()
    at = page(WIDGET, "sinho", call=CALL)
    click(at, "Gửi trả lời")
    at.run()
    assert "Nội dung không được để trống." in errors(at)
    other = page(WIDGET, "yte", call=CALL)
    assert not other.exception and ORDER not in texts(other)
    assert "Chưa có ý kiến chỉ đạo gửi đơn vị." in texts(other)
