"""Diacritic- and case-insensitive search over the program."""

from tracker.services import catalog


def test_search_ignores_diacritics_and_case(session):
    program = catalog.get_program(session)
    found = catalog.search(session, program, "giam ngheo")
    assert "III.5.c.1" in {t["code"] for t in found["tasks"]}
    assert all("giảm nghèo" in t["text"].lower() or "giảm" in t["text"].lower() for t in found["tasks"])


def test_dang_matches_dang_with_stroke(session):
    program = catalog.get_program(session)
    orgs = catalog.search(session, program, "DANG doan")["organisations"]
    assert {"DD-MTTQ", "DD-HDND"} <= {o["code"] for o in orgs}


def test_search_words_must_all_match_and_wildcards_are_literal(session):
    program = catalog.get_program(session)
    assert catalog.search(session, program, "nha o xa hoi")["targets"]
    assert catalog.search(session, program, "%")["tasks"] == []
    assert catalog.search(session, program, "   ") == {"tasks": [], "targets": [], "organisations": []}
