"""Page "Số liệu chỉ tiêu": an agency records values of the targets its body answers for; bulk import.

The monitor sees the bulk import (it may import for any body) and enters a commune's figures for it;
a commune or ward committee records its own figures of every quantitative target (rolled up to the
province: target_rollup). Whether a value fits the target's unit is the service's to judge, and its
Vietnamese message is shown as is.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.clock import local_today
from tracker.services import imports, target_rollup, target_values
from tracker.services.actor import Actor
from tracker.services.target_values import ValueInput
from tracker.ui import pickers, session, widgets
from tracker.ui.work import import_tab
from tracker.ui.formatting import day, escape_markdown, period_label, shorten, target_value, with_unit
from tracker.ui.i18n import label, t
from tracker.ui.work.work_format import recent_periods

PAGE = "work_values"


def render() -> None:
    actor = session.actor()
    st.title(t("nav.work_values"))
    widgets.show_flash(PAGE)
    parts = {"record": _record} if actor.role == "agency" else {}
    if imports.kinds(actor):
        parts["import"] = lambda who: import_tab.render(who, PAGE)
    if actor.role == "monitor":
        parts["commune"] = _commune
    if not parts:
        st.info(t("work.no_body"))
        return
    for tab, show in zip(st.tabs([t(f"work.values.tab_{name}") for name in parts]), parts.values(), strict=True):
        with tab:
            show(actor)


def _commune(actor: Actor) -> None:
    """The monitor enters a commune's or ward's figures for it."""
    communes = widgets.read_rows(target_rollup.communes, t("work.values.no_communes"))
    if communes is None:
        return
    body_id = pickers.pick(t("work.values.pick_commune"), communes, "work_values_commune")
    if body_id is not None:
        _record(actor, body_id)


def _record(actor: Actor, body_id: int | None = None) -> None:
    targets = widgets.read_rows(lambda s: target_values.responsible_targets(s, actor, body_id),
                                t("work.values.none"))
    if targets is None:
        return
    by_id = {r["id"]: r for r in targets}
    options = {i: f"{r['code']} — {shorten(r['name'], 100)}" for i, r in by_id.items()}
    target = by_id.get(pickers.pick(t("work.values.pick"), options, "work_values_target"))
    if target is None:
        return
    commune = (body_id or actor.organisation_id) if target["commune"] else None
    if commune:
        st.caption(t("work.values.commune_hint"))
    st.caption(escape_markdown(t("work.values.goal", year=target["target_year"],
                                 target=target_value(target["comparator"], target["value"], target["unit"]))))
    latest = target["latest"]
    if latest:
        st.caption(escape_markdown(t("work.values.latest", value=_shown(target, latest), day=day(latest["measured_on"]),
                                     period=period_label(latest["period"]))))
    else:
        st.caption(t("work.values.no_latest"))
    _form(actor, target, commune)
    _history(target, commune)


def _shown(target: dict, value: dict) -> str:
    return value["assessment"] if target["qualitative"] else with_unit(value["value"], target["unit"])


def _form(actor: Actor, target: dict, commune: int | None) -> None:
    """Period, date, then a number (within the unit) or, for a qualitative target, an assessment;
    ``commune``: the commune or ward the figure is of (None: the province figure)."""
    key = f"work_value_{target['id']}_{commune or ''}_{widgets.version('work_value')}"
    today = local_today()
    choices = recent_periods(today, ("semiannual", "annual"))
    with st.form(key, clear_on_submit=False):
        period_col, day_col = st.columns(2)
        period = pickers.pick(t("work.values.period"), {p: period_label(p) for p in choices},
                              widgets.lang_key(f"{key}_period"), where=period_col)
        measured_on = day_col.date_input(t("work.values.measured_on"), value=today, format="DD/MM/YYYY",
                                         min_value=date(2000, 1, 1), key=f"{key}_day")
        value = None
        if target["qualitative"]:
            assessment = st.text_area(t("work.values.assessment"), key=f"{key}_assessment")
        else:
            value = st.number_input(t("work.values.value", unit=label("unit", target["unit"]) or "—"), value=None,
                                    step=0.1, format="%g", key=f"{key}_value")
            assessment = st.text_area(t("work.values.note"), key=f"{key}_assessment")
        source = st.text_input(t("work.values.source"), key=f"{key}_source")
        submitted = st.form_submit_button(t("work.values.submit"), type="primary")
    if not submitted:
        return
    entry = ValueInput(period=period, measured_on=measured_on, value=value, assessment=assessment, source=source)
    if widgets.write(lambda s: target_values.record(s, actor, target["id"], entry,
                                                    organisation_id=commune)) is not widgets.FAILED:
        widgets.done(PAGE, t("work.values.saved", code=target["code"], period=period_label(period)),
                     reset="work_value")


def _history(target: dict, commune: int | None) -> None:
    rows = widgets.read(lambda s: target_values.history(s, target["id"], commune))
    if rows is widgets.FAILED:
        return
    if not rows:
        return
    st.subheader(t("work.values.history"))
    table = [{t("work.col.period"): period_label(r["period"]),
              t("work.col.value"): "" if r["value"] is None else with_unit(r["value"], target["unit"]),
              t("work.col.assessment"): r["assessment"], t("work.col.day"): day(r["measured_on"]),
              t("work.col.source"): r["source"]} for r in reversed(rows)]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)))
