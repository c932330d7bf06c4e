"""The bodies as of a chosen date, grouped under their parents (the tab "Cây tổ chức")."""

from __future__ import annotations

import streamlit as st

from tracker.clock import local_today
from tracker.ui import data, widgets
from tracker.ui.formatting import day
from tracker.ui.i18n import label, t

TABLE_PX = 560
INDENT = "\u2003"  # an em space per level, so the names read as a tree


def render() -> None:
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    on = left.date_input(t("orgs_admin.as_of"), value=local_today(), format="DD/MM/YYYY", key="orgs_tree_on")
    with_ended = right.toggle(t("orgs_admin.with_ended"), key="orgs_tree_ended")
    bodies = widgets.read_cached_rows(lambda: data.tree(on or local_today(), with_ended), t("orgs_admin.tree_empty"))
    if bodies is None:
        return
    table = rows(bodies)
    st.dataframe(table, hide_index=True, height=min(widgets.table_height(len(table)), TABLE_PX),
                 column_config={t("col.code"): st.column_config.TextColumn(width=130)})


def ordered(bodies: list[dict]) -> list[tuple[int, dict]]:
    """(level, body) with each body right under its parent, children in the order given."""
    ids = {b["id"] for b in bodies}
    children: dict[int | None, list[dict]] = {}
    for b in bodies:
        children.setdefault(b["parent_id"] if b["parent_id"] in ids else None, []).append(b)
    out: list[tuple[int, dict]] = []

    def walk(parent: int | None, level: int) -> None:
        for b in children.get(parent, []):
            out.append((level, b))
            walk(b["id"], level + 1)

    walk(None, 0)
    return out


def rows(bodies: list[dict]) -> list[dict]:
    """The table shown: one row per body, its name indented by its level."""
    return [{t("orgs_admin.level"): level, t("col.code"): b["code"], t("col.name"): INDENT * level + b["name"],
             t("col.kind"): label("org_kind", b["kind"]), t("orgs_admin.began"): day(b["began_on"]),
             t("orgs_admin.ended"): day(b["ended_on"]), t("orgs_admin.successors"): ", ".join(b["successors"])}
            for level, b in ordered(bodies)]
