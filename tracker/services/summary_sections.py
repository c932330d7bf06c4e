"""The drafted texts of a summary's parts I–V, built from the records; the monitor edits them before export.

Every text names bodies as they were at the end of the period covered and carries no internal code
("III.1.1"): groups are named by their titles. Reads only; ``summary.build`` checks the permission.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.models import Action, Assignment, Milestone, Organisation, Program, Report, Task, TaskGroup
from tracker.services import implementation, periods, reports, status, workspace
from tracker.services.actor import Actor
from tracker.services.registry import BodyAsOf, bodies_as_of
from tracker.services.summary_contract import Assessment, GroupSection
from tracker.text import cited_date

EXAMPLES_PER_GROUP = 10  # documented actions quoted per group or sub-group; the rest are counted


@dataclass
class Sources:
    """The bodies' reports a summary draws on: accepted ones for results, submitted or accepted ones for the
    difficulties and proposals they raise, with the bodies named as at the end of the period."""
    accepted: list[Report]
    raised: list[Report]
    names: dict[int, BodyAsOf]


def _covers(report: Report, kind: str, period: str, start: date, end: date) -> bool:
    """Periodic reports of periods inside [start, end]; for a review, the bodies' own review of that span too."""
    if report.kind != "periodic":
        return report.kind == kind and report.period == period
    try:
        p = periods.parse(report.period)
    except Exception:  # a stored label the parser refuses cannot be placed in time
        return False
    return start <= p.start and p.end <= end


def sources(session: Session, program: Program, kind: str, period: str, start: date, period_end: date,
            named_on: date) -> Sources:
    rows = session.exec(select(Report).where(Report.program_id == program.id,
                                             Report.state.in_(("submitted", "accepted")))
                        .order_by(Report.due_on, Report.id)).all()
    rows = [r for r in rows if _covers(r, kind, period, start, period_end)]
    return Sources([r for r in rows if r.state == "accepted"], rows,
                   bodies_as_of(session, [r.organisation_id for r in rows], named_on))


def _number(n: float) -> str:
    return f"{n:,.1f}".rstrip("0").rstrip(".").replace(",", "_").replace(".", ",").replace("_", ".")


NAMED_AT_MOST = 12  # a list of bodies in running text names this many, then counts the rest


def named_briefly(names: list[str]) -> str:
    """Names for running text: up to NAMED_AT_MOST, then "và N cơ quan, đơn vị khác" (a report is read, not scanned)."""
    if len(names) <= NAMED_AT_MOST:
        return "; ".join(names)
    return "; ".join(names[:NAMED_AT_MOST]) + f" và {len(names) - NAMED_AT_MOST} cơ quan, đơn vị khác"


# I. Leadership, direction, study and propaganda --------------------------------------------------------

def leadership(session: Session, program: Program, start: date, end: date, facts: dict) -> str:
    """Part I from the IV.1 records: plans issued, study conferences, propaganda output."""
    fig = implementation.figures(session, program, start, end)
    facts.update(bodies=fig.bodies, plans=fig.plans, conferences=fig.conferences,
                 participants=fig.participants, reached_pct=fig.reached_pct, articles=fig.articles,
                 broadcasts=fig.broadcasts, sessions=fig.sessions, without_plan=list(fig.without_plan))
    lines = [f"Đến ngày {cited_date(end)}, {fig.plans}/{fig.bodies} cơ quan, đơn vị đã ban hành kế hoạch thực "
             f"hiện Chương trình" + (f" (đạt {_number(fig.plan_share)}%)" if fig.plan_share is not None else "") + "."]
    if fig.without_plan:
        lines.append(f"Còn {len(fig.without_plan)} cơ quan, đơn vị chưa ban hành kế hoạch: "
                     + named_briefly(fig.without_plan) + ".")
    if fig.conferences:
        reached = (f", bình quân {_number(fig.reached_pct)}% cán bộ, đảng viên được quán triệt"
                   if fig.reached_pct is not None else "")
        lines.append(f"Các cơ quan, đơn vị đã tổ chức {fig.conferences} hội nghị học tập, quán triệt, triển khai "
                     f"với {fig.participants:,} lượt người tham dự".replace(",", ".") + reached + ".")
    else:
        lines.append("Chưa có hội nghị học tập, quán triệt nào được cập nhật trong kỳ.")
    if fig.articles or fig.broadcasts or fig.sessions:
        lines.append(f"Công tác tuyên truyền: {fig.articles} tin, bài; {fig.broadcasts} chương trình phát thanh, "
                     f"truyền hình; {fig.sessions} buổi tuyên truyền, đối thoại với Nhân dân.")
    return "\n".join(lines)


# II. Results per group and lettered sub-group -----------------------------------------------------------

def groups(session: Session, program: Program, start: date, end: date, src: Sources):
    """Part II: a section per group of section III with its lettered sub-groups, drafted in prose: the
    documented actions quoted and the accepted reports' results are all in ``narrative``, which the
    monitor edits (``actions`` stays empty: nothing is printed that the monitor cannot change)."""
    rows = session.exec(select(TaskGroup).where(TaskGroup.program_id == program.id)
                        .order_by(TaskGroup.position, TaskGroup.id)).all()
    by_id = {g.id: GroupSection(g.code, g.title, label=g.label) for g in rows}
    top = []
    for g in rows:
        (by_id[g.parent_id].subgroups if g.parent_id in by_id else top).append(by_id[g.id])
    in_period = (Action.acted_on >= start) & (Action.acted_on <= end)
    totals = {gid: (n, bodies) for gid, n, bodies in session.exec(
        select(Task.group_id, func.count(Action.id), func.count(func.distinct(Assignment.organisation_id)))
        .select_from(Action).join(Assignment, Assignment.id == Action.assignment_id)
        .join(Task, Task.id == Assignment.task_id).where(in_period, Task.program_id == program.id)
        .group_by(Task.group_id))}
    rank = func.row_number().over(partition_by=Task.group_id, order_by=(Action.acted_on.desc(), Action.id.desc()))
    ranked = (select(Action.description, Action.doc_number, Action.doc_date, Task.group_id,
                     Assignment.organisation_id.label("org_id"), rank.label("rank"))
              .join(Assignment, Assignment.id == Action.assignment_id).join(Task, Task.id == Assignment.task_id)
              .where(in_period, Task.program_id == program.id, Action.doc_number != "").subquery())
    examples = session.execute(select(ranked).where(ranked.c.rank <= EXAMPLES_PER_GROUP)
                               .order_by(ranked.c.group_id, ranked.c.rank)).all()
    named = {**bodies_as_of(session, [r.org_id for r in examples], end), **src.names}
    quoted: dict[int, list[str]] = defaultdict(list)
    for row in examples:
        dated = f", ngày {cited_date(row.doc_date)}" if row.doc_date else ""
        quoted[row.group_id].append(
            f"{named[row.org_id].name}: {' '.join(row.description.split())} (văn bản số {row.doc_number}{dated}).")
    for gid, section in by_id.items():
        n_actions, n_bodies = totals.get(gid, (0, 0))
        if n_actions:
            lead = (f"Trong kỳ, {n_bodies} cơ quan, đơn vị đã cập nhật {n_actions} kết quả thực hiện"
                    + ("; tiêu biểu:" if quoted[gid] else "."))
            section.narrative = "\n".join([lead, *quoted[gid]])
    code_to_section = {s.code: s for s in top}
    said: dict[str, list[str]] = defaultdict(list)
    for report in src.accepted:
        for code, fields in report.content.get("sections", {}).items():
            text = " ".join(str(fields.get("results") or fields.get("done") or "").split())
            if code in code_to_section and text:
                said[code].append(f"{src.names[report.organisation_id].name}: {text}")
    for code, lines in said.items():
        section = code_to_section[code]
        section.narrative = "\n".join(filter(None, [section.narrative,
                                                    "Theo báo cáo của các cơ quan, đơn vị:", *lines]))
    return top


# III. Assessment ------------------------------------------------------------------------------------------

def _gathered(src: Sources, field: str, group_titles: dict[str, str]) -> list[str]:
    """One line per task group: what each body wrote in ``field``, body named ("Về …: A: …; B: …")."""
    by_group: dict[str, list[str]] = defaultdict(list)
    for report in src.raised:
        for code, fields in report.content.get("sections", {}).items():
            text = " ".join(str(fields.get(field) or "").split()).rstrip(".;")
            line = f"{src.names[report.organisation_id].name}: {text}"
            if text and line not in by_group[code]:
                by_group[code].append(line)
    order = list(group_titles)
    return [f"- Về {group_titles.get(code, code)[:1].lower()}{group_titles.get(code, code)[1:]}: "
            + "; ".join(lines) + "."
            for code, lines in sorted(by_group.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)]


def late_reports(session: Session, program: Program, kind: str, period: str, start: date, period_end: date,
                 as_of: date) -> tuple[int, list[reports.LateBody]]:
    """Bodies that owed at least one report of the span due before ``as_of``, and the late ones (each with the
    periods it is late for, in ``LateBody.period`` joined by ", ")."""
    cadences = set(session.exec(select(Assignment.report_cadence).join(Task, Task.id == Assignment.task_id)
                                .where(Task.program_id == program.id)).all()) - {"none"}
    asked = [("periodic", p.label) for cadence in sorted(cadences)
             for year in range(start.year, period_end.year + 1)
             for p in periods.for_year(cadence, year, program.report_due_days)
             if start <= p.start and p.end <= period_end and p.due_on < as_of]
    if kind != "periodic" and session.exec(select(Milestone).where(
            Milestone.program_id == program.id, Milestone.kind == kind, Milestone.period == period)).first():
        asked.append((kind, period))
    owed: set[int] = set()
    late: dict[int, list[reports.LateBody]] = defaultdict(list)
    for report_kind, label in asked:
        due, owing = reports.owing_bodies(session, program, report_kind, label)
        if due >= as_of:
            continue
        owed.update(owing)
        for body in reports.late_bodies(session, program, report_kind, label, as_of):
            late[body.organisation_id].append(body)
    merged = [reports.LateBody(org_id, items[-1].name, ", ".join(b.period for b in items), items[0].due_on,
                               items[-1].state, max(b.days_late for b in items)) for org_id, items in late.items()]
    return len(owed), merged


def assessment(session: Session, actor: Actor, program: Program, kind: str, period: str, start: date,
               period_end: date, end: date, as_of: date, src: Sources, group_titles: dict[str, str], facts: dict):
    """Part III: strengths from the statuses, limitations (overdue work, late reports, the bodies'
    difficulties), causes and lessons as starter text for the monitor to finish."""
    rows = workspace.all_assignments(session, actor, today=end)
    counts = Counter(r["status"] for r in rows)
    owed, late = late_reports(session, program, kind, period, start, period_end, as_of)
    overdue = workspace.overdue_bodies(session, actor, today=end)
    facts.update(assignments=len(rows), statuses=dict(counts), owed_reports=owed, late_reports=len(late),
                 late=[{"name": b.name, "periods": b.period, "state": b.state} for b in late],
                 overdue_tasks=sum(o["count"] for o in overdue), overdue_bodies=len(overdue))
    on_time = owed - len(late)
    ongoing = sum(counts[code] for code in status.ONGOING_STATUSES)
    strengths = [
        "Các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể đã quan tâm lãnh đạo, chỉ đạo, "
        "cụ thể hóa và tổ chức thực hiện các nhiệm vụ, giải pháp của Chương trình.",
        f"Trong tổng số {len(rows)} lượt nhiệm vụ được giao, {counts[status.DONE_ON_TIME]} lượt hoàn thành đúng hạn, "
        f"{counts[status.DONE_LATE]} lượt hoàn thành quá hạn, {counts[status.IN_PROGRESS_ON_TIME]} lượt đang "
        "thực hiện trong hạn"
        + (f"; {counts[status.REPORTED_IN_PERIOD]}/{ongoing} lượt nhiệm vụ thường xuyên đã có kết quả trong kỳ"
           if ongoing else "") + "."]
    if owed:
        strengths.append(f"{on_time}/{owed} cơ quan, đơn vị gửi báo cáo đầy đủ, đúng thời hạn.")
    limitations = []
    if overdue:
        ids = dict(session.exec(select(Organisation.code, Organisation.id).where(
            Organisation.code.in_([o["organisation"] for o in overdue]))).all())
        by_id = bodies_as_of(session, ids.values(), end)
        named = {code: by_id[org_id] for code, org_id in ids.items()}
        limitations.append(
            f"Còn {facts['overdue_tasks']} lượt nhiệm vụ quá hạn tại {len(overdue)} cơ quan, đơn vị: "
            + named_briefly([f"{_overdue_name(o, named)} ({o['count']} nhiệm vụ, chậm nhất {o['max_days']} ngày)"
                             for o in overdue]) + ".")
    if late:
        limitations.append(f"{len(late)}/{owed} cơ quan, đơn vị chưa gửi báo cáo hoặc gửi báo cáo chậm so với "
                           f"thời hạn (tính đến ngày {cited_date(as_of)}): "
                           + named_briefly([f"{b.name} (kỳ {b.period})" for b in late]) + ".")
    difficulties = _gathered(src, "difficulties", group_titles)
    if difficulties:
        limitations.append("Khó khăn, vướng mắc các cơ quan, đơn vị nêu trong báo cáo:")
        limitations.extend(difficulties)
    return Assessment(
        strengths="\n".join(strengths),
        limitations="\n".join(limitations) or "Không có nhiệm vụ quá hạn hoặc báo cáo chậm trong kỳ.",
        causes_objective=("Địa bàn rộng, địa hình chia cắt, điều kiện kinh tế - xã hội còn nhiều khó khăn; nguồn lực "
                          "đầu tư cho chính sách xã hội còn hạn chế; một số cơ chế, chính sách của Trung ương thay đổi."),
        causes_subjective=("Một số cấp ủy, cơ quan, đơn vị chưa quan tâm đúng mức đến việc triển khai, theo dõi, "
                           "đôn đốc và báo cáo kết quả thực hiện; sự phối hợp giữa các cơ quan có lúc chưa chặt chẽ."),
        lessons=("Phát huy vai trò lãnh đạo của cấp ủy, người đứng đầu; phân công rõ người, rõ việc, rõ thời hạn; "
                 "thường xuyên theo dõi, đôn đốc, kiểm tra, sơ kết, kịp thời tháo gỡ khó khăn, vướng mắc."))


def _overdue_name(item: dict, named: dict[str, BodyAsOf]) -> str:
    body = named.get(item["organisation"])
    return body.name if body else item["organisation_name"]


# IV. Directions and V. proposals ----------------------------------------------------------------------------

def directions(session: Session, actor: Actor, program: Program, end: date, as_of: date,
               group_titles: dict[str, str], facts: dict) -> str:
    """Part IV from the open overdue work, the bodies without a plan and the next review milestone."""
    overdue = workspace.all_assignments(session, actor, workspace.AssignmentFilter(overdue_only=True), end)
    lines = ["Tiếp tục quán triệt, tuyên truyền sâu rộng Chương trình; thực hiện thường xuyên các nhiệm vụ, "
             "giải pháp đã đề ra, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị."]
    if overdue:
        tops = list(dict.fromkeys(".".join(r["group"].split(".")[:2]) for r in overdue))
        fields = "; ".join(f"{t[:1].lower()}{t[1:]}" for t in (group_titles.get(c, "") for c in tops) if t)
        lines.append(f"Tập trung chỉ đạo hoàn thành {len(overdue)} lượt nhiệm vụ còn chậm, quá hạn"
                     + (f", nhất là về: {fields}." if fields else "."))
    if facts.get("without_plan"):
        lines.append(f"Đôn đốc {len(facts['without_plan'])} cơ quan, đơn vị chưa ban hành kế hoạch thực hiện "
                     "sớm ban hành kế hoạch.")
    upcoming = session.exec(select(Milestone).where(Milestone.program_id == program.id, Milestone.due_on > as_of)
                            .order_by(Milestone.due_on)).first()
    if upcoming:
        lines.append(f"Chuẩn bị tốt việc {upcoming.title[:1].lower()}{upcoming.title[1:]} "
                     f"(thời hạn {cited_date(upcoming.due_on)}).")
    return "\n".join(lines)


def proposals(src: Sources, group_titles: dict[str, str]) -> str:
    """Part V: the proposals the bodies made in their reports, grouped by task group, body named."""
    gathered = _gathered(src, "proposals", group_titles)
    if not gathered:
        return "Chưa có kiến nghị, đề xuất của các cơ quan, đơn vị trong kỳ."
    return "\n".join(["Các cơ quan, đơn vị kiến nghị, đề xuất:", *gathered])
