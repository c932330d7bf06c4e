"""Page "Nhiệm vụ của đơn vị": each body sees its own assignments, and never another body's."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from tests.ui.conftest import blocks, open_page
from tracker.db import session_scope
from tracker.models import AuditEvent
from tracker.services.organisations import get_by_code
from tracker.services.permissions import PermissionDenied
from tracker.ui import data

MY_WORK = "Nhiệm vụ của đơn vị"
SINHO = {"III.1.1", "III.1.2", "III.9.1"}
YTE = {"III.4.a.1", "III.5.a.4", "III.6.b.1", "III.6.b.2", "III.6.b.3", "III.6.b.4"}


def cards(at) -> list[list[str]]:
    """The texts of each task card (a container keyed task_card_<id>), in page order."""
    assert not at.exception
    return [texts(block) for block in blocks(at.main) if "-task_card_" in block.proto.id]


def texts(node) -> list[str]:
    """What each element inside ``node`` says (a progress bar: its text), depth first."""
    found = []
    for child in getattr(node, "children", {}).values():
        if type(child).__name__ == "Block":
            found += texts(child)
        else:
            found.append(child.proto.text if child.type == "progress" else str(child.value))
    return found


def task_codes(at) -> set[str]:
    return {card[0].strip("*") for card in cards(at)}


def test_two_bodies_at_once_each_see_only_their_own(signed_in):
    sinho, yte = signed_in("ui.sinho"), signed_in("ui.yte")
    for _ in range(2):  # interleaved runs share the process-wide cache
        sinho_codes = task_codes(open_page(sinho, MY_WORK))
        yte_codes = task_codes(open_page(yte, MY_WORK))
        assert SINHO <= sinho_codes and YTE <= yte_codes
        assert not sinho_codes & YTE and not yte_codes & SINHO
        assert not sinho_codes & yte_codes
    assert all(s.key != "my_work_body" for s in sinho.selectbox), "an agency cannot choose another body"


CARD = re.compile(r"\*\*(?P<code>[^*]+)\*\* \| :gray-badge\[Chưa thực hiện\] \| (?P<task>.+) \| Sản phẩm: .+ \| "
                  r"Vai trò: \*\*(Chủ trì|Phối hợp)\*\* \| Thời hạn: \*\*(\d\d/\d\d/\d{4}|—)\*\* \| "
                  r"Hạn báo cáo tới: \*\*\d\d/\d\d/\d{4}\*\* \| Tiến độ: 0%")
ONGOING_CARD = re.compile(r"\*\*(?P<code>[^*]+)\*\* \| :gray-badge\[Chưa có kết quả trong kỳ\] \| (?P<task>.+) \| "
                          r"Vai trò: \*\*(Chủ trì|Phối hợp)\*\* \| Thời hạn: \*\*Thường xuyên\*\* \| "
                          r"Hạn báo cáo tới: \*\*\d\d/\d\d/\d{4}\*\* \| Nhiệm vụ thường xuyên: .+")


def test_each_task_is_a_card_with_status_role_deadline_next_report_and_progress(signed_in):
    at = open_page(signed_in("ui.yte"), MY_WORK)
    shown = cards(at)
    assert len(shown) >= len(YTE) and not at.dataframe, "cards, no table hiding columns behind a swipe"
    shapes = [("deliverable" if CARD.fullmatch(" | ".join(card)) else
               "ongoing" if ONGOING_CARD.fullmatch(" | ".join(card)) else card) for card in shown]
    assert set(shapes) == {"deliverable", "ongoing"}, shapes  # III.6.b.1 has a deliverable; the rest are ongoing
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
