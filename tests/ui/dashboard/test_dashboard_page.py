"""Page "Tổng quan": figures match the services, the drill-down narrows them, and only overseers see them."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tests.ui.conftest import actor, blocks, clicked
from tracker.clock import local_today
from tracker.db import session_scope
from tracker.services import dashboard, status
from tracker.services.permissions import DENIED_MESSAGE, PermissionDenied
from tracker.ui.dashboard import dashboard_data, dashboard_sections


DASHBOARD = "dashboard_page"
SINHO = "Huyện ủy Sìn Hồ"
DRILL, OVERDUE = "Tình trạng", "Số ngày quá hạn"


def charts(at) -> list:
    return list(at.get("vega_lite_chart"))


def heatmap_rows(at) -> list[dict]:
    chart = next(c for c in charts(at) if '"rect"' in c.proto.spec)
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pylist()


def table(at, column: str):
    """The table having ``column``: "Tình trạng" (drill-down) or "Số ngày quá hạn" (overdue list)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def counts_shown(at) -> dict[str, int]:
    return {m.label: int(m.value.replace(".", "")) for m in at.metric}


def service_rollup(username: str, **filters) -> list[dict]:
    with session_scope() as s:
        return dashboard.rollup(s, actor(username), local_today(), **filters)


def expected_counts(rows: list[dict]) -> dict[str, int]:
    return {status.LABELS_VI[code]: n for code, n in dashboard.status_counts(rows).items()}


@pytest.mark.parametrize("username", ["bithu", "theodoi"])
def test_status_cards_match_the_service(page, username):
    at = page(DASHBOARD, username)
    assert not at.exception and not at.error
    assert counts_shown(at) == expected_counts(service_rollup(username))
    assert counts_shown(at)["Hoàn thành quá hạn"] == 1 and counts_shown(at)["Đang thực hiện – quá hạn"] == 1


def test_status_cards_sit_in_a_wrapping_row_not_five_fixed_columns(page):
    """Five equal columns cut the long status names ("Đang thực hiện – tron…"): a row of cards that wraps."""
    at = page(DASHBOARD, "bithu")
    row = next(block for block in blocks(at.main) if block.proto.id.endswith("-dash_status_cards"))
    assert row.proto.flex_container.direction == row.proto.flex_container.HORIZONTAL
    assert row.proto.flex_container.wrap
    assert [child.label for child in row.children.values()] == [status.LABELS_VI[c] for c in status.STATUSES]


def test_drill_down_by_body_shows_only_that_body(page):
    at = page(DASHBOARD, "bithu")
    at.selectbox(key="dash_body_vi").set_value("HU-SINHO").run()
    assert not at.exception
    assert counts_shown(at) == expected_counts(service_rollup("bithu", organisation="HU-SINHO"))
    drilled = table(at, DRILL)
    assert set(drilled["Cơ quan, đơn vị"]) == {SINHO} and {"III.1.1", "III.1.2", "III.9.1"} <= set(drilled["Mã"])
    assert {r["organisation_name"] for r in heatmap_rows(at)} == {SINHO}
    late = table(at, OVERDUE)
    assert list(late["Mã"]) == ["III.9.1"] and list(late["Số ngày quá hạn"]) == [30]
    assert list(late["Đã nhắc nhiệm vụ (lần)"]) == [2] and list(late["Nhắc báo cáo, đôn đốc cơ quan (lần)"]) == [1]


def test_drill_down_by_group(page):
    at = page(DASHBOARD, "theodoi")
    at.selectbox(key="dash_group_vi").set_value("III.6").run()
    assert counts_shown(at) == expected_counts(service_rollup("theodoi", group="III.6"))
    assert all(code.startswith("III.6.") for code in table(at, DRILL)["Mã"])
    assert {r["group"] for r in heatmap_rows(at)} == {"III.6"}


def test_heatmap_has_at_most_one_cell_per_body_and_group(page):
    at = page(DASHBOARD, "bithu")
    rows = service_rollup("bithu")
    bodies, groups = {r["organisation"] for r in rows}, {r["group"] for r in rows}
    top = heatmap_rows(at)
    assert len({r["organisation_name"] for r in top}) <= dashboard_sections.HEATMAP_BODIES
    assert top[0]["organisation_name"] in {SINHO, "Sở Y tế"}  # most overdue first
    at.toggle(key="dash_heatmap_all").set_value(True).run()
    cells = heatmap_rows(at)
    assert len(cells) == len(rows) <= len(bodies) * len(groups)
    at.radio(key="dash_measure").set_value("overdue").run()
    assert '"overdue_share"' in next(c for c in charts(at) if '"rect"' in c.proto.spec).proto.spec


def test_an_agency_gets_the_refusal_not_the_figures(page):
    page(DASHBOARD, "bithu")  # a leader fills the cache first
    at = page(DASHBOARD, "sinho")
    assert [e.value for e in at.error] == [DENIED_MESSAGE]
    assert not at.metric and not charts(at) and not at.dataframe


def test_cache_entries_are_keyed_by_user(monkeypatch):
    calls = []
    real = dashboard.rollup

    def counting(session, who, *args, **kwargs):
        calls.append(who.username)
        return real(session, who, *args, **kwargs)

    monkeypatch.setattr(dashboard, "rollup", counting)
    first, again = dashboard_data.rollup(actor("bithu")), dashboard_data.rollup(actor("bithu"))
    other = dashboard_data.rollup(actor("phobithu"))
    assert calls == ["bithu", "phobithu"] and first == again == other
    with pytest.raises(PermissionDenied):
        dashboard_data.rollup(actor("sinho"))
    assert calls[-1] == "sinho"
    dashboard_data.clear()
    dashboard_data.rollup(actor("bithu"))
    assert calls[-1] == "bithu" and len(calls) == 4


def test_refresh_reads_again(page, monkeypatch):
    at = page(DASHBOARD, "bithu")
    calls = []
    real = dashboard.rollup
    monkeypatch.setattr(dashboard, "rollup", lambda *a, **k: calls.append(1) or real(*a, **k))
    at.run()
    assert calls == []
    at.button(key="dash_refresh").click().run()
    assert calls == [1] and not at.exception


def test_reports_on_time_chart(page):
    at = page(DASHBOARD, "bithu")
    bars = next(c for c in charts(at) if '"bar"' in c.proto.spec and "on_time_share" in c.proto.spec)
    period = f"{local_today().year}-H1"
    assert pa.ipc.open_stream(bars.proto.datasets[0].data.data).read_all().to_pylist()[0]["period"] == period
    assert any(c.value.startswith(f"Kỳ {period}: 1/") for c in at.caption)


def test_search_without_diacritics_picks_a_body(page):
    at = page(DASHBOARD, "bithu")
    at.text_input(key="dash_search").input("huyen uy sin ho").run()
    at.button(key="dash_pick_HU-SINHO").click().run()
    assert at.selectbox(key="dash_body_vi").value == "HU-SINHO"
    assert set(table(at, DRILL)["Cơ quan, đơn vị"]) == {SINHO}


def test_english(page):
    at = page(DASHBOARD, "bithu")
    at.session_state["lang"] = "en"
    at.run()
    assert [m.label for m in at.metric][0] == "Not started" and at.title[0].value == "Overview"


def test_every_table_downloads_as_csv_and_xlsx(page, downloads):
    import io

    import openpyxl

    at = page(DASHBOARD, "bithu")
    at.selectbox(key="dash_body_vi").set_value("HU-SINHO").run()
    assert not at.exception
    names = set(downloads)
    for stem in ("tong-hop-theo-nhom-va-don-vi", "nhiem-vu-chi-tiet", "nhiem-vu-qua-han"):
        assert {f"{stem}.csv", f"{stem}.xlsx"} <= names
    assert all(callable(data) for data in downloads.values()), "a file is built when its button is clicked"
    downloads = clicked(downloads)
    late_csv = downloads["nhiem-vu-qua-han.csv"].decode("utf-8-sig")
    assert late_csv.splitlines()[0].startswith("Mã,") and "III.9.1" in late_csv
    sheet = openpyxl.load_workbook(io.BytesIO(downloads["nhiem-vu-chi-tiet.xlsx"])).active
    assert sheet["A1"].value == "Mã" and {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} >= {"III.1.1"}


def test_a_write_through_the_app_drops_the_cached_figures(monkeypatch):
    """widgets.done (called after every successful write) clears the dashboard's caches first."""
    import contextlib

    from tracker.ui import widgets
    from tracker.ui.dashboard import dashboard_data

    calls = []
    monkeypatch.setattr(dashboard_data, "clear", lambda: calls.append("cleared"))
    with contextlib.suppress(Exception):  # st.rerun() outside a script run raises after the clearing
        widgets.done("any_page", "Đã ghi.")
    assert calls == ["cleared"]
