"""The reviewer's corrections before publishing: details, a target, tasks split, merged and deleted,
a body mapped; the proposed assignments follow; bad input is refused in Vietnamese."""

from __future__ import annotations

import json

import pytest

from tests.program_import.documents import FIXTURES
from tracker.errors import InvalidInput
from tracker.program_import import parse, read_lines, review, to_export

YOUTH = FIXTURES / "ke-hoach-thanh-nien.txt"
BODIES = [{"code": "BTV-TU", "name": "Ban Thường vụ Tỉnh ủy", "short_name": ""},
          {"code": "BCSD-UBND", "name": "Ban cán sự đảng Ủy ban nhân dân tỉnh", "short_name": ""},
          {"code": "BTV-TD", "name": "Ban Thường vụ Tỉnh đoàn", "short_name": ""},
          {"code": "SO-GDDT", "name": "Sở Giáo dục và Đào tạo", "short_name": ""},
          {"code": "BTG-TU", "name": "Ban Tuyên giáo Tỉnh ủy", "short_name": ""}]


@pytest.fixture
def document() -> dict:
    from tracker.program_import import match_bodies

    draft = parse(read_lines(YOUTH))
    match_bodies(draft, BODIES)
    return json.loads(json.dumps(to_export(draft, code="KH-NQ45"), default=str))


def codes(document) -> list[str]:
    return [t["code"] for t in review.tasks(document)]


def test_a_target_is_corrected_and_a_qualitative_one_loses_its_value(document):
    first = document["targets"][0]["code"]
    review.set_target(document, first, name="Thanh niên được tập hợp vào Đoàn, Hội", comparator=">=", value=90.0,
                      unit="%", target_year=2030)
    assert {k: document["targets"][0][k] for k in ("name", "comparator", "value", "unit")} == {
        "name": "Thanh niên được tập hợp vào Đoàn, Hội", "comparator": ">=", "value": 90.0, "unit": "%"}
    review.set_target(document, first, name="Định tính", comparator="qualitative", value=5.0, unit="%",
                      target_year=None)
    assert (document["targets"][0]["value"], document["targets"][0]["unit"]) == (None, "")
    with pytest.raises(InvalidInput, match="cần một giá trị"):
        review.set_target(document, first, name="X", comparator=">", value=None, unit="%", target_year=2030)
    with pytest.raises(InvalidInput, match="Không tìm thấy chỉ tiêu T99"):
        review.delete_target(document, "T99")


def test_tasks_split_merge_and_delete_renumber_and_keep_their_source_lines(document):
    before = codes(document)
    task = review.tasks(document)[0]
    lines = document["draft"]["lines"]["tasks"][task["code"]]
    review.split_task(document, task["code"], "Phần đầu", "Phần sau")
    after = review.tasks(document)
    assert len(after) == len(before) + 1
    assert (after[0]["text"], after[1]["text"]) == ("Phần đầu", "Phần sau")
    assert after[1]["code"] == task["group"] + ".2" and after[2]["code"] == task["group"] + ".3"
    assert document["draft"]["lines"]["tasks"][after[1]["code"]] == lines
    review.merge_with_next(document, after[0]["code"])
    assert review.tasks(document)[0]["text"] == "Phần đầu Phần sau" and codes(document) == before
    review.delete_task(document, before[0])
    assert len(codes(document)) == len(before) - 1
    assert {a["task"] for a in document["assignments"]} == set(codes(document))
    with pytest.raises(InvalidInput, match="không được để trống"):
        review.set_task(document, codes(document)[0], "  ")


def test_mapping_a_body_proposes_its_assignments(document):
    clauses = document["draft"]["clauses"]
    label, index = next((c["label"], i) for c in clauses for i, b in enumerate(c["bodies"])
                        if b["status"] == "unmatched" and "Lao động" in b["name"])
    assert "SO-NV" not in {a["organisation"] for a in document["assignments"]}
    review.map_body(document, label, index, "SO-NV")
    mapped = [a for a in document["assignments"] if a["organisation"] == "SO-NV"]
    assert {a["task"] for a in mapped} == set(codes(document)) and {a["role"] for a in mapped} == {"coordinate"}
    review.map_body(document, label, index, None)
    assert "SO-NV" not in {a["organisation"] for a in document["assignments"]}


def test_program_details_are_checked(document):
    with pytest.raises(InvalidInput, match="Mã chương trình"):
        review.set_program(document, code="mã có dấu", title="X", number="", issued_on=None, issuer=None,
                           monitor=None)
    review.set_program(document, code="KH-TN-2024", title=" Kế hoạch thanh niên ", number="18-KH/TU",
                       issued_on=None, issuer="BTV-TU", monitor="BTG-TU")
    assert (document["program"]["code"], document["program"]["title"]) == ("KH-TN-2024", "Kế hoạch thanh niên")
