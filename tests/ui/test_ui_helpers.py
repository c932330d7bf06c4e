"""Pure helpers of the UI: page registry, messages, number and target formatting."""

from __future__ import annotations

import pytest

from zoneinfo import ZoneInfo

from tracker.models.vocab import ASSIGNMENT_ROLES, CADENCES, COMPARATORS, MILESTONE_KINDS, ORG_KINDS, USER_ROLES
from tracker.services.actor import Actor
from tracker.services.permissions import allowed
from tracker.ui.formatting import day, escape_markdown, moment, number, t_md, target_value
from tracker.ui.i18n import MESSAGES, VOCAB, label
from tracker.ui.pages import PAGES, PageSpec, specs_for


def test_anonymous_visitor_gets_only_the_login_page():
    assert [spec.url_path for spec in specs_for(None)] == ["dang-nhap"]
    for role in ("admin", "leader", "monitor", "agency"):  # each role lands on exactly one page
        assert sum(role in spec.default_for for spec in PAGES if spec.visible_to(role)) == 1


@pytest.mark.parametrize(("role", "paths"), [
    ("admin", ["chuong-trinh", "nhiem-vu-don-vi", "thong-bao", "cai-dat", "tai-khoan", "nhap-chuong-trinh",
               "co-quan-don-vi", "nhat-ky"]),
    ("monitor", ["chuong-trinh", "nhiem-vu-don-vi", "so-lieu-chi-tieu", "trien-khai-thuc-hien", "theo-doi", "chi-dao", "tong-quan", "chi-tieu",
                 "bao-cao-tong-hop", "thong-bao", "nhap-chuong-trinh", "nhat-ky"]),
    ("leader", ["chuong-trinh", "nhiem-vu-don-vi", "theo-doi", "chi-dao", "tong-quan", "chi-tieu", "thong-bao"]),
    ("agency", ["chuong-trinh", "nhiem-vu-don-vi", "cap-nhat-ket-qua", "bao-cao", "so-lieu-chi-tieu", "trien-khai-thuc-hien",
                "thong-bao"]),
])
def test_pages_per_role(role, paths):
    assert [spec.url_path for spec in specs_for(role)] == paths


@pytest.mark.parametrize(("url_path", "operation"), [("tai-khoan", "user.manage"),
                                                     ("co-quan-don-vi", "organisation.manage"),
                                                     ("nhat-ky", "audit.read")])
def test_admin_pages_follow_the_permission_table(url_path, operation):
    """A page is shown to exactly the roles the service lets do its operation."""
    spec = next(s for s in PAGES if s.url_path == url_path)
    assert spec.roles == {r for r in USER_ROLES if allowed(Actor(1, "x", r, 1), operation)}


def test_role_restricted_page_is_hidden_from_others():
    admin_only = PageSpec(lambda: None, "nav.program", "admin", ":material/settings:", roles=frozenset({"admin"}))
    assert not admin_only.visible_to(None)
    assert not admin_only.visible_to("agency")
    assert admin_only.visible_to("admin")


def test_user_role_labels():
    assert [label("user_role", r, "vi") for r in USER_ROLES] == [
        "Quản trị hệ thống", "Lãnh đạo", "Cơ quan theo dõi", "Cơ quan, đơn vị"]


def test_moments_in_local_time():
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    assert moment("2026-03-01T17:30:05+00:00", tz, "vi") == "02/03/2026 00:30:05"
    assert moment("2026-03-01T17:30:05+00:00", tz, "en") == "2 Mar 2026 00:30:05"


def test_every_message_has_both_languages():
    missing = [key for key, texts in MESSAGES.items() if not texts.get("vi") or not texts.get("en")]
    assert missing == []


@pytest.mark.parametrize(("vocab", "codes"), [("org_kind", ORG_KINDS), ("role", ASSIGNMENT_ROLES),
                                              ("user_role", USER_ROLES),
                                              ("comparator", COMPARATORS), ("cadence", CADENCES),
                                              ("milestone_kind", MILESTONE_KINDS)])
def test_every_vocabulary_code_has_a_label(vocab, codes):
    assert set(codes) <= set(VOCAB[vocab])


def test_role_labels():
    assert label("role", "lead", "vi") == "Chủ trì"
    assert label("role", "coordinate", "vi") == "Phối hợp"
    assert label("role", "coordinate", "en") == "Coordinate"


@pytest.mark.parametrize(("value", "vi", "en"), [(2.7, "2,7", "2.7"), (1500, "1.500", "1,500"),
                                                 (99.9, "99,9", "99.9"), (100.0, "100", "100"),
                                                 (4.91, "4,91", "4.91")])
def test_numbers_per_language(value, vi, en):
    assert number(value, "vi") == vi
    assert number(value, "en") == en


@pytest.mark.parametrize(("comparator", "value", "unit", "expected"), [
    ("<", 2.0, "%", "dưới 2%"),
    (">", 40.0, "per_10000", "trên 40/10.000 dân"),
    (">=", 64.0, "years", "đạt 64 năm"),
    ("about", 70.0, "years_of_age", "khoảng 70 tuổi"),
    ("about", 1500.0, "units", "khoảng 1.500 căn"),
    ("about", 22.5, "m2_per_person", "khoảng 22,5 m² sàn/người"),
    ("qualitative", None, "", "định tính"),
])
def test_target_values_in_vietnamese(comparator, value, unit, expected):
    assert target_value(comparator, value, unit, "vi") == expected


def test_dates_per_language():
    assert day("2027-11-30", "vi") == "30/11/2027"
    assert day("2027-11-30", "en") == "30 Nov 2027"


def test_markdown_is_escaped():
    assert escape_markdown("*a* $5 [x](y)") == r"\*a\* \$5 \[x\](y)"


@pytest.mark.parametrize("typed, escaped", [  # GFM finds bare addresses in the parsed text: a zero-width space
    ("xem https://evil.example/a", "xem https:\u200b//evil.example/a"),
    ("HTTP://evil.example", "HTTP:\u200b//evil.example"),
    ("www.evil.example và WWW.Evil.example", "www\u200b.evil.example và WWW\u200b.Evil.example"),
    ("gửi ai@evil.example", "gửi ai\u200b@evil.example"),
    ("Tiêu đề\n===", "Tiêu đề\n\\==="),
    ("Tiêu đề\n  - - -\nđoạn", "Tiêu đề\n  \\- - -\nđoạn"),
    ("x = y - z, 3-2", "x = y - z, 3-2"),  # an = or - inside a line is no underline: left alone
])
def test_bare_addresses_and_underlines_are_escaped(typed, escaped):
    assert escape_markdown(typed) == escaped


def test_values_put_into_a_markdown_message_show_verbatim():
    typed = "[bấm vào đây](https://example.org) <b>"
    message = t_md("search.none", query=typed)
    assert message == "Không tìm thấy kết quả cho “\\[bấm vào đây\\](https:\u200b//example.org) \\<b\\>”."
    assert t_md("mon.inbox.count", count=3) == "3 báo cáo chờ tiếp nhận, nộp trước xếp trước."


def test_a_long_table_is_sent_a_page_at_a_time_with_a_search():
    from streamlit.testing.v1 import AppTest

    script = ("from tracker.ui import widgets\n"
              "rows = [{'Mã': f'III.{i}', 'Cơ quan': 'Sở Y tế' if i % 50 == 0 else 'Huyện ủy'} for i in range(250)]\n"
              "import streamlit as st\n"
              "st.session_state['shown'] = [r['Mã'] for r in widgets.page_of(rows, 'bang')]\n")
    at = AppTest.from_string(script).run()
    assert at.session_state["shown"][:2] == ["III.0", "III.1"] and len(at.session_state["shown"]) == 100
    assert at.caption[0].value == "Dòng 1–100 trên 250; tải về để có cả bảng."
    at.number_input(key="bang_page").set_value(3).run()
    assert at.session_state["shown"][0] == "III.200" and len(at.session_state["shown"]) == 50
    at.text_input(key="bang_search").input("so y te").run()  # diacritics and case ignored
    assert at.session_state["shown"] == ["III.0", "III.50", "III.100", "III.150", "III.200"]
