"""The inbox picker never lands on a report the monitor did not choose: after returning one, it waits."""

from __future__ import annotations

from tests.ui.conftest import errors, send_label, shown_label, texts
from tests.ui.monitor.conftest import click, keyed, submit_report
from tracker.db import session_scope
from tracker.models import Report

PAGE, PICKER = "workspace_page", "mon_inbox_pick_vi"


def state(report_id: int) -> str:
    with session_scope() as s:
        return s.get(Report, report_id).state


def test_returning_one_report_then_accepting_the_next(page):
    first, second = submit_report("sinho", "Báo cáo Sìn Hồ"), submit_report("yte", "Báo cáo Sở Y tế")
    at = page(PAGE, "tuyengiao")
    picker = at.selectbox(key=PICKER)
    held = next(o for o in picker.options if o.startswith("SO-YTE"))  # the later one: not the first option
    send_label(picker, held).run()
    keyed(at.text_area, "mon_review_").input("Thiếu số liệu")
    send_label(at.selectbox(key=PICKER), held)
    click(at, "Trả lại")
    assert not errors(at) and state(second) == "returned" and state(first) == "submitted"
    picker = at.selectbox(key=PICKER)
    assert picker.value is None, "the returned report left: the picker waits for a choice, on no other report"
    assert "Mục đã chọn không còn trong danh sách này; hãy chọn lại." in texts(at)
    assert not any(b.label == "Tiếp nhận" for b in at.button), "no decision offered on a report not chosen"
    send_label(picker, shown_label(picker, held)).run()  # a click elsewhere changes nothing
    assert at.selectbox(key=PICKER).value is None
    at.selectbox(key=PICKER).set_value(first).run()
    click(at, "Tiếp nhận")
    assert not errors(at) and state(first) == "accepted" and state(second) == "returned"
