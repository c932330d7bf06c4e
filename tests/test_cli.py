"""`python -m tracker`: init, export, and clear messages for bad configuration."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import SEED_DIR
from tracker.cli import main
from tracker.config import PROJECT_ROOT


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI as a user would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture
def initialised(settings):
    assert main(["init"]) == 0
    return settings


def test_init_twice_reports_nothing_new(initialised, capsys):
    capsys.readouterr()
    assert main(["init"]) == 0
    assert "không thay đổi gì" in capsys.readouterr().out


def test_export_json_lists_the_whole_program(initialised, capsys):
    capsys.readouterr()
    assert main(["export", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "tracker.program-export" and doc["version"] == 2
    assert len(doc["task_groups"]) == 9
    tasks = [t for g in doc["task_groups"] for h in [g, *g["subgroups"]] for t in h["tasks"]]
    assert len(tasks) == 39 and len({t["code"] for t in tasks}) == 39
    assert len(doc["targets"]) == 47
    assert {"BTG-TU", "BCSD-UBND", "DD-MTTQ", "BTV-TD", "HU-TAMDUONG", "DU-KCCQ"} <= {o["code"] for o in doc["organisations"]}
    assert doc["program"]["monitor"] == "BTG-TU"  # as the document names it; the registry follows it on
    bodies = {o["code"]: o for o in doc["organisations"]}
    assert (bodies["BTG-TU"]["ended_on"], bodies["BTG-TU"]["successors"]) == ("2025-03-01", ["BTGDV-TU"])
    assert bodies["BTGDV-TU"]["began_on"] == "2025-03-01" and bodies["BTGDV-TU"]["symbol"] == "BTGDVTU"
    t02 = next(t for t in doc["targets"] if t["code"] == "T02")
    assert (t02["comparator"], t02["value"], t02["unit"], t02["responsible"]) == ("<", 2.0, "%", "SO-LDTBXH")
    assignment = doc["assignments"][0]
    assert set(assignment) == {"task", "organisation", "role", "deadline", "deadline_is_default",
                               "report_cadence", "basis", "is_default"}


def test_export_csv_tables_and_output_file(initialised, tmp_path):
    out = tmp_path / "targets.csv"
    assert main(["export", "--format", "csv", "--table", "targets", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 47 and rows[1]["code"] == "T02" and rows[1]["value"] == "2.0"
    tasks_out = tmp_path / "tasks.csv"
    assert main(["export", "--format", "csv", "-o", str(tasks_out)]) == 0
    tasks = list(csv.DictReader(io.StringIO(tasks_out.read_text(encoding="utf-8"))))
    assert len(tasks) == 39 and tasks[0]["group"] == "III.1"


@pytest.mark.parametrize("command", [["--help"], ["init", "--help"], ["export", "--help"], ["seed", "--help"],
                                     ["migrate", "--help"]])
def test_every_command_has_help(command):
    result = run_cli(*command)
    assert result.returncode == 0 and "usage:" in result.stdout


def test_unreachable_database_is_a_clear_message():
    result = run_cli("init", env={"TRACKER_DATABASE_URL": "postgresql://tracker@127.0.0.1:1/none"})
    assert result.returncode == 2
    assert "Không kết nối được cơ sở dữ liệu" in result.stderr and "TRACKER_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_database_url_is_a_clear_message():
    result = run_cli("init", env={"TRACKER_DATABASE_URL": "notadb://x"})
    assert result.returncode == 2 and "TRACKER_DATABASE_URL" in result.stderr and "Traceback" not in result.stderr


def test_unwritable_data_dir_is_a_clear_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("init", env={"TRACKER_DATA_DIR": str(blocker / "data"), "TRACKER_DATABASE_URL": ""})
    assert result.returncode == 2
    assert "TRACKER_DATA_DIR" in result.stderr and "Traceback" not in result.stderr


def check_broken_seed(tmp_path, filename: str, old: str, new: str) -> subprocess.CompletedProcess:
    """Copy the seed, replace ``old`` by ``new`` once in ``filename``, and run `seed --check` on it."""
    seed = tmp_path / "seed"
    shutil.copytree(SEED_DIR, seed)
    path = seed / filename
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return run_cli("seed", "--check", "--seed-dir", str(seed))


def test_malformed_seed_file_names_the_file_and_line(tmp_path):
    result = check_broken_seed(tmp_path, "targets.yaml", '  - code: "T05"', '  - code: ["T05"')
    assert result.returncode == 2
    assert "targets.yaml" in result.stderr and "dòng" in result.stderr and "Traceback" not in result.stderr


def test_inconsistent_seed_names_the_unknown_code(tmp_path):
    result = check_broken_seed(tmp_path, "assignments.yaml", "[SO-YTE]", "[SO-KHONG-CO]")
    assert result.returncode == 2 and "SO-KHONG-CO" in result.stderr and "Traceback" not in result.stderr


def test_invalid_value_in_seed_names_the_field(tmp_path):
    result = check_broken_seed(tmp_path, "targets.yaml", 'comparator: "<"', 'comparator: "less"')
    assert result.returncode == 2 and "targets.yaml" in result.stderr and "less" in result.stderr


def test_init_tells_how_to_create_the_first_administrator(settings, capsys):
    assert main(["init", "--as-issued"]) == 0
    out = capsys.readouterr().out
    assert "python -m tracker user add" in out and "--role admin" in out
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO("mat-khau-quan-tri-2026\n"))
        assert main(["user", "add", "quantri", "--role", "admin", "--org", "BTG-TU", "--password-stdin"]) == 0
    capsys.readouterr()
    assert main(["init", "--as-issued"]) == 0
    assert "user add" not in capsys.readouterr().out


def test_export_covers_actions_reports_and_target_values(initialised, capsys):
    from datetime import date

    from tracker.db import get_engine, session_scope
    from tracker.demo import create_demo

    with session_scope(get_engine()) as s:
        create_demo(s, date(2026, 11, 29))
    capsys.readouterr()
    assert main(["export"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["actions"]) == 6 and doc["actions"][0]["organisation"] == "DUX-SINHO"
    assert {a["doc_number"] for a in doc["actions"]} >= {"112-KH/ĐU", "131-BC/ĐU"}
    assert [(r["organisation"], r["state"]) for r in doc["reports"]] == [("DUX-SINHO", "submitted")]
    assert [(v["organisation"], v["value"]) for v in doc["target_values"]] == [("SO-YTE", 35.2)]
    assert main(["export", "--format", "csv", "--table", "actions"]) == 0
    assert capsys.readouterr().out.startswith("id,task,organisation,acted_on,description")
