"""Fixtures of the work pages' AppTests: each test gets its own copy of a seeded database.

The pages write (actions, reports, values), so tests must not see each other's rows: a template
data dir is seeded once (``python -m tracker init`` plus the accounts below), and every test runs on
a fresh copy of it. This overrides ``seeded_data_dir`` of tests/ui/conftest.py, whose autouse
``seeded_env`` then points settings, engine and caches at the copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import actor, copy_of, seeded_template

PASSWORD = "mat-khau-dai-2026"
PEOPLE = {  # username: (role, body)
    "sinho": ("agency", "HU-SINHO"),
    "yte": ("agency", "SO-YTE"),
    "ldtbxh": ("agency", "SO-LDTBXH"),
    "tuyengiao": ("monitor", "BTG-TU"),
    "lanhdao": ("leader", "BTV-TU"),
}
SCRIPT = """
from tracker.ui import session, {module}
{module}.{call}
"""


@pytest.fixture(scope="session")
def work_template(tmp_path_factory) -> Path:
    """A seeded data dir with the PEOPLE accounts, made once and never written by a test."""
    return seeded_template(tmp_path_factory, "work-template", PEOPLE, PASSWORD)


@pytest.fixture
def seeded_data_dir(work_template: Path, tmp_path: Path) -> Iterator[Path]:
    """This test's own copy of the template (evidence files land in it too)."""
    yield from copy_of(work_template, tmp_path)


@pytest.fixture
def page() -> Callable[..., AppTest]:
    """``page("assignment_page", "sinho")``: the module's ``render()`` (or ``call``) as ``username``, run once."""
    def make(module: str, username: str, call: str = "render()", lang: str = "vi") -> AppTest:
        at = AppTest.from_string(SCRIPT.format(module=module, call=call), default_timeout=30)
        at.session_state["actor"] = actor(username)
        at.session_state["lang"] = lang
        return at.run()
    return make


def texts(at: AppTest) -> str:
    """Everything the page wrote as Markdown, captions and alerts, one block per line."""
    parts = [e.value for kind in ("markdown", "caption", "success", "error", "warning", "info")
             for e in getattr(at, kind)]
    return "\n".join(parts)


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]
