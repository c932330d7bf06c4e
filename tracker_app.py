"""Streamlit entry point: page config, language, login gate, navigation per role. No business logic.

Run with `streamlit run tracker_app.py`.
"""

from pathlib import Path

import streamlit as st

from tracker.errors import TrackerError
from tracker.ui import program_choice, session, widgets
from tracker.ui.i18n import DEFAULT_LANG, LANGUAGES
from tracker.ui.pages import pages_for

# A favicon of our own: without one the browser tab shows the page's Material icon, which Streamlit
# fetches from fonts.gstatic.com, a request that fails on a closed network (tests/e2e/test_offline.py).
FAVICON = Path(__file__).parent / "tracker" / "ui" / "assets" / "favicon.png"
st.set_page_config(page_title="Theo dõi Chương trình hành động", page_icon=FAVICON, layout="wide")

st.sidebar.selectbox("Ngôn ngữ / Language", options=list(LANGUAGES), format_func=LANGUAGES.__getitem__,
                     index=list(LANGUAGES).index(DEFAULT_LANG), key="lang")

try:
    actor = session.current_actor()  # checks idle/absolute limits and revocation on every run
    if actor is not None:
        session.account_box(actor)
        program_choice.sidebar(actor)
except TrackerError as exc:  # database down or misconfigured: say so, no traceback
    widgets.show_error(exc)
    st.stop()

st.navigation(pages_for(actor.role if actor else None)).run()
