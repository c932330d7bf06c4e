"""`report` from the command line in both voices, signed as chosen (content; the layout is test_summary.py's)."""

from __future__ import annotations

import io

import docx
import pytest

from tracker.cli import main


def text_of(path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])


@pytest.fixture
def initialised(settings):
    assert main(["init", "--as-issued"]) == 0


def test_the_department_signs_as_deputy_with_the_name_typed(initialised, tmp_path):
    out = tmp_path / "bao-cao.docx"
    assert main(["report", "--kind", "preliminary", "--period", "2024-2027", "--date", "2026-11-20",
                 "--signer-form", "deputy", "--signer", "Nguyễn Văn A", "--number", "12", "-o", str(out)]) == 0
    text = text_of(out)
    assert "K/T TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text and "Nguyễn Văn A" in text
    assert "Sơ kết 03 năm thực hiện Chương trình hành động" in text and "Số 12-BC/BTGTU" in text
    assert "(III." not in text


def test_the_standing_committees_report_from_the_command_line(initialised, tmp_path):
    out = tmp_path / "bao-cao-btv.docx"
    assert main(["report", "--kind", "preliminary", "--period", "2024-2027", "--date", "2026-11-20",
                 "--voice", "standing_committee", "-o", str(out)]) == 0
    text = text_of(out)
    assert "TỈNH ỦY LAI CHÂU" in text and "-BC/TU" in text and "T/M BAN THƯỜNG VỤ" in text
    assert "Vũ Mạnh Hà" in text and "Ban Bí thư" in text and "TRƯỞNG BAN" not in text
    assert main(["report", "--period", "2026", "--voice", "standing_committee", "--signer-form", "head",
                 "-o", str(tmp_path / "x.docx")]) == 2  # a collective body's report is signed T/M
