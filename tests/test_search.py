"""Diacritic- and case-insensitive search over the program."""

import unicodedata

from sqlmodel import select

from tracker.models import Task
from tracker.services import catalog


def _plain(text: str) -> str:
    """Lower case without Vietnamese marks, written here apart from tracker.text.fold (the oracle)."""
    marks_apart = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in marks_apart if not unicodedata.combining(ch))


def test_search_ignores_diacritics_and_case(session):
    program = catalog.get_program(session)
    found = {t["code"]: t["text"] for t in catalog.search(session, program, "giam NGHEO")["tasks"]}
    tasks = session.exec(select(Task).where(Task.program_id == program.id)).all()
    expected = {t.code for t in tasks if "giam" in _plain(t.text) and "ngheo" in _plain(t.text)}
    assert set(found) == expected  # every task holding both words, marks or not, and no other
    assert "giảm nghèo" in found["III.5.c.1"].lower()  # the words as written, found from plain letters


def test_dang_matches_dang_with_stroke(session):
    program = catalog.get_program(session)
    orgs = catalog.search(session, program, "DANG doan")["organisations"]
    assert {"DD-MTTQ", "DD-HDND"} <= {o["code"] for o in orgs}


def test_search_words_must_all_match_and_wildcards_are_literal(session):
    program = catalog.get_program(session)
    assert catalog.search(session, program, "nha o xa hoi")["targets"]
    assert catalog.search(session, program, "%")["tasks"] == []
    assert catalog.search(session, program, "   ") == {"tasks": [], "targets": [], "organisations": []}
