"""Logging an action with its files and cited document: one operation, written whole or not at all."""

from datetime import date

import pytest
from sqlmodel import select

from tests.fixtures import files
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Action, Assignment, AuditEvent, Evidence, Organisation, Task
from tracker.services import action_record
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor

TODAY = date(2026, 11, 29)
ENTRY = ActionInput(date(2026, 3, 5), "Hội nghị quán triệt", 50)


@pytest.fixture
def ctx(seeded):
    """HU-SINHO's officer and its assignment on III.1.1."""
    with session_scope(seeded) as s:
        a = s.exec(select(Assignment).join(Organisation).join(Task, Task.id == Assignment.task_id)
                   .where(Organisation.code == "HU-SINHO", Task.code == "III.1.1")).one()
        return seeded, Actor(None, "sinho", "agency", a.organisation_id), a.id


def written(engine, assignment_id):
    """What the database holds for the assignment: (actions, evidence rows, audit events, progress)."""
    with session_scope(engine) as s:
        action_ids = s.exec(select(Action.id).where(Action.assignment_id == assignment_id)).all()
        proofs = s.exec(select(Evidence).where(Evidence.action_id.in_(action_ids))).all() if action_ids else []
        events = s.exec(select(AuditEvent.object_type).where(AuditEvent.object_type.in_(("action", "evidence")))).all()
        return len(action_ids), len(proofs), sorted(events), s.get(Assignment, assignment_id).progress_pct


def stored_blobs() -> list:
    root = get_settings().evidence_dir
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_action_files_and_citation_written_together(ctx):
    engine, actor, aid = ctx
    with session_scope(engine) as s:
        action = action_record.record_action(s, actor, aid, ENTRY, [("ke-hoach.pdf", files.PDF), ("anh.png", files.png())],
                                             ("112-KH/HU", "https://laichau.dcs.vn/112"), today=TODAY)
        proofs = s.exec(select(Evidence).where(Evidence.action_id == action.id).order_by(Evidence.id)).all()
        assert [(p.original_name, p.cited_doc_number) for p in proofs] == [
            ("ke-hoach.pdf", None), ("anh.png", None), (None, "112-KH/HU")]
    assert written(engine, aid) == (1, 3, ["action", "evidence", "evidence", "evidence"], 50)


def test_blank_citation_is_no_citation(ctx):
    engine, actor, aid = ctx
    with session_scope(engine) as s:
        action_record.record_action(s, actor, aid, ENTRY, [], (" ", ""), today=TODAY)
    assert written(engine, aid) == (1, 0, ["action"], 50)


@pytest.mark.parametrize("uploads, citation, message", [
    ([("ke-hoach.pdf", files.PDF), ("virus.pdf", files.EXE)], None, "không phải một trong các loại"),
    ([("ke-hoach.pdf", files.PDF), ("rong.pdf", b"")], None, "Tệp rỗng"),
    ([("ke-hoach.pdf", files.PDF)], ("112-KH/HU", "javascript:alert(1)"), "http:// hoặc https://"),
    ([("ke-hoach.pdf", files.PDF)], ("", "https://laichau.dcs.vn/112"), "số, ký hiệu văn bản được trích dẫn"),
], ids=["bad-file", "empty-file", "bad-link", "link-without-number"])
def test_a_refused_file_or_citation_writes_nothing(ctx, uploads, citation, message):
    """No action, no evidence, no audit event, no progress change, and not even the accepted file's blob."""
    engine, actor, aid = ctx
    with pytest.raises(InvalidInput, match=message), session_scope(engine) as s:
        action_record.record_action(s, actor, aid, ENTRY, uploads, citation, today=TODAY)
    assert written(engine, aid) == (0, 0, [], 0)
    assert stored_blobs() == []


def test_the_action_is_checked_first(ctx):
    """Refusals come in the form's order: an empty description is named before a bad file."""
    engine, actor, aid = ctx
    with pytest.raises(InvalidInput, match="Nội dung thực hiện không được để trống"), session_scope(engine) as s:
        action_record.record_action(s, actor, aid, ActionInput(date(2026, 3, 5), " ", 50), [("x.pdf", files.EXE)],
                                    today=TODAY)
    assert written(engine, aid) == (0, 0, [], 0)
