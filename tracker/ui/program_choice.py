"""The program a page is about: a sidebar picker, shown when the instance follows more than one
program, remembered per user (services.programs.choose) and kept in the session."""

from __future__ import annotations

import streamlit as st

from tracker.errors import TrackerError
from tracker.services import programs
from tracker.services.actor import Actor
from tracker.ui import data, pickers
from tracker.ui.formatting import shorten
from tracker.ui.i18n import t

KEY = "program_choice"
LABEL_WIDTH = 70


def sidebar(actor: Actor) -> None:
    """Draw the picker (with two programs or more) and remember a change for the user."""
    choices = data.programs()
    if not choices:
        return
    if len(choices) == 1:
        st.session_state[KEY] = next(iter(choices))
        return
    start = st.session_state.get(KEY)
    if start not in choices:
        with data.read_session() as s:
            start = programs.chosen(s, actor)
        st.session_state[f"{KEY}_kept"] = start
    chosen = pickers.pick(t("program.pick"), {i: shorten(text, LABEL_WIDTH) for i, text in choices.items()},
                          KEY, start=start if start in choices else next(iter(choices)), where=st.sidebar)
    if chosen is not None and chosen != st.session_state.get(f"{KEY}_kept"):
        try:
            with data.session() as s:
                programs.choose(s, actor, chosen)
            st.session_state[f"{KEY}_kept"] = chosen
        except TrackerError:
            pass  # the choice still holds for this session; it is remembered at the next change


def current() -> int | None:
    """The id of the program chosen in this session (None: the instance's first program)."""
    return st.session_state.get(KEY)
