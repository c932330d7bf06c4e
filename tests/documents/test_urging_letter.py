"""The urging letter renderer: plain data in, DOCX out; every document renderer lives in tracker/documents."""

import ast
import io
from datetime import date
from pathlib import Path

import docx

import tracker
from tracker.documents import urging_letter
from tracker.services.registry import Letterhead
from tracker.services.urging import UrgingLetter

SERVICES = Path(tracker.__file__).parent / "services"


def paragraphs(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_the_letter_is_built_from_plain_data():
    head = Letterhead("TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", "BTGTU", "TRƯỞNG BAN", "Ban Tuyên giáo Tỉnh ủy")
    letter = UrgingLetter("Huyện ủy\x0b Sìn Hồ\x1b", "7\x1b", date(2026, 11, 29),
                          ("Nhiệm vụ III.1.1: chậm tiến độ, quá hạn 29 ngày (thời hạn 31/10/2026)",), head)
    document = docx.Document(io.BytesIO(urging_letter.render(letter)))
    header = document.tables[0].rows[0].cells
    assert "TỈNH ỦY LAI CHÂU\nBAN TUYÊN GIÁO" in header[0].text
    assert "Số 7-CV/BTGTU" in header[0].text and "ngày 29 tháng 11 năm 2026" in header[1].text
    text = paragraphs(urging_letter.render(letter))
    assert "Kính gửi: Huyện ủy\n Sìn Hồ" in text and "\x1b" not in text and "quá hạn 29 ngày" in text


def test_a_letter_without_overdue_tasks_says_so():
    assert urging_letter.NO_OVERDUE in paragraphs(urging_letter.render(UrgingLetter("Sở Y tế", "", date(2026, 1, 2), ())))


def test_no_service_builds_a_word_document():
    """python-docx is imported by the renderers in tracker/documents only."""
    importers = []
    for path in SERVICES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name == "docx" or name.startswith("docx.") for name in names):
                importers.append(path.name)
    assert importers == []
