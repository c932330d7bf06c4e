"""One digest per recipient and day: what the sweep found owed to them, by body and task group.

The sweep (tracker.services.reminders) queues one outbox row per owed reminder, but none of them is
sent alone. ``gather`` puts each recipient's rows not yet gathered into one digest row per channel
and day (one email, one in-app notice), keyed ``daily:<day>:<user>:<channel>``: a second sweep, or a
second worker, on the same day adds no digest, and what it found waits for the next day's. A digest
lists the recipient's own due and overdue work, then the escalations, each part with a link to the
page where it is handled. On the weekly digest day leaders and the monitor also find in it the
overview of all overdue work by body (once a separate weekly email, folded in so that nobody gets
two emails a day). Messages sent because a person acted (urging) are not gathered: they go at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from sqlalchemy import String, and_, cast, literal, update
from sqlmodel import Session, select

from tracker import page_paths
from tracker.clock import utcnow
from tracker.config import Settings
from tracker.db import insert_new
from tracker.models import Assignment, Organisation, Program, Reminder, Task, TaskGroup, User
from tracker.services import registry
from tracker.text import document_date

GATHERED_RULES = ("report_due", "assignment_due", "report_escalation", "assignment_escalation")
SUBJECT_TYPE = "digest"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REPORTS_PART = "Báo cáo định kỳ"
SIGNATURE = "Thư do hệ thống theo dõi Chương trình hành động của {body} gửi tự động."


def signature(session: Session, today: date) -> str:
    """The closing line: the system of the monitoring body as of the sending date."""
    return SIGNATURE.format(body=registry.current_letterhead(session, today).body_name)


def channels(user: User, email_on: bool) -> list[str]:
    """How ``user`` hears from the system: always in the app, by email too when possible and wanted."""
    return ["inapp"] + (["email"] if email_on and user.email and not user.email_opt_out else [])


@lru_cache(maxsize=4096)  # a national digest run asks for the same few due dates ~100,000 times
def status(due_on: date, today: date) -> str:
    """Where a due date stands on ``today``, as a reminder says it."""
    late = (today - due_on).days
    if late < 0:
        return f"đến hạn ngày {due_on:%d/%m/%Y} (còn {-late} ngày)"
    if late == 0:
        return f"đến hạn hôm nay ({due_on:%d/%m/%Y})"
    return f"đã quá hạn {late} ngày (hạn {due_on:%d/%m/%Y})"


def is_weekly_day(settings: Settings, today: date) -> bool:
    return WEEKDAYS.index(settings.digest_day) == today.weekday()


@dataclass(frozen=True)
class _Item:
    escalation: bool
    body: str          # the body (cơ quan, đơn vị) that owes the work
    body_order: tuple
    part: str          # "Báo cáo định kỳ" or the task group
    part_order: tuple  # the program's order: reports first, then by the position of the task
    path: str          # the page where the part is handled
    line: str
    late: int


def gather(session: Session, settings: Settings, today: date, weekly: dict[str, list[str]] | None = None) -> int:
    """Queue one digest per recipient and channel for ``today`` with what is not yet gathered.

    ``weekly`` (body -> overdue lines) adds the weekly overview for leaders and the monitor.
    Returns how many digest rows were queued; the caller commits.
    """
    pending = session.exec(select(Reminder.recipient_user_id, Reminder.channel).where(
        Reminder.rule.in_(GATHERED_RULES), Reminder.digest_id.is_(None), Reminder.state == "pending").distinct()).all()
    wanted = set(pending)
    if weekly:
        for user in session.exec(select(User).where(User.active, User.role.in_(("leader", "monitor")))):
            wanted.update((user.id, channel) for channel in channels(user, bool(settings.smtp_host)))
    if not wanted:
        return 0
    users = {u.id: u for u in session.exec(select(User).where(User.id.in_({uid for uid, _ in wanted})))}
    now = utcnow()
    rows = [{"idempotency_key": _key(today, uid, channel), "rule": "daily_digest", "step": today.isoformat(),
             "subject_type": SUBJECT_TYPE, "subject_id": 0, "due_on": today, "recipient_user_id": uid,
             "recipient_org_id": users[uid].organisation_id, "channel": channel,
             "recipient_email": users[uid].email if channel == "email" else None, "subject": "", "body": "",
             "state": "pending", "attempts": 0, "next_attempt_at": now, "last_error": "", "created_at": now}
            for uid, channel in sorted(wanted) if uid in users]
    new_keys = insert_new(session, Reminder, rows, "idempotency_key")  # only these are ours to fill
    if not new_keys:
        return 0
    digests = {(d.recipient_user_id, d.channel): d
               for d in session.exec(select(Reminder).where(Reminder.idempotency_key.in_(new_keys)))}
    _attach(session, today, [d.id for d in digests.values()])
    items = _items(session, [d.id for d in digests.values()], today)
    queued = 0
    closing = signature(session, today) if digests else ""
    for (uid, channel), digest in digests.items():
        mine = items.get(digest.id, [])
        overview = weekly if weekly and users[uid].role in ("leader", "monitor") else None
        if not mine and not overview:
            session.delete(digest)  # everything was gathered elsewhere meanwhile: nothing to say today
            continue
        digest.subject, digest.body = _compose(settings, users[uid], today, mine, overview, closing)
        session.add(digest)
        queued += 1
    session.flush()
    return queued


def _key_prefix(today: date) -> str:
    return f"daily:{today.isoformat()}:"


def _key(today: date, user_id: int, channel: str) -> str:
    return f"{_key_prefix(today)}{user_id}:{channel}"


def _attach(session: Session, today: date, digest_ids: list[int]) -> None:
    """Point each row not yet gathered at its recipient's digest of ``today``, if this sweep made that digest.

    One statement: a row that another sweep gathered meanwhile keeps its digest.
    """
    row, made = Reminder.__table__, Reminder.__table__.alias("made")
    key = literal(_key_prefix(today)) + cast(row.c.recipient_user_id, String) + literal(":") + row.c.channel
    digest_id = select(made.c.id).where(made.c.idempotency_key == key, made.c.id.in_(digest_ids)).scalar_subquery()
    session.execute(update(row).where(row.c.rule.in_(GATHERED_RULES), row.c.digest_id.is_(None),
                                      row.c.state == "pending", digest_id.is_not(None)).values(digest_id=digest_id))


def _items(session: Session, digest_ids: list[int], today: date) -> dict[int, list[_Item]]:
    """The gathered rows of each digest, with their body and part (reports, or the task's group)."""
    orgs = {i: (name, (position, name)) for i, name, position in session.connection().execute(
        select(Organisation.id, Organisation.name, Organisation.position))}
    codes = dict(session.connection().execute(select(Program.id, Program.code)).all())
    several = len(codes) > 1  # then each part names its program: "KH-NQ45 — Nhóm III.1. …"
    groups, program_of = {}, {}
    for g in session.exec(select(TaskGroup)):
        groups[g.id] = (f"{codes[g.program_id]} — " if several else "") + f"Nhóm {g.code}. {g.title}"
        program_of[g.id] = g.program_id
    rows = session.connection().execute(  # Core rows: a national sweep gathers ~100,000 of them
        select(Reminder.digest_id, Reminder.rule, Reminder.body, Reminder.due_on, Reminder.recipient_org_id,
               Task.position, Task.group_id)
        .join(Assignment, and_(Assignment.id == Reminder.subject_id, Reminder.subject_type == "assignment"),
              isouter=True)
        .join(Task, Task.id == Assignment.task_id, isouter=True)
        .where(Reminder.digest_id.in_(digest_ids))).all()
    out: dict[int, list[_Item]] = defaultdict(list)
    for digest_id, rule, what, due_on, org_id, task_position, group_id in rows:
        escalation, (body, body_order) = rule.endswith("_escalation"), orgs[org_id]
        if group_id is None:
            part, part_order, path = REPORTS_PART, (0,), page_paths.WORK_REPORT
        else:
            part, part_order, path = groups[group_id], (1, program_of[group_id], task_position), page_paths.MY_WORK
        out[digest_id].append(_Item(escalation, body, body_order, part, part_order,
                                    page_paths.WORKSPACE if escalation else path,
                                    f"{what}: {status(due_on, today)}", (today - due_on).days))
    return out


def _compose(settings: Settings, user: User, today: date, items: list[_Item],
             overview: dict[str, list[str]] | None, closing: str) -> tuple[str, str]:
    """Subject and body of one digest, in Vietnamese."""
    base = settings.base_url
    own = [i for i in items if not i.escalation]
    escalated = [i for i in items if i.escalation]
    counts = [(sum(1 for i in own if i.late > 0), "việc quá hạn"),
              (sum(1 for i in own if i.late <= 0), "việc đến hạn"),
              (len(escalated), "việc quá hạn báo cáo vượt cấp")]
    summary = ", ".join(f"{n} {what}" for n, what in counts if n)
    year, week, _ = today.isocalendar()
    if overview:
        weekly = f"tổng hợp tuần {week}/{year}: {len(overview)} cơ quan, đơn vị có việc quá hạn"
        summary = f"{summary}; {weekly}" if summary else weekly
    sections = []
    if own:
        sections.append(("VIỆC CỦA CƠ QUAN, ĐƠN VỊ ĐẾN HẠN, QUÁ HẠN", _by_body(own, base, per_part=True)))
    if escalated:
        sections.append(("BÁO CÁO VƯỢT CẤP: VIỆC QUÁ HẠN KÉO DÀI", _by_body(escalated, base, per_part=False)))
    if overview:
        lines = [f"Chi tiết tại: {page_paths.link(base, page_paths.DASHBOARD)}"]
        for body, body_lines in overview.items():
            lines += ["", f"{body}:"] + [f"  - {line}" for line in body_lines]
        sections.append((f"TỔNG HỢP TUẦN {week}/{year}: VIỆC QUÁ HẠN THEO CƠ QUAN, ĐƠN VỊ", lines))
    numerals = ("I", "II", "III")
    text = [document_date(today), "", f"Kính gửi: {user.full_name or user.username},", "",
            f"Tổng hợp nhắc việc tính đến ngày {today:%d/%m/%Y}: {summary}."]
    for numeral, (title, lines) in zip(numerals, sections):
        text += ["", f"{numeral}. {title}", *lines]
    text += ["", closing]
    return f"[Nhắc việc ngày {today:%d/%m/%Y}] {summary[:1].upper()}{summary[1:]}", "\n".join(text)


def _by_body(items: list[_Item], base: str, per_part: bool) -> list[str]:
    """Lines grouped by body, then by part (reports first, then task groups in program order)."""
    bodies: dict[tuple, dict[tuple, list[_Item]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        bodies[(item.body_order, item.body)][(item.part, item.path)].append(item)
    lines = []
    for number, ((_, body), parts) in enumerate(sorted(bodies.items()), start=1):
        heading = f"{number}. {body}"
        if not per_part:
            heading += f" (xem và đôn đốc tại: {page_paths.link(base, page_paths.WORKSPACE)})"
        lines += ["", heading]
        for (part, path), part_items in sorted(parts.items(), key=lambda kv: min(i.part_order for i in kv[1])):
            lines.append(f"   {part}" + (f" (xem và thực hiện tại: {page_paths.link(base, path)})" if per_part else ""))
            lines += [f"   - {i.line}" for i in sorted(part_items, key=lambda i: (-i.late, i.line))]
    return lines
