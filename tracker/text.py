"""Text helpers: diacritic- and case-insensitive folding for Vietnamese search."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics: "Đảng giảm nghèo" -> "dang giam ngheo".

    "đ"/"Đ" is a letter of its own in Unicode (not d + a mark), so it is mapped explicitly.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def normalise(text: str) -> str:
    """NFC-normalise and collapse runs of whitespace (what seed text is stored as)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_date(day, place: str = "Lai Châu") -> str:
    """Place and date as official documents write them (Nghị định 30/2020/NĐ-CP): a leading zero only
    for days below 10 and for January and February: "Lai Châu, ngày 05 tháng 3 năm 2026"."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
