"""`python -m tracker orgs list | reorganise | import` on a migrated and seeded database (both engines)."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from tracker.cli import main
from tracker.db import session_scope
from tracker.models import Assignment, AuditEvent, Organisation

EVENTS = """\
events:
  - code: T-2025-03-BTGDV
    kind: merge
    effective_on: 2025-03-01
    title: Hợp nhất Ban Tuyên giáo và Ban Dân vận
    basis: {number: 1676-QĐ/TU, date: 2025-02-10}
    create:
      - {code: BTGDV-TU, name: Ban Tuyên giáo và Dân vận Tỉnh ủy, short_name: Ban Tuyên giáo và Dân vận,
         kind: party_board, parent: TU, symbol: BTGDVTU, signer_title: TRƯỞNG BAN, recipient: true}
    ending: [BTG-TU, BDV-TU]
    successors: [BTGDV-TU]
"""
HEADER = "Mã,Tên,Tên ngắn,Loại,Trực thuộc,Ngày bắt đầu,Ngày kết thúc,Kế thừa,Ký hiệu,Chức danh ký,Email,Nơi nhận\n"


def counts(engine) -> tuple[int, int, int]:
    with session_scope(engine, read_only=True) as s:
        return tuple(s.exec(select(func.count()).select_from(model)).one()
                     for model in (Organisation, Assignment, AuditEvent))


def org(engine, code: str) -> Organisation | None:
    with session_scope(engine, read_only=True) as s:
        return s.exec(select(Organisation).where(Organisation.code == code)).first()


def listed(capsys, *args: str) -> set[str]:
    capsys.readouterr()
    assert main(["orgs", "list", "--format", "json", *args]) == 0
    return {o["code"] for o in json.loads(capsys.readouterr().out)["organisations"]}


@pytest.fixture
def events_file(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(EVENTS, encoding="utf-8")
    return path


def test_list_as_of_a_date_and_a_bad_date(seeded, capsys):
    codes = listed(capsys, "--as-of", "01/06/2024")
    assert {"TU", "BTG-TU", "HU-TAMDUONG"} <= codes
    assert listed(capsys, "--as-of", "2024-06-01") == codes
    capsys.readouterr()
    assert main(["orgs", "list", "--as-of", "2024-13-01"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err
    assert main(["orgs", "list", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("code,name,kind,parent,began_on,ended_on,successors\n")
    assert main(["orgs", "list"]) == 0
    assert "BTG-TU" in capsys.readouterr().out


def test_reorganise_dry_run_apply_and_skip(seeded, events_file, capsys):
    before = counts(seeded)
    capsys.readouterr()
    assert main(["orgs", "reorganise", str(events_file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "T-2025-03-BTGDV" in out and "BTG-TU" in out and "không ghi gì" in out
    assert counts(seeded) == before and org(seeded, "BTGDV-TU") is None

    assert main(["orgs", "reorganise", str(events_file), "--yes"]) == 0
    assert "Đã áp dụng T-2025-03-BTGDV." in capsys.readouterr().out
    assert org(seeded, "BTGDV-TU") is not None and not org(seeded, "BTG-TU").active
    after = counts(seeded)
    assert main(["orgs", "reorganise", str(events_file), "--yes"]) == 0
    assert "Bỏ qua T-2025-03-BTGDV" in capsys.readouterr().out
    assert counts(seeded) == after

    old, today = listed(capsys, "--as-of", "2024-06-01"), listed(capsys)
    assert {"BTG-TU", "BDV-TU"} <= old and "BTGDV-TU" not in old
    assert "BTGDV-TU" in today and not {"BTG-TU", "BDV-TU"} & today
    assert {"BTG-TU", "BTGDV-TU"} <= listed(capsys, "--all")


@pytest.mark.parametrize("text, message", [
    (EVENTS.replace("successors: [BTGDV-TU]", "successors: [KHONG-CO]"), "KHONG-CO"),
    (EVENTS.replace("2025-03-01", "2999-01-01"), "Chưa đến ngày có hiệu lực"),
])
def test_a_bad_events_file_writes_nothing(seeded, tmp_path, capsys, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text + EVENTS.replace("T-2025-03-BTGDV", "T-OTHER").replace("events:\n", ""), encoding="utf-8")
    before = counts(seeded)
    capsys.readouterr()
    assert main(["orgs", "reorganise", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and message in err
    assert counts(seeded) == before


def test_import_csv_creates_and_updates(seeded, tmp_path, capsys):
    path = tmp_path / "bodies.csv"
    path.write_text(HEADER
                    + "DUX-MUONGKIM,Đảng ủy xã Mường Kim,ĐU xã Mường Kim,Đảng ủy xã,TU,01/07/2025,,,,,,có\n"
                    + "CB-MUONGKIM,Chi bộ Mường Kim,,affiliated_committee,DUX-MUONGKIM,,,,,,cb@example.vn,không\n"
                    + "BTG-TU,Ban Tuyên giáo Tỉnh ủy (mới),Ban Tuyên giáo,party_board,TU,,,,BTGTU,TRƯỞNG BAN,,có\n",
                    encoding="utf-8-sig")
    before = counts(seeded)
    capsys.readouterr()
    assert main(["orgs", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Thêm mới: DUX-MUONGKIM" in out and "Cập nhật: BTG-TU" in out
    assert counts(seeded) == before
    assert main(["orgs", "import", str(path)]) == 0
    commune, cell = org(seeded, "DUX-MUONGKIM"), org(seeded, "CB-MUONGKIM")
    assert commune.kind == "commune_committee" and commune.is_recipient and str(commune.began_on) == "2025-07-01"
    assert cell.parent_id == commune.id and cell.began_on is not None and cell.email == "cb@example.vn"
    board = org(seeded, "BTG-TU")
    assert board.name == "Ban Tuyên giáo Tỉnh ủy (mới)" and board.symbol == "BTGTU"
    capsys.readouterr()
    assert main(["orgs", "list", "--as-of", "2024-06-01", "--format", "json"]) == 0
    named = {o["code"]: o["name"] for o in json.loads(capsys.readouterr().out)["organisations"]}
    assert named["BTG-TU"] == "Ban Tuyên giáo Tỉnh ủy"  # as it was named then
    with session_scope(seeded, read_only=True) as s:
        event = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.object_type) == ("import", "organisation")
    assert "DUX-MUONGKIM" in json.dumps(event.summary, ensure_ascii=False)


def test_import_xlsx(seeded, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["mã", "tên", "loại", "trực thuộc"])
    sheet.append(["DUP-TANPHONG", "Đảng ủy phường Tân Phong", "ward_committee", "TU"])
    path = tmp_path / "bodies.xlsx"
    book.save(path)
    assert main(["orgs", "import", str(path)]) == 0
    assert org(seeded, "DUP-TANPHONG").kind == "ward_committee"


def test_import_with_bad_rows_lists_each_and_writes_nothing(seeded, tmp_path, capsys):
    path = tmp_path / "bodies.csv"
    path.write_text(HEADER
                    + "DUX-A,Đảng ủy xã A,,Đảng ủy xã,TU,,,,,,,\n"
                    + "bad code,Tên,,department,TU,,,,,,,\n"
                    + "DUX-B,Đảng ủy xã B,,loại lạ,KHONG-CO,,,,,,,\n", encoding="utf-8")
    before = counts(seeded)
    capsys.readouterr()
    assert main(["orgs", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Dòng 3: Mã cơ quan" in err and "Dòng 4: Loại cơ quan" in err and "2 dòng lỗi" in err
    assert counts(seeded) == before and org(seeded, "DUX-A") is None


def declared_huge(rows: str) -> bytes:
    """A real workbook whose sheet declares the whole grid (A1:XFD1048576), with ``rows`` added."""
    book, source, out = Workbook(), io.BytesIO(), io.BytesIO()
    book.active.append(["mã", "tên", "loại"])
    book.save(source)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as changed:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', data.decode())
                data = text.replace("</sheetData>", rows + "</sheetData>").encode()
            changed.writestr(item, data)
    return out.getvalue()


def test_import_refuses_hostile_files(seeded, tmp_path, capsys):
    formula = Workbook()
    formula.active.append(["mã", "tên", "loại"])
    formula.active.append(['=HYPERLINK("http://x")', "=1+1", "department"])
    formula.save(tmp_path / "formula.xlsx")
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>X</t></is></c></row>' for n in range(2, 6003))
    files = {"garbage.xlsx": b"PK\x03\x04" + bytes(range(256)) * 8, "declared.xlsx": declared_huge(""),
             "rows.xlsx": declared_huge(rows), "bodies.txt": HEADER.encode(),
             "formula.xlsx": (tmp_path / "formula.xlsx").read_bytes()}
    messages = {"garbage.xlsx": "không đọc được", "declared.xlsx": "không có cơ quan nào",
                "rows.xlsx": "quá 5000 dòng", "bodies.txt": "Chỉ nhận tệp", "formula.xlsx": "Dòng 2: Mã cơ quan"}
    before = counts(seeded)
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        capsys.readouterr()
        assert main(["orgs", "import", str(path)]) == 2, name
        err = capsys.readouterr().err
        assert messages[name] in err and "Traceback" not in err, (name, err)
    assert counts(seeded) == before


def test_import_ends_a_body_into_its_successor_or_refuses_without_one(seeded, tmp_path, capsys):
    def open_work(code: str) -> int:
        with session_scope(seeded, read_only=True) as s:
            body = s.exec(select(Organisation).where(Organisation.code == code)).one()
            return len(s.exec(select(Assignment.id).where(Assignment.organisation_id == body.id,
                                                          Assignment.cancelled_at.is_(None))).all())

    assert open_work("BDV-TU") > 0
    path = tmp_path / "end.csv"
    path.write_text(HEADER + "BDV-TU,Ban Dân vận Tỉnh ủy,,party_board,TU,,01/03/2025,,,,,\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["orgs", "import", str(path)]) == 2
    assert "Dòng 2: BDV-TU còn nhiệm vụ" in capsys.readouterr().err and org(seeded, "BDV-TU").active
    path.write_text(HEADER + "BDV-TU,Ban Dân vận Tỉnh ủy,,party_board,TU,,01/03/2025,BTG-TU,,,,\n", encoding="utf-8")
    assert main(["orgs", "import", str(path)]) == 0
    ended = org(seeded, "BDV-TU")
    assert not ended.active and str(ended.ended_on) == "2025-03-01" and open_work("BDV-TU") == 0
    assert "BDV-TU" not in listed(capsys) and "BDV-TU" in listed(capsys, "--as-of", "2025-02-28")
