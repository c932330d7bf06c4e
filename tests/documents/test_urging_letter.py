"""The urging letter renderer: plain data in, a Party công văn out; every document renderer lives in tracker/documents."""

import ast
from datetime import date
from pathlib import Path

import tracker
from tests.documents import reading
from tests.documents.reading import paragraph_text
from tracker.documents import urging_letter
from tracker.services.registry import Letterhead
from tracker.services.summary import Signature
from tracker.services.urging import UrgingLetter, subject_of

SERVICES = Path(tracker.__file__).parent / "services"
HEAD = Letterhead("TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", "BTGTU", "TRƯỞNG BAN", "Ban Tuyên giáo Tỉnh ủy")
TASKS = ("Tập trung tuyên truyền, giáo dục nâng cao nhận thức (thời hạn 31/10/2026, chậm tiến độ, quá hạn 29 ngày)",
         "Triển khai thực hiện chuyển đổi số (thời hạn 30/9/2026, chưa thực hiện, quá hạn 60 ngày)")


def letter(**changes) -> UrgingLetter:
    fields = dict(organisation="Huyện ủy\x0b Sìn Hồ\x1b", number="7\x1b", issued_on=date(2026, 11, 29),
                  overdue=TASKS, letterhead=HEAD, subject="V/v đôn đốc thực hiện Chương trình hành động số 25-CTr/TU",
                  signature=Signature("deputy", "PHÓ TRƯỞNG BAN", "Nguyễn Văn B", "TRƯỞNG BAN"))
    fields.update(changes)
    return UrgingLetter(**fields)


def opened(data: UrgingLetter):
    return reading.opened(urging_letter.render(data))


def test_the_header_has_the_number_and_the_subject_under_it():
    document = opened(letter())
    left, right = document.tables[0].rows[0].cells
    assert left.text == ("TỈNH ỦY LAI CHÂU\nBAN TUYÊN GIÁO\n*\nSố 7-CV/BTGTU\n"
                         "V/v đôn đốc thực hiện Chương trình hành động số 25-CTr/TU")
    subject = left.paragraphs[-1].runs[0]
    assert subject.italic and subject.font.size.pt == 12 and left.paragraphs[1].runs[0].bold
    assert right.text.startswith("ĐẢNG CỘNG SẢN VIỆT NAM\n") and "ngày 29 tháng 11 năm 2026" in right.text
    assert "w:bottom" in right.paragraphs[1]._p.xml  # the rule under "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_the_tasks_are_named_by_what_they_say_and_the_letter_is_signed():
    document = opened(letter())
    text = paragraph_text(document)
    assert "Kính gửi: Huyện ủy\n Sìn Hồ" in text and "\x1b" not in text
    assert f"- {TASKS[0]};\n- {TASKS[1]}.\n" in text and "còn 02 nhiệm vụ" in text
    assert "Ban Tuyên giáo Tỉnh ủy đề nghị Huyện ủy\n Sìn Hồ" in text
    left, right = document.tables[1].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["Nơi nhận:", "- Như trên,", "- Lưu BTGTU."]
    assert [p.text for p in right.paragraphs if p.text] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn B"]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)


def test_a_letter_without_overdue_tasks_says_so():
    text = paragraph_text(opened(UrgingLetter("Sở Y tế", "", date(2026, 1, 2), ())))
    assert urging_letter.NO_OVERDUE in text and "còn 00" not in text


def test_the_subject_cites_the_programs_number_when_it_has_one():
    class Program:
        number = "25-CTr/TU"
    assert subject_of(Program()) == "V/v đôn đốc thực hiện Chương trình hành động số 25-CTr/TU"
    assert subject_of(None) == "V/v đôn đốc thực hiện Chương trình hành động"


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
