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
