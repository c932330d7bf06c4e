"""Numbering styles the parser reads besides those of the fixture documents."""

from __future__ import annotations

from tracker.program_import import parse


def test_numbered_sub_groups_and_a_viewpoints_section():
    draft = parse(["I- QUAN ĐIỂM", "1. Quan điểm thứ nhất.", "II- MỤC TIÊU", "1. Mục tiêu chung", "Mục tiêu chung.",
                   "III- NHIỆM VỤ, GIẢI PHÁP", "1. Nhóm một", "1.1. Phần thứ nhất", "- Việc một.", "- Việc hai.",
                   "1.2. Phần thứ hai", "- Việc ba.", "2. Nhóm hai", "- Việc bốn."])
    assert draft.situation == "" and draft.general_goal == "Mục tiêu chung."
    assert [(g.code, [(s.code, [t.code for t in s.tasks]) for s in g.subgroups], [t.code for t in g.tasks])
            for g in draft.groups] == [("III.1", [("III.1.1", ["III.1.1.1", "III.1.1.2"]), ("III.1.2", ["III.1.2.1"])], []),
                                       ("III.2", [], ["III.2.1"])]


def test_a_title_run_on_from_its_kind_and_a_header_with_a_colon():
    draft = parse(["Số: 25 - CTr/TU", "Lai Châu, ngày 05 tháng 6 năm 2023", "CHƯƠNG TRÌNH",
                   "thực hiện Nghị quyết số 09-NQ/TU, ngày 05/5/2023 của Tỉnh ủy về phát triển du lịch",
                   "I- TÌNH HÌNH", "Có 12 điểm du lịch."])
    assert (draft.kind, draft.number, str(draft.issued_on)) == ("Chương trình", "25-CTr/TU", "2023-06-05")
    assert draft.title == "Chương trình thực hiện Nghị quyết số 09-NQ/TU, ngày 05/5/2023 của Tỉnh ủy về phát triển du lịch"
    assert draft.implements.startswith("Nghị quyết số 09-NQ/TU") and draft.resolution_year == 2023
    assert draft.title_lines == [3, 4]


def test_section_headings_in_sentence_case():
    draft = parse(["I. Tình hình thực hiện", "Có 80% xã đạt chuẩn.", "III. Nhiệm vụ và giải pháp", "1. Nhóm",
                   "- Việc một.", "II. Một đoạn văn bình thường bắt đầu bằng số La Mã, không phải tiêu đề mục."])
    assert [b.figure.value for b in draft.baselines] == [80]
    assert [t.text for t in draft.all_tasks()] == ["Việc một.", "II. Một đoạn văn bình thường bắt đầu bằng số La Mã, "
                                                                 "không phải tiêu đề mục."]
