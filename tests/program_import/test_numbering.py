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
