"""The program page driven through streamlit.testing.v1.AppTest, on a seeded database."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tracker.cli import main as cli_main
from tracker.db import get_engine
from tracker.migrate import downgrade



def texts(node) -> list[str]:
    """Every Markdown-ish text under ``node`` (markdown, captions, headings)."""
    return [e.value for kind in ("markdown", "caption", "title", "subheader") for e in getattr(node, kind)]


def targets_table(at: AppTest):
    """The targets table of the second tab, as a DataFrame."""
    return at.tabs[1].dataframe[0].value


def search(at: AppTest, query: str):
    at.text_input(key="program_search").input(query).run()
    assert not at.exception
    return at.get_by_key("search_results")


def test_page_renders_in_vietnamese(app):
    assert not app.exception
    assert [t.value for t in app.title] == ["Chương trình hành động"]
    assert "Nghị quyết số 42-NQ/TW" in app.subheader[0].value
    assert [tab.label for tab in app.tabs] == ["Nhiệm vụ", "Chỉ tiêu 2030", "Cơ quan, đơn vị"]
    assert any("Người ký: Vũ Mạnh Hà" in m for m in texts(app))
    assert any("Cơ quan ban hành: Ban Thường vụ Tỉnh ủy Lai Châu" in m for m in texts(app))


def test_nine_task_groups_in_order(app):
    numbered = [e.label for e in app.expander if re.match(r"^\d\. ", e.label)]
    assert [label.split(".")[0] for label in numbered] == [str(n) for n in range(1, 10)]
    assert numbered[4].startswith("5. Xây dựng hệ thống an sinh xã hội")
    group6 = app.expander[[e.label for e in app.expander].index(numbered[5])]
    assert any(m.startswith("**đ) ") for m in texts(group6)), "lettered sub-group đ) is shown"


def test_task_text_is_the_corrected_one(app):
    shown = texts(app)
    assert any("chuyển đổi số" in m for m in shown)
    assert not any("chuyên đổi số" in m for m in shown)


def test_tasks_show_assigned_bodies(app):
    captions = [c.value for c in app.caption]
    assert any(c.startswith("Chủ trì: ") and "Thời hạn: 31/12/2030 (mặc định)" in c for c in captions)


def test_search_ignores_diacritics(app):
    results = search(app, "giam ngheo")
    found = texts(results)
    assert any(m.startswith("**III.5.c.1**") and "giảm nghèo" in m for m in found)


def test_search_ignores_case_and_d_stroke(app):
    found = texts(search(app, "DANG"))
    assert any("Đảng" in m for m in found)


def test_search_without_match_says_so(app):
    results = search(app, "khongcogitrungkhop")
    assert [i.value for i in results.info] == ["Không tìm thấy kết quả cho “khongcogitrungkhop”."]


def test_language_switch_to_english(app):
    app.selectbox(key="lang").set_value("en").run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Action Program"]
    assert [tab.label for tab in app.tabs] == ["Tasks", "2030 targets", "Bodies"]
    table = targets_table(app).set_index("Code")
    assert table.loc["T33", "2030 target"] == "about 1,500 dwellings"


def test_targets_in_vietnamese_notation(app):
    table = targets_table(app).set_index("Mã")
    assert len(table) == 47
    target = table["Mục tiêu 2030"]
    assert target["T02"] == "dưới 2%"
    assert target["T03"] == "dưới 2,7%"
    assert target["T12"] == "đạt 99,9%"
    assert target["T22"] == "trên 40/10.000 dân"
    assert target["T33"] == "khoảng 1.500 căn"
    assert target["T35"] == "khoảng 22,5 m² sàn/người"
    assert target["T09"] == "định tính"
    assert table.loc["T02", "Cơ quan chịu trách nhiệm"] == "Sở Lao động - Thương binh và Xã hội"


def test_targets_filter_by_domain(app):
    app.selectbox(key="target_domain_vi").set_value("Giáo dục").run()
    table = targets_table(app)
    assert len(table) == 7
    assert set(table["Lĩnh vực"]) == {"Giáo dục"}


def test_baselines_and_milestones(app):
    baselines, milestones = (tbl.value for tbl in app.table)
    assert "4,91%/năm" in set(baselines["Giá trị"])
    assert list(milestones.index) == ["Kế hoạch", "Sơ kết", "Tổng kết"]
    assert all(due.endswith("(mặc định)") for due in milestones["Thời hạn"])


def test_organisations_and_their_tasks(app):
    table = app.tabs[2].dataframe[0].value.set_index("Tên")
    assert table.loc["Ban cán sự đảng Ủy ban nhân dân tỉnh", "Loại"] == "Ban cán sự đảng"
    assert table.loc["Sở Y tế", "Trực thuộc"] == "Ủy ban nhân dân tỉnh Lai Châu"
    leads = int(table.loc["Ban cán sự đảng Ủy ban nhân dân tỉnh", "Chủ trì"])
    assert leads > 0

    app.selectbox(key="org_pick").set_value("BCSD-UBND").run()
    assert not app.exception
    tab = app.tabs[2]
    assert any(m.startswith(f"**Nhiệm vụ được giao cho Ban cán sự đảng Ủy ban nhân dân tỉnh: {leads}")
               for m in texts(tab))
    assert sum(m.startswith("**III.") and "Chủ trì" in m for m in texts(tab)) == leads


def test_empty_database_shows_message_not_traceback(tmp_path, retarget, new_app):
    retarget(tmp_path / "empty")
    at = new_app().run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith("Chưa có Chương trình hành động trong cơ sở dữ liệu")
    assert "python -m tracker init" in at.error[0].value
    assert not at.tabs


def test_unreachable_database_shows_message(tmp_path, retarget, new_app):
    retarget(tmp_path, "postgresql://tracker:secret@127.0.0.1:1/tracker")
    at = new_app().run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert message.startswith("Không kết nối được cơ sở dữ liệu")
    assert "secret" not in message


def test_outdated_schema_asks_for_migrate(tmp_path, retarget, new_app):
    retarget(tmp_path)
    assert cli_main(["init", "--as-issued"]) == 0
    downgrade(get_engine(), "-1")
    at = new_app().run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith("Lược đồ cơ sở dữ liệu")
    assert at.error[0].value.endswith("Hãy chạy: python -m tracker migrate")


def test_a_baseline_keeps_its_comparator(app):
    """Section I says poor districts cut poverty by "trên 5%/năm": the "trên" must survive."""
    cells = [str(c) for table in app.table for c in table.value.to_numpy().ravel()]
    assert "trên 5%/năm" in cells and "4,91%/năm" in cells
