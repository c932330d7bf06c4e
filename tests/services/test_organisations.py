"""Organisation administration, and merges that keep history under the old name."""

from datetime import date

import pytest
from sqlmodel import select

from tracker.clock import utcnow
from tracker.db import session_scope
from tracker.errors import TrackerError
from tracker.models import Action, Assignment, Organisation, Task
from tracker.services import organisations, reorganisation
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied

ADMIN = Actor.operator("root")


def org(s, code) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def open_tasks(s, code) -> dict[str, str]:
    rows = s.exec(select(Task.code, Assignment.role).join(Assignment).where(
        Assignment.organisation_id == org(s, code).id, Assignment.cancelled_at.is_(None)))
    return dict(rows.all())


def test_merge_hands_open_assignments_to_the_successor_and_keeps_history(seeded):
    with session_scope(seeded) as s:
        before = open_tasks(s, "SO-LDTBXH")
        assignment = s.exec(select(Assignment).where(Assignment.organisation_id == org(s, "SO-LDTBXH").id)).first()
        s.add(Action(assignment_id=assignment.id, acted_on=date(2025, 3, 1), description="Hướng dẫn thực hiện",
                     doc_number="12/HD-SLĐTBXH", progress_pct=40, created_at=utcnow()))
        old_assignment_id = assignment.id
    with session_scope(seeded) as s:
        moved = reorganisation.merge(s, ADMIN, "SO-LDTBXH", "SO-NV")
    with session_scope(seeded) as s:
        assert moved == len(before) > 0
        assert open_tasks(s, "SO-LDTBXH") == {}
        after = open_tasks(s, "SO-NV")
        assert set(before) <= set(after)
        old = org(s, "SO-LDTBXH")
        assert not old.active and old.successor_id == org(s, "SO-NV").id and old.name.startswith("Sở Lao động")
        old_assignment = s.get(Assignment, old_assignment_id)
        assert old_assignment.organisation_id == old.id and old_assignment.superseded_by_id is not None
        action = s.exec(select(Action).where(Action.doc_number == "12/HD-SLĐTBXH")).one()
        assert action.assignment_id == old_assignment_id  # the record stays with the body that did it


def test_merging_into_a_body_with_the_same_task_keeps_one_assignment(seeded):
    with session_scope(seeded) as s:
        reorganisation.merge(s, ADMIN, "HU-NAMNHUN", "HU-MUONGTE")
    with session_scope(seeded) as s:
        assert open_tasks(s, "HU-MUONGTE") == {"III.1.1": "lead", "III.1.2": "lead", "III.9.1": "lead"}


def test_merge_refuses_inactive_or_self(seeded):
    with session_scope(seeded) as s:
        reorganisation.merge(s, ADMIN, "HU-NAMNHUN", "HU-MUONGTE")
    with session_scope(seeded) as s, pytest.raises(TrackerError, match="đã ngừng hoạt động"):
        reorganisation.merge(s, ADMIN, "HU-SINHO", "HU-NAMNHUN")
    with session_scope(seeded) as s, pytest.raises(TrackerError, match="chính nó"):
        reorganisation.merge(s, ADMIN, "HU-SINHO", "HU-SINHO")


def test_create_rename_and_deactivate(seeded):
    with session_scope(seeded) as s:
        organisations.create(s, ADMIN, "DU-UBND", "Đảng ủy Ủy ban nhân dân tỉnh", "affiliated_committee", "TU")
    with session_scope(seeded) as s:
        organisations.rename(s, ADMIN, "DU-UBND", "Đảng ủy UBND tỉnh Lai Châu", "ĐU UBND tỉnh")
        assert "dang uy ubnd" in org(s, "DU-UBND").search_text
    with session_scope(seeded) as s:
        organisations.deactivate(s, ADMIN, "DU-UBND")
        assert not org(s, "DU-UBND").active
    with session_scope(seeded) as s, pytest.raises(TrackerError, match="còn nhiệm vụ đang mở"):
        organisations.deactivate(s, ADMIN, "HU-SINHO")


@pytest.mark.parametrize("role", ["leader", "monitor", "agency"])
def test_only_admins_manage_organisations(seeded, role):
    with session_scope(seeded) as s:
        actor = Actor(None, "someone", role, org(s, "HU-SINHO").id)
    with session_scope(seeded) as s, pytest.raises(PermissionDenied):
        organisations.rename(s, actor, "HU-SINHO", "Huyện ủy X")
    with session_scope(seeded) as s:
        assert org(s, "HU-SINHO").name == "Huyện ủy Sìn Hồ"
