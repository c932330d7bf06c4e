"""Publishing a reviewed draft creates the program in one transaction, audited; a used code is refused."""

from __future__ import annotations

import json

import pytest
from sqlmodel import func, select

from tests.conftest import make_actor
from tests.program_import.documents import FIXTURES
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import AuditEvent, Baseline, Milestone, Organisation, Program, Target, Task, TaskGroup
from tracker.program_import import match_bodies, parse, read_lines, to_export
from tracker.program_import.publish import publish
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied

YOUTH = FIXTURES / "ke-hoach-thanh-nien.txt"


def _document(engine, code="KH-45") -> dict:
    """The youth plan's draft, matched to the registry, OCR suggestions accepted, through JSON and back."""
    draft = parse(read_lines(YOUTH))
    with session_scope(engine, read_only=True) as s:
        bodies = [{"code": o.code, "name": o.name, "short_name": o.short_name} for o in s.exec(select(Organisation))]
    match_bodies(draft, bodies)
    return json.loads(json.dumps(to_export(draft, code=code, accept_flags=True), default=str))


def _count(s, model, program_id) -> int:
    return s.exec(select(func.count()).select_from(model).where(model.program_id == program_id)).one()


def test_publish_creates_the_program_with_everything_and_an_audit_entry(seeded):
    document = _document(seeded)
    assert (document["program"]["issuer"], document["program"]["monitor"]) == ("BTV-TU", "BTG-TU")
    with session_scope(seeded) as s:
        program_id = publish(s, Actor.operator("tester"), document).id
    with session_scope(seeded, read_only=True) as s:
        program = s.get(Program, program_id)
        assert (program.code, program.number, str(program.issued_on), program.target_year) == \
            ("KH-45", "18-KH/TU", "2024-03-15", 2030)
        assert program.title.startswith("Kế hoạch thực hiện Nghị quyết số 45-NQ/TU")
        assert (_count(s, TaskGroup, program_id), _count(s, Task, program_id), _count(s, Target, program_id),
                _count(s, Baseline, program_id), _count(s, Milestone, program_id)) == (5, 6, 5, 3, 2)
        task = s.exec(select(Task).where(Task.program_id == program_id, Task.code == "III.2.a.1")).one()
        assert "trên địa bàn tỉnh" in task.text                 # the accepted suggestion
        event = s.exec(select(AuditEvent).where(AuditEvent.object_type == "program",
                                                AuditEvent.summary["source"].as_string() == "program_import")).one()
        assert event.summary["code"] == "KH-45" and event.summary["inserted"]["tasks"] == 6


def test_a_code_already_used_is_refused_and_nothing_is_written(seeded):
    document = _document(seeded, code="CTHD-NQ42")
    with pytest.raises(InvalidInput, match="đã có"):
        with session_scope(seeded) as s:
            publish(s, Actor.operator("tester"), document)
    with session_scope(seeded, read_only=True) as s:
        assert s.exec(select(func.count()).select_from(Program)).one() == 1


def test_a_body_not_in_the_registry_rolls_everything_back(seeded):
    document = _document(seeded)
    document["targets"][0]["responsible"] = "NO-SUCH-BODY"
    with pytest.raises(InvalidInput, match="NO-SUCH-BODY"):
        with session_scope(seeded) as s:
            publish(s, Actor.operator("tester"), document)
    document["program"]["monitor"] = None
    with pytest.raises(InvalidInput, match="cơ quan theo dõi"):
        with session_scope(seeded) as s:
            publish(s, Actor.operator("tester"), document)
    with session_scope(seeded, read_only=True) as s:
        assert s.exec(select(Program).where(Program.code == "KH-45")).first() is None


def test_an_agency_may_not_publish(seeded):
    agency = make_actor(seeded, "so-gd", "agency", "SO-GDDT")
    with pytest.raises(PermissionDenied):
        with session_scope(seeded) as s:
            publish(s, agency, _document(seeded))


def test_the_nq42_draft_published_under_another_code_holds_what_the_seed_holds(seeded):
    from tests.conftest import SOURCE_DOC
    draft = parse(read_lines(SOURCE_DOC))
    with session_scope(seeded, read_only=True) as s:
        seed_id = s.exec(select(Program).where(Program.code == "CTHD-NQ42")).one().id
        bodies = [{"code": o.code, "name": o.name, "short_name": o.short_name} for o in s.exec(select(Organisation))]
    match_bodies(draft, bodies)
    document = json.loads(json.dumps(to_export(draft, code="CTHD-NQ42-B", accept_flags=True)))
    with session_scope(seeded) as s:
        program_id = publish(s, Actor.operator("tester"), document).id
    with session_scope(seeded, read_only=True) as s:
        for model in (TaskGroup, Task, Target, Baseline):
            assert _count(s, model, program_id) == _count(s, model, seed_id), model.__name__
        texts = {t.code: t.text for t in s.exec(select(Task).where(Task.program_id == program_id))}
        seed = {t.code: t.text for t in s.exec(select(Task).where(Task.program_id == seed_id))}
        assert texts == seed
