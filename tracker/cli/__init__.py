"""Command line: `python -m tracker COMMAND`. Each command module registers its own sub-parser."""

from __future__ import annotations

import argparse
import sys

from tracker import __version__
from tracker.cli import (audit_cmd, backup_cmd, demo_cmd, export_cmd, orgs_cmd, program_cmd, remind_cmd, report_cmd,
                         setup_cmd, user_cmd)
from tracker.errors import TrackerError

COMMAND_MODULES = (setup_cmd, export_cmd, user_cmd, audit_cmd, demo_cmd, remind_cmd, report_cmd, backup_cmd, orgs_cmd,
                   program_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tracker",
        description="tracker — theo dõi thực hiện Chương trình hành động (follow-up of an Action Program).",
    )
    parser.add_argument("--version", action="version", version=f"tracker {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; a TrackerError is printed as a clear message (exit 2), never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except TrackerError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
