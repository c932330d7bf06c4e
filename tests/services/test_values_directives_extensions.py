"""Target values within their unit, directive threads, and deadline extensions."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Assignment, Extension, Organisation, Target, Task
from tracker.services import directives, extensions, status, target_values
from tracker.services.permissions import PermissionDenied
from tracker.services.target_values import ValueInput

TODAY = date(2026, 11, 29)


def org_id(s, code):
    return s.exec(select(Organisation.id).where(Organisation.code == code)).one()


def target(s, code) -> Target:
    return s.exec(select(Target).where(Target.code == code)).one()


@pytest.fixture
def ctx(seeded):
    with session_scope(seeded) as s:
        ids = {c: org_id(s, c) for c in ("SO-LDTBXH", "SO-XD", "SO-YTE", "HU-SINHO", "BTG-TU", "BTV-TU")}
        targets = {c: target(s, c).id for c in ("T02", "T18", "T33")}
    people = {"ldtbxh": ("agency", "SO-LDTBXH"), "xd": ("agency", "SO-XD"), "yte": ("agency", "SO-YTE"),
              "sinho": ("agency", "HU-SINHO"), "monitor": ("monitor", "BTG-TU"), "leader": ("leader", "BTV-TU")}
    actors = {name: make_actor(seeded, name, role, org) for name, (role, org) in people.items()}
    return seeded, actors, targets, ids


def record(engine, actor, target_id, **fields):
    data = ValueInput(**{"period": "2026-H1", "measured_on": date(2026, 6, 30), **fields})
    with session_scope(engine) as s:
        return target_values.record(s, actor, target_id, data, today=TODAY)


def test_the_responsible_body_records_a_value(ctx):
    engine, a, t, _ = ctx
    record(engine, a["ldtbxh"], t["T02"], value=1.9, source="Điều tra lao động việc làm")
    with session_scope(engine) as s:
        assert target_values.history(s, t["T02"])[0]["value"] == 1.9


@pytest.mark.parametrize(("code", "fields", "message"), [
    ("T02", {"value": 120.0}, "vượt quá mức tối đa 100"),
    ("T02", {"value": -1.0}, "không nhận số âm"),
    ("T33", {"value": -3.0}, "không nhận số âm"),
    ("T33", {"value": 10.5}, "số nguyên"),
    ("T02", {"value": None}, "giá trị số"),
    ("T18", {"value": 2.1}, "định tính"),
    ("T18", {"assessment": "  "}, "đánh giá"),
    ("T02", {"value": 1.5, "measured_on": date(2027, 1, 1)}, "tương lai"),
])
def test_values_the_unit_does_not_allow_are_refused(ctx, code, fields, message):
    engine, a, t, _ = ctx
    body = {"T02": "ldtbxh", "T33": "xd", "T18": "yte"}[code]
    with pytest.raises(InvalidInput, match=message):
        record(engine, a[body], t[code], **fields)


def test_only_the_responsible_body_records(ctx):
    engine, a, t, _ = ctx
    for who in ("yte", "leader"):
        with pytest.raises(PermissionDenied):
            record(engine, a[who], t["T02"], value=1.9)
    record(engine, a["monitor"], t["T02"], value=1.9)  # the monitor enters figures for any body, as by import


def test_directive_thread_between_a_leader_and_a_body(ctx):
    engine, a, _, ids = ctx
    with session_scope(engine) as s:
        d = directives.write(s, a["leader"], "Đề nghị Huyện ủy Sìn Hồ báo cáo kết quả quán triệt trước 15/12.",
                             organisation_id=ids["HU-SINHO"])
    with session_scope(engine) as s:
        directives.reply(s, a["sinho"], d.id, "Huyện ủy đã tổ chức quán triệt; báo cáo gửi trước 10/12.")
    with pytest.raises(PermissionDenied):
        with session_scope(engine) as s:
            directives.reply(s, a["yte"], d.id, "Không phải việc của Sở Y tế")
    with pytest.raises(PermissionDenied):
        with session_scope(engine) as s:
            directives.write(s, a["sinho"], "Tự chỉ đạo", organisation_id=ids["HU-SINHO"])
    with session_scope(engine) as s:
        threads = directives.for_body(s, a["sinho"], ids["HU-SINHO"])
        assert len(threads) == 1 and threads[0]["replies"][0]["body"].startswith("Huyện ủy đã tổ chức")
        assert directives.for_body(s, a["yte"], ids["SO-YTE"]) == []


def test_a_directive_on_a_task_reaches_every_body_assigned_to_it(ctx):
    engine, a, _, ids = ctx
    with session_scope(engine) as s:
        task_id = s.exec(select(Task.id).where(Task.code == "III.6.b.3")).one()
        directives.write(s, a["leader"], "Tập trung giảm suy dinh dưỡng thể thấp còi.", task_id=task_id)
    with session_scope(engine) as s:
        assert len(directives.for_body(s, a["yte"], ids["SO-YTE"])) == 1
        assert directives.for_body(s, a["sinho"], ids["HU-SINHO"]) == []


def test_extension_keeps_the_original_deadline_and_moves_the_current_one(ctx):
    engine, a, _, ids = ctx
    with session_scope(engine) as s:
        assignment = s.exec(select(Assignment).where(Assignment.organisation_id == ids["HU-SINHO"])).first()
        assignment.deadline = date(2026, 10, 31)
        s.add(assignment)
        assignment_id = assignment.id
    assert status.derive(date(2026, 10, 31), 40, None, TODAY).code == status.IN_PROGRESS_OVERDUE
    with pytest.raises(InvalidInput, match="lý do"):
        with session_scope(engine) as s:
            extensions.request(s, a["sinho"], assignment_id, date(2027, 3, 31), " ")
    with session_scope(engine) as s:
        ext_id = extensions.request(s, a["sinho"], assignment_id, date(2027, 3, 31), "Chờ hướng dẫn của tỉnh").id
    with pytest.raises(PermissionDenied):
        with session_scope(engine) as s:
            extensions.decide(s, a["sinho"], ext_id, grant=True)
    with session_scope(engine) as s:
        extensions.decide(s, a["monitor"], ext_id, grant=True)
    with session_scope(engine) as s:
        ext = s.get(Extension, ext_id)
        assert (ext.state, ext.old_deadline) == ("granted", date(2026, 10, 31))
        assert s.get(Assignment, assignment_id).deadline == date(2027, 3, 31)
