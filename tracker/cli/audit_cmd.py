"""`audit verify | head`: check the hash chain; print its head to keep elsewhere."""

from __future__ import annotations

from tracker.db import check_connection, get_engine, session_scope
from tracker.services import audit


def register(commands) -> None:
    cmd = commands.add_parser("audit", help="verify the audit trail or print its head hash",
                              description="The audit trail is hash-chained; verify walks it from the start.")
    sub = cmd.add_subparsers(dest="audit_command", metavar="ACTION")
    sub.required = True
    verify = sub.add_parser("verify", help="walk the chain and report the first broken link",
                            description="Exit 0 when intact, 1 with the first broken link otherwise.")
    verify.add_argument("--head", help="a head hash kept earlier: it must still be in the chain")
    verify.set_defaults(handler=run_verify)
    head = sub.add_parser("head", help="print the number of events and the head hash",
                          description="Print '<count> <sha256>' so it can be kept outside the database.")
    head.set_defaults(handler=run_head)


def _session():
    engine = get_engine()
    check_connection(engine)
    return session_scope(engine)


def run_verify(args) -> int:
    with _session() as session:
        result = audit.verify(session, expected_head=args.head)
    if result.ok:
        print(f"Nhật ký toàn vẹn: {result.checked} sự kiện, mã băm đầu chuỗi {result.head_hash}")
        return 0
    print(f"NHẬT KÝ BỊ THAY ĐỔI: {result.problem} (đã kiểm tra đúng {result.checked} sự kiện đầu)")
    return 1


def run_head(_args) -> int:
    with _session() as session:
        count, head_hash = audit.head(session)
    print(f"{count} {head_hash}")
    return 0
