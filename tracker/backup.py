"""Online backup: database + evidence files + a manifest of SHA-256 sums (restore: tracker.restore).

The archive (tar.gz) holds ``manifest.json`` (row counts per table, audit head, file hashes),
``database.sqlite`` (SQLite's online backup API) or ``database.pgdump`` (pg_dump custom format),
and ``evidence/...`` as stored; the archive is written 0600.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (all tables)
from tracker import private_files
from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.services import audit

FORMAT = "tracker-backup/1"
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else (shutil.which(name) or name)


def pg_args(url: str) -> tuple[list[str], dict]:
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
            db_file = work / DATABASE_FILES["sqlite"]
            source = sqlite3.connect(make_url(settings.sqlalchemy_url).database)
            with sqlite3.connect(db_file) as target:
                source.backup(target)  # a consistent snapshot while others keep writing
            source.close()
            counts, head = _sqlite_counts(db_file)
        else:
            db_file = work / DATABASE_FILES["postgresql"]
            counts, head = _pg_dump_snapshot(engine, settings, db_file)
        files = {db_file.name: sha256_of(db_file)}
        manifest = {"format": FORMAT, "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "engine": "sqlite" if settings.is_sqlite else "postgresql", "row_counts": counts,
                    "audit": head, "files": files, "evidence": {}}
        with private_files.create_file(output, exclusive=False) as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            tar.add(db_file, arcname=db_file.name)
            for path in sorted(settings.evidence_dir.rglob("*")) if settings.evidence_dir.exists() else []:
                if path.is_file() and len(path.name) == 64:
                    arcname = f"evidence/{path.relative_to(settings.evidence_dir).as_posix()}"
                    tar.add(path, arcname=arcname)
                    manifest["evidence"][arcname] = sha256_of(path)
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return manifest


def _pg_dump_snapshot(engine: Engine, settings: Settings, db_file: Path) -> tuple[dict, dict]:
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        counts = {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                  for name, table in sorted(SQLModel.metadata.tables.items())}
        row = conn.execute(text("SELECT count, head_hash FROM audithead WHERE id = 1")).first()
        args, env = pg_args(settings.sqlalchemy_url)
        run_tool([pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--snapshot={snapshot}", "-f", str(db_file),
              *args], env)
    return counts, {"count": row[0] if row else 0, "head": row[1] if row else audit.GENESIS}


def _sqlite_counts(path: Path) -> tuple[dict[str, int], dict]:
    with sqlite3.connect(path) as conn:
        counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                  for name in sorted(SQLModel.metadata.tables)}
        row = conn.execute("SELECT count, head_hash FROM audithead WHERE id = 1").fetchone()
    return counts, {"count": row[0] if row else 0, "head": row[1] if row else audit.GENESIS}


def run_tool(command: list[str], env: dict) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env})
    if result.returncode != 0:
        raise TrackerError(f"{Path(command[0]).name} thất bại: {result.stderr.strip()[:500]}")
