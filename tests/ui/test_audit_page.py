"""Page "Nhật ký": filters, CSV download and the integrity check, for the monitoring department."""

from __future__ import annotations

import csv
import io

import pytest

from tests.ui.conftest import click, open_page, widget

AUDIT = "Nhật ký"


def test_monitor_sees_events_and_downloads_csv(signed_in, downloads):
    at = open_page(signed_in("ui.monitor"), AUDIT)
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert {"Số", "Thời điểm", "Người thực hiện", "Thao tác", "Mã băm"} <= set(table.columns)
    assert "Đăng nhập" in set(table["Thao tác"])

    assert [b.label for b in at.download_button] == ["Tải CSV"]
    content = downloads["nhat-ky.csv"]
    assert content.startswith(b"\xef\xbb\xbf"), "a BOM, so spreadsheets read UTF-8"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert list(rows[0]) == ["seq", "at", "actor", "organisation", "action", "object_type", "object_id", "summary", "hash"]
    assert len(rows) == len(table)
    assert any(r["actor"] == "ui.monitor" and r["action"] == "login" for r in rows)


def test_filter_by_username_and_object_type(signed_in):
    signed_in("ui.sinho")  # a login event of that account
    at = open_page(signed_in("ui.monitor"), AUDIT)
    widget(at.text_input, "Tên đăng nhập").input("ui.sinho")
    widget(at.selectbox, "Loại đối tượng").set_value("user")
    click(at, "Lọc")
    at.run()
    table = at.dataframe[0].value
    assert len(table) > 0
    assert set(table["Người thực hiện"]) == {"ui.sinho"} and set(table["Đối tượng"]) == {"Tài khoản"}

    widget(at.selectbox, "Cơ quan của người thực hiện").set_value("SO-YTE")
    click(at, "Lọc")
    at.run()
    assert [i.value for i in at.info] == ["Không có sự kiện nào khớp bộ lọc."]


def test_integrity_check(signed_in):
    at = open_page(signed_in("ui.admin"), AUDIT)
    click(at, "Kiểm tra toàn vẹn")
    at.run()
    assert len(at.success) == 1
    assert at.success[0].value.startswith("Nhật ký toàn vẹn: đã kiểm tra ")


def test_leader_has_no_audit_page(signed_in):
    at = signed_in("ui.leader")
    with pytest.raises(StopIteration):
        open_page(at, AUDIT)
