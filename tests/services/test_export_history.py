"""The JSON export carries the bodies' history (issue 13 item 6): life spans, successors, former names
and the reorganisation events with the hand-over of each assignment, so another system can rebuild it.

The events are written straight into the tables (as services/reorganisation.py leaves them), so the
export is tested on what is stored, whichever way it was applied."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone

from sqlmodel import select

from tracker.models import (Assignment, Organisation, OrganisationName, OrganisationSuccession, Reorganisation,
                            Task)
from tracker.services.export import EXPORT_VERSION, program_document, to_csv

MARCH = date(2025, 3, 1)


def _org(s, code: str) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def _end(s, org: Organisation, successor: Organisation | None) -> None:
    org.active, org.ended_on = False, MARCH
    org.successor_id = successor.id if successor else None
    s.add(org)


def _hand_on(s, from_org: Organisation, to: list[tuple[Organisation, str]]) -> list[str]:
    """Cancel the open assignments of ``from_org`` and give each task to ``to`` (as the event does)."""
    moved = []
    for a in s.exec(select(Assignment).where(Assignment.organisation_id == from_org.id,
                                             Assignment.cancelled_at.is_(None))).all():
        first = None
        for org, role in to:
            if s.exec(select(Assignment).where(Assignment.task_id == a.task_id,
                                               Assignment.organisation_id == org.id)).first() is None:
                new = Assignment(task_id=a.task_id, organisation_id=org.id, role=role)
                s.add(new)
                s.flush()
                first = first or new
        if first is not None:
            a.cancelled_at, a.superseded_by_id = datetime.now(timezone.utc), first.id
            s.add(a)
            moved.append(s.get(Task, a.task_id).code)
    return moved


def _event(s, code: str, kind: str, ending: list[Organisation], successors: list[Organisation],
           spec: dict, changes: dict | None = None) -> Reorganisation:
    event = Reorganisation(code=code, kind=kind, title=f"Sự kiện {code}", effective_on=MARCH,
                           basis_number="1676-QĐ/TU", basis_date=date(2025, 2, 10), spec=spec,
                           changes=changes or {})
    s.add(event)
    s.flush()
    for old in ending:
        for new in successors:
            s.add(OrganisationSuccession(event_id=event.id, predecessor_id=old.id, successor_id=new.id))
    return event


def _merge_and_split(s) -> tuple[list[str], list[str]]:
    tu = _org(s, "TU")
    merged = Organisation(code="BTGDV-TU", name="Ban Tuyên giáo và Dân vận Tỉnh ủy", kind="party_board",
                          parent_id=tu.id, began_on=MARCH, symbol="BTGDVTU", signer_title="TRƯỞNG BAN",
                          header_name="BAN TUYÊN GIÁO VÀ DÂN VẬN")
    s.add(merged)
    s.flush()
    btg, bdv = _org(s, "BTG-TU"), _org(s, "BDV-TU")
    merge_moved = _hand_on(s, btg, [(merged, "lead")]) + _hand_on(s, bdv, [(merged, "coordinate")])
    _end(s, btg, merged)
    _end(s, bdv, merged)
    _event(s, "2025-03-BTGDV-TU", "merge", [btg, bdv], [merged],
           {"create": [{"code": "BTGDV-TU"}], "ending": ["BTG-TU", "BDV-TU"], "successors": ["BTGDV-TU"]})
    labour, nv, yte = _org(s, "SO-LDTBXH"), _org(s, "SO-NV"), _org(s, "SO-YTE")
    split_moved = _hand_on(s, labour, [(nv, "lead"), (yte, "coordinate")])
    _end(s, labour, None)
    _event(s, "2025-03-SO-LDTBXH", "split", [labour], [nv, yte],
           {"ending": ["SO-LDTBXH"], "successors": ["SO-NV", "SO-YTE"]})
    s.add(OrganisationName(organisation_id=nv.id, name="Sở Nội vụ tỉnh Lai Châu (cũ)", short_name="SNV",
                           valid_to=MARCH))
    s.flush()
    return merge_moved, split_moved


def test_export_carries_dates_successors_former_names_and_events(session):
    merge_moved, split_moved = _merge_and_split(session)
    assert merge_moved and split_moved  # the seed gives both bodies work to hand on
    document = program_document(session)
    assert document["version"] == EXPORT_VERSION == 2
    orgs = {o["code"]: o for o in document["organisations"]}
    assert orgs["BTG-TU"]["ended_on"] == "2025-03-01" and orgs["BTG-TU"]["successors"] == ["BTGDV-TU"]
    assert orgs["BTG-TU"]["active"] is False and orgs["BTG-TU"]["name"] == "Ban Tuyên giáo Tỉnh ủy"
    new = orgs["BTGDV-TU"]
    assert (new["began_on"], new["ended_on"], new["symbol"], new["signer_title"], new["header_name"]) == (
        "2025-03-01", None, "BTGDVTU", "TRƯỞNG BAN", "BAN TUYÊN GIÁO VÀ DÂN VẬN")
    assert orgs["SO-LDTBXH"]["successors"] == ["SO-NV", "SO-YTE"] and orgs["SO-LDTBXH"]["successor"] is None
    assert orgs["SO-NV"]["former_names"] == [{"name": "Sở Nội vụ tỉnh Lai Châu (cũ)", "short_name": "SNV",
                                              "valid_from": None, "valid_to": "2025-03-01"}]
    assert orgs["SO-YTE"]["former_names"] == []

    events = {e["code"]: e for e in document["reorganisations"]}
    merge = events["2025-03-BTGDV-TU"]
    assert (merge["kind"], merge["effective_on"], merge["basis"], merge["ending"], merge["successors"],
            merge["created"], merge["undone_at"]) == (
        "merge", "2025-03-01", {"number": "1676-QĐ/TU", "date": "2025-02-10"}, ["BTG-TU", "BDV-TU"],
        ["BTGDV-TU"], ["BTGDV-TU"], None)
    assert sorted(h["task"] for h in merge["handovers"]) == sorted(merge_moved)
    assert all(h["to"] and h["to"][0]["organisation"] == "BTGDV-TU" for h in merge["handovers"])
    split = events["2025-03-SO-LDTBXH"]
    assert sorted(h["task"] for h in split["handovers"]) == sorted(split_moved)
    assert all(h["from"] == "SO-LDTBXH" and {t["organisation"] for t in h["to"]} <= {"SO-NV", "SO-YTE"}
               and h["to"] for h in split["handovers"])


def test_recorded_handovers_win_and_csv_tables_flatten_the_history(session):
    _merge_and_split(session)
    tu = _org(session, "TU")
    _event(session, "2025-03-RECORDED", "merge", [], [tu], {"ending": [], "successors": ["TU"]},
           {"handovers": [{"task_code": "III.3", "from_code": "SO-LDTBXH", "role": "lead",
                           "to": [["SO-NV", "lead"], ["SO-YTE", "coordinate"]]}]})
    document = program_document(session)
    recorded = next(e for e in document["reorganisations"] if e["code"] == "2025-03-RECORDED")
    assert recorded["handovers"] == [{"task": "III.3", "from": "SO-LDTBXH", "role": "lead",
                                      "to": [{"organisation": "SO-NV", "role": "lead"},
                                             {"organisation": "SO-YTE", "role": "coordinate"}]}]
    events = list(csv.DictReader(io.StringIO(to_csv(document, "reorganisations"))))
    assert {"2025-03-BTGDV-TU", "2025-03-SO-LDTBXH"} <= {e["code"] for e in events}
    assert next(e for e in events if e["code"] == "2025-03-BTGDV-TU")["ending"] == "BTG-TU;BDV-TU"
    handovers = list(csv.DictReader(io.StringIO(to_csv(document, "handovers"))))
    assert {"event": "2025-03-RECORDED", "task": "III.3", "from": "SO-LDTBXH", "role": "lead",
            "to": "SO-NV:lead;SO-YTE:coordinate"} in handovers
    orgs = list(csv.DictReader(io.StringIO(to_csv(document, "organisations"))))
    labour = next(o for o in orgs if o["code"] == "SO-LDTBXH")
    assert labour["successors"] == "SO-NV;SO-YTE" and labour["ended_on"] == "2025-03-01"


EVENTS = {"events": [
    {"code": "2025-03-BTGDV-TU", "kind": "merge", "effective_on": "2025-03-01",
     "title": "Hợp nhất Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy",
     "basis": {"number": "1676-QĐ/TU", "date": "2025-02-10"},
     "create": [{"code": "BTGDV-TU", "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                 "short_name": "Ban Tuyên giáo và Dân vận", "kind": "party_board", "parent": "TU",
                 "symbol": "BTGDVTU", "signer_title": "TRƯỞNG BAN", "header_name": "BAN TUYÊN GIÁO VÀ DÂN VẬN"}],
     "ending": ["BTG-TU", "BDV-TU"], "successors": ["BTGDV-TU"]},
    {"code": "2025-03-SO-LDTBXH", "kind": "split", "effective_on": "2025-03-01", "title": "Tách Sở LĐTBXH",
     "basis": {"number": "", "date": None}, "ending": ["SO-LDTBXH"], "successors": ["SO-NV", "SO-YTE"],
     "routing": {"default": ["SO-NV"], "tasks": {"III.4.a.3": ["SO-NV", "SO-YTE:coordinate"]}}},
]}


def test_events_applied_by_the_service_are_exported_with_their_handovers(session):
    from tracker.services import reorganisation
    from tracker.services.actor import Actor

    admin = Actor.operator("admin")
    for spec in reorganisation.parse_events(EVENTS):
        reorganisation.apply(session, admin, spec, today=date(2026, 12, 1))
    session.flush()
    document = program_document(session)
    orgs = {o["code"]: o for o in document["organisations"]}
    assert orgs["BTGDV-TU"]["began_on"] == "2025-03-01" and orgs["BTGDV-TU"]["symbol"] == "BTGDVTU"
    assert orgs["BDV-TU"]["successors"] == ["BTGDV-TU"] and orgs["BDV-TU"]["ended_on"] == "2025-03-01"
    assert orgs["SO-LDTBXH"]["successors"] == ["SO-NV", "SO-YTE"]
    events = {e["code"]: e for e in document["reorganisations"]}
    merge, split = events["2025-03-BTGDV-TU"], events["2025-03-SO-LDTBXH"]
    assert merge["created"] == ["BTGDV-TU"] and merge["ending"] == ["BTG-TU", "BDV-TU"] and merge["handovers"]
    assert all(h["to"] == [{"organisation": "BTGDV-TU", "role": h["to"][0]["role"]}] for h in merge["handovers"])
    by_task = {h["task"]: h for h in split["handovers"]}
    assert {t["organisation"] for t in by_task["III.4.a.3"]["to"]} == {"SO-NV", "SO-YTE"}
    assert split["basis"] == {"number": "", "date": None} and split["applied_at"]
