"""The work pages' texts: both languages present, and the Vietnamese labels the services use."""

from __future__ import annotations

import re

from tracker.services import reports, status
from tracker.ui.strings.work import WORK

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, texts in WORK.items():
        assert set(texts) == {"vi", "en"} and all(texts.values()), key
        assert set(PLACEHOLDER.findall(texts["vi"])) == set(PLACEHOLDER.findall(texts["en"])), key


def test_status_and_report_state_labels_match_the_services():
    assert {code: WORK[f"work.status.{code}"]["vi"] for code in status.STATUSES} == status.LABELS_VI
    assert {code: WORK[f"work.report_state.{code}"]["vi"] for code in reports.STATE_LABELS} == reports.STATE_LABELS
