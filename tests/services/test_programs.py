"""The program's details and review dates, kept by the monitor; how documents cite the program."""

from datetime import date

from tracker.models import Program
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
