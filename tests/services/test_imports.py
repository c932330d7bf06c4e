"""Bulk import: every row validated, errors shown per row, only confirmed valid rows written."""

import io
from datetime import date

import openpyxl
import pytest
from sqlmodel import func, select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.models import Action, TargetValue
from tracker.services import imports
from tracker.services.actions import InvalidInput

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
