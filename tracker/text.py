"""Text helpers: folding for Vietnamese search, cleaning typed text, official document dates."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Characters no document format can hold (XML 1.0 forbids C0 controls but tab and newline, lone
# surrogates and U+FFFE/U+FFFF); C1 controls and DEL are invisible junk from terminals and old files.
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Word's manual line break (Shift+Enter) pastes as VT, a page break as FF; CR ends lines on old systems.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def fold(text: str | None) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics: "Đảng giảm nghèo" -> "dang giam ngheo".

    "đ"/"Đ" is a letter of its own in Unicode (not d + a mark), so it is mapped explicitly.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def printable(text: str) -> str:
    """``text`` with line breaks as newlines and nothing a DOCX, XLSX or CSV file cannot hold.

    The renderers pass everything stored through this, so a document always builds, whatever an
    older version or an import let in.
    """
    return _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text))


def clean(text: str | None) -> str:
    """Typed or imported text as it is stored: NFC, printable (see ``printable``), trimmed.

    Every service that accepts free text from a person or a file calls this first.
    """
    return printable(unicodedata.normalize("NFC", text or "")).strip()


def normalise(text: str) -> str:
    """NFC-normalise and collapse runs of whitespace (what seed text is stored as)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_date(day, place: str = "Lai Châu") -> str:
    """Place and date as official documents write them (Nghị định 30/2020/NĐ-CP): a leading zero only
    for days below 10 and for January and February: "Lai Châu, ngày 05 tháng 3 năm 2026"."""
    return f"{place}, ngày {day.day:02d} tháng {_month(day)} năm {day.year}"


def cited_date(day) -> str:
    """A date as a document cites another one, with the zeros of ``document_date``: "05/3/2024"."""
    return f"{day.day:02d}/{_month(day)}/{day.year}"


def _month(day) -> str:
    return f"{day.month:02d}" if day.month < 3 else str(day.month)


def gist(text: str, words: int = 40) -> str:
    """The first sentence of ``text``, cut after about ``words`` words (at the last ";", else ",", in the
    second half) when it is longer, with "…" where it was cut: how a letter names a long task."""
    first = _SPACES.sub(" ", text).strip()
    end = re.search(r"[.!?](\s|$)", first)
    if end:
        first = first[: end.start()]
    tokens = first.split(" ")
    if len(tokens) <= words:
        return first
    head = " ".join(tokens[:words])
    cut = head.rfind(";") if head.rfind(";") > len(head) // 2 else head.rfind(",")
    if cut > len(head) // 2:
        head = head[:cut]
    return head.rstrip(" ,;:") + "…"
