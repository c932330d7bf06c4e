"""Likely OCR slips, flagged for review (never corrected here).

Two sources: ``KNOWN_FORMS``, garbled forms seen in scanned Party documents with the word they stand
for, and one heuristic, a sentence that starts in lower case after a full stop. Each flag carries the
text found, the suggestion and the source line.
"""

from __future__ import annotations

import re

from tracker.program_import.blocks import Block
from tracker.program_import.draft import Flag

# garbled form -> what it stands for. Matched as whole words, case-insensitively; add a form only
# when it cannot be a correct Vietnamese phrase in this genre.
KNOWN_FORMS: dict[str, str] = {
    "phân đầu": "phấn đấu",
    "phấn đầu": "phấn đấu",
    "địa bản tình": "địa bàn tỉnh",
    "địa bản tỉnh": "địa bàn tỉnh",
    "địa bàn tình": "địa bàn tỉnh",
    "chỉnh sách": "chính sách",
    "chuyên đổi số": "chuyển đổi số",
    "chuyên đổi": "chuyển đổi",
    "Nghị quyêt": "Nghị quyết",
    "nhiệm vu": "nhiệm vụ",
    "xã hôi": "xã hội",
    "cán bô": "cán bộ",
    "thưc hiện": "thực hiện",
    "giai đoan": "giai đoạn",
}
_KNOWN = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, KNOWN_FORMS), key=len, reverse=True)) + r")(?!\w)",
                    re.IGNORECASE)
# ". rà soát": a full stop, then a word in lower case (not after an abbreviation such as "TP." or "v.v.").
_LOWER_AFTER_STOP = re.compile(r"(?<![.\s][.])(?P<stop>[.!?])\s+(?P<word>[^\W\d_]+)")
_ABBREVIATIONS = ("v.v", "TP", "Tp", "tp", "St", "ThS", "TS", "PGS", "GS")


def flags_for(block: Block) -> list[Flag]:
    """The slips found in one block, each with its line and suggestion."""
    found: list[Flag] = []
    for match in _KNOWN.finditer(block.text):
        text = match.group(0)
        fixed = next(v for k, v in KNOWN_FORMS.items() if k.casefold() == text.casefold())
        if text[0].isupper():
            fixed = fixed[0].upper() + fixed[1:]
        found.append(Flag("known_form", block.line_at(match.start()), text, fixed, "dạng chữ thường gặp do nhận dạng OCR sai"))
    for match in _LOWER_AFTER_STOP.finditer(block.text):
        word = match["word"]
        before = block.text[: match.start("stop")]
        if not word[0].islower() or before.endswith(_ABBREVIATIONS) or not before.strip():
            continue
        found.append(Flag("lower_case_sentence", block.line_at(match.start("word")),
                          f"{match['stop']} {word}", f"{match['stop']} {word[0].upper()}{word[1:]}",
                          "câu bắt đầu bằng chữ thường sau dấu chấm"))
    return found


def apply(text: str, flags: list[Flag]) -> str:
    """``text`` with the suggestions of ``flags`` applied (used only when a person accepts them)."""
    for flag in flags:
        if flag.suggestion and flag.found in text:
            head = r"(?<!\w)" if flag.found[0].isalnum() else ""
            tail = r"(?!\w)" if flag.found[-1].isalnum() else ""
            text = re.sub(head + re.escape(flag.found) + tail, flag.suggestion, text)
    return text
