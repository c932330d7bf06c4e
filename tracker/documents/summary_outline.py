"""The parts of a summary report in the order and words both renderers print (Hướng dẫn 36; a báo cáo sơ kết).

``sections`` flattens a ``Summary`` into (part, heading, text) rows; ``appendix_rows`` gives the Phụ lục.
Internal codes ("(III.1.1)") never reach a document: ``without_codes`` strips any left in a text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tracker.services.summary import GroupSection, Summary

PARTS = ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT, TUYÊN TRUYỀN",
         "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP",
         "III. ĐÁNH GIÁ CHUNG",
         "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI",
         "V. KIẾN NGHỊ, ĐỀ XUẤT")
# Part III: (heading, Assessment field or None for a heading alone, lettered?)
ASSESSMENT = (("1. Ưu điểm", "strengths", False), ("2. Hạn chế", "limitations", False),
              ("3. Nguyên nhân", None, False), ("a) Nguyên nhân khách quan", "causes_objective", True),
              ("b) Nguyên nhân chủ quan", "causes_subjective", True), ("4. Bài học kinh nghiệm", "lessons", False))
NOTHING_YET = "Chưa có kết quả được cập nhật trong kỳ."
APPENDIX = "PHỤ LỤC"
APPENDIX_CAPTION = "Kết quả thực hiện các chỉ tiêu đến năm 2030"
APPENDIX_COLUMNS = (  # heading, width in a DOCX (cm): together the 16.5 cm between the margins
    ("STT", 1.2), ("Chỉ tiêu", 5.4), ("ĐVT", 1.5), ("Mục tiêu 2030", 2.1), ("Số liệu gốc", 2.0),
    ("Thực hiện (kỳ gần nhất)", 2.4), ("Đánh giá", 1.9))
# A program code in brackets, "(III.1.1)" or "(mục III.4.b)": the report names tasks by what they say.
_CODE = re.compile(r"\s*\((?:mục |nhiệm vụ )?[IVX]+(?:\.[0-9a-z]+)+\)")


def without_codes(text: str) -> str:
    return _CODE.sub("", text)


def group_label(group: GroupSection, index: int, lettered: bool) -> str:
    """"4." for a group, "a)" for a sub-group (its own label, else its place)."""
    if lettered:
        return f"{group.label or chr(ord('a') + index)})"
    return f"{group.label or index + 1}."


def groups(items: list[GroupSection], lettered: bool = False) -> Iterator[tuple[str, GroupSection, bool]]:
    """Every group and sub-group in reading order: (its heading, the group, lettered?)."""
    for i, group in enumerate(items):
        yield f"{group_label(group, i, lettered)} {group.title}", group, lettered
        yield from groups(group.subgroups, lettered=True)


def sections(s: Summary) -> list[tuple[str, str, str]]:
    """(part, heading, text) rows: what each part of the report says, in order."""
    rows = [("", "", s.introduction), (PARTS[0], "", s.leadership)]
    for heading, group, _ in groups(s.groups):
        text = "\n".join([group.narrative.strip()] + [f"• {line}" for line in group.actions]).strip()
        rows.append((PARTS[1], heading, text))
    rows += [(PARTS[2], heading, getattr(s.assessment, name)) for heading, name, _ in ASSESSMENT if name]
    rows += [(PARTS[3], "", s.directions), (PARTS[4], "", s.proposals)]
    return [(part, heading, without_codes(text)) for part, heading, text in rows]


def appendix_rows(s: Summary) -> list[tuple[str, ...]]:
    """The Phụ lục rows in APPENDIX_COLUMNS order."""
    return [(str(t.position or i), t.name, t.unit, t.target, t.baseline, t.latest, t.rating)
            for i, t in enumerate(s.targets, start=1)]
