"""The summary report (periodic, preliminary or final review), built from the data.

``build`` gathers what the bodies did (with document numbers), their reported results, the targets
table with ratings, what is overdue and who reported late, and the bodies' proposals. The monitor
edits the narrative fields before the renderers in tracker/documents turn it into DOCX or XLSX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.models import Action, Assignment, Organisation, Program, Report, Target, TargetValue, Task, TaskGroup
from tracker.services import periods, registry, reports, workspace
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.services.registry import Letterhead
from tracker.services.trajectory import rate
from tracker.services.workspace import AssignmentFilter

KIND_TITLES = {"periodic": "Kết quả thực hiện", "preliminary": "Sơ kết việc thực hiện",
               "final": "Tổng kết việc thực hiện"}
EXAMPLES_PER_GROUP = 20  # documented actions listed per sub-group; the rest are counted
DEFAULT_RECIPIENTS = ["Thường trực Tỉnh ủy (b/c)", "Ban Tuyên giáo Trung ương (b/c)", "Các đồng chí Tỉnh ủy viên",
                      "Các ban đảng, ban cán sự đảng, đảng đoàn, các huyện ủy, thành ủy, đảng ủy trực thuộc"]


def default_recipients(head: Letterhead) -> list[str]:
    """"Nơi nhận" of a summary: the usual recipients, and the monitoring body's own file ("Lưu BTGDVTU")."""
    return DEFAULT_RECIPIENTS + [f"Lưu {head.symbol}".strip()]


@dataclass
class GroupSection:
    """Part II: one task group of section III (code "III.4", label "4") or a lettered sub-group ("a")."""
    code: str
    title: str
    actions: list[str] = field(default_factory=list)   # "Đảng ủy xã Sìn Hồ ban hành ... (Kế hoạch số 45-KH/ĐU ngày 05/3/2026)"
    narrative: str = ""                                 # drafted prose, edited by the monitor; no internal codes
    label: str = ""                                     # "4" for a group, "a" for a sub-group
    subgroups: list["GroupSection"] = field(default_factory=list)


@dataclass
class TargetRow:
    """A row of the Phụ lục: STT, chỉ tiêu, ĐVT, mục tiêu 2030, số liệu gốc, thực hiện (kỳ gần nhất), đánh giá."""
    code: str
    name: str
    baseline: str      # "85,8 (2023)"
    target: str        # "trên 90" (comparator words and value; the unit is its own column)
    latest: str        # "87,2 (2026)"
    rating: str        # "Đạt" / "Dự kiến đạt" / "Khó đạt" / "" (no data)
    unit: str = ""     # ĐVT: "%", "tuổi", "giường/10.000 dân"
    position: int = 0  # STT


@dataclass
class Signature:
    """Who signs (Hướng dẫn 36): the head ("TRƯỞNG BAN"), a deputy for the head ("K/T TRƯỞNG BAN" over
    "PHÓ TRƯỞNG BAN"), or for a collective body ("T/M BAN THƯỜNG VỤ" over "PHÓ BÍ THƯ THƯỜNG TRỰC")."""
    form: str = "head"      # head | deputy | collective
    title: str = ""         # the signer's own title: "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ"
    name: str = ""
    on_behalf: str = ""     # deputy: "TRƯỞNG BAN"; collective: "BAN THƯỜNG VỤ"

    def lines(self) -> list[str]:
        """The signature block's bold lines above the space for the signature."""
        if self.form == "deputy":
            return [f"K/T {self.on_behalf}".strip(), self.title]
        if self.form == "collective":
            return [f"T/M {self.on_behalf}".strip(), self.title]
        return [self.title]


@dataclass
class Assessment:
    """Part III, đánh giá chung."""
    strengths: str = ""            # ưu điểm
    limitations: str = ""          # hạn chế (with the bodies' difficulties gathered, grouped, body named)
    causes_objective: str = ""     # nguyên nhân khách quan
    causes_subjective: str = ""    # nguyên nhân chủ quan
    lessons: str = ""              # bài học kinh nghiệm


@dataclass
class Summary:
    """A summary report as drafted from the records and edited by the monitor (kept as a SummaryDraft).

    Structure (Hướng dẫn 36; a provincial department's báo cáo sơ kết): I. ``leadership`` (lãnh đạo,
    chỉ đạo, quán triệt, tuyên truyền, with the IV.1 figures); II. ``groups`` (results per task group
    and lettered sub-group); III. ``assessment``; IV. ``directions`` (phương hướng, nhiệm vụ, giải
    pháp); V. ``proposals`` (kiến nghị, đề xuất); then the Phụ lục ``targets``. ``voice`` is the
    department's own report or the one it drafts for the Standing Committee ("TỈNH ỦY LAI CHÂU",
    "Số …-BC/TU", "T/M BAN THƯỜNG VỤ"). ``facts`` holds the counts the texts were drafted from.
    """
    kind: str
    period: str
    start: date
    end: date
    issued_on: date
    voice: str = "department"
    number: str = ""
    title: str = ""
    introduction: str = ""
    leadership: str = ""
    groups: list[GroupSection] = field(default_factory=list)
    assessment: Assessment = field(default_factory=Assessment)
    directions: str = ""
    proposals: str = ""
    targets: list[TargetRow] = field(default_factory=list)
    recipients: list[str] = field(default_factory=lambda: list(DEFAULT_RECIPIENTS))
    signature: Signature = field(default_factory=Signature)
    letterhead: Letterhead = field(default_factory=lambda: Letterhead("", "", "", "", ""))
    facts: dict = field(default_factory=dict)

    # Until the content is rewritten (issue 14), the old single fields map onto the new structure.
    @property
    def limitations(self) -> str:
        return self.assessment.limitations

    @limitations.setter
    def limitations(self, value: str) -> None:
        self.assessment.limitations = value

    @property
    def signer_title(self) -> str:
        return self.signature.title

    @signer_title.setter
    def signer_title(self, value: str) -> None:
        self.signature.title = value

    @property
    def signer(self) -> str:
        return self.signature.name

    @signer.setter
    def signer(self, value: str) -> None:
        self.signature.name = value


def _period_range(period: str) -> tuple[date, date]:
    if "-" in period and period.split("-")[1].isdigit() and len(period.split("-")[1]) == 4:  # "2024-2027"
        first, last = (int(x) for x in period.split("-"))
        return date(first, 1, 1), date(last, 12, 31)
    p = periods.parse(period)
    return p.start, p.end


def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _target_text(t: Target) -> str:
    words = {"<": "dưới", "<=": "không quá", ">": "trên", ">=": "đạt", "=": "bằng", "about": "khoảng"}
    unit = {"%": "%", "per_10000": "/10.000 dân", "units": " căn", "years": " năm", "m2_per_person": " m²/người"}
    if t.comparator == "qualitative":
        return "Định tính"
    return f"{words.get(t.comparator, '')} {_number(t.value)}{unit.get(t.unit, '')}".strip()


def build(session: Session, actor: Actor, kind: str, period: str, issued_on: date) -> Summary:
    authorize(session, actor, "summary.build", None, object_type="summary")
    start, end = _period_range(period)
    program = session.exec(select(Program).order_by(Program.id)).first()
    head = registry.letterhead(session, program, issued_on)
    summary = Summary(kind=kind, period=period, start=start, end=end, issued_on=issued_on, letterhead=head,
                      recipients=default_recipients(head), signature=Signature(title=head.signer_title or "TRƯỞNG BAN"))
    summary.title = (f"{KIND_TITLES[kind]} Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện "
                     f"Nghị quyết số 42-NQ/TW (kỳ {period})")
    summary.introduction = (f"Thực hiện chức năng, nhiệm vụ được giao tại mục IV.4 {program.title[:1].lower()}"
                            f"{program.title[1:]}, {head.body_name} tổng hợp kết quả thực hiện từ ngày "
                            f"{start:%d/%m/%Y} đến ngày {end:%d/%m/%Y} như sau:")
    summary.groups = _group_sections(session, program, start, end)
    summary.targets = _target_rows(session, program, end)
    summary.limitations = _limitations(session, actor, end)
    summary.proposals = _proposals(session, program, start, end)
    return summary


def _group_sections(session: Session, program: Program, start: date, end: date) -> list[GroupSection]:
    """Per top-level group: how many actions by how many bodies, and the latest documented ones."""
    groups = session.exec(select(TaskGroup).where(TaskGroup.program_id == program.id)
                          .order_by(TaskGroup.position)).all()
    sections = {g.code: GroupSection(g.code, g.title) for g in groups if g.parent_id is None}
    code_of = {g.id: g.code for g in groups}
    top_of = {g.id: code_of[g.parent_id] if g.parent_id else g.code for g in groups}
    in_period = (Action.acted_on >= start) & (Action.acted_on <= end)
    top = func.coalesce(TaskGroup.parent_id, TaskGroup.id)
    base = (select(top, func.count(Action.id), func.count(func.distinct(Assignment.organisation_id)))
            .select_from(Action).join(Assignment, Assignment.id == Action.assignment_id)
            .join(Task, Task.id == Assignment.task_id).join(TaskGroup, TaskGroup.id == Task.group_id)
            .where(in_period).group_by(top))
    totals = {code_of[top_id]: (n_actions, n_bodies) for top_id, n_actions, n_bodies in session.exec(base)}
    rank = func.row_number().over(partition_by=Task.group_id, order_by=(Action.acted_on.desc(), Action.id.desc()))
    ranked = (select(Action.description, Action.doc_number, Action.doc_date, Action.acted_on, Task.group_id,
                     Task.code.label("task"), Assignment.organisation_id.label("org_id"), rank.label("rank"))
              .join(Assignment, Assignment.id == Action.assignment_id).join(Task, Task.id == Assignment.task_id)
              .where(in_period, Action.doc_number != "").subquery())
    examples = session.execute(select(ranked).where(ranked.c.rank <= EXAMPLES_PER_GROUP)
                               .order_by(ranked.c.group_id, ranked.c.rank)).all()
    accepted = session.exec(select(Report).where(
        Report.program_id == program.id, Report.state == "accepted", Report.due_on >= start,
        Report.due_on <= end)).all()
    named = registry.bodies_as_of(session, [r.org_id for r in examples] + [r.organisation_id for r in accepted], end)
    for row in examples:
        dated = f", ngày {row.doc_date:%d/%m/%Y}" if row.doc_date else ""
        sections[top_of[row.group_id]].actions.append(
            f"{named[row.org_id].name} ({row.task}): {row.description} (văn bản số {row.doc_number}{dated})")
    for code, (n_actions, n_bodies) in totals.items():
        sections[code].actions.insert(0, f"Trong kỳ, {n_bodies} cơ quan, đơn vị đã cập nhật {n_actions} "
                                         "kết quả thực hiện; tiêu biểu:")
    for report in accepted:
        for code, fields in report.content.get("sections", {}).items():
            if code in sections and (fields.get("results") or fields.get("done")):
                sections[code].narrative += f"{named[report.organisation_id].name}: {fields.get('results') or fields.get('done')}\n"
    for section in sections.values():
        section.narrative = section.narrative.strip()
    return list(sections.values())


def _target_rows(session: Session, program: Program, end: date) -> list[TargetRow]:
    values: dict[int, list[TargetValue]] = {}
    for v in session.exec(select(TargetValue).where(TargetValue.measured_on <= end)
                          .order_by(TargetValue.measured_on, TargetValue.id)):
        values.setdefault(v.target_id, []).append(v)
    rows = []
    for t in session.exec(select(Target).where(Target.program_id == program.id).order_by(Target.position)):
        recorded = values.get(t.id, [])
        numeric = [(v.measured_on, v.value) for v in recorded if v.value is not None]
        standing = rate(t.comparator, t.direction, t.value, t.target_year, t.baseline_value, t.baseline_year,
                        numeric, t.cumulative)
        latest = recorded[-1].assessment if t.comparator == "qualitative" and recorded else _number(standing.latest)
        baseline = f"{_number(t.baseline_value)} ({t.baseline_year})" if t.baseline_value is not None else ""
        rows.append(TargetRow(t.code, t.name, baseline, _target_text(t), latest or "", standing.label))
    return rows


def _limitations(session: Session, actor: Actor, end: date) -> str:
    """Overdue work and late reports at ``end``, the bodies named as they were on that date."""
    overdue = workspace.overdue_bodies(session, actor, today=end)
    late_reports = [r for r in session.exec(select(Report, Organisation).join(Organisation).where(
        Report.due_on <= end)) if reports.summary_row(r[0], r[1], end)["state"] in ("overdue", "submitted_late")]
    ids = dict(session.exec(select(Organisation.code, Organisation.id).where(
        Organisation.code.in_([o["organisation"] for o in overdue]))).all())
    named = registry.bodies_as_of(session, [*ids.values(), *(org.id for _, org in late_reports)], end)
    lines = []
    if overdue:
        lines.append("Còn " + str(sum(o["count"] for o in overdue)) + " nhiệm vụ quá hạn tại " + str(len(overdue))
                     + " cơ quan, đơn vị: " + "; ".join(f"{named[ids[o['organisation']]].name} ({o['count']} nhiệm vụ, "
                                                         f"chậm nhất {o['max_days']} ngày)" for o in overdue[:15]) + ".")
    if late_reports:
        names = sorted({named[org.id].name for _, org in late_reports})
        lines.append(f"{len(names)} cơ quan, đơn vị nộp báo cáo chậm hoặc chưa nộp: " + "; ".join(names[:20]) + ".")
    return "\n".join(lines) or "Không có nhiệm vụ quá hạn hoặc báo cáo chậm trong kỳ."


def _proposals(session: Session, program: Program, start: date, end: date) -> str:
    rows = session.exec(select(Report).where(
        Report.program_id == program.id, Report.state.in_(("submitted", "accepted")),
        Report.due_on >= start, Report.due_on <= end)).all()
    named = registry.bodies_as_of(session, [r.organisation_id for r in rows], end)
    lines = [f"{named[report.organisation_id].name}: {fields['proposals']}" for report in rows
             for fields in report.content.get("sections", {}).values() if fields.get("proposals")]
    return "\n".join(lines)
