"""Every UI text and vocabulary label: both languages, the same placeholders, each key written once."""

from __future__ import annotations

import ast
import string
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tracker import vocabulary
from tracker.services import reports, status
from tracker.ui import formatting
from tracker.ui.i18n import MESSAGES, VOCAB

STRINGS = Path(__file__).parents[2] / "tracker" / "ui" / "strings"
LANGS = ("vi", "en")


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _defined_keys() -> Counter:
    """Every message key as written in the strings modules (a key typed twice counts twice)."""
    keys: Counter = Counter()
    for module in sorted(STRINGS.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and node.values and all(isinstance(v, ast.Dict) for v in node.values):
                inner = {k.value for v in node.values for k in v.keys if isinstance(k, ast.Constant)}
                if inner == set(LANGS):  # a messages dict: key -> {"vi": ..., "en": ...}
                    keys.update(k.value for k in node.keys)
    return keys


def test_no_message_key_is_defined_twice():
    keys = _defined_keys()
    assert sorted(k for k, n in keys.items() if n > 1) == []
    assert set(keys) == set(MESSAGES), "every defined key reaches the lookup and nothing else does"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_message_in_both_languages_with_the_same_placeholders(key):
    texts = MESSAGES[key]
    assert set(texts) == set(LANGS) and all(texts[lang].strip() for lang in LANGS)
    assert _placeholders(texts["vi"]) == _placeholders(texts["en"])


@pytest.mark.parametrize(("vocab", "code"), [(v, c) for v, codes in sorted(VOCAB.items()) for c in codes])
def test_vocabulary_label_in_both_languages_with_the_same_placeholders(vocab, code):
    vi, en = VOCAB[vocab][code]
    assert vi.strip() and en.strip()
    assert _placeholders(vi) == _placeholders(en)


def test_every_status_and_report_state_the_services_give_has_a_label():
    assert set(vocabulary.ASSIGNMENT_STATUS) == set(status.STATUSES) == set(status.LABELS_VI)
    due, today = date(2026, 7, 20), date(2026, 7, 1)
    states = {reports.display_state(state, due, submitted, day)
              for state in (None, "draft", "submitted", "accepted", "returned")
              for submitted in (None, due, date(2026, 7, 25)) for day in (today, date(2026, 7, 15), date(2026, 8, 1))}
    assert states == set(vocabulary.REPORT_STATE) == set(reports.STATE_LABELS)
    assert all(f"mon.field.{field}" in MESSAGES for field in reports.FIELDS)


@pytest.mark.parametrize(("period", "vi", "en"), [
    ("2026-H1", "6 tháng đầu năm 2026", "First half of 2026"),
    ("2026-H2", "6 tháng cuối năm 2026", "Second half of 2026"),
    ("2026", "Cả năm 2026", "Year 2026"),
    ("2026-Q3", "2026-Q3", "2026-Q3"),
    ("kỳ khác", "kỳ khác", "kỳ khác"),
])
def test_period_names(period, vi, en):
    assert (formatting.period_label(period, "vi"), formatting.period_label(period, "en")) == (vi, en)


def test_shorten_keeps_one_line_within_the_limit():
    assert formatting.shorten("  a\n b  ") == "a b"
    cut = formatting.shorten("x" * 200)
    assert len(cut) == formatting.SHORT and cut.endswith("…")
