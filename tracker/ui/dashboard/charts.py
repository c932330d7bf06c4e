"""Altair chart builders: pure functions from small aggregated lists (never raw rows) to alt.Chart.

Fields keep their ASCII names; the texts (axis, legend and tooltip titles, status labels) come in
as arguments, already in the reader's language.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from tracker.services import status

STATUS_COLOURS = {status.NOT_STARTED: "#9e9e9e", status.IN_PROGRESS_ON_TIME: "#1e88e5",
                  status.IN_PROGRESS_OVERDUE: "#e53935", status.DONE_ON_TIME: "#43a047",
                  status.DONE_LATE: "#fb8c00", status.REPORTED_IN_PERIOD: "#00897b",
                  status.NO_RESULT_IN_PERIOD: "#bdbdbd"}
CELL_PX = 22  # one heatmap row: room for its body's name in the axis font, so no label is dropped
BAR_PX = 22
PERIOD_BAR_PX = 48  # a period's bar keeps this width: a lone period would otherwise fill the whole chart


def _tips(titles: dict[str, str], *fields: str) -> list[alt.Tooltip]:
    return [alt.Tooltip(f, title=titles[f]) for f in fields]


def on_time_bars(rows: list[dict], titles: dict[str, str]) -> alt.Chart:
    """Share of reports submitted on time (%) per period: rows of {period, on_time_share, share_label}.

    Bars of a fixed width, each with its share (``share_label``, in the reader's number format) written
    above it, so that a share near 0 is still read.
    """
    frame = pd.DataFrame(rows, columns=["period", "on_time_share", "share_label"])
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=None, title=titles["period"], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("on_time_share:Q", title=titles["on_time_share"], scale=alt.Scale(domain=[0, 100])),
        tooltip=_tips(titles, "period", "on_time_share"))
    bars = base.mark_bar(size=PERIOD_BAR_PX)
    shares = base.mark_text(baseline="bottom", dy=-4).encode(text="share_label:N")
    return alt.layer(bars, shares).properties(height=220)


def progress_bars(rows: list[dict], titles: dict[str, str]) -> alt.Chart:
    """Mean progress (%) per task group: rows of {group, progress, assignments}."""
    frame = pd.DataFrame(rows, columns=["group", "progress", "assignments"])
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("group:N", sort=None, title=titles["group"]),
        x=alt.X("progress:Q", title=titles["progress"], scale=alt.Scale(domain=[0, 100])),
        tooltip=_tips(titles, "group", "progress", "assignments")).properties(height=alt.Step(BAR_PX))


def heatmap(cells: list[dict], by_overdue: bool, titles: dict[str, str], status_labels: dict[str, str]) -> alt.Chart:
    """Body x task group, one rect per cell, coloured by the dominant status or by the overdue share.

    ``cells`` are dashboard.heatmap_cells rows; ``titles`` names group, organisation_name, status,
    assignments, overdue and overdue_share; ``status_labels`` maps status codes to labels.
    """
    frame = pd.DataFrame([{"group": c["group"], "organisation_name": c["organisation_name"],
                           "status": status_labels[c["dominant"]], "assignments": c["assignments"],
                           "overdue": c["overdue"], "overdue_share": c["overdue_share"]} for c in cells],
                         columns=["group", "organisation_name", "status", "assignments", "overdue", "overdue_share"])
    if by_overdue:
        colour = alt.Color("overdue_share:Q", title=titles["overdue_share"],
                           scale=alt.Scale(scheme="reds", domain=[0, 100]))
    else:
        colour = alt.Color("status:N", title=titles["status"],
                           scale=alt.Scale(domain=[status_labels[c] for c in status.STATUSES],
                                           range=[STATUS_COLOURS[c] for c in status.STATUSES]),
                           legend=alt.Legend(orient="top", columns=3))
    return alt.Chart(frame).mark_rect(stroke="white").encode(
        x=alt.X("group:O", sort=sorted({c["group"] for c in cells}, key=lambda g: int(g.split(".")[1])),
                title=titles["group"], axis=alt.Axis(orient="top", labelAngle=0)),
        # Every row labelled: Vega drops labels it finds overlapping unless told not to.
        y=alt.Y("organisation_name:N", sort=None, title=titles["organisation_name"],
                axis=alt.Axis(labelLimit=320, labelOverlap=False, labelFontSize=12)),
        color=colour,
        tooltip=_tips(titles, "organisation_name", "group", "status", "assignments", "overdue", "overdue_share"),
    ).properties(height=alt.Step(CELL_PX))


def target_line(points: list[dict], path: list[dict], titles: dict[str, str]) -> alt.Chart:
    """Recorded values (solid) and the straight path from baseline to target (dashed).

    ``points`` and ``path`` are [{on: ISO date, value}]; ``titles`` names on, value and series, and
    gives the two series' labels as recorded and trajectory.
    """
    recorded, path_label = titles["recorded"], titles["trajectory"]
    frame = pd.DataFrame([{"on": p["on"], "value": p["value"], "series": recorded} for p in points]
                         + [{"on": p["on"], "value": p["value"], "series": path_label} for p in path],
                         columns=["on", "value", "series"])
    frame["on"] = pd.to_datetime(frame["on"])
    order = [recorded, path_label]
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("on:T", title=titles["on"], axis=alt.Axis(format="%Y")),
        y=alt.Y("value:Q", title=titles["value"], scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=titles["series"], sort=order, legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash("series:N", sort=order, legend=None),
        tooltip=[alt.Tooltip("series:N", title=titles["series"]),
                 alt.Tooltip("on:T", title=titles["on"], format="%d/%m/%Y"),
                 alt.Tooltip("value:Q", title=titles["value"])]).properties(height=220)
