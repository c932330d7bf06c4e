"""The page "Cơ quan, đơn vị": the tree as of a date, the events and their undo, the reorganisation
wizard (a merge, its preview and apply) and a body's document identity. SQLite, as every AppTest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from tests.ui.conftest import ROOT, copy_of, errors, point_at, run_page, successes, texts
from tracker.cli import main as cli_main
from tracker.config import get_settings
from tracker.db import get_engine, session_scope
from tracker.models import Assignment, Reorganisation
from tracker.services import reorganisation, users
from tracker.services.organisations import get_by_code
from tracker.ui.data import forget_catalog

PASSWORD = "mat-khau-dai-2026"
PEOPLE = {"orgs.admin": ("admin", "BTC-TU"), "btg.staff": ("agency", "BTG-TU")}
MERGE = {"events": [{
    "code": "2025-03-BTGDV-TU", "kind": "merge", "effective_on": date(2025, 3, 1),
    "title": "Hợp nhất Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy",
    "basis": {"number": "1676-QĐ/TU", "date": date(2025, 2, 10)},
    "create": [{"code": "BTGDV-TU", "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "short_name": "Ban Tuyên giáo và Dân vận", "kind": "party_board", "parent": "TU",
                "symbol": "BTGDVTU", "signer_title": "TRƯỞNG BAN"}],
    "ending": ["BTG-TU", "BDV-TU"], "successors": ["BTGDV-TU"]}]}


def init_as_issued() -> None:
    """The 2024 structure the document names (``init --as-issued``; plain ``init`` before that flag existed)."""
    try:
        assert cli_main(["init", "--as-issued"]) == 0
    except SystemExit:
        assert cli_main(["init"]) == 0


@pytest.fixture(scope="module")
def orgs_template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("orgs-template")
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, data_dir)
        init_as_issued()
        with session_scope() as s:
            for username, (role, org) in PEOPLE.items():
                users.add_user(s, ROOT, username, role, org, password=PASSWORD)
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()
    return data_dir


@pytest.fixture
def seeded_data_dir(orgs_template: Path, tmp_path: Path) -> Iterator[Path]:
    yield from copy_of(orgs_template, tmp_path)


def page():
    return run_page("orgs_admin_page", "orgs.admin")


def tree(at, on: date | None = None, ended: bool = False):
    if on is not None:
        at.date_input(key="orgs_tree_on").set_value(on)
    at.toggle(key="orgs_tree_ended").set_value(ended)
    at.run()
    assert not at.exception, at.exception
    return at.dataframe[0].value.set_index("Mã")


def apply_merge() -> None:
    """The merge applied outside the page (as the CLI would): the page's cached reads are dropped."""
    with session_scope() as s:
        reorganisation.apply(s, ROOT, reorganisation.parse_events(MERGE)[0])
    forget_catalog()


def test_the_tree_as_of_2024_and_after_a_merge():
    at = page()
    before = tree(at, date(2024, 6, 1))
    assert {"BTG-TU", "BDV-TU", "SO-LDTBXH"} <= set(before.index)
    assert before.loc["BTG-TU", "Cấp"] == before.loc["TU", "Cấp"] + 1, "a board sits under its committee"

    apply_merge()
    at = page()
    today = tree(at)
    assert "BTGDV-TU" in today.index and not {"BTG-TU", "BDV-TU"} & set(today.index)
    assert today.loc["BTGDV-TU", "Bắt đầu"] == "01/03/2025"
    assert {"BTG-TU", "BDV-TU"} <= set(tree(at, date(2024, 6, 1)).index), "2024 still shows the 2024 bodies"
    assert "BTGDV-TU" not in tree(at, date(2024, 6, 1)).index
    with_ended = tree(at, date(2025, 6, 1), ended=True)
    assert with_ended.loc["BTG-TU", "Kết thúc"] == "01/03/2025"
    assert with_ended.loc["BTG-TU", "Cơ quan kế thừa"] == "BTGDV-TU"


def test_a_merge_through_the_wizard():
    with session_scope() as s:
        open_before = list(s.exec(select(Assignment.task_id).where(
            Assignment.organisation_id.in_([get_by_code(s, "BTG-TU").id, get_by_code(s, "BDV-TU").id]),
            Assignment.cancelled_at.is_(None), Assignment.completed_on.is_(None))))
    assert open_before
    at = page()
    at.selectbox(key="orgwiz_0_kind_vi").set_value("merge").run()
    at.date_input(key="orgwiz_0_effective_on").set_value(date(2025, 3, 1))
    at.text_input(key="orgwiz_0_code").input("2025-03-BTGDV-TU")
    at.text_input(key="orgwiz_0_basis_number").input("1676-QĐ/TU")
    at.text_input(key="orgwiz_0_title").input("Hợp nhất hai ban")
    at.multiselect(key="orgwiz_0_ending").set_value(["BTG-TU", "BDV-TU"])
    at.number_input(key="orgwiz_0_new_count_merge").set_value(1).run()
    at.text_input(key="orgwiz_0_new_0_code").input("BTGDV-TU")
    at.text_input(key="orgwiz_0_new_0_name").input("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    at.selectbox(key="orgwiz_0_new_0_kind_vi").set_value("party_board")
    at.selectbox(key="orgwiz_0_new_0_parent").set_value("TU")
    at.text_input(key="orgwiz_0_new_0_symbol").input("BTGDVTU").run()  # a browser sends typed text before a click
    at.button(key="orgwizbtn_0_to_preview").click().run()
    assert not at.exception and not errors(at), errors(at)
    at.button(key="orgwizbtn_0_back").click().run()
    assert at.text_input(key="orgwiz_0_code").value == "2025-03-BTGDV-TU", "step 1 kept what was typed"
    assert at.text_input(key="orgwiz_0_new_0_name").value == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    at.button(key="orgwizbtn_0_to_preview").click().run()
    assert at.button(key="orgwizbtn_0_apply").disabled, "nothing applied before the confirmation"
    preview = at.dataframe[-1].value
    assert len(preview) == len(open_before) and all("BTGDV-TU" in to for to in preview["Chuyển cho"])
    assert "btg.staff" in texts(at) or any("btg.staff" in b.label for b in at.selectbox)

    at.checkbox(key="orgwiz_0_confirm").check().run()
    at.button(key="orgwizbtn_0_apply").click().run()
    assert not at.exception and not errors(at), errors(at)
    assert successes(at) == [f"Đã áp dụng 2025-03-BTGDV-TU: chuyển giao {len(open_before)} nhiệm vụ, "
                             "chuyển 1 tài khoản."]
    assert "BTGDV-TU" in tree(at).index, "the tree shows the change"
    assert at.selectbox(key="orgwiz_1_kind_vi").value == "create", "the wizard starts again"
    with session_scope() as s:
        new = get_by_code(s, "BTGDV-TU")
        assert new.symbol == "BTGDVTU" and not get_by_code(s, "BTG-TU").active
        taken = {a.task_id for a in s.exec(select(Assignment).where(Assignment.organisation_id == new.id,
                                                                    Assignment.cancelled_at.is_(None)))}
        assert set(open_before) <= taken


def open_undo(at, code: str):
    at.selectbox(key="org_undo_pick_0").set_value(code).run()
    assert not at.exception
    return at


def test_undo_an_event():
    apply_merge()
    at = open_undo(page(), "2025-03-BTGDV-TU")
    assert "2025-03-BTGDV-TU" in set(at.dataframe[1].value["Mã sự kiện"])
    assert at.button(key="org_undo_go_0").disabled
    at.checkbox(key="org_undo_confirm_0").check().run()
    at.button(key="org_undo_go_0").click().run()
    assert successes(at) == ["Đã hoàn tác sự kiện 2025-03-BTGDV-TU."]
    assert "BTG-TU" in tree(at).index
    with session_scope() as s:
        assert s.exec(select(Reorganisation)).one().undone_at is not None
        assert get_by_code(s, "BTG-TU").active


def test_a_refused_undo_says_why():
    apply_merge()
    with session_scope() as s:
        users.add_user(s, ROOT, "btgdv.new", "agency", "BTGDV-TU", password=PASSWORD)
        reason = reorganisation.undo_blocker(s, s.exec(select(Reorganisation)).one())
    assert reason
    forget_catalog()
    at = open_undo(page(), "2025-03-BTGDV-TU")
    assert [w.value for w in at.warning] == [f"Không thể hoàn tác: {reason}"]
    assert not [b for b in at.button if b.key == "org_undo_go_0"], "no undo button"


def test_edit_the_document_identity():
    at = page()
    at.selectbox(key="org_identity_pick").set_value("BTG-TU").run()
    at.text_input(key="org_identity_symbol_0_BTG-TU").input("btgtu")
    at.text_input(key="org_identity_signer_0_BTG-TU").input("Trưởng ban")
    at.button[[b.label for b in at.button].index("Lưu thông tin văn bản")].click().run()
    assert successes(at) == ["Đã lưu thông tin văn bản của BTG-TU."]
    with session_scope() as s:
        body = get_by_code(s, "BTG-TU")
        assert (body.symbol, body.signer_title) == ("BTGTU", "TRƯỞNG BAN")
