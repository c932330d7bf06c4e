"""`backup` and `restore`: an online backup with evidence files, and a verified restore."""

from __future__ import annotations

import sys
from pathlib import Path

from tracker import backup, restore
from tracker.config import get_settings
from tracker.db import check_connection, get_engine


def register(commands) -> None:
    b = commands.add_parser("backup", help="online backup of the database and evidence files",
                            description="Write a .tar.gz with the database (SQLite backup API or pg_dump), the "
                                        "evidence files and a manifest of SHA-256 sums, while users keep working.")
    b.add_argument("-o", "--output", type=Path, required=True)
    b.set_defaults(handler=run_backup)
    r = commands.add_parser("restore", help="restore a backup into an empty database and data directory",
                            description="Restore into the empty database and data directory of the configuration, "
                                        "then verify row counts, the audit chain and every evidence hash.")
    r.add_argument("archive", type=Path)
    r.set_defaults(handler=run_restore)


def run_backup(args) -> int:
    engine, settings = get_engine(), get_settings()
    check_connection(engine)
    manifest = backup.create(engine, settings, args.output)
    rows = sum(manifest["row_counts"].values())
    print(f"Đã sao lưu vào {args.output}: {rows} dòng dữ liệu, {len(manifest['evidence'])} tệp minh chứng, "
          f"nhật ký {manifest['audit']['count']} sự kiện (đầu chuỗi {manifest['audit']['head'][:16]}…).")
    return 0


def run_restore(args) -> int:
    """Exit 0 on a verified restore; 1, one line on stderr and the target untouched, on any refusal."""
    engine, settings = get_engine(), get_settings()
    check_connection(engine)
    try:
        report = restore.restore(engine, settings, args.archive)
    except restore.RestoreRefused as exc:
        print(f"Lỗi: khôi phục bị hủy, không thay đổi gì — {exc}", file=sys.stderr)
        return 1
    print(f"Đã khôi phục: kiểm tra {report.tables_checked} bảng, {report.audit_events} sự kiện nhật ký, "
          f"{report.evidence_files} tệp minh chứng.")
    print("Kết quả kiểm tra: khớp hoàn toàn với bản sao lưu.")
    return 0
