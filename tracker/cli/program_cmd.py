"""`program`: the programs this instance follows (`program list`), and a new one read from its
document (`program import`)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

from tracker.clock import local_today
from tracker.db import check_connection, get_engine, session_scope
from tracker.program_import import proposal
from tracker.program_import.publish import publish
from tracker.services import program_overview
from tracker.services.actor import Actor
from tracker.text import printable

TITLE_WIDTH = 60


def register(commands) -> None:
    program = commands.add_parser("program", help="the programs followed (list)",
                                  description="The action programs and plans this instance follows.")
    actions = program.add_subparsers(dest="program_command", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser("list", help="every program side by side: tasks, open and overdue work, next review")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=run_list)
    imports = actions.add_parser(
        "import", help="read a program from its document (DOCX, PDF with text, TXT/MD) or a program export (JSON)",
        description="Propose the program a document states (groups, tasks, targets, baselines, section IV bodies "
                    "matched to the registry, review dates) and create it in one transaction; with --dry-run "
                    "print the proposal (--format json: the shape of `export`, which this command reads back).")
    imports.add_argument("file", type=Path, help="FILE.docx, FILE.pdf, FILE.txt, FILE.md or FILE.json")
    imports.add_argument("--dry-run", action="store_true", help="print the proposal; create nothing")
    imports.add_argument("--format", choices=("table", "json"), default="table")
    imports.add_argument("--code", help="the new program's code (default: from the resolution, e.g. CTHD-NQ42)")
    imports.add_argument("--accept-ocr", action="store_true",
                         help="apply the suggested corrections of likely OCR slips (listed otherwise)")
    imports.set_defaults(handler=run_import)


def run_list(args) -> int:
    engine = get_engine()
    check_connection(engine)
    today = local_today()
    with session_scope(engine, read_only=True) as session:
        rows = program_overview.overview(session, Actor.operator("cli:program", role="monitor"), today)
    if args.format == "json":
        sys.stdout.write(json.dumps({"as_of": today.isoformat(), "programs": rows}, ensure_ascii=False, indent=2)
                         + "\n")
        return 0
    print(f"Các chương trình đang theo dõi ({len(rows)}), ngày {today:%d/%m/%Y}:")
    for r in rows:
        title = printable(r["title"])
        title = title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"
        review = r["next_review"]
        print(f"{r['code']:<14} {r['number'] or '(chưa có số)':<14} {title}\n"
              f"{'':<14} {r['tasks']} nhiệm vụ, {r['targets']} chỉ tiêu, {r['assignments']} phân công đang mở, "
              f"{r['overdue']} quá hạn ({r['bodies_behind']} đơn vị)"
              + (f"; {review['title']} ngày {date.fromisoformat(review['due_on']):%d/%m/%Y}" if review else ""))
    return 0


def run_import(args) -> int:
    data = proposal.read_file(args.file)
    engine = get_engine()
    check_connection(engine)
    actor = Actor.operator(f"cli:{os.environ.get('USER', 'unknown')}", role="admin")
    with session_scope(engine) as session:
        found = proposal.propose(session, actor, data, args.file.name, args.code, local_today(), args.accept_ocr)
        document = found.document
        if args.dry_run:
            session.rollback()
        else:
            program = publish(session, actor, document)
    if args.dry_run and args.format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    _print_proposal(document)
    if args.dry_run:
        print("Chạy thử: chưa tạo gì.")
    else:
        print(f"Đã tạo chương trình {program.code} (mã số {program.id}).")
    return 0


def _print_proposal(document: dict) -> None:
    p, extra = document["program"], document.get("draft") or {}
    groups = document["task_groups"]
    tasks = sum(len(g["tasks"]) + sum(len(s["tasks"]) for s in g["subgroups"]) for g in groups)
    print(f"{p['code']}: {printable(p['title'])}")
    print(f"  {len(groups)} nhóm nhiệm vụ, {tasks} nhiệm vụ, {len(document['targets'])} chỉ tiêu, "
          f"{len(document['baselines'])} số liệu gốc, {len(document['milestones'])} mốc sơ kết/tổng kết, "
          f"{len(document['assignments'])} phân công đề xuất")
    print(f"  ban hành: {p.get('issuer') or '(chưa khớp: ' + extra.get('issuer_name', '') + ')'}; "
          f"theo dõi: {p.get('monitor') or '(chưa khớp: ' + extra.get('monitor_name', '') + ')'}")
    for clause in extra.get("clauses", []):
        for body in clause["bodies"]:
            if body["status"] == "unmatched":
                hint = f" — gợi ý: {', '.join(body['suggestions'])}" if body["suggestions"] else ""
                print(f"  {clause['label']}: chưa khớp “{printable(body['name'])}”{hint}")
    for flag in extra.get("flags", []):
        print(f"  dòng {flag['line']}: có thể lỗi nhận dạng “{printable(flag['found'])}”"
              + (f" → “{printable(flag['suggestion'])}”" if flag["suggestion"] else ""))
