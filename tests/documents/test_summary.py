"""The summary report, opened back: the Party header, the title, parts I-V, the signature block with
"Nơi nhận", the Phụ lục with its repeated heading row; the workbook with the same parts."""

import io
from datetime import date

import openpyxl
import pytest
from docx.shared import Cm

from tests.documents import reading
from tests.documents.reading import paragraph_text
from tracker.cli import main
from tracker.db import get_engine, session_scope
from tracker.demo import create_demo
from tracker.documents import summary_docx, summary_xlsx
from tracker.documents.summary_outline import APPENDIX_COLUMNS, PARTS
from tracker.services import summary
from tracker.services.actor import Actor
from tracker.services.registry import Letterhead
from tracker.services.summary import Assessment, GroupSection, Signature, Summary, TargetRow

MONITOR = Actor.operator("tg", role="monitor")
DEPARTMENT = Letterhead("TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "BTGDVTU", "TRƯỞNG BAN",
                        "Ban Tuyên giáo và Dân vận Tỉnh ủy")
COMMITTEE = Letterhead("", "TỈNH ỦY LAI CHÂU", "TU", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Ban Thường vụ Tỉnh ủy Lai Châu")
TITLE = "Sơ kết 03 năm thực hiện Chương trình hành động số 25-CTr/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy"


def hand_built(**changes) -> Summary:
    """A summary with known content in every part, 47 targets (the Phụ lục runs over two pages)."""
    made = Summary(
        kind="preliminary", period="2024-2027", start=date(2024, 1, 1), end=date(2027, 11, 20),
        issued_on=date(2027, 11, 20), number="12", title=TITLE, letterhead=DEPARTMENT,
        introduction="Thực hiện Chương trình, Ban báo cáo như sau:",
        leadership="Đến ngày 20/11/2027, 40/48 cơ quan, đơn vị đã ban hành kế hoạch.\nTổ chức 52 hội nghị.",
        groups=[GroupSection("III.1", "Nâng cao nhận thức", ["Huyện ủy Sìn Hồ (III.1.1): ban hành kế hoạch"],
                             "Các cơ quan đã tuyên truyền (mục III.1.2) sâu rộng.", "1"),
                GroupSection("III.4", "Phát triển thị trường lao động", [], "", "4",
                             [GroupSection("III.4.a", "Việc làm", ["Sở Nội vụ: mở 12 phiên giao dịch"], "", "a")])],
        assessment=Assessment("Ưu điểm rõ.", "Hạn chế còn.", "Địa bàn rộng.", "Chưa quyết liệt.", "Sát cơ sở."),
        directions="Tiếp tục quán triệt.", proposals="Đề nghị bổ sung kinh phí.",
        targets=[TargetRow(f"T{i:02d}", f"Chỉ tiêu {i}", "85,8 (2023)", "trên 90", "87,2 (2026)", "Đạt", "%", i)
                 for i in range(1, 48)],
        recipients=["Ban Thường vụ Tỉnh ủy (b/c)", "Thường trực Tỉnh ủy (b/c)", "Lưu BTGDVTU"],
        signature=Signature("deputy", "PHÓ TRƯỞNG BAN", "Nguyễn Văn A", "TRƯỞNG BAN"))
    for name, value in changes.items():
        setattr(made, name, value)
    return made


def opened(s: Summary):
    return reading.opened(summary_docx.render(s))


def test_the_header_speaks_for_the_department_under_the_provincial_committee():
    document = opened(hand_built())
    left, right = document.tables[0].rows[0].cells
    assert left.text == "TỈNH ỦY LAI CHÂU\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*\nSố 12-BC/BTGDVTU"
    committee, body = left.paragraphs[0].runs[0], left.paragraphs[1].runs[0]
    assert not committee.bold and body.bold and body.font.size.pt == 14
    party, rule, dated = right.paragraphs
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.runs[0].bold and party.runs[0].font.size.pt == 15
    assert rule.text == "" and "w:bottom" in rule._p.xml  # the rule under the title, as long as it
    assert dated.text == "Lai Châu, ngày 20 tháng 11 năm 2027" and dated.runs[0].italic


def test_the_standing_committees_report_carries_the_committee_alone():
    document = opened(hand_built(voice="standing_committee", letterhead=COMMITTEE,
                                 signature=Signature("collective", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Vũ Mạnh Hà",
                                                     "BAN THƯỜNG VỤ")))
    assert document.tables[0].rows[0].cells[0].text == "TỈNH ỦY LAI CHÂU\n*\nSố 12-BC/TU"
    assert document.tables[1].rows[0].cells[1].text.startswith("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n")
    # even a letterhead with a committee above: the Standing Committee's own paper has none
    assert opened(hand_built(voice="standing_committee")).tables[0].rows[0].cells[0].text.startswith(
        "BAN TUYÊN GIÁO VÀ DÂN VẬN\n*")


def test_title_and_parts_in_order_with_no_internal_codes():
    text = paragraph_text(opened(hand_built()))
    assert f"BÁO CÁO\n{TITLE}\n-----\n" in text
    expected = [PARTS[0], "Đến ngày 20/11/2027, 40/48", PARTS[1], "1. Nâng cao nhận thức",
                "Các cơ quan đã tuyên truyền sâu rộng.", "- Huyện ủy Sìn Hồ: ban hành kế hoạch",
                "4. Phát triển thị trường lao động", "a) Việc làm", "- Sở Nội vụ: mở 12 phiên giao dịch", PARTS[2],
                "1. Ưu điểm", "Ưu điểm rõ.", "2. Hạn chế", "Hạn chế còn.", "3. Nguyên nhân",
                "a) Nguyên nhân khách quan", "Địa bàn rộng.", "b) Nguyên nhân chủ quan", "Chưa quyết liệt.",
                "4. Bài học kinh nghiệm", "Sát cơ sở.", PARTS[3], "Tiếp tục quán triệt.", PARTS[4],
                "Đề nghị bổ sung kinh phí.", "PHỤ LỤC"]
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions)
    assert "(III." not in text and "III.1" not in text
    document = opened(hand_built())
    part = next(p for p in document.paragraphs if p.text == PARTS[0])
    assert part.runs[0].bold and part.paragraph_format.first_line_indent == Cm(1.27)
    prose = next(p for p in document.paragraphs if p.text.startswith("Tổ chức 52"))
    assert prose.alignment == 3 and not prose.runs[0].bold  # justified


def test_signature_block_and_recipients_in_the_standards_sizes():
    document = opened(hand_built())
    left, right = document.tables[1].rows[0].cells
    heading, *recipients = left.paragraphs
    assert heading.text == "Nơi nhận:" and heading.runs[0].bold and heading.runs[0].italic
    assert heading.runs[0].font.size.pt == 12
    assert [p.text for p in recipients] == ["- Ban Thường vụ Tỉnh ủy (b/c),", "- Thường trực Tỉnh ủy (b/c),",
                                            "- Lưu BTGDVTU."]
    assert all(p.runs[0].font.size.pt == 11 for p in recipients)
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn A"]
    assert all(p.runs[0].bold for p in lines)


def test_the_appendix_fits_a4_and_repeats_its_heading_row():
    document = opened(hand_built())
    table = document.tables[2]
    heading = table.rows[0]
    assert [c.text for c in heading.cells] == [title for title, _ in APPENDIX_COLUMNS]
    assert "w:tblHeader" in heading._tr.xml
    grid = [col.width for col in table.columns]
    assert round(sum(w.cm for w in grid), 1) == 16.5
    assert [c.width for c in table.rows[5].cells] == grid  # cells as wide as the grid (Word reads these)
    assert len(table.rows) == 48 and [c.text for c in table.rows[1].cells] == [
        "1", "Chỉ tiêu 1", "%", "trên 90", "85,8 (2023)", "87,2 (2026)", "Đạt"]
    assert table.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt == 12
    text = paragraph_text(document)
    assert "PHỤ LỤC\nKết quả thực hiện các chỉ tiêu đến năm 2030\n" in text
    assert "(Kèm theo Báo cáo số 12-BC/BTGDVTU ngày 20/11/2027 của Ban Tuyên giáo và Dân vận Tỉnh ủy)" in text
    breaks = [p for p in document.paragraphs if 'w:br w:type="page"' in p._p.xml]
    assert len(breaks) == 1


def test_docx_layout_a4_times_new_roman_and_page_numbers_from_page_two():
    document = opened(hand_built())
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.right_margin.cm, 1) == 1.5
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14


def test_an_unwritten_part_shows_a_gap_and_a_group_without_results_says_so():
    text = paragraph_text(opened(hand_built(leadership="", groups=[GroupSection("III.9", "Công tác dân vận", label="9")])))
    assert f"{PARTS[0]}\n…\n" in text and "9. Công tác dân vận\nChưa có kết quả được cập nhật trong kỳ." in text


def test_xlsx_has_the_parts_and_the_appendix_without_formulas():
    made = hand_built()
    made.groups[0].narrative = "=1+1 không phải công thức"
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx.render(made)))
    assert book.sheetnames == ["Báo cáo", "Phụ lục"]
    rows = list(book["Báo cáo"].iter_rows(values_only=True))
    assert rows[0] == ("Phần", "Mục", "Nội dung") and [r[0] for r in rows if r[0] in PARTS][:1] == [PARTS[0]]
    assert {r[0] for r in rows} >= set(PARTS)
    assert ("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP", "a) Việc làm", "• Sở Nội vụ: mở 12 phiên giao dịch") in rows
    assert any(r[2] and r[2].startswith("'=1+1") for r in rows)
    appendix = book["Phụ lục"]
    assert [c.value for c in appendix[1]] == [title for title, _ in APPENDIX_COLUMNS] and appendix.max_row == 48


@pytest.fixture
def built(settings):
    assert main(["init"]) == 0
    with session_scope(get_engine()) as s:
        create_demo(s, date(2026, 11, 29))
    with session_scope(get_engine()) as s:
        return summary.build(s, MONITOR, "periodic", "2026", date(2026, 3, 5))


def test_a_built_summary_renders_with_every_group_and_target(built):
    document = opened(built)
    text = paragraph_text(document)
    for n in range(1, 10):
        assert f"\n{n}. " in text
    assert "(III." not in text
    assert len(document.tables[-1].rows) == len(built.targets) + 1 > 40


def test_cli_report_writes_docx_and_xlsx(built, tmp_path):
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"bao-cao.{fmt}"
        assert main(["report", "--kind", "preliminary", "--period", "2026", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 5000
    assert main(["report", "--period", "2026-H3", "-o", str(tmp_path / "x.docx")]) == 2
