"""`report`: the summary report from the command line, as DOCX or XLSX."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from tracker.clock import local_today
from tracker.db import check_connection, get_engine, session_scope
from tracker.documents import summary_docx, summary_xlsx
from tracker.errors import TrackerError
from tracker.models.vocab import SUMMARY_VOICES
from tracker.services import catalog, summary
from tracker.services.actor import Actor

PERIOD = re.compile(r"^\d{4}(-H[12]|-\d{4})?$")


def register(commands) -> None:
    report = commands.add_parser("report", help="build the summary report (DOCX or XLSX)",
                                 description="Draft the periodic, preliminary or final summary from the data.")
    report.add_argument("--kind", choices=("periodic", "preliminary", "final"), default="periodic")
    report.add_argument("--period", required=True, help="2026, 2026-H1, 2026-H2 or a range such as 2024-2027")
    report.add_argument("--format", choices=("docx", "xlsx"), default="docx")
    report.add_argument("--number", default="", help="the report's number (số), if already assigned")
    report.add_argument("--date", type=date.fromisoformat, help="date of issue (default today)")
    report.add_argument("--voice", choices=SUMMARY_VOICES, default="department",
                        help="the monitoring department's own report, or the one it drafts for the Standing Committee")
    report.add_argument("--signer", default="", help="the signer's full name")
    report.add_argument("--signer-form", choices=("head", "deputy", "collective"),
                        help="head (TRƯỞNG BAN), deputy (K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN) or collective "
                             "(T/M BAN THƯỜNG VỤ, the standing_committee voice); default by voice")
    report.add_argument("--program", help="program code (default: the first loaded; see `program list`)")
    report.add_argument("-o", "--output", type=Path, required=True)
    report.set_defaults(handler=run_report)


def run_report(args) -> int:
    if not PERIOD.match(args.period):
        raise TrackerError("Kỳ báo cáo phải có dạng 2026, 2026-H1, 2026-H2 hoặc 2024-2027.")
    engine = get_engine()
    check_connection(engine)
    actor = Actor.operator("cli:report", role="monitor")
    with session_scope(engine) as session:
        program = catalog.get_program(session, args.program)
        built = summary.build(session, actor, args.kind, args.period, args.date or local_today(), voice=args.voice,
                              signer_form=args.signer_form, signer=args.signer, number=args.number,
                              program_id=program.id)
    data = (summary_docx if args.format == "docx" else summary_xlsx).render(built)
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        raise TrackerError(f"Không ghi được tệp {args.output}: {exc.strerror or exc}") from exc
    print(f"Đã ghi {args.output} ({len(data) // 1024} KB).")
    return 0
