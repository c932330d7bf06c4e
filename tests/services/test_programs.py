"""The program's details and review dates, kept by the monitor; how documents cite the program."""

import re
from datetime import date

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import AuditEvent, Milestone, Organisation, Program
from tracker.seeding import load_seed
from tracker.services import export, programs
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied
from tracker.services.programs import program_reference
from tracker.text import cited_date


def test_reference_names_number_date_and_issuer():
    program = Program(code="P", title="", implements="", number="25-CTr/TU", issued_on=date(2024, 3, 15))
    assert program_reference(program) == "Chương trình hành động số 25-CTr/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy"


def test_reference_without_number_or_date_stays_readable():
    assert program_reference(Program(code="P", title="", implements="")) == \
        "Chương trình hành động của Ban Thường vụ Tỉnh ủy"
    dated = Program(code="P", title="", implements="", issued_on=date(2024, 2, 5))
    assert program_reference(dated) == "Chương trình hành động ngày 05/02/2024 của Ban Thường vụ Tỉnh ủy"


def test_cited_dates_keep_the_zeros_of_decree_30():
    assert cited_date(date(2024, 3, 5)) == "05/3/2024"
    assert cited_date(date(2024, 1, 15)) == "15/01/2024"
    assert cited_date(date(2024, 12, 31)) == "31/12/2024"


MONITOR = Actor(user_id=None, username="monitor.user", role="monitor", organisation_id=None)
TITLE = "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC"


def _program(s) -> Program:
    return s.exec(select(Program)).one()


def _updates(s, object_type: str):
    return s.exec(select(AuditEvent).where(AuditEvent.object_type == object_type, AuditEvent.action == "update"))


def _details(s, **changes) -> Program:
    program = _program(s)
    values = {"number": program.number, "issued_on": program.issued_on, "signer": program.signer,
              "signer_title": program.signer_title, **changes}
    return programs.update_details(s, MONITOR, program.id, **values)


def test_monitor_sets_details_and_the_audit_keeps_before_and_after(seeded):
    with session_scope(seeded) as s:
        _details(s, number="25", issued_on=date(2024, 3, 15), signer="  Vũ   Mạnh Hà ",
                 signer_title="t/m ban thường vụ\r\n\nphó bí thư thường trực")
    with session_scope(seeded) as s:
        program = _program(s)
        assert (program.number, program.issued_on, program.signer, program.signer_title) == \
            ("25-CTr/TU", date(2024, 3, 15), "Vũ Mạnh Hà", TITLE)
        event = _updates(s, "program").one()
        assert event.action == "update" and event.object_id == str(program.id)
        assert event.summary["before"] == {"number": None, "issued_on": None, "signer_title": ""}
        assert event.summary["after"] == {"number": "25-CTr/TU", "issued_on": "2024-03-15", "signer_title": TITLE}
        assert program_reference(program) == \
            "Chương trình hành động số 25-CTr/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy"


@pytest.mark.parametrize(("typed", "stored"), [("25", "25-CTr/TU"), ("025", "25-CTr/TU"), ("25-ctr/tu", "25-CTr/TU"),
                                              (" 25 - CTr / TU ", "25-CTr/TU"), ("", None), (None, None)])
def test_numbers_take_the_documents_form(typed, stored):
    assert programs.normalise_number(typed) == stored


@pytest.mark.parametrize(("changes", "message"), [
    ({"number": "25/QĐ-TU"}, "Số Chương trình không hợp lệ"),
    ({"number": "abc"}, "Số Chương trình không hợp lệ"),
    ({"issued_on": date(2023, 11, 23)}, "trước ngày của Nghị quyết (24/11/2023)"),
    ({"issued_on": date(2999, 1, 1)}, "sau ngày hôm nay"),
    ({"signer": "x" * 121}, "tối đa 120 ký tự"),
    ({"signer_title": "A\nB\nC"}, "tối đa hai dòng"),
    ({"signer_title": "A" * 201}, "tối đa 200 ký tự"),
])
def test_bad_details_are_refused_and_nothing_changes(seeded, changes, message):
    with session_scope(seeded) as s:
        before = _program(s).model_dump()
    with pytest.raises(InvalidInput, match=re.escape(message)):
        with session_scope(seeded) as s:
            _details(s, **changes)
    with session_scope(seeded) as s:
        assert _program(s).model_dump() == before
        assert not _updates(s, "program").all()


def test_the_resolutions_date_is_read_from_what_the_program_implements(session):
    assert programs.resolution_date(_program(session)) == date(2023, 11, 24)
    _details(session, issued_on=date(2023, 11, 24))  # the same day is allowed
    assert _program(session).issued_on == date(2023, 11, 24)


def test_an_agency_may_not_edit_details(seeded):
    with session_scope(seeded) as s:
        org_id = s.exec(select(Organisation.id).where(Organisation.code == "SO-YTE")).one()
        program_id = _program(s).id
    agency = Actor(user_id=None, username="so.yte", role="agency", organisation_id=org_id)
    with pytest.raises(PermissionDenied):
        with session_scope(seeded) as s:
            programs.update_details(s, agency, program_id, number="25", issued_on=None, signer=None, signer_title="")
    with session_scope(seeded) as s:
        assert _program(s).number is None


def test_review_dates_set_by_a_person_are_no_longer_defaults(seeded):
    with session_scope(seeded) as s:
        review = s.exec(select(Milestone).where(Milestone.code == "SK")).one()
        assert review.is_default
        programs.update_milestone(s, MONITOR, review.id, date(2027, 10, 15), title="  Sơ kết 03 năm  ")
    with session_scope(seeded) as s:
        review = s.exec(select(Milestone).where(Milestone.code == "SK")).one()
        assert (review.due_on, review.title, review.is_default) == (date(2027, 10, 15), "Sơ kết 03 năm", False)
        event = _updates(s, "milestone").one()
        assert event.summary["before"]["due_on"] == "2027-11-30" and event.summary["before"]["is_default"] is True
        assert event.summary["after"] == {"due_on": "2027-10-15", "title": "Sơ kết 03 năm", "is_default": False}


@pytest.mark.parametrize(("due_on", "title", "message"), [
    (date(1999, 12, 31), None, "Mốc thời gian phải trong khoảng"),
    (date(2036, 1, 1), None, "Mốc thời gian phải trong khoảng"),
    (date(2027, 10, 15), "   ", "không được để trống"),
])
def test_bad_review_dates_are_refused(seeded, due_on, title, message):
    with pytest.raises(InvalidInput, match=message):
        with session_scope(seeded) as s:
            review = s.exec(select(Milestone).where(Milestone.code == "SK")).one()
            programs.update_milestone(s, MONITOR, review.id, due_on, title=title)
    with session_scope(seeded) as s:
        review = s.exec(select(Milestone).where(Milestone.code == "SK")).one()
        assert (review.due_on, review.is_default) == (date(2027, 11, 30), True)


def test_a_review_date_cannot_precede_the_programs_issue(seeded):
    with session_scope(seeded) as s:
        _details(s, issued_on=date(2024, 3, 15))
    with pytest.raises(InvalidInput, match="15/3/2024"):
        with session_scope(seeded) as s:
            plan = s.exec(select(Milestone).where(Milestone.code == "KH")).one()
            programs.update_milestone(s, MONITOR, plan.id, date(2024, 3, 1))


def test_loading_the_seed_again_keeps_what_the_monitor_set(seeded, seed_bundle):
    with session_scope(seeded) as s:
        _details(s, number="25", issued_on=date(2024, 3, 15), signer="Người Khác", signer_title=TITLE)
        review = s.exec(select(Milestone).where(Milestone.code == "SK")).one()
        programs.update_milestone(s, MONITOR, review.id, date(2027, 10, 15))
    with session_scope(seeded) as s:
        load_seed(s, seed_bundle)
    with session_scope(seeded) as s:
        program = _program(s)
        assert (program.number, program.issued_on, program.signer, program.signer_title) == \
            ("25-CTr/TU", date(2024, 3, 15), "Người Khác", TITLE)
        review = s.exec(select(Milestone).where(Milestone.code == "SK")).one()
        assert (review.due_on, review.is_default) == (date(2027, 10, 15), False)


def test_the_export_carries_the_signers_title(session):
    _details(session, signer_title=TITLE)
    assert export.program_document(session)["program"]["signer_title"] == TITLE
