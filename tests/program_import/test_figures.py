"""The figures a sentence states, and those it only mentions."""

from __future__ import annotations

import pytest

from tracker.program_import.figures import clauses, figures_in, proposals


@pytest.mark.parametrize(("clause", "expected"), [
    ("tỷ lệ hộ nghèo giảm xuống dưới 3%", [(3, "%", "<", "dưới")]),
    ("tỷ lệ nợ xấu không quá 1,5%", [(1.5, "%", "<=", "không quá")]),
    ("chi phí tối đa 12 tỷ đồng", [(12, "tỷ đồng", "<=", "tối đa")]),
    ("thu nhập bình quân xấp xỉ 60 triệu đồng", [(60, "triệu đồng", "about", "xấp xỉ")]),
    ("phấn đấu đạt trên 2.000 hội viên", [(2000, "hội viên", ">", "phấn đấu đạt trên")]),
    ("kinh tế số chiếm khoảng 20% GRDP", [(20, "%", "about", "chiếm khoảng")]),
    ("độ che phủ rừng đạt 52,5%", [(52.5, "%", ">=", "đạt")]),
    ("có ít nhất 2 bác sĩ/10.000 dân", [(2, "per_10000", ">=", "ít nhất")]),
])
def test_comparators_values_and_units(clause, expected):
    assert [(f.figure.value, f.figure.unit, f.figure.comparator, f.figure.comparator_word)
            for f in figures_in(clause)] == expected


@pytest.mark.parametrize("clause", [
    "thực hiện Nghị quyết số 42-NQ/TW giai đoạn 2021-2030",      # a code and a range
    "trẻ em 5 tuổi, trẻ em dưới 36 tháng tuổi",                   # ages that describe a population
    "đến năm 2030, Nghị quyết Trung ương 5 khóa XI",              # a year, an ordinal
    "mức độ 2 (nhóm 2)",
    "trong 5 năm qua, 12 mô hình",                                 # counts no comparator commits to
])
def test_mentions_that_are_not_figures(clause):
    assert figures_in(clause) == []


def test_a_baseline_bare_figure_is_a_fact_a_target_bare_figure_a_floor():
    assert figures_in("95% dân số tham gia BHYT")[0].figure.comparator == ">="
    assert figures_in("95% dân số tham gia BHYT", baseline=True)[0].figure.comparator == "="


def test_clauses_split_at_sentences_and_semicolons_not_at_decimals_or_thousands():
    text = "Đạt 99,9%; khoảng 1.500 căn. Tỷ lệ 2,5% v.v. còn lại"
    assert [text[s:e] for s, e in clauses(text)] == ["Đạt 99,9%", "khoảng 1.500 căn", "Tỷ lệ 2,5% v.v. còn lại"]


def test_a_clause_without_figures_is_one_or_two_qualitative_targets():
    assert [p.name for p in proposals("bảo đảm vững chắc mức sinh thay thế")] == ["Bảo đảm vững chắc mức sinh thay thế"]
    assert [p.name for p in proposals("cơ bản chấm dứt dịch bệnh AIDS và loại trừ sốt rét")] == [
        "Cơ bản chấm dứt dịch bệnh AIDS", "Loại trừ sốt rét"]
    assert proposals("cơ bản chấm dứt dịch bệnh AIDS", baseline=True) == []

