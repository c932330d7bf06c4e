"""`program`: the programs this instance follows (`program list`)."""

from __future__ import annotations

import json
import sys
from datetime import date

from tracker.clock import local_today
from tracker.db import check_connection, get_engine, session_scope
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
