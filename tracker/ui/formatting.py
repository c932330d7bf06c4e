"""Display formatting: numbers and dates per language, target values, safe Markdown."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from tracker.ui.i18n import current_lang, label, t

LOCALES = {"vi": "vi_VN", "en": "en_US"}
DATE_PATTERNS = {"vi": "dd/MM/yyyy", "en": "d MMM yyyy"}
SHORT = 90  # characters of a text shown on one line (a picker option, a table cell)
MOMENT_PATTERNS = {"vi": "dd/MM/yyyy HH:mm:ss", "en": "d MMM yyyy HH:mm:ss"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
# GFM makes links of bare addresses (https://…, www.…, name@host.tld) by searching the text *after*
# parsing, so a backslash does not stop it: an invisible zero-width space inside "://", "www." and before
# "@" does (browsers and Playwright's text matching ignore it).
_AUTOLINK_JOINTS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"
# A line of = or - under a line makes it a heading (or a rule): escaped, it is a line of text.
_UNDERLINE_LINE = re.compile(r"^([ \t]*)([=-])(?=[=\- \t]*$)", re.MULTILINE)


def number(value: float | int | None, lang: str | None = None) -> str:
    """``value`` with the language's separators: 2,7 · 1.500 · 99,9 in Vietnamese."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.###", locale=LOCALES[lang or current_lang()])


def day(iso: str | date | None, lang: str | None = None) -> str:
    """An ISO date as 30/06/2024 (Vietnamese) or 30 Jun 2024 (English)."""
    if not iso:
        return ""
    value = date.fromisoformat(iso) if isinstance(iso, str) else iso
    lang = lang or current_lang()
    return format_date(value, DATE_PATTERNS[lang], locale=LOCALES[lang])


def moment(iso: str | datetime | None, tz: tzinfo, lang: str | None = None) -> str:
    """A UTC instant as local time: 30/06/2024 14:05:09 (Vietnamese) or 30 Jun 2024 14:05:09."""
    if not iso:
        return ""
    value = datetime.fromisoformat(iso) if isinstance(iso, str) else iso
    lang = lang or current_lang()
    return format_datetime(value.astimezone(tz), MOMENT_PATTERNS[lang], locale=LOCALES[lang])


def with_unit(value: float | None, unit: str | None, lang: str | None = None) -> str:
    """A number followed by its unit label: "2%", "40/10.000 dân", "1.500 căn"."""
    text = number(value, lang)
    unit_text = label("unit", unit, lang)
    if not unit_text:
        return text
    glue = "" if unit_text[0] in "%/" else " "
    return f"{text}{glue}{unit_text}"


def target_value(comparator: str, value: float | None, unit: str | None, lang: str | None = None) -> str:
    """A target as read aloud: "dưới 2%", "trên 40/10.000 dân", "khoảng 1.500 căn", "định tính"."""
    if comparator == "qualitative" or value is None:
        return label("comparator", "qualitative", lang)
    return f"{label('comparator', comparator, lang)} {with_unit(value, unit, lang)}"


def shorten(text: str | None, limit: int = SHORT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def period_label(period: str, lang: str | None = None) -> str:
    """ "2026-H1" as "6 tháng đầu năm 2026", "2026" as "Cả năm 2026"; other labels as they are."""
    year, _, part = period.partition("-")
    part = part or ("Y" if year.isdigit() else "")
    template = label("period", part, lang) if part in ("H1", "H2", "Y") else ""
    return template.format(year=year) if template else period


def escape_markdown(text: str | None) -> str:
    """``text`` with Markdown (and LaTeX ``$``) specials escaped, to show source text verbatim: no markup,
    no link made of a bare address, no heading or rule made of a line of ``=`` or ``-``."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text or "")
    escaped = _AUTOLINK_JOINTS.sub(_ZERO_WIDTH_SPACE, escaped)
    return _UNDERLINE_LINE.sub(r"\1\\\2", escaped)


def t_md(key: str, **kwargs) -> str:
    """``t(key, ...)`` for text drawn as Markdown: the values put into it (names, search text) show verbatim."""
    return t(key, **{k: escape_markdown(v) if isinstance(v, str) else v for k, v in kwargs.items()})
