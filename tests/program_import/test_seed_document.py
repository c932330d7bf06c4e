"""Parsing the Lai Châu Action Program (the OCR'd source of the seed) gives what the curated seed holds."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import SEED_DIR, SOURCE_DOC
from tracker.program_import import match_bodies, parse, read_lines, to_export
from tracker.program_import.ocr_slips import apply


def _seed(name: str) -> dict:
    return yaml.safe_load((SEED_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def draft():
    return parse(read_lines(SOURCE_DOC))


@pytest.fixture(scope="module")
def accepted(draft):
    """The export of the draft with every OCR suggestion accepted: what the seed's curator did."""
    return to_export(draft, code="CTHD-NQ42", accept_flags=True)


def _walk(groups):
    for group in groups:
        yield group
        yield from group.get("subgroups", [])


def test_groups_and_subgroups_are_the_seeds(accepted):
    seed = _seed("tasks.yaml")["groups"]
    got = [(g["code"], g["label"], g["title"]) for g in _walk(accepted["task_groups"])]
    assert got == [(g["code"], g["label"], g["title"]) for g in _walk(seed)]
    assert len(accepted["task_groups"]) == 9


def test_every_task_has_the_seeds_code_and_text(accepted):
    seed = {t["code"]: t["text"] for g in _walk(_seed("tasks.yaml")["groups"]) for t in g.get("tasks", [])}
    got = {t["code"]: t["text"] for g in _walk(accepted["task_groups"]) for t in g["tasks"]}
    assert len(got) == 39
    assert list(got) == list(seed)
    assert got == seed        # page breaks joined, OCR slips corrected once accepted


def test_targets_have_the_seeds_values_units_comparators_and_directions(accepted):
    seed = _seed("targets.yaml")["targets"]
    got = accepted["targets"]
    assert len(got) == 47
    for mine, theirs in zip(got, seed):
        assert mine["code"] == theirs["code"]
        assert (mine["value"], mine["unit"], mine["comparator"], mine["direction"], mine["paragraph"]) == \
            (theirs["value"], theirs["unit"], theirs["comparator"], theirs["direction"], theirs["paragraph"]), theirs["code"]
        assert mine["target_year"] == 2030
    words = accepted["draft"]["comparator_words"]
    assert (words["T02"], words["T19"], words["T22"], words["T44"]) == ("dưới", "khoảng", "phấn đấu đạt trên", "ít nhất")


def test_target_names_where_the_text_names_them(accepted):
    names = {t["code"]: t["name"] for t in accepted["targets"]}
    seed = {t["code"]: t["name"] for t in _seed("targets.yaml")["targets"]}
    for code in ("T02", "T03", "T04", "T12", "T13", "T22", "T23", "T24", "T25", "T26", "T29", "T30", "T40",
                 "T41", "T18", "T09", "T32"):
        assert names[code] == seed[code], code


def test_baselines_are_the_figures_of_section_one(accepted, draft):
    seed = _seed("program.yaml")["baselines"]
    got = accepted["baselines"]
    assert [(b["value"], b["unit"], b["comparator"]) for b in got] == \
        [(b["value"], b["unit"], b["comparator"]) for b in seed]
    assert all(b["year"] == 2023 and b["year_is_default"] for b in got)    # the resolution's year
    assert [b.lines for b in draft.baselines] == [[13]] * 5 + [[15], [17]]


def test_program_texts_are_the_seeds(accepted, draft):
    seed = _seed("program.yaml")["program"]
    program = accepted["program"]
    for key in ("title", "implements", "situation", "general_goal", "vision_2045", "signer", "target_year"):
        assert program[key] == seed[key], key
    assert draft.issuer == "Ban Thường vụ Tỉnh ủy" and draft.resolution == "42-NQ/TW"
    assert draft.title_lines == [3, 5]


def test_ocr_slips_of_the_seed_are_flagged_with_their_correction(draft):
    corrections = _seed("ocr_corrections.yaml")
    for item in corrections["corrections"]:
        flags = [f for f in draft.flags if f.found in item["garbled"]]
        assert flags, item["garbled"]
        assert apply(item["garbled"], flags) == item["corrected"]
    assert sum(f.found == "phân đầu" for f in draft.flags) == 2
    assert {f.line for f in draft.flags if f.kind != "markup"} == {35, 37, 77, 111, 143, 165}
    markup = [f for f in draft.flags if f.kind == "markup"]
    assert [(f.line, f.suggestion) for f in markup] == [(37, "²")]


def test_the_draft_keeps_the_garbled_text_until_a_person_accepts(draft):
    raw = to_export(draft, code="X")
    texts = {t["code"]: t["text"] for g in _walk(raw["task_groups"]) for t in g["tasks"]}
    assert "Thực hiện nghiêm chỉnh sách, pháp luật" in texts["III.6.e.2"]
    assert "chuyên đổi số" in texts["III.6.b.4"]


def test_page_breaks_are_joined_and_recorded(draft, accepted):
    text = " ".join([accepted["program"]["situation"], accepted["program"]["vision_2045"]]
                    + [t["source_sentence"] for t in accepted["targets"]]
                    + [t["text"] for g in _walk(accepted["task_groups"]) for t in g["tasks"]])
    for item in _seed("ocr_corrections.yaml")["joins"]:
        assert item["joined"] in text, item["joined"]
    assert (119, 123) in draft.joins and (187, 190) in draft.joins


def test_tasks_keep_their_source_lines(draft):
    lines = {t.code: t.lines for t in draft.all_tasks()}
    assert lines["III.1.1"] == [51]
    assert lines["III.4.a.2"] == [77, 79]
    assert lines["III.5.c.1"] == [119, 123]


def test_section_four_clauses_and_their_bodies(draft):
    assert [c.label for c in draft.clauses] == ["1", "2", "3", "4"]
    assert draft.clauses[1].lines == [187, 190]
    leads = [[b.name for b in c.bodies if b.role == "lead"] for c in draft.clauses]
    assert leads[1] == ["Ban cán sự đảng UBND tỉnh"]
    assert leads[3] == ["Ban Tuyên giáo Tỉnh ủy"]
    assert "Ban Thường vụ Tỉnh đoàn" in leads[0] and "các huyện ủy" in leads[0]
    assert [r.kind for r in draft.reviews] == ["preliminary", "final"]


def test_bodies_match_the_registry_and_collectives_get_a_kind():
    draft = parse(read_lines(SOURCE_DOC))
    unmatched = match_bodies(draft, _seed("organisations.yaml")["organisations"])
    by_name = {b.name: b for c in draft.clauses for b in c.bodies}
    assert by_name["Ban cán sự đảng UBND tỉnh"].code == "BCSD-UBND"
    assert by_name["Ban Tuyên giáo Tỉnh ủy"].code == "BTG-TU"
    assert by_name["Ban Thường vụ Tỉnh đoàn"].code == "BTV-TD"
    assert by_name["Đảng đoàn Mặt trận Tổ quốc"].code == "DD-MTTQ"
    assert by_name["các huyện ủy"].status == "kind" and by_name["các huyện ủy"].kind == "district_committee"
    assert by_name["các hội quần chúng"].kind == "mass_association"
    assert draft.issuer_code == "BTV-TU" and draft.monitor.code == "BTG-TU"
    assert [m.name for m in unmatched] == ["các cơ quan liên quan"]
    assert unmatched[0].code is None
    document = to_export(draft, code="CTHD-NQ42")
    assert (document["program"]["issuer"], document["program"]["monitor"]) == ("BTV-TU", "BTG-TU")
    assert [m["code"] for m in document["milestones"]] == ["SK", "TK"]
    assert all(m["is_default"] for m in document["milestones"])
