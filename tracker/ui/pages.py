"""The page registry: every page, the roles that see it, and the st.navigation menu for a role.

Hiding a page is a convenience, not the control: every service checks the acting user itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from tracker import page_paths
from tracker.models.vocab import USER_ROLES
from tracker.ui import login_page, notices_page
from tracker.ui.admin import audit_page, orgs_admin_page, settings_page, users_page
from tracker.ui.dashboard import dashboard_page, summary_page, targets_page
from tracker.ui.monitor import directives_page, workspace_page
from tracker.ui.program import import_page, program_page
from tracker.ui.work import assignment_page, implementation_page, my_work_page, report_page, values_page
from tracker.ui.i18n import t

SIGNED_IN = frozenset(USER_ROLES)


@dataclass(frozen=True)
class PageSpec:
    """One page of the app, shown to the signed-in ``roles``, under menu ``section`` (a message key)."""

    render: Callable[[], None]
    title_key: str
    url_path: str
    icon: str
    roles: frozenset[str] = SIGNED_IN
    default_for: frozenset[str] = frozenset()  # the roles that land on this page after signing in
    section: str = ""

    def visible_to(self, role: str | None) -> bool:
        return role is not None and role in self.roles


PAGES: tuple[PageSpec, ...] = (
    PageSpec(program_page.render, "nav.program", "chuong-trinh", ":material/description:",
             default_for=frozenset({"admin"})),
    PageSpec(my_work_page.render, "nav.my_work", page_paths.MY_WORK, ":material/assignment:",
             default_for=frozenset({"agency"})),
    PageSpec(assignment_page.render, "nav.work_update", "cap-nhat-ket-qua", ":material/edit_note:",
             roles=frozenset({"agency"}), section="nav.section.work"),
    PageSpec(report_page.render, "nav.work_report", page_paths.WORK_REPORT, ":material/summarize:",
             roles=frozenset({"agency"}), section="nav.section.work"),
    PageSpec(values_page.render, "nav.work_values", "so-lieu-chi-tieu", ":material/monitoring:",
             roles=frozenset({"agency", "monitor"}), section="nav.section.work"),
    PageSpec(implementation_page.render, "nav.work_implementation", "trien-khai-thuc-hien", ":material/event_note:",
             roles=frozenset({"agency", "monitor"}), section="nav.section.work"),
    PageSpec(workspace_page.render, "nav.workspace", page_paths.WORKSPACE, ":material/fact_check:",
             roles=frozenset({"leader", "monitor"}), section="nav.section.follow", default_for=frozenset({"monitor"})),
    PageSpec(directives_page.render, "nav.directives", "chi-dao", ":material/campaign:",
             roles=frozenset({"leader", "monitor"}), section="nav.section.follow"),
    PageSpec(dashboard_page.render, "nav.dashboard", page_paths.DASHBOARD, ":material/dashboard:",
             roles=frozenset({"leader", "monitor"}), section="nav.section.follow", default_for=frozenset({"leader"})),
    PageSpec(targets_page.render, "nav.targets_2030", "chi-tieu", ":material/flag:",
             roles=frozenset({"leader", "monitor"}), section="nav.section.follow"),
    PageSpec(summary_page.render, "nav.summary_report", "bao-cao-tong-hop", ":material/description:",
             roles=frozenset({"monitor"}), section="nav.section.follow"),
    PageSpec(notices_page.render, "nav.notices", page_paths.NOTICES, ":material/notifications:"),
    PageSpec(settings_page.render, "nav.settings", "cai-dat", ":material/settings:",
             roles=frozenset({"admin"}), section="nav.section.system"),
    PageSpec(users_page.render, "nav.users", "tai-khoan", ":material/manage_accounts:",
             roles=frozenset({"admin"}), section="nav.section.system"),
    PageSpec(import_page.render, "nav.program_import", "nhap-chuong-trinh", ":material/upload_file:",
             roles=frozenset({"admin", "monitor"}), section="nav.section.system"),
    PageSpec(orgs_admin_page.render, "nav.orgs_admin", "co-quan-don-vi", ":material/account_tree:",
             roles=frozenset({"admin"}), section="nav.section.system"),
    PageSpec(audit_page.render, "nav.audit", "nhat-ky", ":material/history:",
             roles=frozenset({"admin", "monitor"}), section="nav.section.system"),
)
LOGIN = PageSpec(login_page.render, "nav.login", "dang-nhap", ":material/login:", roles=frozenset())


def specs_for(role: str | None) -> list[PageSpec]:
    """The pages ``role`` may see (None: not signed in, only the login page), in menu order."""
    return [spec for spec in PAGES if spec.visible_to(role)] if role else [LOGIN]


def pages_for(role: str | None) -> dict[str, list[st.Page]]:
    """st.Page objects for st.navigation, grouped by menu section, titled in the current language."""
    sections: dict[str, list[st.Page]] = {}
    for spec in specs_for(role):
        page = st.Page(spec.render, title=t(spec.title_key), icon=spec.icon, url_path=spec.url_path,
                       default=spec is LOGIN or role in spec.default_for)
        sections.setdefault(t(spec.section) if spec.section else "", []).append(page)
    return sections
