"""UI strings and vocabulary labels, Vietnamese first with English as a choice.

``t(key, **kwargs)`` returns the text for the language in ``st.session_state["lang"]`` (default
"vi"); ``label(vocab, code)`` does the same for the closed vocabularies of the domain.
"""

from __future__ import annotations

import streamlit as st

from tracker.ui.strings.accounts import ACCOUNTS
from tracker.ui.strings.dashboard import DASHBOARD
from tracker.ui.strings.implementation import IMPLEMENTATION
from tracker.ui.strings.monitor import MONITOR
from tracker.ui.strings.program import PROGRAM
from tracker.ui.strings.program_import import PROGRAM_IMPORT
from tracker.ui.strings.standing import STANDING
from tracker.ui.strings.targets import TARGETS
from tracker.ui.strings.vocab import VOCAB
from tracker.ui.strings.work import WORK

DEFAULT_LANG = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

MESSAGES: dict[str, dict[str, str]] = {**PROGRAM, **ACCOUNTS, **WORK, **MONITOR, **DASHBOARD, **IMPLEMENTATION,
                                       **STANDING, **TARGETS, **PROGRAM_IMPORT}


def current_lang() -> str:
    """The language chosen in the sidebar ("vi" or "en")."""
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, **kwargs) -> str:
    """The text of message ``key`` in the current language, formatted with ``kwargs``."""
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    text = texts.get(current_lang()) or texts[DEFAULT_LANG]
    return text.format(**kwargs) if kwargs else text


def label(vocab: str, code: str | None, lang: str | None = None) -> str:
    """The label of ``code`` in vocabulary ``vocab``; the code itself when it has none."""
    if not code:
        return ""
    pair = VOCAB.get(vocab, {}).get(code)
    if pair is None:
        return code
    return pair[1] if (lang or current_lang()) == "en" else pair[0]
