"""The shipped 2025 reorganisation of Lai Châu (seed/reorganisations/2025-lai-chau.yaml) as data."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from sqlmodel import select

from tests.conftest import SEED_DIR
from tracker.models import Assignment, Organisation, Task
from tracker.services import reorganisation
from tracker.text import fold

EVENTS_FILE = SEED_DIR / "reorganisations" / "2025-lai-chau.yaml"
DISTRICTS = ("TPU-LAICHAU", "HU-TAMDUONG", "HU-PHONGTHO", "HU-SINHO", "HU-MUONGTE", "HU-NAMNHUN", "HU-TANUYEN",
             "HU-THANUYEN")
# The 38 units of Nghị quyết 1670/NQ-UBTVQH15, spelled as the reference lists them
# (../shared/reference/lai-chau-2025-reorganisation.md).
COMMUNES = ("Mường Kim, Khoen On, Than Uyên, Mường Than, Pắc Ta, Nậm Sỏ, Tân Uyên, Mường Khoa, Bản Bo, Bình Lư, "
            "Tả Lèng, Khun Há, Sin Suối Hồ, Phong Thổ, Dào San, Sì Lở Lầu, Khổng Lào, Tủa Sín Chải, Sìn Hồ, "
            "Hồng Thu, Nậm Tăm, Pu Sam Cáp, Nậm Cuổi, Nậm Mạ, Lê Lợi, Nậm Hàng, Mường Mô, Hua Bum, Pa Tần, "
            "Bum Nưa, Bum Tở, Mường Tè, Thu Lũm, Pa Ủ, Mù Cả, Tà Tổng").split(", ")
WARDS = ("Tân Phong", "Đoàn Kết")


def events() -> list[dict]:
    return yaml.safe_load(EVENTS_FILE.read_text(encoding="utf-8"))["events"]


def created() -> dict[str, dict]:
    return {body["code"]: body for event in events() for body in event.get("create") or ()}


def test_the_file_parses_into_events():
    specs = reorganisation.read_events(EVENTS_FILE.parent)
    assert [s.code for s in specs] == [e["code"] for e in events()]
    assert len({s.code for s in specs}) == len(specs)
    merge = next(s for s in specs if s.code == "2025-03-BTGDV-TU")
    assert (merge.kind, merge.ending, merge.successors, merge.basis_number) == (
        "merge", ("BTG-TU", "BDV-TU"), ("BTGDV-TU",), "1676-QĐ/TU")


def test_38_commune_level_bodies_with_the_references_names():
    bodies = [b for b in created().values() if b["kind"] in ("commune_committee", "ward_committee")]
    communes = {b["name"] for b in bodies if b["kind"] == "commune_committee"}
    wards = {b["name"] for b in bodies if b["kind"] == "ward_committee"}
    assert communes == {f"Đảng ủy xã {n}" for n in COMMUNES} and len(communes) == 36
    assert wards == {f"Đảng ủy phường {n}" for n in WARDS}
    for body in bodies:
        prefix = "DUP-" if body["kind"] == "ward_committee" else "DUX-"
        place = re.sub(r"^Đảng ủy (xã|phường) ", "", body["name"])
        assert body["code"] == prefix + fold(place).upper().replace(" ", "") and body["parent"] == "TU"


def test_every_district_ends_with_successors_on_1_july_2025():
    known = created().keys()
    ends = {}
    for event in events():
        for code in event.get("ending") or ():
            ends[code] = event
    for district in DISTRICTS:
        event = ends[district]
        assert event["kind"] == "split" and str(event["effective_on"]) == "2025-07-01"
        assert event["basis"] == {"number": "1670/NQ-UBTVQH15", "date": date(2025, 6, 16)}
        assert len(event["successors"]) >= 2 and set(event["successors"]) <= known
        assert event["routing"] == {"default": "all"} and event["users"] == {district: None}
    every_successor = {c for d in DISTRICTS for c in ends[d]["successors"]}
    assert every_successor == {c for c, b in created().items() if b["kind"] in ("commune_committee", "ward_committee")}


def test_the_labour_split_routes_every_seed_task_of_the_department(session):
    """Every task the seed gives SO-LDTBXH has its own entry, to successors of the split."""
    split = next(e for e in events() if e.get("ending") == ["SO-LDTBXH"])
    routed = split["routing"]["tasks"]
    org = session.exec(select(Organisation).where(Organisation.code == "SO-LDTBXH")).one()
    codes = set(session.exec(select(Task.code).join(Assignment, Assignment.task_id == Task.id)
                             .where(Assignment.organisation_id == org.id)).all())
    assert codes and codes <= set(routed), codes - set(routed)
    for targets in routed.values():
        assert targets and {t.split(":")[0] for t in targets} <= set(split["successors"])
