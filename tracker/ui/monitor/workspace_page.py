"""Page "Theo dõi, đôn đốc": the monitor's workspace, one tab per job.

Reports to review, late bodies (urge them), every assignment (filter, download), assign a task,
hand a task on (the cascade of leads), extension requests. The tabs a role sees follow the permission table (a leader reads the lists
only); the services still check every call. A role that may not read every body's assignments gets
the service's refusal instead of the page.
"""

from __future__ import annotations

import streamlit as st

from tracker.services import workspace
from tracker.services.permissions import allowed
from tracker.ui import session, widgets
from tracker.ui.monitor import workspace_assignments, workspace_extensions, workspace_overdue
from tracker.ui.monitor import workspace_delegation, workspace_reports
from tracker.ui.i18n import t
from tracker.ui.monitor.workspace_common import PAGE


def render() -> None:
    actor = session.actor()
    st.title(t("nav.workspace"))
    widgets.show_flash(PAGE)
    late = widgets.read(lambda s: workspace.overdue_bodies(s, actor))  # refuses roles not reading every body's work
    if late is widgets.FAILED:
        return
    tabs = [("mon.tab.inbox", "report.review", workspace_reports.render),
            ("mon.tab.overdue", "assignment.read", lambda who: workspace_overdue.render(who, late)),
            ("mon.tab.all", "assignment.read", workspace_assignments.render_list),
            ("mon.tab.assign", "assignment.manage", workspace_assignments.render_assign),
            ("mon.tab.delegate", "assignment.manage", workspace_delegation.render),
            ("mon.tab.extensions", "extension.decide", workspace_extensions.render)]
    shown = [(key, part) for key, operation, part in tabs if allowed(actor, operation)]
    for tab, (_, part) in zip(st.tabs([t(key) for key, _ in shown]), shown, strict=True):
        with tab:
            part(actor)
