"""In-app notices belong to their user; the monitor urges a body and drafts a letter."""

import io
from datetime import date

import docx
import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.documents import urging_letter
from tracker.models import Assignment, AuditEvent, Notice, Organisation, Reminder, Task
from tracker.notify import outbox
from tracker.services import notices, urging
from tracker.services.permissions import PermissionDenied

TODAY = date(2026, 11, 29)


@pytest.fixture
def ctx(seeded):
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    yte = make_actor(seeded, "yte", "agency", "SO-YTE")
    monitor = make_actor(seeded, "tuyengiao", "monitor", "BTG-TU")
    with session_scope(seeded) as s:
        late = s.exec(select(Assignment).where(Assignment.organisation_id == sinho.organisation_id)).first()
        late.deadline = date(2026, 10, 31)
        s.get(Task, late.task_id).ongoing = False  # a one-off task: an ongoing one is judged per period, never late
        s.add(late)
    return seeded, sinho, yte, monitor


def test_urging_reaches_the_body_in_app_and_notices_are_private(ctx):
    engine, sinho, yte, monitor = ctx
    with session_scope(engine) as s:
        queued = urging.urge(s, monitor, get_settings(), "HU-SINHO", "Đề nghị báo cáo trước 05/12.", TODAY)
    assert queued == 1
    outbox.deliver(engine, get_settings())
    with session_scope(engine) as s:
        assert notices.unread_count(s, sinho) == 1 and notices.unread_count(s, yte) == 0
        mine = notices.list_mine(s, sinho)
        assert "quá hạn 29 ngày" in mine[0]["body"] and mine[0]["title"].startswith("[Đôn đốc]")
        assert notices.mark_read(s, yte, [mine[0]["id"]]) == 0  # not theirs
        assert notices.mark_read(s, sinho, [mine[0]["id"]]) == 1
    with session_scope(engine) as s:
        assert notices.unread_count(s, sinho) == 0
        assert s.exec(select(Notice)).one().read_at is not None


def test_only_the_monitor_urges(ctx):
    engine, sinho, _, _ = ctx
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        urging.urge(s, sinho, get_settings(), "SO-YTE", "Tự đôn đốc", TODAY)
    with session_scope(engine) as s:
        assert s.exec(select(Reminder)).all() == []


def test_the_drafted_letter_lists_overdue_tasks(ctx):
    engine, _, _, monitor = ctx
    with session_scope(engine) as s:
        data = urging_letter.render(urging.letter_data(s, monitor, "HU-SINHO", TODAY, number="125"))
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    header = document.tables[0].rows[0].cells
    assert "Số 125-CV/BTGTU" in header[0].text and "ĐẢNG CỘNG SẢN VIỆT NAM" in header[1].text
    assert "ngày 29 tháng 11 năm 2026" in header[1].text
    assert "Kính gửi: Huyện ủy Sìn Hồ" in text and "quá hạn 29 ngày" in text
    assert document.styles["Normal"].font.name == "Times New Roman"
    with session_scope(engine) as s:
        task = s.get(Task, s.exec(select(Assignment).where(Assignment.deadline == date(2026, 10, 31))).one().task_id)
        drafted = s.exec(select(AuditEvent).where(AuditEvent.action == "draft_letter")).all()
    assert f"- {task.text.split()[0]} {task.text.split()[1]}" in text and task.code not in text  # named by its text
    assert len(drafted) == 1


def test_only_the_monitor_drafts_a_letter(ctx):
    engine, sinho, _, _ = ctx
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        urging.letter_data(s, sinho, "HU-SINHO", TODAY)
