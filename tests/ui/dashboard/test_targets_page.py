"""Page "Chỉ tiêu 2030": every target with its rating label, charts for the measured ones, assessments."""

from __future__ import annotations

import pyarrow as pa

from tests.ui.dashboard.conftest import ASSESSMENT
from tracker.services.permissions import DENIED_MESSAGE
from tracker.services.trajectory import RATING_LABELS

TARGETS = "targets_page"


def test_every_target_is_shown_with_a_rating_label(page):
    at = page(TARGETS, "bithu")
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert list(table["Mã"]) == [f"T{n:02d}" for n in range(1, 48)]
    assert set(table["Đánh giá"]) <= set(RATING_LABELS.values())
    ratings = dict(zip(table["Mã"], table["Đánh giá"]))
    assert ratings["T02"] == "Đúng lộ trình" and ratings["T34"] == "Định tính" and ratings["T03"] == "Chưa đủ dữ liệu"
    assert at.caption[0].value.startswith("47 chỉ tiêu: ")


def test_measured_targets_get_a_chart_and_qualitative_ones_their_assessment(page):
    at = page(TARGETS, "theodoi")
    housing = dict(zip(at.dataframe[0].value["Mã"], at.dataframe[0].value["Mới nhất"]))["T33"]
    assert housing == "400 căn"
    series = [pa.ipc.open_stream(c.proto.datasets[0].data.data).read_all().to_pylist()
              for c in at.get("vega_lite_chart")]
    assert any([r["value"] for r in rows] == [150.0, 400.0, 0.0, 1500.0] for rows in series)
    assert all(len(rows) <= 10 for rows in series)  # a handful of points each
    assert any(m.value == f"Đánh giá gần nhất: {ASSESSMENT}" for m in at.markdown)


def test_filter_by_rating(page):
    at = page(TARGETS, "bithu")
    at.selectbox(key="targets_rating_vi").set_value("on_track").run()
    assert set(at.dataframe[0].value["Đánh giá"]) == {"Đúng lộ trình"}


def test_an_agency_is_refused(page):
    at = page(TARGETS, "yte")
    assert [e.value for e in at.error] == [DENIED_MESSAGE] and not at.dataframe
