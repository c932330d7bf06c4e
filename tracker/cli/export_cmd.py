"""`export`: the whole program as open data (JSON document, or one CSV table)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tracker.db import check_connection, get_engine, session_scope
from tracker.errors import TrackerError
from tracker.services.export import CSV_TABLES, program_document, to_csv


def register(commands) -> None:
    export = commands.add_parser(
        "export", help="export the program (groups, tasks, targets, bodies, assignments)",
        description="Export the whole program in the documented shape of docs/export-format.md.")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
    export.add_argument("--table", choices=CSV_TABLES, default="tasks",
                        help="with --format csv: which table to write (default tasks)")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--program", help="program code (default: the only program)")
    export.set_defaults(handler=run_export)


def run_export(args) -> int:
    engine = get_engine()
    check_connection(engine)
    with session_scope(engine) as session:
        document = program_document(session, args.program)
    text = (json.dumps(document, ensure_ascii=False, indent=2) + "\n" if args.format == "json"
            else to_csv(document, args.table))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise TrackerError(f"Không ghi được tệp {args.output}: {exc.strerror or exc}") from exc
    print(f"Đã ghi {args.output}", file=sys.stderr)
    return 0
