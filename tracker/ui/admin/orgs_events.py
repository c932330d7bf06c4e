"""The reorganisation events applied, and undoing one (the tab "Sự kiện sắp xếp").

An event can be undone only while nobody has written to what it created; otherwise the page says
why (reorganisation.undo_blocker) and shows no button.
"""

from __future__ import annotations

from datetime import timezone

import streamlit as st

from tracker.config import get_settings
from tracker.services import reorganisation
from tracker.services.actor import Actor
from tracker.ui import data, pickers, widgets
from tracker.ui.formatting import day, moment, shorten, t_md
from tracker.ui.i18n import t

PAGE = "orgs_admin"


def render(actor: Actor) -> None:
    events = widgets.read_cached_rows(data.reorganisations, t("orgs_admin.no_events"))
    if events is None:
        return
    tz = get_settings().tz
    st.dataframe(table(events, tz), hide_index=True, height=widgets.table_height(len(events)))
    _undo(actor, [e for e in events if e["undone_at"] is None])


def table(events: list[dict], tz) -> list[dict]:
    def at(value):
        return moment(value.replace(tzinfo=value.tzinfo or timezone.utc), tz) if value else ""

    return [{t("orgs_admin.event_code"): e["code"], t("orgs_admin.event_kind"): t(f"orgs_admin.kind.{e['kind']}"),
             t("orgs_admin.effective_on"): day(e["effective_on"]),
             t("orgs_admin.basis_number"): " ".join(filter(None, [e["basis_number"], day(e["basis_date"])])),
             t("orgs_admin.title"): shorten(e["title"]), t("orgs_admin.applied"): f"{at(e['applied_at'])} {e['applied_by']}",
             t("orgs_admin.undone"): at(e["undone_at"])} for e in events]


def _undo(actor: Actor, open_events: list[dict]) -> None:
    if not open_events:
        return
    v = widgets.version("org_undo")
    by_code = {e["code"]: e for e in open_events}
    code = pickers.pick(t("orgs_admin.undo_pick"), {c: f"{c} — {shorten(e['title'], 60)}" for c, e in by_code.items()},
                        f"org_undo_pick_{v}", start=None, placeholder=t("pick.placeholder"))
    if code is None:
        return
    blocker = by_code[code]["blocker"]
    if blocker:
        st.warning(t_md("orgs_admin.undo_refused", reason=blocker))
        return
    confirmed = st.checkbox(t("orgs_admin.undo_confirm"), key=f"org_undo_confirm_{v}")
    if st.button(t("orgs_admin.undo"), disabled=not confirmed, key=f"org_undo_go_{v}") and confirmed:
        if widgets.write(lambda s: reorganisation.undo(s, actor, code)) is not widgets.FAILED:
            data.forget_catalog()
            widgets.done(PAGE, t("orgs_admin.undone_done", code=code), reset="org_undo")
