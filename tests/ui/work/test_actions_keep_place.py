"""The task picker stays on its task across writes, as a browser sees it: work typed after a write is kept.

The browser sends back the label it shows; AppTest would send the label of the current run, so
``send_label`` makes each run receive what a browser holds (see tests/ui/conftest.py).
"""

from __future__ import annotations

from tests.ui.conftest import click, errors, send_label, shown_label, texts, widget
from tests.ui.work.test_assignment_page import fill
from tracker.db import session_scope
from tracker.services import actions

PAGE, PICKER = "assignment_page", "work_assignment_vi"


def test_a_second_action_logged_right_after_the_first_is_kept(page):
    at = page(PAGE, "sinho")
    picker = at.selectbox(key=PICKER)
    chosen, held = picker.options[1], picker.options[1]  # not the first task: a jump would show
    chosen_id = send_label(picker, held).run().selectbox(key=PICKER).value
    for n, description in enumerate(["Hội nghị quán triệt lần một", "Hội nghị quán triệt lần hai"], start=1):
        fill(at, description=description, progress=20 * n)
        send_label(at.selectbox(key=PICKER), held)
        click(at, "Ghi kết quả")
        at.run()
        assert not at.exception and not errors(at)
        assert at.selectbox(key=PICKER).value == chosen_id, f"the picker moved after action {n}"
        held = shown_label(at.selectbox(key=PICKER), held)
    assert held != chosen, "the label shows the new progress"
    with session_scope() as s:
        logged = actions.list_actions(s, at.session_state["actor"], chosen_id)
    assert sorted(a["description"] for a in logged) == ["Hội nghị quán triệt lần hai", "Hội nghị quán triệt lần một"]
    send_label(at.selectbox(key=PICKER), held).run()  # one more click anywhere: still on the same task
    assert at.selectbox(key=PICKER).value == chosen_id and "lần hai" in texts(at)
    assert widget(at.text_area, "Nội dung thực hiện").value == ""
