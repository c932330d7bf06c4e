"""The registry as of a date: names before a rename, the tree alive on a day, successors followed."""

from datetime import date

from sqlmodel import select

from tracker.db import session_scope
from tracker.models import Organisation, OrganisationName, OrganisationSuccession, Program, Reorganisation
from tracker.services import registry

MERGED_ON = date(2025, 3, 1)
SPLIT_ON = date(2025, 3, 1)


def org(s, code) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.code == code)).one()


def history(engine):
    """By hand: BTG-TU + BDV-TU merged into BTGDV-TU on 2025-03-01; SO-LDTBXH split into SO-NV and
    SO-YTE (SO-YTE later renamed); SO-NV renamed on 2025-06-01 (it was "Sở Nội vụ cũ" before)."""
    with session_scope(engine) as s:
        tu = org(s, "TU")
        merge = Reorganisation(code="2025-03-BTGDV-TU", kind="merge", effective_on=MERGED_ON)
        split = Reorganisation(code="2025-03-SO-LDTBXH", kind="split", effective_on=SPLIT_ON)
        s.add_all([merge, split])
        new = Organisation(code="BTGDV-TU", name="Ban Tuyên giáo và Dân vận Tỉnh ủy", short_name="Ban Tuyên giáo và Dân vận",
                           kind="party_board", parent_id=tu.id, symbol="BTGDVTU", signer_title="TRƯỞNG BAN",
                           header_name="BAN TUYÊN GIÁO VÀ DÂN VẬN", began_on=MERGED_ON, position=-1)
        s.add(new)
        s.flush()
        for code in ("BTG-TU", "BDV-TU"):
            old = org(s, code)
            old.active, old.ended_on = False, MERGED_ON
            s.add(OrganisationSuccession(event_id=merge.id, predecessor_id=old.id, successor_id=new.id))
        ldtbxh = org(s, "SO-LDTBXH")
        ldtbxh.active, ldtbxh.ended_on = False, SPLIT_ON
        for code in ("SO-NV", "SO-YTE"):
            s.add(OrganisationSuccession(event_id=split.id, predecessor_id=ldtbxh.id, successor_id=org(s, code).id))
        s.add(OrganisationName(organisation_id=org(s, "SO-NV").id, name="Sở Nội vụ cũ", short_name="SNV cũ",
                               symbol="SNVC", valid_from=None, valid_to=date(2025, 6, 1)))


def test_a_renamed_body_is_named_as_it_was_on_the_date(seeded):
    history(seeded)
    with session_scope(seeded) as s:
        nv = org(s, "SO-NV").id
        before = registry.body_as_of(s, nv, date(2025, 5, 31))
        after = registry.body_as_of(s, nv, date(2025, 6, 1))
        assert (before.name, before.short_name, before.symbol) == ("Sở Nội vụ cũ", "SNV cũ", "SNVC")
        assert after.name == org(s, "SO-NV").name != before.name
        assert before.active_on and after.active_on


def test_header_name_and_symbol_are_set_or_derived(seeded):
    history(seeded)
    with session_scope(seeded) as s:
        btg = registry.body_as_of(s, org(s, "BTG-TU").id, date(2024, 12, 1))
        assert (btg.header_name, btg.symbol, btg.active_on) == ("BAN TUYÊN GIÁO", "BTGTU", True)
        assert registry.body_as_of(s, org(s, "BTG-TU").id, MERGED_ON).active_on is False
        new = registry.body_as_of(s, org(s, "BTGDV-TU").id, date(2026, 1, 1))
        assert (new.header_name, new.symbol, new.signer_title) == ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "BTGDVTU", "TRƯỞNG BAN")
    assert registry.header_name_of("Tỉnh ủy Lai Châu") == "TỈNH ỦY LAI CHÂU"
    assert registry.symbol_of("Ban Tuyên giáo và Dân vận Tỉnh ủy") == "BTGDVTU"


def test_tree_as_of_holds_the_bodies_alive_on_the_day(seeded):
    history(seeded)
    with session_scope(seeded) as s:
        then = {b.code for b in registry.tree_as_of(s, date(2024, 6, 30))}
        now = {b.code: b for b in registry.tree_as_of(s, MERGED_ON)}
    assert {"BTG-TU", "BDV-TU", "SO-LDTBXH", "SO-NV"} <= then and "BTGDV-TU" not in then
    assert "BTGDV-TU" in now and not {"BTG-TU", "BDV-TU", "SO-LDTBXH"} & set(now)
    assert list(now)[0] == "BTGDV-TU"  # ordered by position


def test_tree_as_of_runs_a_fixed_number_of_queries(seeded):
    from sqlalchemy import event
    history(seeded)
    count = []

    def counted(*_args):
        count.append(1)

    event.listen(seeded, "before_cursor_execute", counted)
    try:
        with session_scope(seeded) as s:
            bodies = registry.tree_as_of(s, date(2024, 6, 30))
    finally:
        event.remove(seeded, "before_cursor_execute", counted)
    assert len(bodies) > 30 and len(count) < 10


def test_followed_passes_to_successors_alive_on_the_date(seeded):
    history(seeded)
    with session_scope(seeded) as s:
        btg, ldtbxh = org(s, "BTG-TU").id, org(s, "SO-LDTBXH").id
        assert registry.followed(s, btg, date(2024, 1, 1)) == [btg]
        assert registry.followed(s, btg, MERGED_ON) == [org(s, "BTGDV-TU").id]
        assert registry.followed(s, ldtbxh, date(2026, 1, 1)) == [org(s, "SO-NV").id, org(s, "SO-YTE").id]
        assert registry.body_as_of(s, ldtbxh, MERGED_ON).successors == ("SO-NV", "SO-YTE")
        # recursively: BTGDV-TU ends too, its successor carries on
        later = Organisation(code="X-NEXT", name="Ban Kế tiếp Tỉnh ủy", kind="party_board", began_on=date(2026, 1, 1))
        s.add(later)
        s.flush()
        new = org(s, "BTGDV-TU")
        new.active, new.ended_on, new.successor_id = False, date(2026, 1, 1), later.id
        assert registry.followed(s, btg, date(2026, 2, 1)) == [later.id]


def test_monitoring_body_and_issuing_committee_as_of_a_date(seeded):
    history(seeded)
    with session_scope(seeded) as s:
        program = s.exec(select(Program)).first()
        then = registry.monitoring_body(s, program, date(2024, 12, 31))
        now = registry.monitoring_body(s, program, date(2026, 1, 1))
        committee = registry.issuing_committee(s, program, date(2026, 1, 1))
    assert (then.code, then.header_name) == ("BTG-TU", "BAN TUYÊN GIÁO")
    assert (now.code, now.symbol) == ("BTGDV-TU", "BTGDVTU")
    assert (committee.code, committee.header_name) == ("TU", "TỈNH ỦY LAI CHÂU")


def test_a_department_writes_under_the_provincial_committee_and_the_standing_committee_alone(seeded):
    """Hướng dẫn 36: "TỈNH ỦY LAI CHÂU" above a party board ("ĐẢNG BỘ TỈNH" heads a district committee's
    papers); the Standing Committee's own report carries the committee alone and "Số …-BC/TU"."""
    history(seeded)
    with session_scope(seeded) as s:
        program = s.exec(select(Program)).first()
        program.signer_title = "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC"
        department = registry.letterhead(s, program, date(2026, 1, 1))
        committee = registry.committee_letterhead(s, program, date(2026, 1, 1))
    assert (department.committee_header, department.body_header, department.symbol) == (
        "TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "BTGDVTU")
    assert (committee.committee_header, committee.body_header, committee.symbol) == ("", "TỈNH ỦY LAI CHÂU", "TU")
    assert (committee.signer_title, committee.code) == ("PHÓ BÍ THƯ THƯỜNG TRỰC", "BTV-TU")
