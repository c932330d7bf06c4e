"""Reorganisation events (issue 13): merge, split, rename, end, create; preview, apply, undo. Both engines."""

from datetime import date

import pytest
from sqlmodel import func, select

from tests.conftest import make_actor
from tracker.clock import utcnow
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import (Action, Assignment, AuditEvent, Organisation, OrganisationName, OrganisationSuccession,
                            Reminder, Reorganisation, Task, User)
from tracker.services import reorganisation as reorg
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied
from tracker.text import fold

ADMIN = Actor.operator("root")
TODAY = date(2025, 8, 1)

MERGE = {"code": "2025-03-BTGDV-TU", "kind": "merge", "effective_on": date(2025, 3, 1),
         "title": "Hợp nhất Ban Tuyên giáo và Ban Dân vận", "basis": {"number": "1676-QĐ/TU", "date": date(2025, 2, 10)},
         "create": [{"code": "BTGDV-TU", "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy", "kind": "party_board",
                     "parent": "TU", "symbol": "BTGDVTU", "signer_title": "TRƯỞNG BAN",
                     "header_name": "BAN TUYÊN GIÁO VÀ DÂN VẬN", "recipient": True}],
         "ending": ["BTG-TU", "BDV-TU"], "successors": ["BTGDV-TU"]}


def spec(**event) -> reorg.EventSpec:
    return reorg.parse_events({"events": [event]})[0]


def org(s, code) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def open_of(s, code) -> dict[str, str]:
    return dict(s.exec(select(Task.code, Assignment.role).join(Assignment, Assignment.task_id == Task.id).where(
        Assignment.organisation_id == org(s, code).id, Assignment.cancelled_at.is_(None),
        Assignment.completed_on.is_(None))).all())


def snapshot(s) -> dict:
    def rows(model):
        return sorted((tuple(sorted((k, str(v)) for k, v in r.model_dump().items())) for r in s.exec(select(model))))
    return {m.__name__: rows(m) for m in (Organisation, Assignment, User, OrganisationName, OrganisationSuccession)}


def counts(s) -> dict:
    return {m.__name__: s.exec(select(func.count()).select_from(m)).one()
            for m in (Organisation, Assignment, User, OrganisationName, OrganisationSuccession, Reorganisation,
                      Reminder, AuditEvent)}


def test_merge_many_into_a_new_body_hands_work_on_combines_duplicates_and_moves_users(seeded):
    make_actor(seeded, "btg1", "agency", "BTG-TU")
    make_actor(seeded, "bdv1", "agency", "BDV-TU")
    with session_scope(seeded) as s:
        btg, bdv = open_of(s, "BTG-TU"), open_of(s, "BDV-TU")
        shared = set(btg) & set(bdv)
        # make a shared task lead at BDV only, coordinate at BTG, to see the lead kept
        expected = {**bdv, **btg}
        for code in shared:
            expected[code] = "lead" if "lead" in (btg[code], bdv[code]) else btg[code]
        assert btg and bdv
    with session_scope(seeded) as s:
        event = reorg.apply(s, ADMIN, spec(**MERGE), today=TODAY)
        code = event.code
    with session_scope(seeded) as s:
        new = org(s, "BTGDV-TU")
        assert (new.began_on, new.symbol, new.signer_title, new.parent_id) == (
            date(2025, 3, 1), "BTGDVTU", "TRƯỞNG BAN", org(s, "TU").id)
        assert open_of(s, "BTGDV-TU") == expected
        for old in ("BTG-TU", "BDV-TU"):
            o = org(s, old)
            assert (o.active, o.ended_on, o.successor_id) == (False, date(2025, 3, 1), new.id)
            assert open_of(s, old) == {}
            cancelled = s.exec(select(Assignment).where(Assignment.organisation_id == o.id,
                                                        Assignment.cancelled_at.is_not(None))).all()
            assert cancelled and all(s.get(Assignment, a.superseded_by_id).organisation_id == new.id for a in cancelled)
        lines = s.exec(select(OrganisationSuccession)).all()
        assert {(l.predecessor_id, l.successor_id) for l in lines} == {(org(s, "BTG-TU").id, new.id),
                                                                      (org(s, "BDV-TU").id, new.id)}
        users = s.exec(select(User).where(User.username.in_(["btg1", "bdv1"]))).all()
        assert {u.organisation_id for u in users} == {new.id} and all(u.active for u in users)
        told = s.exec(select(Reminder).where(Reminder.rule == "reorganised")).all()
        assert {r.recipient_user_id for r in told} == {u.id for u in users}
        assert all("Ban Tuyên giáo và Dân vận Tỉnh ủy" in r.body and code in r.body for r in told)
        audit = s.exec(select(AuditEvent).where(AuditEvent.action == "reorganise")).one()
        assert audit.object_type == "reorganisation"
        assert reorg.applied_codes(s) == {code}


def test_split_routes_by_topic_with_a_per_assignment_override(seeded):
    with session_scope(seeded) as s:
        rows = s.exec(select(Assignment, Task).join(Task, Task.id == Assignment.task_id).where(
            Assignment.organisation_id == org(s, "SO-LDTBXH").id, Assignment.cancelled_at.is_(None))).all()
        assert len(rows) >= 2
        children = [t.code for a, t in rows if "tre em" in fold(t.text)]
        tasks_rule = rows[0][1].code
    event = spec(code="SPLIT-LD", kind="split", effective_on=date(2025, 3, 1), ending=["SO-LDTBXH"],
                 successors=["SO-NV", "SO-YTE", "SO-GDDT"],
                 routing={"default": ["SO-NV"], "topics": [{"to": ["SO-YTE"], "words": ["trẻ em"]}],
                          "tasks": {tasks_rule: ["SO-GDDT:coordinate", "SO-NV"]}})
    with session_scope(seeded) as s:
        plan = reorg.preview(s, ADMIN, event)
        by_code = {h.task_code: h for h in plan.handovers}
        assert by_code[tasks_rule].to[0] == ("SO-GDDT", "coordinate")
        for code in children:
            if code != tasks_rule:
                assert [c for c, _ in by_code[code].to] == ["SO-YTE"]
        override = next(h for h in plan.handovers if h.task_code != tasks_rule)
        reorg.apply(s, ADMIN, event, handovers={override.assignment_id: [("SO-GDDT", "lead")]}, today=TODAY)
    with session_scope(seeded) as s:
        assert open_of(s, "SO-GDDT")[override.task_code] == "lead"
        assert open_of(s, "SO-GDDT")[tasks_rule] in ("coordinate", "lead")
        assert open_of(s, "SO-LDTBXH") == {}
        o = org(s, "SO-LDTBXH")
        assert (o.active, o.successor_id) == (False, None)
        assert len(s.exec(select(OrganisationSuccession).where(OrganisationSuccession.predecessor_id == o.id)).all()) == 3


def test_rename_keeps_the_old_name_with_its_dates(seeded):
    with session_scope(seeded) as s:
        before = org(s, "SO-NV").name
        reorg.apply(s, ADMIN, spec(code="RN-1", kind="rename", effective_on=date(2025, 3, 1),
                                   rename={"code": "SO-NV", "name": "Sở Nội vụ (mới)", "symbol": "snv"}), today=TODAY)
        reorg.apply(s, ADMIN, spec(code="RN-2", kind="rename", effective_on=date(2025, 5, 1),
                                   rename={"code": "SO-NV", "name": "Sở Nội vụ tỉnh"}), today=TODAY)
    with session_scope(seeded) as s:
        o = org(s, "SO-NV")
        assert (o.name, o.symbol, o.active) == ("Sở Nội vụ tỉnh", "SNV", True)
        names = s.exec(select(OrganisationName).where(OrganisationName.organisation_id == o.id)
                       .order_by(OrganisationName.valid_to)).all()
        assert [(n.name, n.valid_from, n.valid_to) for n in names] == [
            (before, None, date(2025, 3, 1)), ("Sở Nội vụ (mới)", date(2025, 3, 1), date(2025, 5, 1))]


def test_end_cancels_open_work_and_disables_users(seeded):
    make_actor(seeded, "hu1", "agency", "HU-TAMDUONG")
    with session_scope(seeded) as s:
        held = open_of(s, "HU-TAMDUONG")
        plan = reorg.preview(s, ADMIN, spec(code="END-1", kind="end", effective_on=date(2025, 7, 1),
                                            ending=["HU-TAMDUONG"]))
        assert len(plan.handovers) == len(held) and all(h.to == [] for h in plan.handovers)
        assert len(plan.warnings) == len(held) and [u.to_code for u in plan.users] == [None]
        reorg.apply(s, ADMIN, plan.spec, today=TODAY)
    with session_scope(seeded) as s:
        assert open_of(s, "HU-TAMDUONG") == {}
        user = s.exec(select(User).where(User.username == "hu1")).one()
        assert (user.active, user.session_epoch) == (False, 1)
        assert "khóa" in s.exec(select(Reminder).where(Reminder.recipient_user_id == user.id)).first().body


def test_create_adds_bodies_from_the_effective_date(session):
    reorg.apply(session, ADMIN, spec(code="NEW-1", kind="create", effective_on=date(2025, 7, 1),
                                     create=[{"code": "DUX-MUONGKIM", "name": "Đảng ủy xã Mường Kim",
                                              "kind": "commune_committee", "parent": "TU"}]), today=TODAY)
    o = org(session, "DUX-MUONGKIM")
    assert (o.began_on, o.active, o.parent_id) == (date(2025, 7, 1), True, org(session, "TU").id)


def test_preview_writes_nothing(seeded):
    make_actor(seeded, "btg1", "agency", "BTG-TU")
    with session_scope(seeded) as s:
        before = counts(s)
        plan = reorg.preview(s, ADMIN, spec(**MERGE))
        assert plan.handovers and [u.to_code for u in plan.users] == ["BTGDV-TU"]
    with session_scope(seeded) as s:
        assert counts(s) == before


@pytest.mark.parametrize("change, message", [
    ({"kind": "merge", "successors": ["SO-NV", "SO-YTE"]}, "mục 'successors'"),
    ({"kind": "split", "ending": ["BTG-TU", "BDV-TU"]}, "mục 'ending'"),
    ({"kind": "end", "successors": ["SO-NV"]}, "mục 'successors'"),
    ({"kind": "create", "create": [], "ending": [], "successors": []}, "mục 'create'"),
    ({"kind": "rename", "ending": [], "successors": []}, "mục 'rename'"),
    ({"kind": "fold"}, "mục 'kind'"),
    ({"effective_on": "1/3/2025"}, "mục 'effective_on'"),
    ({"routing": {"default": ["SO-XX"]}}, "mục 'routing'"),
    ({"routing": {"tasks": {"III.1": ["BTGDV-TU:boss"]}}}, "MÃ:lead"),
])
def test_invalid_specs_name_the_event_and_the_field(change, message):
    with pytest.raises(InvalidInput) as caught:
        spec(**{**MERGE, **change})
    assert "2025-03-BTGDV-TU" in str(caught.value) and message in str(caught.value)


def test_bodies_are_checked_against_the_database(session):
    with pytest.raises(InvalidInput, match="không có cơ quan mã SO-XX"):
        reorg.preview(session, ADMIN, spec(code="E1", kind="end", effective_on=date(2025, 3, 1), ending=["SO-XX"]))
    with pytest.raises(InvalidInput, match="không có cơ quan mã SO-XX"):
        reorg.preview(session, ADMIN, spec(code="E2", kind="merge", effective_on=date(2025, 3, 1),
                                           ending=["SO-NV"], successors=["SO-XX"]))


def test_a_failure_in_the_middle_leaves_nothing_half_written(seeded, monkeypatch):
    make_actor(seeded, "btg1", "agency", "BTG-TU")
    with session_scope(seeded) as s:
        before = snapshot(s)

    def boom(*args, **kwargs):
        raise RuntimeError("mail down")

    monkeypatch.setattr(reorg.messages, "send_now", boom)
    with pytest.raises(RuntimeError), session_scope(seeded) as s:
        reorg.apply(s, ADMIN, spec(**MERGE), today=TODAY)
    with session_scope(seeded) as s:
        assert snapshot(s) == before and reorg.applied_codes(s) == set()


def test_not_yet_in_effect_and_re_apply_are_refused(session):
    with pytest.raises(InvalidInput, match="chưa đến ngày"):
        reorg.apply(session, ADMIN, spec(**MERGE), today=date(2025, 2, 28))
    reorg.apply(session, ADMIN, spec(**MERGE), today=TODAY)
    with pytest.raises(InvalidInput, match="đã"):
        reorg.apply(session, ADMIN, spec(**MERGE), today=TODAY)
    assert reorg.apply_in_effect(session, ADMIN, [spec(**MERGE)], TODAY) == []


def test_apply_in_effect_skips_future_events(session):
    future = spec(code="LATER", kind="end", effective_on=date(2025, 9, 1), ending=["SO-NV"])
    assert reorg.apply_in_effect(session, ADMIN, [spec(**MERGE), future], TODAY) == ["2025-03-BTGDV-TU"]
    assert org(session, "SO-NV").active


def test_undo_restores_exactly_and_the_code_can_be_applied_again(seeded):
    make_actor(seeded, "btg1", "agency", "BTG-TU")
    with session_scope(seeded) as s:
        before = snapshot(s)
    with session_scope(seeded) as s:
        reorg.apply(s, ADMIN, spec(**MERGE), today=TODAY)
        reorg.apply(s, ADMIN, spec(code="RN-1", kind="rename", effective_on=date(2025, 3, 1),
                                   rename={"code": "SO-NV", "name": "Sở Nội vụ (mới)"}), today=TODAY)
    with session_scope(seeded) as s:
        reorg.undo(s, ADMIN, "RN-1")
        reorg.undo(s, ADMIN, "2025-03-BTGDV-TU")
    with session_scope(seeded) as s:
        assert snapshot(s) == before
        user = s.exec(select(User).where(User.username == "btg1")).one()
        assert (user.organisation_id, user.active) == (org(s, "BTG-TU").id, True)
        assert reorg.applied_codes(s) == set()
        assert s.exec(select(AuditEvent).where(AuditEvent.action == "undo")).all()
    with session_scope(seeded) as s:
        reorg.apply(s, ADMIN, spec(**MERGE), today=TODAY)
        assert reorg.applied_codes(s) == {"2025-03-BTGDV-TU"}


def test_undo_is_refused_once_an_action_is_logged_on_a_created_assignment(seeded):
    with session_scope(seeded) as s:
        event = reorg.apply(s, ADMIN, spec(**MERGE), today=TODAY)
        assert reorg.undo_blocker(s, event) is None
        created = event.changes["created_assignments"][0]
        s.add(Action(assignment_id=created, acted_on=date(2025, 3, 2), description="Hướng dẫn", progress_pct=10,
                     created_at=utcnow()))
    with session_scope(seeded) as s:
        with pytest.raises(InvalidInput, match="Không thể hoàn tác 2025-03-BTGDV-TU: Đã có hoạt động"):
            reorg.undo(s, ADMIN, "2025-03-BTGDV-TU")


def test_undo_is_refused_after_a_later_event_on_its_bodies(session):
    reorg.apply(session, ADMIN, spec(**MERGE), today=TODAY)
    reorg.apply(session, ADMIN, spec(code="RN-NEW", kind="rename", effective_on=date(2025, 5, 1),
                                     rename={"code": "BTGDV-TU", "name": "Ban mới"}), today=TODAY)
    with pytest.raises(InvalidInput, match="RN-NEW"):
        reorg.undo(session, ADMIN, "2025-03-BTGDV-TU")


def test_a_monitor_is_refused(seeded):
    monitor = make_actor(seeded, "mon1", "monitor", "BTG-TU")
    with session_scope(seeded) as s:
        with pytest.raises(PermissionDenied):
            reorg.preview(s, monitor, spec(**MERGE))
        with pytest.raises(PermissionDenied):
            reorg.apply(s, monitor, spec(**MERGE), today=TODAY)


@pytest.mark.parametrize("event, message", [
    ({"code": "<svg onload=x>", "kind": "create", "create": [{"code": "SO-MOI", "name": "Sở mới", "kind": "department"}]},
     "Mã sự kiện gồm 2–60 ký tự"),
    ({"code": "NEW-2", "kind": "create", "create": [{"code": "<svg/onload=1>", "name": "Sở", "kind": "department"}]},
     "mã cơ quan gồm 2–40 ký tự"),
    ({"code": "RN-3", "kind": "rename", "rename": {"code": "SO-YTE", "name": " "}}, "rename"),
])
def test_bad_codes_and_empty_names_are_refused_before_anything_is_written(session, event, message):
    with pytest.raises(InvalidInput, match=message):
        reorg.parse_events({"events": [{"effective_on": date(2025, 7, 1), **event}]})
    built = reorg.EventSpec(code=event["code"].upper(), kind=event["kind"], effective_on=date(2025, 7, 1),
                            create=tuple(reorg.NewBody(code=b["code"].upper(), name=b["name"], kind=b["kind"])
                                         for b in event.get("create", ())),
                            rename=reorg.RenameSpec(**event["rename"]) if "rename" in event else None)
    with pytest.raises(InvalidInput, match=message):
        reorg.preview(session, ADMIN, built)  # what the wizard sends, without parsing
