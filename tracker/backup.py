"""Online backup and verified restore: database + evidence files + a manifest of SHA-256 sums.

The archive (tar.gz) holds ``manifest.json`` (row counts per table, audit head, file hashes),
``database.sqlite`` (SQLite's online backup API) or ``database.pgdump`` (pg_dump custom format),
and ``evidence/...`` as stored. Restore writes into the empty database and data directory the
configuration names, then checks row counts, the audit chain and every evidence hash.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (all tables)
from tracker.config import Settings
from tracker.db import session_scope
from tracker.errors import TrackerError
from tracker.models import Evidence
from tracker.services import audit
from tracker.services.evidence import blob_path

FORMAT = "tracker-backup/1"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else (shutil.which(name) or name)


def _pg_args(url: str) -> tuple[list[str], dict]:
    u = make_url(url)
    args = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres", "-d", u.database]
    return args, ({"PGPASSWORD": u.password} if u.password else {})


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in sorted(SQLModel.metadata.tables.items())}


def create(engine: Engine, settings: Settings, output: Path) -> dict:
    """Write a backup archive to ``output``; returns its manifest.

    Counts and the audit head describe exactly what the dump holds: they are read from the SQLite
    backup file, or on PostgreSQL inside the snapshot that pg_dump is told to use.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if settings.is_sqlite:
            db_file = work / "database.sqlite"
            source = sqlite3.connect(make_url(settings.sqlalchemy_url).database)
            with sqlite3.connect(db_file) as target:
                source.backup(target)  # a consistent snapshot while others keep writing
            source.close()
            counts, head = _sqlite_counts(db_file)
        else:
            db_file = work / "database.pgdump"
            counts, head = _pg_dump_snapshot(engine, settings, db_file)
        files = {db_file.name: _sha256(db_file)}
        manifest = {"format": FORMAT, "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "engine": "sqlite" if settings.is_sqlite else "postgresql", "row_counts": counts,
                    "audit": head, "files": files, "evidence": {}}
        with tarfile.open(output, "w:gz") as tar:
            tar.add(db_file, arcname=db_file.name)
            for path in sorted(settings.evidence_dir.rglob("*")) if settings.evidence_dir.exists() else []:
                if path.is_file() and len(path.name) == 64:
                    arcname = f"evidence/{path.relative_to(settings.evidence_dir).as_posix()}"
                    tar.add(path, arcname=arcname)
                    manifest["evidence"][arcname] = _sha256(path)
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return manifest


def _pg_dump_snapshot(engine: Engine, settings: Settings, db_file: Path) -> tuple[dict, dict]:
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        counts = {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                  for name, table in sorted(SQLModel.metadata.tables.items())}
        row = conn.execute(text("SELECT count, head_hash FROM audithead WHERE id = 1")).first()
        args, env = _pg_args(settings.sqlalchemy_url)
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--snapshot={snapshot}", "-f", str(db_file),
              *args], env)
    return counts, {"count": row[0] if row else 0, "head": row[1] if row else audit.GENESIS}


def _sqlite_counts(path: Path) -> tuple[dict[str, int], dict]:
    with sqlite3.connect(path) as conn:
        counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                  for name in sorted(SQLModel.metadata.tables)}
        row = conn.execute("SELECT count, head_hash FROM audithead WHERE id = 1").fetchone()
    return counts, {"count": row[0] if row else 0, "head": row[1] if row else audit.GENESIS}


def _run(command: list[str], env: dict) -> None:
    import os
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env})
    if result.returncode != 0:
        raise TrackerError(f"{Path(command[0]).name} thất bại: {result.stderr.strip()[:500]}")


@dataclass
class RestoreReport:
    tables_checked: int = 0
    audit_events: int = 0
    evidence_files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def restore(engine: Engine, settings: Settings, archive: Path) -> RestoreReport:
    """Restore ``archive`` into the (empty) configured database and data directory, then verify."""
    if inspect(engine).get_table_names():
        raise TrackerError("Cơ sở dữ liệu đích không trống; chỉ khôi phục vào cơ sở dữ liệu mới, trống.")
    evidence_dir = settings.evidence_dir
    if evidence_dir.exists() and any(evidence_dir.iterdir()):
        raise TrackerError(f"Thư mục minh chứng {evidence_dir} không trống.")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, filter="data")
        work = Path(tmp)
        manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise TrackerError("Tệp không phải bản sao lưu của hệ thống này.")
        report = RestoreReport()
        for name, sha in manifest["files"].items():
            if _sha256(work / name) != sha:
                report.problems.append(f"{name}: mã băm không khớp")
        if manifest["engine"] != ("sqlite" if settings.is_sqlite else "postgresql"):
            raise TrackerError(f"Bản sao lưu của {manifest['engine']}; cấu hình hiện tại dùng cơ sở dữ liệu khác.")
        if settings.is_sqlite:
            engine.dispose()
            target = Path(make_url(settings.sqlalchemy_url).database)
            target.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(work / "database.sqlite") as source, sqlite3.connect(target) as dest:
                source.backup(dest)
        else:
            args, env = _pg_args(settings.sqlalchemy_url)
            _run([_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", *args, str(work / "database.pgdump")], env)
        for arcname, sha in manifest["evidence"].items():
            dest = evidence_dir / Path(arcname).relative_to("evidence")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / arcname, dest)
    return verify_restored(engine, manifest, report)


def verify_restored(engine: Engine, manifest: dict, report: RestoreReport) -> RestoreReport:
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
        if (result.checked, result.head_hash) != (manifest["audit"]["count"], manifest["audit"]["head"]):
            report.problems.append("đầu chuỗi nhật ký khác với lúc sao lưu")
        for sha in s.exec(select(Evidence.sha256).where(Evidence.sha256.is_not(None)).distinct()).scalars():
            path = blob_path(sha)
            report.evidence_files += 1
            if not path.exists() or _sha256(path) != sha:
                report.problems.append(f"tệp minh chứng {sha[:12]}… thiếu hoặc sai mã băm")
    return report
