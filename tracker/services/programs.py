"""The program's own details (number, date of issue, signer) and its review dates, kept by the monitor.

Number rule: the document's form is "<digits>-CTr/<symbol>" ("25-CTr/TU"). Typing only the digits
("25") gives "25-CTr/TU"; "25-ctr/tu" and "25 - CTr / TU" are written back in that form; anything
else is refused. An empty number clears it (the source gives none).
"""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session

from tracker.clock import local_today
from tracker.errors import InvalidInput
from tracker.models import Milestone, Program
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.text import cited_date, clean

ISSUER = "Ban Thường vụ Tỉnh ủy"  # how documents name the issuer of a provincial action program
SYMBOL = "TU"  # the Provincial Committee's symbol in "25-CTr/TU"
SIGNER_LIMIT = 120
SIGNER_TITLE_LIMIT = 200
SIGNER_TITLE_LINES = 2
MILESTONE_TITLE_LIMIT = 500
_NUMBER = re.compile(r"^(\d{1,5})-CTR/([A-ZĐ]{1,20})$")
_DIGITS = re.compile(r"^\d{1,5}$")
_RESOLUTION_DATE = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def program_reference(program: Program, issuer: str = ISSUER) -> str:
    """How documents cite the program: "Chương trình hành động số 25-CTr/TU ngày 15/3/2024 của Ban
    Thường vụ Tỉnh ủy"; the number or date is left out when unknown."""
    parts = ["Chương trình hành động"]
    if program.number:
        parts.append(f"số {program.number}")
    if program.issued_on:
        parts.append(f"ngày {cited_date(program.issued_on)}")
    parts.append(f"của {issuer}")
    return " ".join(parts)
