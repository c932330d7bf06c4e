"""`remind`, `outbox` and `worker`: reminders from the shell."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tracker.config import get_settings
from tracker.db import check_connection, get_engine, session_scope
from tracker.errors import TrackerError
from tracker.models import Reminder
from tracker.notify import outbox
from tracker.services import catalog, reminders


def register(commands) -> None:
    remind = commands.add_parser("remind", help="run one reminder sweep (as of a date) and deliver",
                                 description="Decide which reminders are owed as of the date, gather them into one "
                                             "digest per recipient, then deliver the outbox. --dry-run only prints "
                                             "the decisions.")
    remind.add_argument("--as-of", type=_date, help="the day to sweep as (YYYY-MM-DD; default today)")
    remind.add_argument("--dry-run", action="store_true", help="print what would be queued; send nothing")
    remind.add_argument("--program", help="only the reminders of this program (code; default: every program)")
    remind.set_defaults(handler=run_remind)

    box = commands.add_parser("outbox", help="list or retry queued reminders",
                              description="Inspect the outbox of reminders, or put failed ones back in the queue.")
    sub = box.add_subparsers(dest="outbox_command", metavar="ACTION")
    sub.required = True
    lst = sub.add_parser("list", help="list reminders", description="List reminders, newest first.")
    lst.add_argument("--state", choices=("pending", "sent", "failed", "cancelled"))
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(handler=run_list)
    retry = sub.add_parser("retry", help="retry failed reminders", description="Queue failed reminders again.")
    retry.set_defaults(handler=run_retry)

    worker = commands.add_parser("worker", help="run the scheduler (sweep and digests daily, send every minute)",
                                 description="Run APScheduler in the foreground until interrupted.")
    worker.set_defaults(handler=run_worker)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise TrackerError(f"Ngày {text!r} không đúng dạng YYYY-MM-DD.") from exc


def _engine():
    engine = get_engine()
    check_connection(engine)
    return engine


def run_remind(args) -> int:
    from tracker.clock import local_today

    engine, settings = _engine(), get_settings()
    today = args.as_of or local_today()
    with session_scope(engine) as session:
        program_id = catalog.get_program(session, args.program).id if args.program else None
        result = reminders.sweep(session, settings, today, dry_run=args.dry_run, program_id=program_id)
        for d in result.decisions:
            print(f"{d.channel:<6} {d.step:<11} {d.subject.kind:<10} {d.subject.label:<10} "
                  f"{d.subject.org.code:<12} -> {d.user.username}")
    if args.dry_run:
        print(f"Chạy thử: {len(result.decisions)} nhắc việc sẽ được xếp hàng; không gửi gì.")
        return 0
    report = outbox.deliver(engine, settings)
    with session_scope(engine) as session:
        remaining = outbox.waiting(session)
    print(f"Ngày {today:%d/%m/%Y}: {result.queued} nhắc việc mới, gộp vào {result.digests} bản tổng hợp; "
          f"đã gửi {report.sent}, thử lại sau {report.retried}, thất bại {report.failed}"
          + ("; một tiến trình khác đang gửi" if report.skipped_no_lease else "") + ".")
    print(f"Còn {remaining} thư, thông báo chưa gửi; tiến trình worker (python -m tracker worker) sẽ gửi tiếp."
          if remaining else "Đã gửi hết, không còn thư, thông báo nào chờ gửi.")
    return 0


def run_list(args) -> int:
    with session_scope(_engine()) as session:
        stmt = select(Reminder).order_by(Reminder.id.desc()).limit(args.limit)
        if args.state:
            stmt = stmt.where(Reminder.state == args.state)
        for r in session.exec(stmt):
            print(f"{r.id:>6} {r.state:<9} {r.channel:<6} {r.attempts} {r.recipient_email or r.recipient_user_id} "
                  f"{r.subject[:70]} {r.last_error[:60]}")
    return 0


def run_retry(_args) -> int:
    with session_scope(_engine()) as session:
        count = outbox.retry_failed(session)
    print(f"Đã đưa lại {count} nhắc việc thất bại vào hàng đợi.")
    return 0


def run_worker(_args) -> int:
    from tracker import worker

    _engine()
    worker.main()
    return 0
