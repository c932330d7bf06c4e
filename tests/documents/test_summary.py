"""The summary report, opened back: Party header, nine group sections, every target, Vietnamese dates."""

import io
from datetime import date

import docx
import openpyxl
import pytest

from tracker.cli import main
from tracker.db import get_engine, session_scope
from tracker.demo import create_demo
from tracker.documents import summary_docx, summary_xlsx
from tracker.services import summary
from tracker.services.actor import Actor

MONITOR = Actor.operator("tg", role="monitor")


@pytest.fixture
def built(settings):
    assert main(["init"]) == 0
    with session_scope(get_engine()) as s:
        create_demo(s, date(2026, 11, 29))
    with session_scope(get_engine()) as s:
        return summary.build(s, MONITOR, "periodic", "2026", date(2026, 3, 5))


def text_of(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_docx_has_the_party_header_and_every_section(built):
    document = docx.Document(io.BytesIO(summary_docx.render(built)))
    header = document.tables[0].rows[0].cells
    head = built.letterhead  # the monitoring body as of the issue date (tests/documents/test_as_of.py names it)
    assert "TỈNH ỦY LAI CHÂU" in header[0].text and "BAN TUYÊN GIÁO" in head.body_header
    assert head.body_header in header[0].text and "*" in header[0].text and f"-BC/{head.symbol}" in header[0].text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header[1].text and "Lai Châu, ngày 05 tháng 3 năm 2026" in header[1].text
    body = "\n".join(p.text for p in document.paragraphs)
    for n in range(1, 10):
        assert f"\n{n}. " in body
    assert "Đảng ủy xã Sìn Hồ (III.1.1)" in body and "112-KH/ĐU" in body
    targets = document.tables[1]
    assert len(targets.rows) == 48 and targets.rows[0].cells[1].text == "Chỉ tiêu"
    assert [r.cells[0].text for r in targets.rows[1:4]] == ["T01", "T02", "T03"]


def test_docx_layout_a4_times_new_roman_and_page_numbers_from_page_two(built):
    document = docx.Document(io.BytesIO(summary_docx.render(built)))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.right_margin.cm, 1) == 1.5
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14


def test_xlsx_has_a_sheet_per_table_without_formulas(built):
    built.groups[0].narrative = "=1+1 không phải công thức"
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx.render(built)))
    assert book.sheetnames == ["Tổng quan", "Kết quả theo nhóm", "Chỉ tiêu"]
    assert book["Chỉ tiêu"]["A1"].value == "Mã" and book["Chỉ tiêu"].max_row == 48
    assert book["Kết quả theo nhóm"]["C2"].value.startswith("'=")


def test_cli_report_writes_docx_and_xlsx(built, tmp_path):
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"bao-cao.{fmt}"
        assert main(["report", "--kind", "preliminary", "--period", "2026", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 5000
    assert main(["report", "--period", "2026-H3", "-o", str(tmp_path / "x.docx")]) == 2
