"""Target standings: every target of the program, rated by trajectory.rate, with the points to chart."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.models import Target
from tracker.services import target_values, targets_view
from tracker.services.permissions import PermissionDenied
from tracker.services.target_values import ValueInput
from tracker.services.trajectory import RATING_LABELS

TODAY = date(2026, 11, 29)
MID_2026 = date(2026, 7, 2)


@pytest.fixture
def recorded(seeded):
    """T04 (trained labour, >= 32 %) given a baseline of 20 % in 2024; T33 cumulative; T34 qualitative."""
    labour = make_actor(seeded, "laodong", "agency", "SO-LDTBXH")
    housing = make_actor(seeded, "xaydung", "agency", "SO-XD")
    leader = make_actor(seeded, "bithu", "leader", "BTV-TU")
    with session_scope(seeded) as s:
        ids = {t.code: t for t in s.exec(select(Target))}
        ids["T04"].baseline_value, ids["T04"].baseline_year = 20.0, 2024
        s.add(ids["T04"])
        s.flush()
        target_values.record(s, labour, ids["T02"].id, ValueInput("2026", MID_2026, 1.8), today=TODAY)
        for day, value in ((date(2025, 12, 31), 150.0), (date(2026, 9, 30), 250.0)):
            target_values.record(s, housing, ids["T33"].id, ValueInput("2026", day, value), today=TODAY)
        target_values.record(s, housing, ids["T34"].id, ValueInput("2026", MID_2026, assessment="Đã xóa 120 nhà tạm."),
                             today=TODAY)
    return seeded, leader, labour, {code: t.id for code, t in ids.items()}


def standing(engine, actor, code, today=TODAY):
    with session_scope(engine) as s:
        return {r["code"]: r for r in targets_view.standings(s, actor, today)}[code]


def test_every_target_is_listed_with_a_vietnamese_rating(recorded):
    engine, leader, *_ = recorded
    with session_scope(engine) as s:
        rows = targets_view.standings(s, leader, TODAY)
    assert len(rows) == 47 and [r["code"] for r in rows][:2] == ["T01", "T02"]
    assert all(r["rating_label"] == RATING_LABELS[r["rating"]] for r in rows)


@pytest.mark.parametrize(("value", "rating"), [(25.0, "on_track"), (24.0, "at_risk"), (22.0, "off_track")])
def test_a_target_with_a_baseline_is_rated_against_the_straight_path(recorded, value, rating):
    engine, leader, labour, ids = recorded
    with session_scope(engine) as s:
        target_values.record(s, labour, ids["T04"], ValueInput("2026", MID_2026, value), today=TODAY)
    row = standing(engine, leader, "T04")
    # expected mid-2026: 20 + (32 - 20) * 2.5 / 7 = 24.3; at risk from 80 % of the 4.3 points expected
    assert row["rating"] == rating and row["expected"] == pytest.approx(24.28, abs=0.01)
    assert row["latest"] == value and row["baseline"] == 20.0 and row["latest_on"] == MID_2026.isoformat()
    assert row["trajectory"] == [{"on": "2024-01-01", "value": 20.0}, {"on": "2030-12-31", "value": 32.0}]
    assert row["points"] == [{"on": MID_2026.isoformat(), "value": value}]


def test_met_cumulative_qualitative_and_missing(recorded):
    engine, leader, *_ = recorded
    assert standing(engine, leader, "T02")["rating"] == "on_track"  # 1.8 % < 2 %: met, baseline or not
    housing = standing(engine, leader, "T33")
    assert housing["latest"] == 400.0 and [p["value"] for p in housing["points"]] == [150.0, 400.0]
    assert housing["trajectory"] == [{"on": "2025-12-31", "value": 0.0}, {"on": "2030-12-31", "value": 1500.0}]
    assert housing["rating"] in RATING_LABELS and housing["cumulative"]
    homes = standing(engine, leader, "T34")
    assert homes["rating"] == "qualitative" and homes["assessment"] == "Đã xóa 120 nhà tạm."
    assert homes["trajectory"] == [] and homes["latest"] is None
    assert standing(engine, leader, "T03")["rating"] == "no_data"


def test_values_after_today_are_not_counted(recorded):
    engine, leader, *_ = recorded
    housing = standing(engine, leader, "T33", today=date(2026, 1, 31))
    assert housing["latest"] == 150.0 and len(housing["points"]) == 1


def test_agencies_are_refused(recorded):
    engine, _, labour, _ = recorded
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        targets_view.standings(s, labour, TODAY)
