"""Chart builders take aggregated rows and give small specs."""

from __future__ import annotations

from tracker.services import dashboard, status
from tracker.ui.dashboard import charts

TITLES = {k: k for k in ("group", "organisation_name", "status", "assignments", "overdue", "overdue_share")}
LABELS = {code: code for code in status.STATUSES}


def rollup_rows(bodies: int, groups: int) -> list[dict]:
    return [{"group": f"III.{g}", "organisation": f"B{b:03d}", "organisation_name": f"Body {b}", "assignments": 3,
             "overdue": b % 3, "progress": 50.0, **{code: (3 if code == status.NOT_STARTED else 0)
                                                     for code in status.STATUSES}}
            for b in range(bodies) for g in range(1, groups + 1)]


def test_heatmap_has_one_rect_per_cell_at_most():
    rows = rollup_rows(300, 9)
    for limit in (None, 40):
        cells = dashboard.heatmap_cells(rows, limit)
        chart = charts.heatmap(cells, by_overdue=limit is None, titles=TITLES, status_labels=LABELS)
        assert len(chart.data) == len(cells) <= 300 * 9
        assert chart.to_dict()["mark"]["type"] == "rect"
    assert len(dashboard.heatmap_cells(rows, 40)) == 40 * 9


def test_target_line_has_the_recorded_values_and_the_path():
    chart = charts.target_line([{"on": "2026-06-30", "value": 3.1}],
                               [{"on": "2024-01-01", "value": 3.5}, {"on": "2030-12-31", "value": 2.0}],
                               {"on": "Ngày", "value": "Giá trị", "series": "Chuỗi", "recorded": "Số liệu",
                                "trajectory": "Lộ trình"})
    assert list(chart.data["series"]) == ["Số liệu", "Lộ trình", "Lộ trình"]


def test_every_heatmap_row_is_labelled():
    """40 bodies, 40 names: no label dropped as overlapping, rows tall enough for the label font."""
    cells = dashboard.heatmap_cells(rollup_rows(48, 9), 40)
    spec = charts.heatmap(cells, by_overdue=False, titles=TITLES, status_labels=LABELS).to_dict()
    axis = spec["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False
    assert spec["height"]["step"] >= 1.5 * axis["labelFontSize"]
    assert axis["labelLimit"] >= 300  # the longest body name ("Ban cán sự đảng Ủy ban nhân dân tỉnh") whole


def test_one_period_is_one_narrow_bar_with_its_share_written():
    """A lone period is a bar of fixed width (not one band filling the chart), its share written above it."""
    spec = charts.on_time_bars([{"period": "2026-H2", "on_time_share": 2.1, "share_label": "2,1%"}],
                               {"period": "Kỳ", "on_time_share": "Đúng hạn (%)"}).to_dict()
    bar, text = spec["layer"]
    assert bar["mark"] == {"type": "bar", "size": charts.PERIOD_BAR_PX}
    assert text["mark"]["type"] == "text" and text["encoding"]["text"]["field"] == "share_label"
    assert next(iter(spec["datasets"].values())) == [{"period": "2026-H2", "on_time_share": 2.1, "share_label": "2,1%"}]
