"""Streamlit pages, shared widgets and UI strings. The only package (with tracker_app.py) that imports Streamlit."""
