"""Closed vocabularies of the domain, stored as short strings and checked by the database."""

from __future__ import annotations

from sqlalchemy import CheckConstraint

ORG_KINDS = (
    "central",            # central bodies among the recipients (Ban Bí thư, Ban Tuyên giáo TW, ...)
    "provincial_committee",  # Tỉnh ủy and its Standing Committee
    "party_board",        # ban đảng, Văn phòng, Ủy ban Kiểm tra Tỉnh ủy
    "party_delegation",   # ban cán sự đảng
    "party_caucus",       # đảng đoàn
    "district_committee",  # huyện ủy, thành ủy
    "affiliated_committee",  # đảng ủy trực thuộc Tỉnh ủy
    "youth_union",        # Ban Thường vụ Tỉnh đoàn
    "front",              # Ủy ban MTTQ tỉnh
    "socio_political",    # tổ chức chính trị - xã hội (the Front's member organisations)
    "government",         # Ủy ban nhân dân tỉnh
    "department",         # sở, ban, ngành tỉnh
    "commune_committee",  # đảng ủy xã (from 01/7/2025)
    "ward_committee",     # đảng ủy phường (from 01/7/2025)
    "mass_association",   # hội quần chúng: Hội Chữ thập đỏ, Người cao tuổi, Khuyến học... (not socio-political)
)
REORGANISATION_KINDS = ("create", "rename", "merge", "split", "end")
ASSIGNMENT_ROLES = ("lead", "coordinate")
CADENCES = ("none", "monthly", "quarterly", "semiannual", "annual")
COMPARATORS = ("<", "<=", ">=", ">", "=", "about", "qualitative")
DIRECTIONS = ("higher_better", "lower_better", "maintain")
REPORT_KINDS = ("periodic", "preliminary", "final")
REPORT_STATES = ("draft", "submitted", "accepted", "returned")
EXTENSION_STATES = ("pending", "granted", "refused")
USER_ROLES = ("admin", "leader", "monitor", "agency")
OUTBOX_STATES = ("pending", "sent", "failed", "cancelled")
CHANNELS = ("email", "inapp")
MILESTONE_KINDS = ("plan", "periodic", "preliminary", "final")
IMPLEMENTATION_KINDS = ("plan", "conference", "propaganda")  # IV.1: the plan issued, study conferences, propaganda
CONFERENCE_LEVELS = ("province", "commune", "grassroots")  # cấp tỉnh, cấp xã, chi bộ / đảng bộ cơ sở
SUMMARY_VOICES = ("department", "standing_committee")  # the department's own report, or the one drafted for the BTV


def one_of(column: str, values: tuple[str, ...], name: str | None = None) -> CheckConstraint:
    """CHECK (column IN (...)) with a stable name for Alembic."""
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name or f"{column}_allowed")
