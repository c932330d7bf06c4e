"""Display helpers of the work pages: recent periods, action labels, safe links."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from tracker.services import periods
from tracker.ui.formatting import day, escape_markdown, shorten

_HTTP = re.compile(r"^https?://\S+$", re.IGNORECASE)
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"  # parentheses, brackets and angle brackets get percent-encoded


def recent_periods(today: date, cadences: tuple[str, ...] = ("semiannual",),
                   due_days: dict[str, str] | None = None) -> list[str]:
    """Periods of this year and the last that have begun by ``today``, newest first."""
    found = [p for year in (today.year, today.year - 1) for cadence in cadences
             for p in periods.for_year(cadence, year, due_days) if p.start <= today]
    found.sort(key=lambda p: (p.end, p.start), reverse=True)
    return [p.label for p in found]


def action_label(row: dict) -> str:
    """An action as one line: date — description — document number."""
    parts = [day(row["acted_on"]), shorten(row["description"])]
    if row.get("doc_number"):
        parts.append(row["doc_number"])
    return " — ".join(parts)


def document_link(doc_number: str, url: str | None) -> str:
    """Markdown for a cited document: a link only to an http(s) address, always with the text escaped."""
    text = escape_markdown(doc_number)
    if url and _HTTP.match(url):
        return f"[{text}]({quote(url, safe=_URL_SAFE)})"
    return text if not url else f"{text} ({escape_markdown(url)})"
