"""Bulk import: every row validated, errors shown per row, only confirmed valid rows written."""

import io
import tracemalloc
from datetime import date

import openpyxl
import pytest
from sqlmodel import func, select

from tests.conftest import make_actor
from tests.fixtures import files
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Action, TargetValue
from tracker.services import imports, uploaded_tables

TODAY = date(2026, 11, 29)
ACTIONS_CSV = """Mã nhiệm vụ,Mã cơ quan,Ngày thực hiện,Nội dung,Tiến độ,Số ký hiệu,Ngày ban hành
III.1.1,HU-SINHO,05/03/2026,Hội nghị quán triệt,40,45-KH/HU,05/03/2026
III.1.2,HU-SINHO,2026-04-01,,20,,
III.1.1,HU-SINHO,01/12/2026,Tương lai,10,,
III.6.b.1,HU-SINHO,05/03/2026,Không được giao,10,,
III.6.b.1,SO-YTE,05/03/2026,Của cơ quan khác,10,,
III.9.1,HU-SINHO,05/03/2026,Tiến độ sai,150,,
""".encode("utf-8-sig")


def count(engine, model):
    with session_scope(engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_preview_reports_each_bad_row_and_writes_nothing(seeded):
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        rows = imports.preview_actions(s, sinho, "tien-do.csv", ACTIONS_CSV, TODAY)
    assert [r.ok for r in rows] == [True, False, False, False, False, False]
    errors = {r.number: r.errors[0] for r in rows if not r.ok}
    assert "để trống" in errors[3] and "tương lai" in errors[4] and "không được giao" in errors[5]
    assert "Không có quyền" in errors[6] and "0 đến 100" in errors[7]
    assert count(seeded, Action) == 0
    with session_scope(seeded) as s:
        assert imports.commit(s, sinho, rows, "actions", TODAY) == 1
    assert count(seeded, Action) == 1


def test_the_monitor_imports_for_any_body_from_xlsx(seeded):
    monitor = make_actor(seeded, "tuyengiao", "monitor", "BTG-TU")
    book = openpyxl.Workbook()
    book.active.append(["Mã chỉ tiêu", "Kỳ", "Ngày số liệu", "Giá trị", "Đánh giá", "Nguồn"])
    book.active.append(["T02", "2026-H1", date(2026, 6, 30), "1,9", None, "Cục Thống kê"])
    book.active.append(["T33", "2026-H1", "30/06/2026", "1.500", None, "Sở Xây dựng"])
    book.active.append(["T02", "2026-H1", "30/06/2026", 130, None, ""])
    book.active.append(["T18", "2026-H1", "30/06/2026", None, "Mức sinh duy trì ổn định", ""])
    out = io.BytesIO()
    book.save(out)
    with session_scope(seeded) as s:
        rows = imports.preview_values(s, monitor, "so-lieu.xlsx", out.getvalue(), TODAY)
    assert [r.ok for r in rows] == [True, True, False, True]
    assert rows[0].parsed.value == 1.9 and rows[1].parsed.value == 1500.0
    with session_scope(seeded) as s:
        assert imports.commit(s, monitor, rows, "values", TODAY) == 3
    assert count(seeded, TargetValue) == 3


@pytest.mark.parametrize(("content", "message"), [
    (b"", "rỗng"),
    (b"%PDF-1.4 not a table", "CSV"),
    ("Mã nhiệm vụ,Nội dung\nIII.1.1,x\n".encode(), "Thiếu cột"),
])
def test_unusable_files_are_refused_clearly(seeded, content, message):
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    with pytest.raises(InvalidInput, match=message), session_scope(seeded) as s:
        imports.preview_actions(s, sinho, "x.csv", content, TODAY)


# Hostile files: refused or read within bounds, whatever they declare (memory asserted, never wall time).
def _cells(*rows: str) -> bytes:
    return "".join(f'<row r="{n}">{cells}</row>' for n, cells in enumerate(rows, start=1)).encode()


HEADER_CELLS = '<c r="A1" t="inlineStr"><is><t>Mã nhiệm vụ</t></is></c>'
HOSTILE = {
    "declares A1:XFD1048576, one cell at XFD1048576": (files.xlsx_declaring_every_cell, uploaded_tables.TOO_MANY_ROWS),
    "declares A1:XFD1048576, one cell at XFD1": (lambda: files.xlsx_declaring_every_cell("XFD1"), "không có dòng tiêu đề"),
    "a million rows in 146 KB": (lambda: files.xlsx_with_rows(1_000_000), uploaded_tables.HUGE_WORKBOOK),
    "rows past the rows read, within the unpacked cap": (
        lambda: files.xlsx_with_rows(uploaded_tables.MAX_READ_ROWS + 1, b"<row><c><v>1</v></c></row>"),
        uploaded_tables.TOO_MANY_ROWS),
    "a header, then one row far below": (
        lambda: files.xlsx_from_parts(files.sheet_xml(
            _cells(HEADER_CELLS) + b'<row r="900000"><c r="A900000"><v>1</v></c></row>')),
        uploaded_tables.TOO_MANY_ROWS),
    "one row of too many cells": (
        lambda: files.xlsx_from_parts(files.sheet_xml(b"<row>" + b"<c><v>1</v></c>" * 2000 + b"</row>")),
        uploaded_tables.HUGE_WORKBOOK),
    "a part loaded whole with too many elements": (
        lambda: files.xlsx_from_parts(files.sheet_xml(_cells(HEADER_CELLS)), **{
            "xl/styles.xml": b"<styleSheet>" + b"<xf/>" * uploaded_tables.MAX_PART_ELEMENTS + b"</styleSheet>"}),
        uploaded_tables.HUGE_WORKBOOK),
    "a shared-string table of more strings than cells": (
        lambda: files.xlsx_from_parts(files.sheet_xml(_cells(HEADER_CELLS)), **{
            "xl/sharedStrings.xml": b"<sst>" + b"<si><t>a</t></si>" * (uploaded_tables.MAX_STRINGS + 1) + b"</sst>"}),
        uploaded_tables.HUGE_WORKBOOK),
    "an XML part with a DTD (entity expansion)": (
        lambda: files.xlsx_from_parts(files.sheet_xml(_cells(HEADER_CELLS)), **{
            "xl/sharedStrings.xml": b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><sst>&a;</sst>'}),
        uploaded_tables.BAD_WORKBOOK),
    "a zip that is not a workbook": (files.plain_zip, uploaded_tables.BAD_WORKBOOK),
    "a zip of more members than a workbook has": (
        lambda: files.xlsx_from_parts(b"", **{str(i): b"" for i in range(uploaded_tables.MAX_PARTS)}),
        uploaded_tables.HUGE_WORKBOOK),
    "a broken zip": (lambda: b"PK\x03\x04" + b"\x00" * 200, uploaded_tables.BAD_WORKBOOK),
    "a workbook whose sheet is not XML": (lambda: files.xlsx_from_parts(b"\x00not xml"), uploaded_tables.BAD_WORKBOOK),
    "a CSV field over the csv module's limit": (files.csv_with_long_field, "Dòng 2 của tệp CSV không đọc được"),
    "a CSV record of a million empty fields": (lambda: b"a," * 1_000_000, "Dòng 1 của tệp CSV không đọc được"),
    "a CSV quote never closed": (lambda: b'Ma nhiem vu\n"' + b"x\n" * 200_000, "Dòng 2 của tệp CSV không đọc được"),
    "a CSV of blank lines past the rows read": (lambda: b"\n" * (uploaded_tables.MAX_READ_ROWS + 1),
                                                uploaded_tables.TOO_MANY_ROWS),
    "a CSV of one row too many": (
        lambda: ("Mã nhiệm vụ\n" + "III.1.1\n" * (uploaded_tables.MAX_DATA_ROWS + 1)).encode(),
        uploaded_tables.TOO_MANY_ROWS),
    "a file over the upload limit": (lambda: b"a" * (uploaded_tables.MAX_FILE_BYTES + 1), "lớn quá"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_tables_are_refused_in_bounded_memory(name):
    make, message = HOSTILE[name]
    content = make()
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInput) as refused:
            imports.read_table("x", content, imports.ACTION_COLUMNS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message in str(refused.value)
    assert peak < 20 * 2**20, f"peak {peak / 2**20:.0f} MB"


def test_a_full_table_is_still_read():
    csv_text = "Mã nhiệm vụ,Mã cơ quan,Ngày thực hiện,Nội dung,Tiến độ\n" + "III.1.1,HU-SINHO,05/03/2026,x,1\n" * 5000
    assert len(imports.read_table("x", csv_text.encode(), imports.ACTION_COLUMNS)) == 5000
    sheet = files.xlsx_from_parts(files.sheet_xml(_cells(
        "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in ("Mã nhiệm vụ", "Mã cơ quan", "Ngày thực hiện",
                                                                     "Nội dung", "Tiến độ")),
        *[f'<c t="inlineStr"><is><t>III.1.1</t></is></c><c t="inlineStr"><is><t>HU-SINHO</t></is></c><c/>'
          f'<c t="inlineStr"><is><t>x</t></is></c><c><v>40</v></c><c r="XFD{n}"><v>1</v></c>' for n in range(2, 1001)])))
    rows = imports.read_table("x", sheet, imports.ACTION_COLUMNS)
    assert len(rows) == 999 and rows[0]["progress_pct"] == 40, "columns past the cap are left out, not the row"


def test_numbers_that_are_not_finite_are_row_errors(seeded):
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    labour = make_actor(seeded, "ldtbxh", "agency", "SO-LDTBXH")
    action_rows = "".join(f"III.1.1,HU-SINHO,05/03/2026,Việc,{p}\n" for p in ("nan", "inf", "1e400", "-0", "1e300"))
    value_rows = "".join(f"T02,{period},30/06/2026,{v}\n" for period, v in (
        ("2026-H1", "nan"), ("2026-H1", "-inf"), ("2026-H1", "1e400"), ("2026-H1", "Infinity"), ("2026-H1", "-0"),
        ("0000", "1"), ("9999-12", "1")))
    with session_scope(seeded) as s:
        done = imports.preview_actions(s, sinho, "x.csv", ("Mã nhiệm vụ,Mã cơ quan,Ngày thực hiện,Nội dung,Tiến độ\n"
                                                          + action_rows).encode(), TODAY)
        values = imports.preview_values(s, labour, "x.csv", ("Mã chỉ tiêu,Kỳ,Ngày số liệu,Giá trị\n"
                                                            + value_rows).encode(), TODAY)
    assert [r.ok for r in done] == [False, False, False, True, False]
    assert [r.ok for r in values] == [False, False, False, False, True, False, False]
    assert done[3].parsed.progress_pct == 0 and str(values[4].parsed.value) == "0.0", "-0 is plain 0"
    assert all("số hợp lệ" in r.errors[0] for r in values[:4]) and "Năm" in values[5].errors[0]

    def sheet(*numbers: str) -> bytes:
        head = ('<c t="inlineStr"><is><t>Mã chỉ tiêu</t></is></c><c t="inlineStr"><is><t>Kỳ</t></is></c>'
                '<c t="inlineStr"><is><t>Ngày số liệu</t></is></c><c t="inlineStr"><is><t>Giá trị</t></is></c>')
        return files.xlsx_from_parts(files.sheet_xml(_cells(head, *[
            f'<c t="inlineStr"><is><t>T02</t></is></c><c t="inlineStr"><is><t>2026-H1</t></is></c><c/><c><v>{v}</v></c>'
            for v in numbers])))

    with session_scope(seeded) as s:
        stored = imports.preview_values(s, labour, "x.xlsx", sheet("1e400", "-1E+999", "9" * 400, "-0"), TODAY)
        assert [r.ok for r in stored] == [False, False, False, True]
        with pytest.raises(InvalidInput, match="không đọc được"):  # no spreadsheet writes NaN: the file is refused
            imports.preview_values(s, labour, "x.xlsx", sheet("NaN"), TODAY)

