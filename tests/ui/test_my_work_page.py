"""Page "Nhiệm vụ của đơn vị": each body sees its own assignments, and never another body's."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from tests.ui.conftest import open_page
from tracker.db import session_scope
from tracker.models import AuditEvent
from tracker.services.organisations import get_by_code
from tracker.services.permissions import PermissionDenied
from tracker.ui import data

MY_WORK = "Nhiệm vụ của đơn vị"
SINHO = {"III.1.1", "III.1.2", "III.9.1"}
YTE = {"III.4.a.1", "III.5.a.4", "III.6.b.1", "III.6.b.2", "III.6.b.3", "III.6.b.4"}


def task_codes(at) -> set[str]:
    assert not at.exception
    return set(at.dataframe[0].value["Mã"])


def test_two_bodies_at_once_each_see_only_their_own(signed_in):
    sinho, yte = signed_in("ui.sinho"), signed_in("ui.yte")
    for _ in range(2):  # interleaved runs share the process-wide cache
        sinho_codes = task_codes(open_page(sinho, MY_WORK))
        yte_codes = task_codes(open_page(yte, MY_WORK))
        assert SINHO <= sinho_codes and YTE <= yte_codes
        assert not sinho_codes & YTE and not yte_codes & SINHO
        assert not sinho_codes & yte_codes
    assert all(s.key != "my_work_body" for s in sinho.selectbox), "an agency cannot choose another body"


def test_table_shows_role_deadline_and_progress(signed_in):
    at = open_page(signed_in("ui.yte"), MY_WORK)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Mã", "Tình trạng", "Nhiệm vụ", "Vai trò", "Thời hạn", "Hạn báo cáo tới",
                                   "Tiến độ (%)"]
    assert set(table["Tình trạng"]) == {"Chưa thực hiện"}
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in table["Hạn báo cáo tới"])
    assert set(table["Vai trò"]) <= {"Chủ trì", "Phối hợp"}
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in table["Thời hạn"] if d)
    assert set(table["Tiến độ (%)"]) == {0}
    assert at.caption[0].value.startswith("Sở Y tế: ")


def test_overseers_choose_a_body(signed_in):
    at = open_page(signed_in("ui.monitor"), MY_WORK)
    assert at.selectbox(key="my_work_body").value is not None
    with session_scope() as s:
        sinho_id = get_by_code(s, "HU-SINHO").id
    at.selectbox(key="my_work_body").set_value(sinho_id).run()
    assert SINHO <= task_codes(at)
    assert at.caption[0].value.startswith("Huyện ủy Sìn Hồ: ")


def test_a_forged_body_choice_is_refused_and_audited(signed_in):
    """Even if an agency's session asked for another body, the service refuses (and records it)."""
    at = open_page(signed_in("ui.sinho"), MY_WORK)
    with session_scope() as s:
        before = len(s.exec(select(AuditEvent).where(AuditEvent.action == "permission_denied")).all())
    actor = at.session_state["actor"]
    with pytest.raises(PermissionDenied, match="Bạn không có quyền thực hiện thao tác này."):
        data.body_assignments(actor, actor.organisation_id + 1)
    with session_scope() as s:
        after = len(s.exec(select(AuditEvent).where(AuditEvent.action == "permission_denied")).all())
    assert after == before + 1
