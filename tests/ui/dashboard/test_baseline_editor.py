"""The monitor's baseline editor on "Chỉ tiêu 2030": set, refused in Vietnamese, kept across runs; others only read."""

from __future__ import annotations

from sqlmodel import select

from tests.ui.conftest import click, errors, successes, widget
from tracker.db import session_scope
from tracker.models import Target

TARGETS = "targets_page"
SOURCE = "Niên giám thống kê tỉnh Lai Châu 2024"


def target_id(code: str) -> int:
    with session_scope() as s:
        return s.exec(select(Target.id).where(Target.code == code)).one()


def fill(at, value, year, source):
    at.selectbox(key="baseline_target").set_value(target_id("T05")).run()
    next(w for w in at.number_input if w.label.startswith("Giá trị gốc")).set_value(value)
    widget(at.number_input, "Năm của số liệu gốc").set_value(year)
    widget(at.text_input, "Nguồn số liệu").input(source)
    click(at, "Lưu số liệu gốc")
    return at.run()


def test_the_monitor_sets_a_baseline_and_it_stays(page):
    at = fill(page(TARGETS, "theodoi"), 120.0, 2024, SOURCE)
    assert errors(at) == ["Giá trị 120% vượt quá mức tối đa 100 của đơn vị tính."]
    at = fill(at, 18.5, 2024, SOURCE)
    assert not errors(at) and successes(at) == ["Đã lưu số liệu gốc của chỉ tiêu T05."]
    baselines = dict(zip(at.dataframe[0].value["Mã"], at.dataframe[0].value["Số liệu gốc"]))
    assert baselines["T05"] == "18,5% (2024)"
    assert f"Nguồn số liệu gốc: {SOURCE}" in [c.value for c in at.caption]
    again = page(TARGETS, "theodoi")  # a new visit: read back from the database, the form filled with it
    again.selectbox(key="baseline_target").set_value(target_id("T05")).run()
    assert next(w for w in again.number_input if w.label.startswith("Giá trị gốc")).value == 18.5
    assert widget(again.number_input, "Năm của số liệu gốc").value == 2024
    assert widget(again.text_input, "Nguồn số liệu").value == SOURCE
    with session_scope() as s:
        target = s.get(Target, target_id("T05"))
        assert (target.baseline_value, target.baseline_year, target.baseline_source) == (18.5, 2024, SOURCE)


def test_a_leader_reads_baselines_without_the_editor(page):
    at = page(TARGETS, "bithu")
    assert not at.exception and not errors(at)
    assert not [e for e in at.expander if e.label == "Nhập số liệu gốc"]
    assert not [b for b in at.button if b.label == "Lưu số liệu gốc"]
