"""Shared bits of the workspace tabs: the page's flash key, the "no filter" choice, body options."""

from __future__ import annotations

PAGE = "monitor_workspace"
ALL = ""  # the "no filter" choice of a selectbox


def body_option(body: dict) -> str:
    """A body as "CODE — Name" for pickers."""
    return f"{body['code']} — {body['name']}"
