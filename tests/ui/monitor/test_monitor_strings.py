"""The monitor pages' texts: both languages, same placeholders, the services' Vietnamese labels, no clashes."""

from __future__ import annotations

import re

import pytest

from tracker.services import reports, status
from tracker.ui.strings.accounts import ACCOUNTS
from tracker.ui.strings.dashboard import DASHBOARD
from tracker.ui.strings.monitor import MONITOR
from tracker.ui.strings.program import PROGRAM
from tracker.ui.strings.work import WORK

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, texts in MONITOR.items():
        assert set(texts) == {"vi", "en"} and all(texts.values()), key
        assert set(PLACEHOLDER.findall(texts["vi"])) == set(PLACEHOLDER.findall(texts["en"])), key


def test_status_and_report_state_labels_match_the_services():
    assert {code: MONITOR[f"mon.status.{code}"]["vi"] for code in status.STATUSES} == status.LABELS_VI
    assert {code: MONITOR[f"mon.report_state.{code}"]["vi"] for code in reports.STATE_LABELS} == reports.STATE_LABELS
    assert {f: MONITOR[f"mon.field.{f}"]["vi"] for f in reports.FIELDS}.keys() == set(reports.FIELDS)


def test_no_key_clashes_with_the_other_modules():
    for other in (PROGRAM, ACCOUNTS, WORK, DASHBOARD):
        assert not set(MONITOR) & set(other)


@pytest.mark.parametrize(("module", "username", "title"), [
    ("workspace_page", "tuyengiao", "Follow-up"), ("workspace_page", "lanhdao", "Follow-up"),
    ("directives_page", "lanhdao", "Directives"), ("directives_page", "quantri", "Directives"),
    ("notices_page", "sinho", "Notices"), ("settings_page", "quantri", "Reminder settings"),
])
def test_every_page_draws_in_english(page, module, username, title):
    at = page(module, username, lang="en")
    assert not at.exception and not at.error and at.title[0].value == title
