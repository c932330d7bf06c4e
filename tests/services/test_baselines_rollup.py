"""Baselines set by the monitor, commune values rolled up to the province, and the rating that uses both."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import AuditEvent, Organisation, Target
from tracker.seeding import load_seed
from tracker.services import baselines, target_values, targets_view
from tracker.services.permissions import PermissionDenied
from tracker.services.target_values import ValueInput
from tracker.services.trajectory import rating_word

TODAY = date(2026, 11, 29)
MID_2026 = date(2026, 7, 2)
SOURCE = "Báo cáo kết quả năm 2024 của Sở LĐ-TB&XH"


@pytest.fixture
def world(seeded):
    """Three communes (and a ward) under a district; their committees, the monitor, a leader and the department."""
    with session_scope(seeded) as s:
        parent = s.exec(select(Organisation).where(Organisation.code == "HU-SINHO")).one().id
        for code, kind in (("XA-A", "commune_committee"), ("XA-B", "commune_committee"),
                           ("XA-C", "commune_committee"), ("PHUONG-D", "ward_committee")):
            s.add(Organisation(code=code, name=f"Đảng ủy {code}", kind=kind, parent_id=parent))
    actors = {code: make_actor(seeded, code.lower(), "agency", code) for code in ("XA-A", "XA-B", "XA-C")}
    actors |= {"monitor": make_actor(seeded, "giamsat", "monitor", "BTG-TU"),
               "leader": make_actor(seeded, "bithu", "leader", "BTV-TU"),
               "labour": make_actor(seeded, "laodong", "agency", "SO-LDTBXH"),
               "housing": make_actor(seeded, "xaydung", "agency", "SO-XD")}
    with session_scope(seeded) as s:
        ids = {t.code: t.id for t in s.exec(select(Target))}
        bodies = {o.code: o.id for o in s.exec(select(Organisation))}
    return seeded, actors, ids, bodies


def standing(engine, actor, code):
    with session_scope(engine) as s:
        return {r["code"]: r for r in targets_view.standings(s, actor, TODAY)}[code]


def record(engine, actor, target_id, value, body_id=None, period="2026", on=MID_2026):
    with session_scope(engine) as s:
        target_values.record(s, actor, target_id, ValueInput(period, on, value), today=TODAY, organisation_id=body_id)


def test_the_monitor_sets_a_baseline_audited_and_init_keeps_it(world, seed_bundle):
    engine, actors, ids, _ = world
    with session_scope(engine) as s:
        baselines.set_baseline(s, actors["monitor"], ids["T04"], 20.0, 2024, f"  {SOURCE} ")
    with session_scope(engine) as s:
        target = s.get(Target, ids["T04"])
        assert (target.baseline_value, target.baseline_year, target.baseline_source) == (20.0, 2024, SOURCE)
        event = s.exec(select(AuditEvent).where(AuditEvent.object_type == "target")
                       .order_by(AuditEvent.id.desc())).first()
        assert event.summary["before"]["value"] is None and event.summary["after"]["year"] == 2024
        load_seed(s, seed_bundle)  # init run again
    with session_scope(engine) as s:
        assert s.get(Target, ids["T04"]).baseline_value == 20.0
    assert standing(engine, actors["leader"], "T04")["baseline_source"] == SOURCE


@pytest.mark.parametrize(("code", "value", "year", "source", "message"), [
    ("T04", 120.0, 2024, SOURCE, "vượt quá mức tối đa 100"),
    ("T04", -1.0, 2024, SOURCE, "không nhận số âm"),
    ("T04", 20.0, 1999, SOURCE, "Năm của số liệu gốc phải từ 2000 đến 2030"),
    ("T04", 20.0, 2031, SOURCE, "Năm của số liệu gốc phải từ 2000 đến 2030"),
    ("T04", 20.0, 2024, "   ", "Cần ghi nguồn của số liệu gốc"),
    ("T04", None, 2024, SOURCE, "Cần nhập giá trị số"),
    ("T34", 1.0, 2024, SOURCE, "chỉ tiêu định tính"),
])
def test_a_bad_baseline_is_refused_in_vietnamese_and_nothing_is_written(world, code, value, year, source, message):
    engine, actors, ids, _ = world
    with pytest.raises(InvalidInput, match=message):
        with session_scope(engine) as s:
            baselines.set_baseline(s, actors["monitor"], ids[code], value, year, source)
    with session_scope(engine) as s:
        assert s.get(Target, ids[code]).baseline_value is None


@pytest.mark.parametrize("who", ["leader", "labour", "XA-A"])
def test_only_the_monitor_sets_baselines(world, who):
    engine, actors, ids, _ = world
    with pytest.raises(PermissionDenied):
        with session_scope(engine) as s:
            baselines.set_baseline(s, actors[who], ids["T04"], 20.0, 2024, SOURCE)


def test_commune_values_are_rolled_up_to_the_province(world):
    engine, actors, ids, bodies = world
    record(engine, actors["XA-A"], ids["T04"], 30.0, bodies["XA-A"], on=date(2026, 6, 1))
    record(engine, actors["XA-A"], ids["T04"], 24.0, bodies["XA-A"])  # a correction: its latest counts once
    record(engine, actors["XA-B"], ids["T04"], 27.0, bodies["XA-B"])
    record(engine, actors["monitor"], ids["T04"], 99.0, bodies["XA-C"], period="2025", on=date(2025, 12, 31))
    row = standing(engine, actors["leader"], "T04")
    assert row["latest"] == pytest.approx(25.5) and row["latest_period"] == "2026"
    assert row["latest_basis"] == "trung bình 2/4 xã"  # XA-C reported only for 2025
    assert [p["value"] for p in row["points"]] == [99.0, pytest.approx(25.5)]
    with session_scope(engine) as s:  # what the report reads, without a permission check
        program_id = s.get(Target, ids["T04"]).program_id
        entries = targets_view.recorded_values(s, program_id, TODAY)[ids["T04"]]
    assert [(e["period"], e["basis"], e["rollup"]["reporting"]) for e in entries] == [
        ("2025", "trung bình 1/4 xã", 1), ("2026", "trung bình 2/4 xã", 2)]
    # a count target (dwellings) takes the sum
    record(engine, actors["XA-A"], ids["T33"], 40.0, bodies["XA-A"])
    record(engine, actors["XA-B"], ids["T33"], 60.0, bodies["XA-B"])
    housing = standing(engine, actors["leader"], "T33")
    assert housing["latest"] == 100.0 and housing["latest_basis"] == "tổng 2/4 xã"


def test_a_province_value_wins_over_the_rollup(world):
    engine, actors, ids, bodies = world
    record(engine, actors["XA-A"], ids["T04"], 24.0, bodies["XA-A"])
    record(engine, actors["labour"], ids["T04"], 28.0, on=date(2026, 6, 30))
    row = standing(engine, actors["leader"], "T04")
    assert (row["latest"], row["latest_basis"], len(row["points"])) == (28.0, "", 1)


def test_commune_values_only_from_a_commune_for_itself(world):
    engine, actors, ids, bodies = world
    with pytest.raises(PermissionDenied):  # one commune for another
        record(engine, actors["XA-A"], ids["T04"], 24.0, bodies["XA-B"])
    with pytest.raises(InvalidInput, match="Chỉ đảng ủy xã, phường"):  # a department is no commune
        record(engine, actors["monitor"], ids["T04"], 24.0, bodies["SO-YTE"])
    with pytest.raises(InvalidInput, match="định tính"):
        with session_scope(engine) as s:
            target_values.record(s, actors["XA-A"], ids["T34"], ValueInput("2026", MID_2026, assessment="Tốt"),
                                 today=TODAY, organisation_id=bodies["XA-A"])
    with session_scope(engine) as s:
        listed = target_values.responsible_targets(s, actors["XA-A"])
    assert len(listed) == 40 and all(not r["qualitative"] for r in listed)  # 47 targets, 7 qualitative


def test_the_rating_changes_with_the_baseline(world):
    engine, actors, ids, bodies = world
    record(engine, actors["XA-A"], ids["T04"], 25.0, bodies["XA-A"])
    record(engine, actors["XA-B"], ids["T04"], 23.0, bodies["XA-B"])  # the province: 24 %
    assert standing(engine, actors["leader"], "T04")["rating"] == "no_data"
    # expected mid-2026 from b in 2024 to 32 % in 2030: b + (32 - b) * 2.5 / 7
    cases = [(20.0, "at_risk", "Khó đạt"), (18.0, "on_track", "Dự kiến đạt"), (22.0, "off_track", "Khó đạt")]
    for baseline, rating, word in cases:
        with session_scope(engine) as s:
            baselines.set_baseline(s, actors["monitor"], ids["T04"], baseline, 2024, SOURCE)
        row = standing(engine, actors["leader"], "T04")
        assert (row["rating"], row["rating_word"]) == (rating, word), baseline
    record(engine, actors["labour"], ids["T04"], 33.0)
    assert standing(engine, actors["leader"], "T04")["rating_word"] == "Đạt"
