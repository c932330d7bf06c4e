"""Domain operations. Pure Python over a SQLModel Session; no Streamlit here."""
