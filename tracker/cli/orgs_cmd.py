"""`orgs`: the bodies as of a date, reorganisation events from a file, a province's list of bodies imported."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

from sqlmodel import select

from tracker.clock import local_today
from tracker.db import check_connection, get_engine, session_scope
from tracker.errors import InvalidInput, TrackerError
from tracker.models import Organisation
from tracker.services import org_import, registry, reorganisation
from tracker.services.actor import Actor
from tracker.text import printable

LIST_FIELDS = ("code", "name", "kind", "parent", "began_on", "ended_on", "successors")
SHORT = 60
ROLES = {"lead": "chủ trì", "coordinate": "phối hợp"}


def register(commands) -> None:
    orgs = commands.add_parser("orgs", help="bodies: list as of a date, reorganise, import a list",
                               description="The bodies (cơ quan) over time.")
    sub = orgs.add_subparsers(dest="orgs_command", metavar="ACTION")
    sub.required = True
    listing = sub.add_parser("list", help="the bodies alive on a date")
    listing.add_argument("--as-of", help="date (YYYY-MM-DD or DD/MM/YYYY; default today)")
    listing.add_argument("--all", action="store_true", help="include bodies that had ended by then")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(handler=run_list)
    reorganise = sub.add_parser("reorganise", help="apply reorganisation events from a YAML file")
    reorganise.add_argument("file", type=Path, help="events file (YAML) or a folder of them")
    reorganise.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    reorganise.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    reorganise.set_defaults(handler=run_reorganise)
    imports = sub.add_parser("import", help="create or update bodies from a CSV or XLSX list")
    imports.add_argument("file", type=Path, help="FILE.csv or FILE.xlsx")
    imports.add_argument("--dry-run", action="store_true", help="check and show; write nothing")
    imports.set_defaults(handler=run_import)


def parse_day(text: str | None) -> date:
    """A date as YYYY-MM-DD or DD/MM/YYYY (None: today)."""
    if not text:
        return local_today()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise InvalidInput(f"Ngày {text[:40]!r} không hợp lệ: ghi dạng YYYY-MM-DD hoặc DD/MM/YYYY.")


def _operator() -> Actor:
    return Actor.operator(f"cli:{os.environ.get('USER', 'unknown')}")


def _engine():
    engine = get_engine()
    check_connection(engine)
    return engine


def _short(text: str, width: int = SHORT) -> str:
    text = printable(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def list_rows(session, on: date, include_ended: bool) -> list[dict]:
    """The bodies alive on ``on`` (or every body, named as on ``on``) as plain rows."""
    if include_ended:
        ids = [o.id for o in session.exec(select(Organisation).order_by(Organisation.position, Organisation.id))]
        found = registry.bodies_as_of(session, ids, on)
        bodies = [found[i] for i in ids if i in found]
    else:
        bodies = registry.tree_as_of(session, on)
    codes = {o.id: o.code for o in session.exec(select(Organisation))}
    return [{"code": b.code, "name": b.name, "kind": b.kind, "parent": codes.get(b.parent_id, ""),
             "began_on": b.began_on.isoformat() if b.began_on else "",
             "ended_on": b.ended_on.isoformat() if b.ended_on else "", "successors": ";".join(b.successors)}
            for b in bodies]


def run_list(args) -> int:
    on = parse_day(args.as_of)
    with session_scope(_engine(), read_only=True) as session:
        rows = list_rows(session, on, args.all)
    if args.format == "json":
        sys.stdout.write(json.dumps({"as_of": on.isoformat(), "organisations": rows}, ensure_ascii=False,
                                    indent=2) + "\n")
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=LIST_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
    else:
        _print_tree(rows, on)
    return 0


def _print_tree(rows: list[dict], on: date) -> None:
    print(f"Các cơ quan ngày {on:%d/%m/%Y} ({len(rows)}):")
    children: dict[str, list[dict]] = {}
    codes = {r["code"] for r in rows}
    for r in rows:
        children.setdefault(r["parent"] if r["parent"] in codes else "", []).append(r)

    def show(parent: str, depth: int) -> None:
        for r in children.get(parent, []):
            notes = [f"từ {r['began_on']}" if r["began_on"] else "", f"kết thúc {r['ended_on']}" if r["ended_on"] else "",
                     f"kế thừa: {r['successors'].replace(';', ', ')}" if r["successors"] else ""]
            note = "; ".join(n for n in notes if n)
            print(f"{'  ' * depth}{r['code']:<16} {_short(r['name'])} [{r['kind']}]" + (f" ({note})" if note else ""))
            show(r["code"], depth + 1)

    show("", 0)


def run_reorganise(args) -> int:
    """Preview each event on the state the events before it leave (each applied in turn), then keep
    the whole transaction only when asked to: a dry run or a refusal rolls every event back."""
    specs = reorganisation.read_events(args.file)
    actor, today, engine = _operator(), local_today(), _engine()
    with session_scope(engine) as session:
        pending = _pending(session, specs, today)
        for spec in pending:
            _print_preview(reorganisation.preview(session, actor, spec))
            reorganisation.apply(session, actor, spec, today=today)  # later events see this one
        keep = bool(pending) and not args.dry_run and (args.yes or _confirm(len(pending)))
        if not keep:
            session.rollback()
            print("Không có sự kiện mới." if not pending else "Chạy thử: không ghi gì." if args.dry_run
                  else "Đã hủy: không ghi gì.")
            return 0 if args.dry_run or not pending else 1
    print("Đã áp dụng " + ", ".join(s.code for s in pending) + ".")
    return 0


def _pending(session, specs, today: date) -> list:
    """The events not applied yet (the others are reported as skipped); refuses any not yet in effect."""
    done = reorganisation.applied_codes(session)
    for spec in (s for s in specs if s.code in done):
        print(f"Bỏ qua {spec.code}: đã áp dụng trước đây.")
    pending = [s for s in specs if s.code not in done]
    early = [s for s in pending if s.effective_on > today]
    if early:
        raise InvalidInput("Chưa đến ngày có hiệu lực: " + ", ".join(
            f"{s.code} ({s.effective_on:%d/%m/%Y})" for s in early) + ". Không ghi gì.")
    return pending


def _confirm(count: int) -> bool:
    """Asked inside the transaction (the events are applied, not yet committed)."""
    if not sys.stdin.isatty():
        raise InvalidInput("Thêm --yes để áp dụng khi không chạy tương tác (hoặc --dry-run để xem trước).")
    return input(f"Áp dụng {count} sự kiện? [c/K] ").strip().lower() in ("c", "co", "có", "y", "yes")


def _print_preview(p) -> None:
    spec = p.spec
    print(f"== {spec.code} ({spec.kind}, hiệu lực {spec.effective_on:%d/%m/%Y}) {_short(spec.title, 80)}")
    for code in spec.ending:
        print(f"  {code} kết thúc:")
        for h in (h for h in p.handovers if h.from_code == code):
            to = ", ".join(f"{c} ({ROLES.get(r, r)})" for c, r in h.to) or "hủy (không có cơ quan kế thừa)"
            print(f"    {h.task_code} {_short(h.task_text, 50)} [{ROLES.get(h.role, h.role)}] → {to}")
    for u in p.users:
        print(f"  Tài khoản {u.username} ({u.from_code}) → {u.to_code or 'khóa'}")
    for w in p.warnings:
        print(f"  Cảnh báo: {w}")


def run_import(args) -> int:
    try:
        content = args.file.read_bytes()
    except OSError as exc:
        raise TrackerError(f"Không đọc được tệp {args.file}: {exc.strerror or exc}") from exc
    with session_scope(_engine()) as session:
        result = org_import.preview(session, _operator(), args.file.name, content)
        for body in result.create:
            print(f"Thêm mới: {body.code} {_short(body.name)}")
        for body, changes in result.update:
            print(f"Cập nhật: {body.code} " + "; ".join(
                f"{org_import.FIELD_LABELS[name]}: {_short(str(before or ''), 40)} → {_short(str(after or ''), 40)}"
                for name, (before, after) in changes.items()))
        for r in result.errors:
            print(f"Dòng {r.number}: {'; '.join(r.errors)}", file=sys.stderr)
        if not result.ok:
            session.rollback()
            raise InvalidInput(f"Tệp có {len(result.errors)} dòng lỗi; không ghi gì.")
        if args.dry_run:
            session.rollback()
            print("Chạy thử: không ghi gì.")
            return 0
        codes = org_import.apply(session, _operator(), result, local_today())
    print(f"Đã nhập {len(codes)} cơ quan ({len(result.create)} mới, {len(result.update)} cập nhật).")
    return 0
