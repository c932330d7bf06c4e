"""Fixtures of the work pages' AppTests: each test gets its own copy of a seeded database.

The pages write (actions, reports, values), so tests must not see each other's rows: a template
data dir is seeded once (``python -m tracker init`` plus the accounts below), and every test runs on
a fresh copy of it. This overrides ``seeded_data_dir`` of tests/ui/conftest.py, whose autouse
``seeded_env`` then points settings, engine and caches at the copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import copy_of, seeded_template

PASSWORD = "mat-khau-dai-2026"
PEOPLE = {  # username: (role, body)
    "sinho": ("agency", "HU-SINHO"),
    "yte": ("agency", "SO-YTE"),
    "ldtbxh": ("agency", "SO-LDTBXH"),
    "tuyengiao": ("monitor", "BTG-TU"),
    "lanhdao": ("leader", "BTV-TU"),
}


@pytest.fixture(scope="session")
def work_template(tmp_path_factory) -> Path:
    """A seeded data dir with the PEOPLE accounts, made once and never written by a test."""
    return seeded_template(tmp_path_factory, "work-template", PEOPLE, PASSWORD)


@pytest.fixture
def seeded_data_dir(work_template: Path, tmp_path: Path) -> Iterator[Path]:
    """This test's own copy of the template (evidence files land in it too)."""
    yield from copy_of(work_template, tmp_path)
