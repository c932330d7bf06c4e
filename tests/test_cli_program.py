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


def _tasks(document: dict) -> list[tuple[str, str]]:
    return [(t["code"], t["text"]) for g in document["task_groups"] for h in [g, *g["subgroups"]] for t in h["tasks"]]


def test_program_import_of_the_seed_source_round_trips_through_its_dry_run_json(settings, capsys, tmp_path):
    assert main(["init"]) == 0
    capsys.readouterr()
    source = "seed/source/chuong-trinh-hanh-dong-nq42.md"
    assert main(["program", "import", source, "--dry-run", "--format", "json", "--code", "NQ42-BAN-2"]) == 0
    proposed = json.loads(capsys.readouterr().out)
    assert (len(proposed["task_groups"]), len(_tasks(proposed)), len(proposed["targets"])) == (9, 39, 47)
    assert proposed["program"]["monitor"] == "BTGDV-TU"  # the 2024 text's Ban Tuyên giáo, as it is today
    assert main(["program", "import", source, "--dry-run"]) == 0
    table = capsys.readouterr().out
    assert "39 nhiệm vụ, 47 chỉ tiêu" in table and "“phân đầu” → “phấn đấu”" in table and "chưa tạo gì" in table

    saved = tmp_path / "nq42.json"
    saved.write_text(json.dumps(proposed, ensure_ascii=False), encoding="utf-8")
    assert main(["program", "import", str(saved)]) == 0
    assert "Đã tạo chương trình NQ42-BAN-2" in capsys.readouterr().out
    assert main(["export", "--program", "NQ42-BAN-2"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert _tasks(exported) == _tasks(proposed)
    assert [(t["code"], t["comparator"], t["value"], t["unit"]) for t in exported["targets"]] == \
        [(t["code"], t["comparator"], t["value"], t["unit"]) for t in proposed["targets"]]
    assert {(a["task"], a["organisation"], a["role"]) for a in exported["assignments"]} == \
        {(a["task"], a["organisation"], a["role"]) for a in proposed["assignments"]}

    assert main(["program", "import", str(saved)]) == 2  # the code is taken now: nothing is written
    assert "đã có" in capsys.readouterr().err
    (tmp_path / "junk.docx").write_bytes(b"\x00\x01 not a docx")
    assert main(["program", "import", str(tmp_path / "junk.docx"), "--dry-run"]) == 2
