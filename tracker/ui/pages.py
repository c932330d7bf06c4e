"""The page registry: every page, who may see it, and the st.Page list for a role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from tracker.ui import program_page
from tracker.ui.i18n import t


@dataclass(frozen=True)
class PageSpec:
    """One page of the app. ``roles`` None means public (shown even before login)."""

    render: Callable[[], None]
    title_key: str
    url_path: str
    icon: str
    roles: frozenset[str] | None = None
    default: bool = False

    def visible_to(self, role: str | None) -> bool:
        return self.roles is None or (role is not None and role in self.roles)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(program_page.render, "nav.program", "chuong-trinh", ":material/description:", default=True),
)


def specs_for(role: str | None) -> list[PageSpec]:
    """The pages ``role`` may see (None: not signed in), in menu order."""
    return [spec for spec in PAGES if spec.visible_to(role)]


def pages_for(role: str | None) -> list[st.Page]:
    """st.Page objects for st.navigation, titled in the current language."""
    return [st.Page(spec.render, title=t(spec.title_key), icon=spec.icon, url_path=spec.url_path,
                    default=spec.default) for spec in specs_for(role)]
