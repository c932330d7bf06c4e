"""The summary report (periodic, preliminary or final review), drafted from the records.

``build`` drafts every part the way a provincial department's báo cáo sơ kết reads (Hướng dẫn
36-HD/VPTW): the title in the genre's words, I. leadership with the IV.1 figures, II. results per
group and lettered sub-group in prose, III. assessment (the bodies' difficulties and the late
reports gathered), IV. directions, V. the bodies' proposals, the Phụ lục of targets, the signature
and "Nơi nhận". The monitor edits the texts (``summary_drafts`` keeps them) before the renderers in
tracker/documents turn it into DOCX or XLSX. The contract's dataclasses live in ``summary_contract``.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.errors import InvalidInput
from tracker.models import Program, Target, TaskGroup
from tracker.models.vocab import REPORT_KINDS, SUMMARY_VOICES
from tracker.services import periods, programs, summary_heading, summary_sections, targets_view
from tracker.services.actor import Actor
from tracker.services.catalog import get_program
from tracker.services.permissions import authorize
from tracker.services.registry import Letterhead
from tracker.services.summary_contract import (DEFAULT_RECIPIENTS, Assessment, GroupSection, Signature, Summary,
                                               TargetRow)
from tracker.services.trajectory import rate, rating_word
from tracker.text import cited_date

__all__ = ["Assessment", "DEFAULT_RECIPIENTS", "GroupSection", "Signature", "Summary", "TargetRow", "build",
           "default_recipients", "signature"]

NO_DATA = "Chưa có số liệu"
UNIT_WORDS = {"%": "%", "years_of_age": "tuổi", "years": "năm", "units": "căn", "m2_per_person": "m² sàn/người"}
COMPARATOR_WORDS = {"<": "dưới", "<=": "không quá", ">": "trên", ">=": "từ", "=": "", "about": "khoảng"}


def default_recipients(head: Letterhead, voice: str = "department", on: date | None = None) -> list[str]:
    """"Nơi nhận" of a summary (IV.4: to the Standing Committee), the monitoring body's own file last."""
    return summary_heading.recipients(voice, head, on or date.today())


def signature(voice: str, form: str | None, head: Letterhead, program: Program, name: str = "") -> Signature:
    """Who signs: the head ("TRƯỞNG BAN"), a deputy for the head ("K/T TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN"), or
    for the Standing Committee "T/M BAN THƯỜNG VỤ" over the program's signer title, with its signer."""
    form = form or summary_heading.SIGNER_FORMS[voice][0]
    if form not in summary_heading.SIGNER_FORMS[voice]:
        raise InvalidInput("Hình thức ký không hợp lệ: báo cáo của cơ quan do trưởng ban hoặc phó trưởng ban ký; "
                           "báo cáo của Ban Thường vụ ký thay mặt tập thể (T/M).")
    if form == "collective":
        on_behalf, own = summary_heading.DEFAULT_COLLECTIVE
        for line in (program.signer_title or "").splitlines():
            line = line.strip()
            if line.upper().startswith("T/M "):
                on_behalf = line[4:].strip()
            elif line:
                own = line
        return Signature("collective", own, name or program.signer or "", on_behalf)
    head_title = head.signer_title or "TRƯỞNG BAN"
    if form == "deputy":
        return Signature("deputy", f"PHÓ {head_title}", name, head_title)
    return Signature("head", head_title, name)


def period_range(period: str) -> tuple[date, date]:
    """First and last day of a reporting period ("2026-H1") or of a review span ("2024-2027")."""
    if summary_heading.span_years(period) is not None:
        first, last = (int(x) for x in period.split("-"))
        if first > last:
            raise InvalidInput(f"Giai đoạn {period} không hợp lệ: năm đầu phải trước năm cuối.")
        return date(first, 1, 1), date(last, 12, 31)
    p = periods.parse(period)
    return p.start, p.end


def build(session: Session, actor: Actor, kind: str, period: str, issued_on: date, voice: str = "department",
          signer_form: str | None = None, signer: str = "", number: str = "",
          program_id: int | None = None) -> Summary:
    """Draft the summary of ``kind`` for ``period`` issued on ``issued_on``, in ``voice``; the period covered
    ends at ``issued_on`` when that is earlier than the period's end."""
    authorize(session, actor, "summary.build", None, object_type="summary")
    if kind not in REPORT_KINDS or voice not in SUMMARY_VOICES:
        raise InvalidInput("Loại báo cáo hoặc hình thức báo cáo không hợp lệ.")
    start, period_end = period_range(period)
    if issued_on < start:
        raise InvalidInput(f"Ngày ban hành {cited_date(issued_on)} trước khi kỳ {period} bắt đầu "
                           f"({cited_date(start)}).")
    end = min(period_end, issued_on)
    program = get_program(session, program_id=program_id)
    head = summary_heading.letterhead(session, program, voice, issued_on)
    summary = Summary(kind=kind, period=period, start=start, end=end, issued_on=issued_on, voice=voice,
                      number=number, program_id=program.id, letterhead=head, recipients=summary_heading.recipients(voice, head, issued_on),
                      signature=signature(voice, signer_form, head, program, signer),
                      title=summary_heading.title(program, kind, period))
    summary.introduction = _introduction(program, head, voice, start, end)
    facts = summary.facts
    titles = {g.code: g.title for g in session.exec(select(TaskGroup).where(
        TaskGroup.program_id == program.id, TaskGroup.parent_id.is_(None)).order_by(TaskGroup.position))}
    src = summary_sections.sources(session, program, kind, period, start, period_end, end)
    summary.leadership = summary_sections.leadership(session, program, start, end, facts)
    summary.groups = summary_sections.groups(session, program, start, end, src)
    summary.assessment = summary_sections.assessment(session, actor, program, kind, period, start, period_end,
                                                     end, issued_on, src, titles, facts)
    summary.directions = summary_sections.directions(session, actor, program, end, issued_on, titles, facts)
    summary.proposals = summary_sections.proposals(src, titles)
    summary.targets = target_rows(session, program, end)
    return summary


def _introduction(program: Program, head: Letterhead, voice: str, start: date, end: date) -> str:
    basis = (f"Thực hiện {summary_heading.program_cited(program)} {summary_heading.program_subject(program)}"
             ).strip()
    who = programs.ISSUER if voice == "standing_committee" else head.body_name
    return (f"{basis}, {who} báo cáo kết quả thực hiện từ ngày {cited_date(start)} đến ngày "
            f"{cited_date(end)} như sau:")


# The Phụ lục ---------------------------------------------------------------------------------------------

def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def unit_words(t: Target) -> str:
    """ĐVT in words: "%", "tuổi", "năm", "giường bệnh/10.000 dân", "căn", "m² sàn/người"."""
    if t.unit == "per_10000":
        name = t.name.strip()
        what = name[4:] if name.lower().startswith("số ") else name
        return f"{what.split(' trên ')[0].strip()}/10.000 dân"
    return UNIT_WORDS.get(t.unit, t.unit)


def target_words(t: Target) -> str:
    """The 2030 target as the table writes it, without the unit: "trên 90", "khoảng 70", "Định tính"."""
    if t.comparator == "qualitative" or t.value is None:
        return "Định tính"
    return f"{COMPARATOR_WORDS.get(t.comparator, '')} {_number(t.value)}".strip()


def target_rows(session: Session, program: Program, end: date) -> list[TargetRow]:
    """The Phụ lục: STT, chỉ tiêu, ĐVT, mục tiêu, số liệu gốc (năm), thực hiện (kỳ gần nhất), đánh giá
    ("Đạt" / "Dự kiến đạt" / "Khó đạt" by ``trajectory.rating_word``; "Chưa có số liệu" without a value;
    a qualitative target: its latest assessment). Values as the rating reads them
    (``targets_view.recorded_values``: province values, else the communes' rolled up)."""
    values = targets_view.recorded_values(session, program.id, end)
    rows = []
    targets = session.exec(select(Target).where(Target.program_id == program.id).order_by(Target.position))
    for position, t in enumerate(targets, start=1):
        recorded = values.get(t.id, [])
        numeric = [(date.fromisoformat(v["measured_on"]), v["value"]) for v in recorded if v["value"] is not None]
        standing = rate(t.comparator, t.direction, t.value, t.target_year, t.baseline_value, t.baseline_year,
                        numeric, t.cumulative)
        if t.comparator == "qualitative" or standing.rating == "qualitative":
            assessed = [v for v in recorded if v["assessment"]]
            latest = f"{assessed[-1]['assessment']} ({assessed[-1]['period']})" if assessed else ""
            rating = assessed[-1]["assessment"] if assessed else NO_DATA
        else:
            last = next((v for v in reversed(recorded) if v["value"] is not None), None)
            latest = (f"{_number(standing.latest)} ({last['period']})"
                      if last and standing.latest is not None else "")
            rating = rating_word(standing) if numeric else NO_DATA
        baseline = (f"{_number(t.baseline_value)} ({t.baseline_year})" if t.baseline_value is not None
                    and t.baseline_year else _number(t.baseline_value))
        rows.append(TargetRow(t.code, t.name, baseline, target_words(t), latest, rating,
                              unit=unit_words(t), position=position))
    return rows
