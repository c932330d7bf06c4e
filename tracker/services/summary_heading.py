"""What stands around a summary's text (Hướng dẫn 36-HD/VPTW): its title, letterhead, signature, "Nơi nhận".

Two voices: the monitoring department's own report (its letterhead, "TRƯỞNG BAN" or "K/T TRƯỞNG BAN /
PHÓ TRƯỞNG BAN", sent to the Standing Committee as IV.4 asks) and the report it drafts for the Standing
Committee to send upward ("TỈNH ỦY LAI CHÂU", "Số …-BC/TU", "T/M BAN THƯỜNG VỤ").
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from tracker.models import Program
from tracker.services import periods, programs, registry
from tracker.services.registry import Letterhead

KIND_WORDS = {"preliminary": "Sơ kết", "final": "Tổng kết"}
SIGNER_FORMS = {"department": ("head", "deputy"), "standing_committee": ("collective",)}
DEFAULT_COLLECTIVE = ("BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC")
# The central department the Standing Committee reports to: the merged body from early 2025.
CENTRAL_MERGED_ON = date(2025, 2, 1)
PERIOD_PARTS = {"H1": "6 tháng đầu năm", "H2": "6 tháng cuối năm", "Q1": "quý I năm", "Q2": "quý II năm",
                "Q3": "quý III năm", "Q4": "quý IV năm"}


def span_years(period: str) -> int | None:
    """The number of years a review span covers ("2024-2027" → 3); None for a reporting period."""
    first, _, last = period.partition("-")
    if len(last) == 4 and first.isdigit() and last.isdigit():
        return int(last) - int(first)
    return None


def period_words(period: str) -> str:
    """A reporting period in words: "6 tháng đầu năm 2026", "năm 2026", "quý II năm 2026", "tháng 3 năm 2026"."""
    p = periods.parse(period)
    part = period.partition("-")[2]
    if not part:
        return f"năm {p.start.year}"
    return f"{PERIOD_PARTS.get(part) or f'tháng {int(part)} năm'} {p.start.year}"


def program_cited(program: Program) -> str:
    """The program as the title cites it, with dotted places for a number or date not yet recorded."""
    cited = programs.program_reference(program)
    if not program.number:
        cited = cited.replace("Chương trình hành động", f"Chương trình hành động số …-CTr/{programs.SYMBOL}", 1)
    if not program.issued_on:
        cited = cited.replace(f" của {programs.ISSUER}", f" ngày …/…/… của {programs.ISSUER}", 1)
    return cited


def program_subject(program: Program) -> str:
    """What the program is about, as written: its title after "Chương trình hành động" (not lowercased)."""
    title = " ".join((program.title or "").split())
    lead = "Chương trình hành động"
    if title.lower().startswith(lead.lower()):
        return title[len(lead):].strip()
    return title or f"thực hiện {program.implements}".strip()


def title(program: Program, kind: str, period: str) -> str:
    """"Sơ kết 03 năm thực hiện Chương trình hành động số 25-CTr/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh
    ủy thực hiện Nghị quyết …"; a periodic report: "Kết quả thực hiện … (6 tháng đầu năm 2026)"."""
    cited = f"{program_cited(program)} {program_subject(program)}".strip()
    if kind == "periodic":
        return f"Kết quả thực hiện {cited} ({period_words(period)})"
    years = span_years(period)
    span = f" {years:02d} năm" if years else ""
    return f"{KIND_WORDS[kind]}{span} thực hiện {cited}"


def letterhead(session: Session, program: Program, voice: str, on: date) -> Letterhead:
    """The department's letterhead, or for the Standing Committee's report the committee's own
    ("TỈNH ỦY LAI CHÂU", "Số …-BC/TU"), as on ``on``."""
    if voice == "standing_committee":
        return registry.committee_letterhead(session, program, on)
    return registry.letterhead(session, program, on)


def recipients(voice: str, head: Letterhead, on: date) -> list[str]:
    """"Nơi nhận" as Hướng dẫn 36 sets it out: upward first, the file ("Lưu …") last."""
    if voice == "standing_committee":
        central = "Ban Tuyên giáo và Dân vận Trung ương" if on >= CENTRAL_MERGED_ON else "Ban Tuyên giáo Trung ương"
        return ["Ban Bí thư (b/c)", f"{central} (b/c)", "Văn phòng Trung ương Đảng", "Thường trực Tỉnh ủy",
                "Các đồng chí Tỉnh ủy viên",
                "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"]
    return ["Ban Thường vụ Tỉnh ủy (b/c)", "Thường trực Tỉnh ủy (b/c)", f"Lưu {head.symbol}".strip()]
