"""Page "Chỉ tiêu 2030" (leaders and the monitor): each target's baseline, latest value, target and rating.

Quantitative targets get a line chart of the recorded values and the straight path from baseline
to target; qualitative ones show the latest assessment. The rating rule is in docs/targets.md.
The monitor enters baselines here (baseline_form); a value rolled up from the communes says so.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from tracker.services.permissions import allowed
from tracker.services.trajectory import RATING_LABELS
from tracker.ui import session, widgets
from tracker.ui.dashboard import baseline_form, charts, dashboard_data
from tracker.ui.formatting import day, escape_markdown, target_value, with_unit
from tracker.ui.i18n import label, t
from tracker.ui.widgets import lang_key, table_height

ALL = ""


def render() -> None:
    """Draw the page; a refusal or an unreachable database becomes one st.error."""
    actor = session.actor()
    head, refresh = st.columns([5, 1], vertical_alignment="bottom")
    head.title(t("nav.targets_2030"))
    widgets.show_flash(baseline_form.PAGE)
    if refresh.button(t("dash.refresh"), key="targets_refresh", icon=":material/refresh:",
                      help=t("dash.refresh_help")):
        dashboard_data.clear()
    rows = widgets.read_cached(lambda: dashboard_data.standings(actor))
    if rows is widgets.FAILED:
        return
    counts = Counter(r["rating"] for r in rows)
    st.caption(t("tgt.caption", count=len(rows), summary=", ".join(
        f"{label('rating', code)}: {counts[code]}" for code in RATING_LABELS if counts[code])))
    with st.expander(t("tgt.rule_heading")):
        st.markdown(t("tgt.rule"))
    if allowed(actor, "target.manage"):
        baseline_form.render(actor, rows)
    shown = _filtered(rows)
    st.dataframe(_table(shown), hide_index=True, height=table_height(len(shown)), key="targets_table",
                 column_config={t("col.indicator"): st.column_config.TextColumn(width="large")})
    for row in shown:
        _target(row)


def _filtered(rows: list[dict]) -> list[dict]:
    domains = list(dict.fromkeys(r["domain"] for r in rows))
    left, right = st.columns(2)
    domain = left.selectbox(t("tgt.filter_domain"), [ALL, *domains], key=lang_key("targets_domain"),
                            format_func=lambda d: d or t("tgt.all_domains"))
    rating = right.selectbox(t("tgt.filter_rating"), [ALL, *RATING_LABELS], key=lang_key("targets_rating"),
                             format_func=lambda r: label("rating", r) if r else t("tgt.all_ratings"))
    return [r for r in rows if domain in (ALL, r["domain"]) and rating in (ALL, r["rating"])]


def _baseline(row: dict) -> str:
    if row["baseline"] is None:
        return ""
    text = with_unit(row["baseline"], row["unit"])
    return f"{text} ({row['baseline_year']})" if row["baseline_year"] else text


def _latest(row: dict) -> str:
    if row["comparator"] == "qualitative" or row["latest"] is None:
        return row["assessment"]
    text = with_unit(row["latest"], row["unit"])
    rollup = row["latest_rollup"]
    if not rollup:
        return text
    return f"{text} ({t('rollup.' + rollup['method'], **rollup)})"


def _target_text(row: dict) -> str:
    text = target_value(row["comparator"], row["target"], row["unit"])
    return f"{text} ({t('tgt.cumulative')})" if row["cumulative"] else text


def _table(rows: list[dict]) -> list[dict]:
    return [{t("col.code"): r["code"], t("col.indicator"): r["name"], t("tgt.col.baseline"): _baseline(r),
             t("tgt.col.latest"): _latest(r), t("tgt.col.target"): _target_text(r),
             t("tgt.col.direction"): t(f"tgt.direction.{r['direction']}"),
             t("tgt.col.rating"): label("rating", r["rating"])} for r in rows]


def _target(row: dict) -> None:
    """One target: the facts in a line, then its chart or its latest assessment."""
    with st.container(border=True, key=f"target_{row['code']}"):
        st.markdown(f"**{escape_markdown(row['code'])}. {escape_markdown(row['name'])}** — "
                    f"{escape_markdown(label('rating', row['rating']))}")
        latest = _latest(row)
        if latest and row["latest_on"]:
            latest = t("tgt.latest_on", value=latest, period=row["latest_period"], day=day(row["latest_on"]))
        st.caption(escape_markdown(t("tgt.facts", baseline=_baseline(row) or t("tgt.none"),
                                     latest=latest or t("tgt.none"), year=row["target_year"],
                                     target=_target_text(row), direction=t(f"tgt.direction.{row['direction']}"),
                                     body=row["responsible"] or t("tgt.none"))))
        if row["baseline_source"]:
            st.caption(escape_markdown(t("base.source_shown", source=row["baseline_source"])))
        if row["comparator"] == "qualitative" or row["direction"] == "maintain":
            st.markdown(escape_markdown(t("tgt.assessment", text=row["assessment"])) if row["assessment"]
                        else t("tgt.no_assessment"))
        if row["points"] or len(row["trajectory"]) > 1:
            st.altair_chart(charts.target_line(row["points"], row["trajectory"], {
                "on": t("tgt.col.date"), "value": t("tgt.col.value"), "series": t("tgt.col.series"),
                "recorded": t("tgt.series.recorded"), "trajectory": t("tgt.series.trajectory")}),
                key=f"target_chart_{row['code']}")
