"""The monitor pages draw in English (the texts themselves are checked in tests/ui/test_strings.py)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("module", "username", "title"), [
    ("workspace_page", "tuyengiao", "Follow-up"), ("workspace_page", "lanhdao", "Follow-up"),
    ("directives_page", "lanhdao", "Directives"), ("directives_page", "quantri", "Directives"),
    ("notices_page", "sinho", "Notices"), ("settings_page", "quantri", "Reminder settings"),
])
def test_every_page_draws_in_english(page, module, username, title):
    at = page(module, username, lang="en")
    assert not at.exception and not at.error and at.title[0].value == title
