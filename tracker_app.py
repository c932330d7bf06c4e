"""Streamlit entry point: page config, language choice, navigation. No business logic here.

Run with `streamlit run tracker_app.py`.
"""

import streamlit as st

from tracker.ui.i18n import DEFAULT_LANG, LANGUAGES
from tracker.ui.pages import pages_for

st.set_page_config(page_title="Theo dõi Chương trình hành động", layout="wide")

st.sidebar.selectbox("Ngôn ngữ / Language", options=list(LANGUAGES), format_func=LANGUAGES.__getitem__,
                     index=list(LANGUAGES).index(DEFAULT_LANG), key="lang")

role = None  # no login yet: the login gate will put the signed-in user's role here
st.navigation(pages_for(role)).run()
