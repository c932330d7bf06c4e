"""Text that could break a document or run in a spreadsheet, typed, imported or already stored.

Control characters are cleaned where text comes in (forms and imports go through the same service
checks), and every renderer neutralises them anyway, so a report always builds from what is stored.
Every CSV and XLSX the project writes puts its cells through ``tabular.safe``: no formulas.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import docx
import openpyxl
import pytest
from sqlalchemy import text
from sqlmodel import select

from tracker.cli import main
from tracker.db import get_engine, session_scope
from tracker.demo import create_demo
from tracker.documents import summary_docx, summary_xlsx, urging_letter
from tracker.models import Action, Assignment, Organisation
from tracker.services import audit_log, imports, summary, tabular, urging
from tracker.services.actions import ActionInput, log_action
from tracker.services.actor import Actor
from tracker.services.export import CSV_TABLES, program_document, to_csv
from tracker.text import clean, printable

MONITOR = Actor.operator("tg", role="monitor")
TODAY = date(2026, 11, 29)
HOSTILE = "=HYPERLINK(\"http://x\")\x0bdòng hai\x1b[31m\x7f hết"  # PostgreSQL itself refuses NUL
FORMULAS = ("=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1")


def test_clean_keeps_words_and_line_breaks_and_drops_controls():
    assert clean("  Hội nghị\x0bquán triệt\x1b[0m\r\nxong\x7f\u0085!  ") == "Hội nghị\nquán triệt[0m\nxong\n!"
    assert clean("Nghi\u0323 quyê\u0301t") == "Nghị quyết"  # NFC: what the database compares
    assert clean(None) == "" and clean("\x00\x1f") == ""
    assert printable("a\tb\nc\ud800\ufffe") == "a\tb\nc"


def test_safe_neutralises_formulas_and_controls_but_not_numbers():
    for value in FORMULAS:
        assert tabular.safe(value).startswith("'")
    assert tabular.safe("a\x0bb\x1b") == "a\nb"
    assert tabular.safe(-5) == -5 and tabular.safe(2.5) == 2.5 and tabular.safe(None) is None


@pytest.fixture
def demo(settings):
    assert main(["init"]) == 0
    with session_scope(get_engine()) as s:
        create_demo(s, TODAY)
    return get_engine()


def _store_raw(engine, description: str) -> None:
    """Write an action the way an older version (or a direct import) could have: no cleaning."""
    with session_scope(engine) as s:
        action = s.exec(select(Action).order_by(Action.id)).first()
        s.execute(text("UPDATE action SET description = :d, doc_number = :n WHERE id = :i"),
                  {"d": description, "n": "12\x1b-KH", "i": action.id})
        s.execute(text("UPDATE organisation SET name = :n WHERE code = 'DUX-SINHO'"),
                  {"n": "Đảng ủy xã\x0b Sìn Hồ\x1b"})


def test_summary_and_letter_build_from_stored_control_characters(demo):
    _store_raw(demo, HOSTILE)
    with session_scope(demo) as s:
        built = summary.build(s, MONITOR, "periodic", "2026", date(2026, 12, 5))
        letter = urging_letter.render(urging.letter_data(s, MONITOR, "DUX-SINHO", TODAY, "7\x1b"))
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(summary_docx.render(built))).paragraphs)
    assert "dòng hai" in body and "\x1b" not in body and "\x0b" not in body
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx.render(built)), read_only=True)
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("dòng hai" in c for c in cells) and not any(c.startswith("=") for c in cells)
    letter_text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter)).paragraphs)
    assert "Kính gửi: Đảng ủy xã\n Sìn Hồ" in letter_text and "\x1b" not in letter_text


@pytest.mark.parametrize("table", CSV_TABLES)
def test_every_export_table_carries_no_formula(demo, table):
    _store_raw(demo, HOSTILE)
    with session_scope(demo) as s:
        document = program_document(s)
    for row in csv.reader(io.StringIO(to_csv(document, table))):
        for cell in row:
            assert not cell.startswith(tabular.FORMULA_START) and "\x1b" not in cell, (table, cell)


def test_cli_export_of_actions_is_neutralised(demo, capsys):
    _store_raw(demo, HOSTILE)
    capsys.readouterr()
    assert main(["export", "--format", "csv", "--table", "actions"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    hostile = [r for r in rows if "HYPERLINK" in r["description"]]
    assert hostile and hostile[0]["description"].startswith("'=HYPERLINK")


def test_table_downloads_and_audit_csv_neutralise_every_cell():
    rows = [{"a": value, "b": value + "\x1b"} for value in FORMULAS]
    headers = {"a": "A", "b": "B"}
    for row in list(csv.reader(io.StringIO(tabular.to_csv(rows, headers).decode("utf-8-sig"))))[1:]:
        assert all(cell.startswith("'") for cell in row)
    book = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx({"t": (rows, headers)})))
    assert all(c.data_type == "s" and c.value.startswith("'") for row in book["t"].iter_rows(min_row=2) for c in row)
    events = [{"seq": 1, "at": "", "actor": "=cmd", "organisation": "", "action": "+x", "object_type": "",
               "object_id": "@a", "summary": "-1", "hash": ""}]
    out = list(csv.DictReader(io.StringIO(audit_log.events_csv(events))))[0]
    assert out["actor"] == "'=cmd" and out["action"] == "'+x" and out["object_id"] == "'@a" and out["summary"] == "'-1"


def test_typed_and_imported_text_is_stored_clean(demo):
    with session_scope(demo) as s:
        assignment = s.exec(select(Assignment).join(Organisation).where(Organisation.code == "DUX-SINHO")
                            .order_by(Assignment.id)).first()
        agency = Actor(None, "sinho", "agency", assignment.organisation_id)
        task_code = s.exec(text("SELECT code FROM task WHERE id = :i"), params={"i": assignment.task_id}).one()[0]
        typed = log_action(s, agency, assignment.id, ActionInput(TODAY, "Họp\x0bbàn\x1b[1m\x00", 10, "5\x1b"), TODAY)
        assert (typed.description, typed.doc_number) == ("Họp\nbàn[1m", "5")
        sheet = ("task,organisation,description,acted_on,progress_pct\r\n"
                 f"{task_code},DUX-SINHO,\"Tập huấn\x0b\x1bxong\",{TODAY:%d/%m/%Y},20\r\n")
        results = imports.preview_actions(s, agency, "rows.csv", sheet.encode("utf-8"), TODAY)
        assert all(r.ok for r in results), [r.errors for r in results]
        imports.commit(s, agency, results, "actions", TODAY)
        stored = s.exec(select(Action.description).order_by(Action.id.desc())).first()
        assert stored == "Tập huấn\nxong"
