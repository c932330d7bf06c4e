"""`python -m tracker init` shows today's structure; `init --as-issued` the document's (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import make_url
from sqlmodel import select

from tests.conftest import SEED_DIR, new_database
from tracker.cli import main
from tracker.clock import local_today
from tracker.config import get_settings
from tracker.db import get_engine, session_scope
from tracker.models import Assignment, Organisation, OrganisationSuccession, Program, Task
from tracker.services import registry, reorganisation
from tracker.services.actor import Actor

DISTRICTS = ("TPU-LAICHAU", "HU-TAMDUONG", "HU-PHONGTHO", "HU-SINHO", "HU-MUONGTE", "HU-NAMNHUN", "HU-TANUYEN",
             "HU-THANUYEN")


def snapshot(session) -> tuple:
    """Organisations (active, ended_on, successors) and open assignments (task, body, role), by code."""
    orgs = {o.id: o for o in session.exec(select(Organisation)).all()}
    successors: dict[int, set[str]] = {}
    for link in session.exec(select(OrganisationSuccession)).all():
        successors.setdefault(link.predecessor_id, set()).add(orgs[link.successor_id].code)
    bodies = sorted((o.code, o.name, o.kind, o.active, o.ended_on, tuple(sorted(successors.get(o.id, ()))))
                    for o in orgs.values())
    rows = session.exec(select(Task.code, Assignment.organisation_id, Assignment.role)
                        .join(Task, Task.id == Assignment.task_id)
                        .where(Assignment.cancelled_at.is_(None), Assignment.completed_on.is_(None))).all()
    open_work = sorted((task, orgs[org_id].code, role) for task, org_id, role in rows)
    return tuple(bodies), tuple(open_work)


def by_code(session) -> dict[str, Organisation]:
    return {o.code: o for o in session.exec(select(Organisation)).all()}


def test_init_shows_todays_structure_and_a_second_init_changes_nothing(settings, capsys):
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "Đã áp dụng 15 sự kiện sắp xếp tổ chức có hiệu lực đến" in out and "2025-03-BTGDV-TU" in out
    assert "--org BTGDV-TU" in out  # the first administrator's hint names today's monitoring body
    with session_scope(get_engine()) as s:
        orgs = by_code(s)
        local = [o for o in orgs.values() if o.kind in ("commune_committee", "ward_committee") and o.active]
        assert len(local) == 38 and sum(o.kind == "ward_committee" for o in local) == 2
        for code in DISTRICTS:
            assert not orgs[code].active and orgs[code].ended_on is not None
            assert s.exec(select(OrganisationSuccession).where(
                OrganisationSuccession.predecessor_id == orgs[code].id)).first() is not None
        assert orgs["BTGDV-TU"].active and not orgs["BTG-TU"].active and not orgs["BDV-TU"].active
        program = s.exec(select(Program)).first()
        assert registry.monitoring_body(s, program, local_today()).code == "BTGDV-TU"
        inactive = {o.id for o in orgs.values() if not o.active}
        stranded = s.exec(select(Assignment).where(Assignment.cancelled_at.is_(None),
                                                   Assignment.completed_on.is_(None))).all()
        assert not [a for a in stranded if a.organisation_id in inactive]
        # the district committees' shared IV.1 work reached every commune committee
        assert all(s.exec(select(Assignment).where(Assignment.organisation_id == o.id)).first() for o in local)
        before = snapshot(s)
    assert main(["init"]) == 0
    assert "Không có sự kiện sắp xếp tổ chức mới cần áp dụng" in capsys.readouterr().out
    with session_scope(get_engine()) as s:
        assert snapshot(s) == before


def test_as_issued_keeps_the_document_and_the_shipped_events_then_give_the_default(settings, capsys, monkeypatch,
                                                                                   second_database):
    assert main(["init", "--as-issued"]) == 0
    out = capsys.readouterr().out
    assert "--as-issued" in out and "--org BTG-TU" in out
    with session_scope(get_engine()) as s:
        orgs = by_code(s)
        assert "BTGDV-TU" not in orgs and all(orgs[c].active for c in DISTRICTS)
        assert orgs["BTG-TU"].active and orgs["SO-LDTBXH"].active
        specs = reorganisation.read_events(SEED_DIR / "reorganisations")
        assert len(reorganisation.apply_in_effect(s, Actor.operator("test"), specs, local_today())) == len(specs)
    with session_scope(get_engine()) as s:
        applied = snapshot(s)
    # the default init on a second empty database of the same engine
    get_engine().dispose()
    monkeypatch.setenv("TRACKER_DATABASE_URL", second_database)
    get_settings.cache_clear()
    get_engine.cache_clear()
    assert main(["init"]) == 0
    with session_scope(get_engine()) as s:
        assert snapshot(s) == applied


@pytest.fixture
def second_database(database_url: str, tmp_path) -> Iterator[str]:
    """A second brand-new empty database on the engine of ``database_url``."""
    with new_database(make_url(database_url).get_backend_name(), tmp_path / "second.db") as url:
        yield url
