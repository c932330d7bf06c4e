"""Pickers over domain objects (tasks, reports, bodies, targets, accounts, periods) that keep their choice.

Streamlit knows a selectbox's or multiselect's choice by its label: the browser sends back the text
it shows, and each run matches that text against the labels of that run. When a label changes after
it was shown (a task's progress after an action is logged, a body's name after a rename, the
language), the browser's text no longer matches, and on the next click the picker falls back to its
first option, taking along the form under it, whose submit is then dropped without a word.

So the choice is kept by id: options are ids shown through their labels, and on every run the id is
read with the labels it was chosen among (the ones of the last run). If one of those labels has
changed, the id is written back through session state, which sends the browser the new label; if
the object left the list, the picker comes back empty (with a word saying so), never on another one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any, TypeVar

import streamlit as st

from tracker.ui.i18n import t

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
FIRST = object()  # pick(start=FIRST): start on the first option
MEMO = "_picker_labels"  # session state: picker key -> {id: label} shown in the last run


def pick(label: str, choices: Mapping[K, str], key: str, *, start: Any = FIRST, placeholder: str | None = None,
         where: Any = st, **kwargs: Any) -> K | None:
    """A selectbox of the ids in ``choices`` (id -> label) that stays on its id across writes.

    ``start``: the id shown first (FIRST: the first option; None: empty until chosen). ``where``: the
    container (a column, a form...); ``kwargs`` go to ``st.selectbox`` (help, disabled...).
    """
    labels, gone = _distinct(choices), False
    if key in st.session_state:
        held = st.session_state[key]  # read now, with the labels of the last run
        if held is not None and held not in labels:
            st.session_state[key], gone = None, True
        elif held is not None and _shown(key).get(held) != labels[held]:
            st.session_state[key] = held  # relabelled since it was shown: send the browser the new label
    else:
        first = next(iter(labels), None) if start is FIRST else start
        st.session_state[key] = first if first in labels else None
    chosen = where.selectbox(label, list(labels), format_func=labels.__getitem__, key=key,
                             placeholder=placeholder or t("pick.placeholder"), **kwargs)
    return _remember(key, labels, gone, where, chosen)


def pick_many(label: str, choices: Mapping[K, str], key: str, *, start: list[K] | None = None,
              placeholder: str | None = None, where: Any = st, **kwargs: Any) -> list[K]:
    """A multiselect of the ids in ``choices`` that keeps its ids across writes (see ``pick``)."""
    labels, gone = _distinct(choices), False
    if key in st.session_state:
        held = list(st.session_state[key] or [])
        kept = [i for i in held if i in labels]
        gone = kept != held
        if gone or any(_shown(key).get(i) != labels[i] for i in kept):
            st.session_state[key] = kept
    else:
        st.session_state[key] = [i for i in start or [] if i in labels]
    chosen = where.multiselect(label, list(labels), format_func=labels.__getitem__, key=key,
                               placeholder=placeholder or t("pick.placeholder"), **kwargs)
    return _remember(key, labels, gone, where, chosen)


def _distinct(choices: Mapping[K, str]) -> dict[K, str]:
    """The labels, each one once: a label already taken gets its id added (the browser sends labels back)."""
    seen = Counter(choices.values())
    return {i: f"{text} [{i}]" if seen[text] > 1 else text for i, text in choices.items()}


def _shown(key: str) -> dict:
    """The labels the picker ``key`` showed in the last run."""
    return st.session_state.get(MEMO, {}).get(key, {})


def _remember(key: str, labels: dict, gone: bool, where: Any, chosen: T) -> T:
    """Keep the labels shown in this run; under the picker, say so if the object chosen before left the list.

    Labels of pickers no longer drawn (Streamlit has dropped their state) are forgotten with them.
    """
    memo = st.session_state.setdefault(MEMO, {})
    for gone_key in [k for k in memo if k != key and k not in st.session_state]:
        del memo[gone_key]
    memo[key] = labels
    if gone:
        where.caption(t("pick.gone"))
    return chosen
