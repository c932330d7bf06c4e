"""Page "Nhập chương trình": a monitor uploads a plan's DOCX, corrects a target and a body, publishes;
the body then finds the plan's tasks on its landing page. Nothing is written before publishing."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from tests.program_import.documents import FIXTURES, write_docx
from tests.ui.conftest import add_account, click, login, open_page, widget
from tests.ui.test_my_work_page import cards
from tracker.cli import main as cli_main
from tracker.db import session_scope
from tracker.models import Assignment, Program, Target, Task

PAGE = "Nhập chương trình"


@pytest.fixture
def fresh(tmp_path, retarget):
    retarget(tmp_path / "data")
    assert cli_main(["init", "--as-issued"]) == 0
    add_account("nhap.monitor", "monitor", "BTG-TU")
    add_account("nhap.yte", "agency", "SO-YTE")
    add_account("nhap.agency", "agency", "SO-XD")
    return write_docx(FIXTURES / "ke-hoach-thanh-nien.txt", tmp_path / "ke-hoach-thanh-nien.docx")


def programs() -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(Program)).one()


def test_upload_correct_publish_and_the_body_sees_its_tasks(fresh, new_app):
    at = open_page(login(new_app().run(), "nhap.monitor"), PAGE)
    widget(at.file_uploader, "Văn bản chương trình").set_value(
        (fresh.name, fresh.read_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    at.run()
    assert not at.exception and not at.error
    assert any("Kế hoạch" in h.value for h in at.subheader)
    summary = next(m.value for m in at.markdown if m.value.startswith("Mã KH-NQ45"))
    assert "nhiệm vụ" in summary and programs() == 1  # proposed, nothing written

    at.number_input(key="imp_tvalue_T01_0").set_value(90.0)
    click(at, "Lưu chỉ tiêu")
    at.run()
    assert not at.exception and any(s.value == "Đã sửa chỉ tiêu T01." for s in at.success)
    box = next(s for s in at.selectbox if "Sở Lao động" in s.label)
    box.set_value("SO-YTE").run()
    assert not at.exception and any("ứng với SO-YTE" in s.value for s in at.success)
    assert programs() == 1

    click(at, "Xuất bản chương trình")
    at.run()
    assert not at.exception and any(s.value == "Đã tạo chương trình KH-NQ45." for s in at.success)
    with session_scope() as s:
        program = s.exec(select(Program).where(Program.code == "KH-NQ45")).one()
        target = s.exec(select(Target).where(Target.program_id == program.id, Target.code == "T01")).one()
        assert target.value == 90.0
        held = s.exec(select(func.count()).select_from(Assignment).join(Task).where(
            Task.program_id == program.id)).one()
        assert held > 0

    yte = open_page(login(new_app().run(), "nhap.yte"), "Nhiệm vụ của đơn vị")
    headings = [h.value for h in yte.subheader]
    assert any(h.startswith("Kế hoạch") and "(KH-NQ45)" in h for h in headings)
    assert len(cards(yte)) > 6


def test_an_agency_is_refused_by_the_service_and_a_junk_file_gets_a_clear_message(fresh, new_app, tmp_path):
    from tests.ui.conftest import menu
    from tracker.program_import.proposal import propose
    from tracker.services.actor import Actor
    from tracker.services.permissions import PermissionDenied

    agency = login(new_app().run(), "nhap.agency")
    assert PAGE not in menu(agency)
    with session_scope() as s, pytest.raises(PermissionDenied):
        propose(s, Actor(user_id=None, username="x", role="agency", organisation_id=1), b"x", "a.txt", None,
                __import__("datetime").date(2026, 12, 2))
    at = open_page(login(new_app().run(), "nhap.monitor"), PAGE)
    widget(at.file_uploader, "Văn bản chương trình").set_value(("rac.docx", b"\x00\x01junk", "application/zip"))
    at.run()
    assert not at.exception and len(at.error) == 1 and programs() == 1
