"""The URL paths of the pages that links point to from outside the UI (emails, in-app notices); tracker.ui.pages
registers the pages under them."""

from __future__ import annotations

MY_WORK = "nhiem-vu-don-vi"
WORK_REPORT = "bao-cao"
WORKSPACE = "theo-doi"
DASHBOARD = "tong-quan"
NOTICES = "thong-bao"


def link(base_url: str, path: str) -> str:
    """An absolute link to a page: ``link("http://host:8501/", "bao-cao")`` -> ``http://host:8501/bao-cao``."""
    return f"{base_url.rstrip('/')}/{path}"
