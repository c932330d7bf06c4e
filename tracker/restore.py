"""Verified restore of a backup archive (tracker.backup writes them) into an empty database and data dir.

The archive is untrusted: it is staged and verified before the empty target is touched (see ``restore``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from tracker import private_files
from tracker.backup import DATABASE_FILES, FORMAT, MANIFEST, pg_args, pg_tool, row_counts, run_tool, sha256_of
from tracker.config import Settings
from tracker.db import session_scope
from tracker.errors import TrackerError
from tracker.models import Evidence
from tracker.services import audit
from tracker.services.evidence import blob_path



class RestoreRefused(TrackerError):
    """A restore that did not happen: the archive or the target was refused, and the target is as before."""

    def __init__(self, message: str) -> None:
        line = " ".join(message.split())  # one line, whatever a library or an archive put in it
        super().__init__("".join(ch if ch.isprintable() else "?" for ch in line))


@dataclass
class RestoreReport:
    tables_checked: int = 0
    audit_events: int = 0
    evidence_files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


MANIFEST_MAX_BYTES = 64 << 20
EVIDENCE_FILE = re.compile(r"evidence/([0-9a-f]{2})/([0-9a-f]{2})/(\1\2[0-9a-f]{60})")
EVIDENCE_DIR = re.compile(r"evidence(/[0-9a-f]{2}(/[0-9a-f]{2})?)?")
MEMBER_KINDS = {tarfile.SYMTYPE: "liên kết tượng trưng", tarfile.LNKTYPE: "liên kết cứng",
                tarfile.CHRTYPE: "thiết bị", tarfile.BLKTYPE: "thiết bị", tarfile.FIFOTYPE: "FIFO"}
MB = 1 << 20


def restore(engine: Engine, settings: Settings, archive: Path) -> RestoreReport:
    """Restore ``archive`` into the empty configured database and data directory, verified before it lands.

    The archive is untrusted. Its members are extracted one at a time into a private staging folder
    inside the data directory: only the names this format writes (manifest, database, evidence by
    hash), only regular files, each and all under a size cap, read no further than the cap. Every
    hash (the database's always) is checked against the manifest, then row counts and the audit
    chain; only then does anything move into place. On any failure RestoreRefused is raised (one
    line naming the problem) and the database and evidence folder are left as they were: empty.
    """
    engine_name = "sqlite" if settings.is_sqlite else "postgresql"
    if inspect(engine).get_table_names():
        raise RestoreRefused("Cơ sở dữ liệu đích không trống; chỉ khôi phục vào cơ sở dữ liệu mới, trống.")
    evidence_dir = settings.evidence_dir
    if evidence_dir.exists() and any(evidence_dir.iterdir()):
        raise RestoreRefused(f"Thư mục minh chứng {evidence_dir} không trống.")
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=settings.ensure_data_dir()))  # 0700, same disk
    try:
        try:
            manifest = _extract(archive, staging, engine_name, settings)
        except (OSError, EOFError, ValueError, zlib.error, tarfile.TarError) as exc:
            raise RestoreRefused(f"Tệp sao lưu hỏng hoặc không đọc được ({archive.name}): {exc}") from exc
        install = _install_sqlite if settings.is_sqlite else _install_postgresql
        return install(engine, settings, staging, manifest)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        raise RestoreRefused(f"Cơ sở dữ liệu trong bản sao lưu không dùng được: {exc}") from exc
    except OSError as exc:
        raise RestoreRefused(f"Không ghi được vào thư mục dữ liệu {settings.data_dir}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(archive: Path, staging: Path, engine_name: str, settings: Settings) -> dict:
    """Stream the members into ``staging`` under the rules above; return the checked manifest."""
    caps = {MANIFEST: (MANIFEST_MAX_BYTES, "giới hạn của manifest"),
            DATABASE_FILES[engine_name]: (settings.restore_max_mb * MB, "TRACKER_RESTORE_MAX_MB")}
    total_cap = settings.restore_max_mb * MB
    staged: dict[str, Path] = {}
    total = 0
    if not archive.is_file():
        raise RestoreRefused(f"Không tìm thấy tệp sao lưu {archive}.")
    with archive.open("rb") as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
        for member in tar:
            if member.isdir() and EVIDENCE_DIR.fullmatch(member.name):
                continue  # folders are made as files need them
            kind = MEMBER_KINDS.get(member.type, "tệp thưa (sparse)" if member.issparse() else None)
            if kind or not (member.isreg() or member.isdir()):
                raise RestoreRefused(f"Bản sao lưu bị từ chối: mục {member.name!r:.120} là {kind or 'loại mục lạ'}; "
                                     "chỉ nhận tệp thường và thư mục.")
            path = _confined(staging, member.name, engine_name)  # a folder outside the layout stops here too
            if member.isdir() or member.name in staged:
                raise RestoreRefused(f"Bản sao lưu bị từ chối: mục {member.name} là thư mục hoặc xuất hiện hai lần.")
            cap, setting = caps.get(member.name, (settings.evidence_max_mb * MB, "TRACKER_EVIDENCE_MAX_MB"))
            if member.size > cap:
                raise RestoreRefused(f"Bản sao lưu bị từ chối: {member.name} ({member.size / MB:.3g} MB) vượt giới hạn "
                                     f"{cap / MB:g} MB ({setting}).")
            total += member.size
            if total > total_cap:
                raise RestoreRefused(f"Bản sao lưu bị từ chối: tổng các tệp vượt giới hạn {total_cap / MB:g} MB "
                                     "(TRACKER_RESTORE_MAX_MB).")
            private_files.make_dirs(path.parent)
            with tar.extractfile(member) as source, private_files.create_file(path) as out:
                shutil.copyfileobj(source, out, MB)  # reads exactly member.size bytes (checked above)
            staged[member.name] = path
    if MANIFEST not in staged:
        raise RestoreRefused("Bản sao lưu bị từ chối: thiếu manifest.json.")
    manifest = _read_manifest(staged.pop(MANIFEST), engine_name)
    listed = {**manifest["files"], **manifest["evidence"]}
    for name in listed:
        _confined(staging, name, engine_name)
    if missing := sorted(set(listed) - set(staged)):
        raise RestoreRefused(f"Bản sao lưu bị từ chối: manifest ghi {missing[0]} nhưng tệp không có trong bản sao lưu.")
    if extra := sorted(set(staged) - set(listed)):
        raise RestoreRefused(f"Bản sao lưu bị từ chối: {extra[0]} không có trong manifest.")
    for name, sha in listed.items():
        if sha256_of(staged[name]) != sha:
            raise RestoreRefused(f"Bản sao lưu bị từ chối: {name}: mã băm không khớp với manifest.")
    return manifest


def _confined(root: Path, name: str, engine_name: str) -> Path:
    """``root / name`` if ``name`` is one this format writes for ``engine_name`` and resolves inside ``root``."""
    if not (name in (MANIFEST, DATABASE_FILES[engine_name]) or EVIDENCE_FILE.fullmatch(name)):
        raise RestoreRefused(f"Bản sao lưu bị từ chối: đường dẫn {name!r:.120} không thuộc bản sao lưu "
                             f"(chỉ nhận {MANIFEST}, {DATABASE_FILES[engine_name]}, evidence/ab/cd/<sha256>).")
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise RestoreRefused(f"Bản sao lưu bị từ chối: đường dẫn {name!r:.120} ra ngoài thư mục khôi phục.")
    return path


def _read_manifest(path: Path, engine_name: str) -> dict:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as exc:
        raise RestoreRefused(f"Bản sao lưu bị từ chối: manifest.json không đọc được ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RestoreRefused("Tệp không phải bản sao lưu của hệ thống này.")
    if manifest.get("engine") != engine_name:
        raise RestoreRefused(f"Bản sao lưu của {manifest.get('engine')!r:.40}; cấu hình hiện tại dùng cơ sở dữ liệu khác.")
    shapes = {"files": dict, "evidence": dict, "row_counts": dict, "audit": dict}
    if bad := [key for key, kind in shapes.items() if not isinstance(manifest.get(key), kind)]:
        raise RestoreRefused(f"Bản sao lưu bị từ chối: manifest.json thiếu hoặc sai trường {bad[0]!r}.")
    database = DATABASE_FILES[engine_name]
    if set(manifest["files"]) != {database}:
        raise RestoreRefused(f"Bản sao lưu bị từ chối: manifest.json phải ghi mã băm của {database} (và chỉ tệp đó).")
    for name, sha in manifest["evidence"].items():
        match = EVIDENCE_FILE.fullmatch(name) if isinstance(name, str) else None
        if match and sha != match.group(3):
            raise RestoreRefused(f"Bản sao lưu bị từ chối: {name}: tên không khớp mã băm ghi trong manifest.")
    return manifest


def _install_sqlite(engine: Engine, settings: Settings, staging: Path, manifest: dict) -> RestoreReport:
    """Verify the staged database and files, then copy the database into place and move the files."""
    staged = staging / DATABASE_FILES["sqlite"]
    with closing(sqlite3.connect(staged)) as check:
        problem = check.execute("PRAGMA quick_check").fetchone()[0]
    if problem != "ok":
        raise RestoreRefused(f"Cơ sở dữ liệu trong bản sao lưu bị hỏng: {problem}")
    staged_engine = create_engine(f"sqlite:///{staged}")
    try:
        report = _verify(staged_engine, manifest, staging / "evidence")
    finally:
        staged_engine.dispose()
    engine.dispose()
    target = Path(make_url(settings.sqlalchemy_url).database)
    private_files.make_dirs(target.parent)
    private_files.touch(target)
    with closing(sqlite3.connect(staged)) as source, closing(sqlite3.connect(target)) as dest:
        source.backup(dest)
    try:
        _move_evidence(staging, settings.evidence_dir)
    except BaseException:
        with closing(sqlite3.connect(":memory:")) as empty, closing(sqlite3.connect(target)) as dest:
            empty.backup(dest)  # back to an empty database
        raise
    return report


def _install_postgresql(engine: Engine, settings: Settings, staging: Path, manifest: dict) -> RestoreReport:
    """pg_restore in one transaction, verify, move the files; on failure drop what the restore created."""
    before = _pg_objects(engine)
    args, env = pg_args(settings.sqlalchemy_url)
    try:
        run_tool([pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction", *args,
              str(staging / DATABASE_FILES["postgresql"])], env)
    except TrackerError as exc:  # one transaction: nothing of it stays
        raise RestoreRefused(f"Cơ sở dữ liệu trong bản sao lưu không dùng được: {exc}") from exc
    try:
        report = _verify(engine, manifest, staging / "evidence")
        _move_evidence(staging, settings.evidence_dir)
    except BaseException:
        _pg_drop(engine, _pg_objects(engine) - before)
        raise
    return report


PG_OBJECTS = text("""
    SELECT 'TABLE', c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
    UNION ALL SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
           c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('S', 'v', 'm')
    UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.oid::regprocedure::text
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()
    UNION ALL SELECT 'TYPE', t.oid::regtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd', 'r')
""")
PG_DROP_ORDER = ("TABLE", "MATERIALIZED VIEW", "VIEW", "SEQUENCE", "FUNCTION", "PROCEDURE", "TYPE")


def _pg_objects(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return {(kind, name) for kind, name in conn.execute(PG_OBJECTS)}


def _pg_drop(engine: Engine, objects: set[tuple[str, str]]) -> None:
    """Drop ``objects`` (what a failed restore created), tables first; CASCADE takes triggers along."""
    with engine.begin() as conn:
        for kind in PG_DROP_ORDER:
            for name in sorted(name for k, name in objects if k == kind):
                conn.execute(text(f"DROP {kind} IF EXISTS {name} CASCADE"))


def _move_evidence(staging: Path, evidence_dir: Path) -> None:
    """Move the staged evidence folder into place (the target is missing or empty: checked before)."""
    if not (staging / "evidence").is_dir():
        return
    if evidence_dir.exists():
        evidence_dir.rmdir()
    os.replace(staging / "evidence", evidence_dir)


def _verify(engine: Engine, manifest: dict, evidence_root: Path) -> RestoreReport:
    """Row counts, the audit chain and head, and a verified file for every evidence row; refuse on any problem."""
    report = RestoreReport()
    counts = row_counts(engine)
    for table, expected in manifest["row_counts"].items():
        report.tables_checked += 1
        if counts.get(table) != expected:
            report.problems.append(f"bảng {table}: {counts.get(table)} dòng, bản sao lưu ghi {expected}")
    with session_scope(engine, read_only=True) as s:
        result = audit.verify(s)
        report.audit_events = result.checked
        if not result.ok:
            report.problems.append(f"nhật ký: {result.problem}")
        if (result.checked, result.head_hash) != (manifest["audit"].get("count"), manifest["audit"].get("head")):
            report.problems.append("đầu chuỗi nhật ký khác với lúc sao lưu")
        for sha in s.exec(select(Evidence.sha256).where(Evidence.sha256.is_not(None)).distinct()).scalars():
            report.evidence_files += 1
            if f"evidence/{sha[:2]}/{sha[2:4]}/{sha}" not in manifest["evidence"] \
                    or not blob_path(sha, evidence_root).is_file():
                report.problems.append(f"tệp minh chứng {sha[:12]}… thiếu trong bản sao lưu")
    if report.problems:
        more = f" (và {len(report.problems) - 1} lỗi khác)" if len(report.problems) > 1 else ""
        raise RestoreRefused(f"Kiểm tra bản sao lưu không khớp: {report.problems[0]}{more}.")
    return report
