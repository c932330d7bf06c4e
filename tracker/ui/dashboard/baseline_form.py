"""The monitor's baseline editor on "Chỉ tiêu 2030": one target at a time, its value, year and source.

The service (baselines.set_baseline) judges the input; its Vietnamese message is shown as is.
"""

from __future__ import annotations

import streamlit as st

from tracker.services import baselines
from tracker.services.actor import Actor
from tracker.ui import pickers, widgets
from tracker.ui.formatting import shorten
from tracker.ui.i18n import label, t

PAGE = "targets"


def render(actor: Actor, rows: list[dict]) -> None:
    """An expander with a target picker and a form filled with that target's current baseline."""
    quantitative = {r["id"]: r for r in rows if r["comparator"] != "qualitative"}
    with st.expander(t("base.heading"), icon=":material/edit:"):
        st.caption(t("base.hint"))
        options = {i: f"{r['code']} — {shorten(r['name'], 90)}" for i, r in quantitative.items()}
        row = quantitative.get(pickers.pick(t("base.pick"), options, "baseline_target"))
        if row is not None:
            _form(actor, row)


def _form(actor: Actor, row: dict) -> None:
    key = f"baseline_{row['id']}_{widgets.version('baseline')}"
    with st.form(key, clear_on_submit=False):
        value_col, year_col = st.columns(2)
        value = value_col.number_input(t("base.value", unit=label("unit", row["unit"]) or "—"),
                                       value=row["baseline"], step=0.1, format="%g", key=f"{key}_value")
        year = year_col.number_input(t("base.year"), value=row["baseline_year"], step=1, format="%d",
                                     key=f"{key}_year")
        source = st.text_input(t("base.source"), value=row["baseline_source"], key=f"{key}_source")
        submitted = st.form_submit_button(t("base.submit"), type="primary")
    if not submitted:
        return
    year = None if year is None else int(year)
    if widgets.write(lambda s: baselines.set_baseline(s, actor, row["id"], value, year, source)) is not widgets.FAILED:
        widgets.done(PAGE, t("base.saved", code=row["code"]), reset="baseline")
