"""Chart builders take aggregated rows and give small specs; texts match the services' Vietnamese."""

from __future__ import annotations

from tracker.services import dashboard, status
from tracker.services.trajectory import RATING_LABELS
from tracker.ui import charts
from tracker.ui.strings.dashboard import DASHBOARD

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


def test_vietnamese_labels_are_the_services_own():
    for code, text in status.LABELS_VI.items():
        assert DASHBOARD[f"dash.status.{code}"]["vi"] == text
    for code, text in RATING_LABELS.items():
        assert DASHBOARD[f"tgt.rating.{code}"]["vi"] == text
    assert all(set(texts) == {"vi", "en"} and all(texts.values()) for texts in DASHBOARD.values())
