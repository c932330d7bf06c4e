"""What a person does reaches the body at once, outside the daily digest: a report returned, a directive."""

from __future__ import annotations

import email
import email.policy
from datetime import date

from sqlmodel import select

from tests.notify.conftest import DUE
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.models import Assignment, Notice, Organisation, Report, Task
from tracker.notify import outbox
from tracker.notify.email import build_message
from tracker.services import directives, reports


def _sinho(session) -> int:
    return session.exec(select(Organisation.id).where(Organisation.code == "HU-SINHO")).one()


def test_a_returned_report_reaches_the_bodys_officers_at_once_with_the_reason(people, smtp):
    engine, made = people
    with session_scope(engine) as s:
        report = Report(program_id=1, organisation_id=_sinho(s), period="2026-H2", due_on=DUE, state="submitted",
                        version=2)
        s.add(report)
        s.flush()
        reports.review(s, made["tuyengiao"], report.id, accept=False, reason="Thiếu số liệu hộ nghèo.")
    assert outbox.deliver(engine, get_settings()).sent == 2  # email and in-app notice, no digest to wait for
    (mail,) = smtp.messages
    assert mail["To"] == "sinho@laichau.gov.vn" and mail["Subject"] == "[Trả lại báo cáo] Báo cáo kỳ 2026-H2 cần bổ sung"
    body = mail.get_content()
    assert "Thiếu số liệu hộ nghèo." in body and "lần nộp thứ 2" in body and "/bao-cao" in body
    with session_scope(engine) as s:
        notice = s.exec(select(Notice).where(Notice.user_id == made["sinho"].user_id)).one()
        assert "Thiếu số liệu hộ nghèo." in notice.body


def test_an_accepted_report_sends_nothing(people, smtp):
    engine, made = people
    with session_scope(engine) as s:
        report = Report(program_id=1, organisation_id=_sinho(s), period="2026-H2", due_on=DUE, state="submitted")
        s.add(report)
        s.flush()
        reports.review(s, made["tuyengiao"], report.id, accept=True)
    assert outbox.deliver(engine, get_settings()).sent == 0 and smtp.messages == []


def test_a_directive_on_a_task_reaches_every_body_assigned_to_it_once(people, smtp):
    engine, made = people
    with session_scope(engine) as s:
        sinho = _sinho(s)
        task_id = s.exec(select(Assignment.task_id).where(Assignment.organisation_id == sinho)
                         .order_by(Assignment.id)).first()
        code = s.get(Task, task_id).code
        bodies = set(s.exec(select(Assignment.organisation_id).where(Assignment.task_id == task_id)))
        directives.write(s, made["bithu"], "Đề nghị báo cáo tiến độ trước ngày 15.", task_id=task_id)
    outbox.deliver(engine, get_settings())
    outbox.deliver(engine, get_settings())  # a second pass sends nothing more
    officers = {"sinho@laichau.gov.vn"} | ({"yte@laichau.gov.vn"} if made["yte"].organisation_id in bodies else set())
    assert sorted(m["To"] for m in smtp.messages) == sorted(officers)
    mail = smtp.messages[0]
    assert mail["Subject"].startswith("[Ý kiến chỉ đạo]")
    assert f"nhiệm vụ {code}" in mail.get_content() and "trước ngày 15." in mail.get_content()


def test_long_vietnamese_subjects_arrive_word_for_word():
    """Python folds encoded words at 78 columns and can lose the space at the fold; we do not fold."""
    words = ("Nhắc việc hằng ngày: 40 việc quá hạn, 3 báo cáo đến hạn, 12 việc sắp đến hạn của Sở Lao động - "
             "Thương binh và Xã hội tỉnh Lai Châu").split()
    settings = get_settings()
    for n in range(1, len(words) + 1):
        for start in range(len(words) - n + 1):
            subject = " ".join(words[start:start + n])
            raw = build_message(settings, "a@b.vn", subject, "Nội dung", "k").as_bytes()
            assert email.message_from_bytes(raw, policy=email.policy.default)["Subject"] == subject
