"""`program list` and `--program CODE` (issue 15): every program side by side; one chosen by its code."""

import json

from tests.conftest import make_actor
from tests.services.test_two_programs import second_program
from tracker.cli import main
from tracker.db import get_engine, session_scope


def test_program_list_shows_both_programs_and_report_takes_one_by_code(settings, capsys, tmp_path):
    assert main(["init", "--as-issued"]) == 0
    with session_scope(get_engine()) as s:
        second_program(s)
    capsys.readouterr()
    assert main(["program", "list", "--format", "json"]) == 0
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)["programs"]}
    assert set(rows) == {"CTHD-NQ42", "KH-NQ45"}
    assert (rows["CTHD-NQ42"]["tasks"], rows["CTHD-NQ42"]["targets"]) == (39, 47)
    youth = rows["KH-NQ45"]
    assert (youth["tasks"], youth["assignments"], youth["overdue"], youth["bodies_behind"]) == (1, 1, 1, 1)
    assert rows["CTHD-NQ42"]["next_review"]["due_on"] >= "2026"
    assert main(["program", "list"]) == 0
    table = capsys.readouterr().out
    assert "KH-NQ45" in table and "12-KH/TU" in table and "1 quá hạn (1 đơn vị)" in table

    assert main(["report", "--period", "2026", "--program", "KH-NQ45", "-o", str(tmp_path / "r.docx")]) == 0
    assert (tmp_path / "r.docx").stat().st_size > 0
    assert main(["report", "--period", "2026", "--program", "KHONG-CO", "-o", str(tmp_path / "x.docx")]) == 2
    assert "Không có chương trình KHONG-CO" in capsys.readouterr().err
    assert main(["export", "--program", "KH-NQ45"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["program"]["code"] == "KH-NQ45" and len(exported["task_groups"]) == 1


def test_remind_takes_one_program_by_code(settings, capsys):
    assert main(["init", "--as-issued"]) == 0
    with session_scope(get_engine()) as s:
        second_program(s)
    make_actor(get_engine(), "yte", "agency", "SO-YTE")
    capsys.readouterr()
    assert main(["remind", "--dry-run", "--as-of", "2026-12-20", "--program", "KH-NQ45"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("inapp")]
    assert lines and all("KH-NQ45/" in line or " III.1.1 " in line for line in lines)
    assert main(["remind", "--dry-run", "--as-of", "2026-12-20", "--program", "KHONG-CO"]) == 2
