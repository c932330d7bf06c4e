"""Page "Số liệu chỉ tiêu" for a commune: its own figures of the quantitative targets; the monitor enters them for it."""

from __future__ import annotations

from sqlmodel import select

from tests.ui.conftest import add_account, click, errors, texts, widget
from tests.ui.work.test_values_page import PAGE, choose, target_id, value_input
from tracker.db import session_scope
from tracker.models import Organisation, TargetValue


def commune(code: str = "XA-BANHON") -> int:
    with session_scope() as s:
        parent = s.exec(select(Organisation.id).where(Organisation.code == "HU-SINHO")).one()
        body = Organisation(code=code, name="Đảng ủy xã Bản Hon", kind="commune_committee", parent_id=parent)
        s.add(body)
        s.flush()
        return body.id


def recorded(code: str) -> list[tuple[int, float]]:
    with session_scope() as s:
        return [(v.organisation_id, v.value) for v in s.exec(select(TargetValue).where(
            TargetValue.target_id == target_id(code)))]


def test_a_commune_records_its_own_figure(page):
    body = commune()
    add_account("banhon", "agency", "XA-BANHON")
    at = choose(page(PAGE, "banhon"), "T04")
    assert "Số liệu của địa bàn xã, phường mình" in texts(at)
    assert "T34" not in " ".join(at.selectbox(key="work_values_target").options)  # qualitative: not per commune
    value_input(at).set_value(24.0)
    widget(at.text_input, "Nguồn số liệu").input("Báo cáo của xã")
    click(at, "Ghi số liệu")
    at.run()
    assert not errors(at) and recorded("T04") == [(body, 24.0)]
    assert list(at.dataframe[0].value["Giá trị"]) == ["24%"]


def test_the_monitor_enters_a_figure_for_a_commune(page):
    body = commune()
    at = page(PAGE, "tuyengiao")
    assert [tab.label for tab in at.tabs] == ["Nhập hàng loạt", "Số liệu theo xã, phường"]
    at.selectbox(key="work_values_commune").set_value(body).run()
    at = choose(at, "T33")
    value_input(at).set_value(12.0)
    click(at, "Ghi số liệu")
    at.run()
    assert not errors(at) and recorded("T33") == [(body, 12.0)]
