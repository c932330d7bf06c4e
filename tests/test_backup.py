"""A backup taken while writers are busy restores to an identical, verified database."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlmodel import select

from tests.conftest import make_actor, new_database
from tests.fixtures import files
from tests.fixtures.private import mode, private_tree, umask  # noqa: F401  (fixture)
from tests.stress.test_concurrency import writers
from tracker import backup, restore
from tracker.cli import main as cli_main
from tracker.config import PROJECT_ROOT, Settings, get_settings
from tracker.db import get_engine, make_engine, session_scope
from tracker.errors import TrackerError
from tracker.models import Assignment
from tracker.services import actions, evidence
from tracker.services.actions import ActionInput


@pytest.fixture
def restore_target(database_url, tmp_path):
    """Settings for an empty database and data directory of the same engine."""
    data_dir = tmp_path / "restored"
    with new_database(make_url(database_url).get_backend_name(), data_dir / "tracker.db") as url:
        yield Settings(data_dir=data_dir, database_url=url)


def test_backup_under_write_load_restores_verified(seeded, settings, database_url, restore_target, tmp_path,
                                                   monkeypatch):
    actor = make_actor(seeded, "writer", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        assignment_id = s.exec(select(Assignment.id).where(Assignment.organisation_id == actor.organisation_id)).first()
        action = actions.log_action(s, actor, assignment_id, ActionInput(date(2026, 3, 5), "Có minh chứng", 10),
                                    today=date(2026, 11, 29))
        for content in (files.PDF, files.png(), files.docx_file()):
            evidence.attach_file(s, actor, action.id, "minh-chung", content)
    procs = writers(database_url, str(settings.data_dir), assignment_id, actor, 1_000_000, 2)
    assert all(p.stdout.readline().startswith("ok ") for p in procs)  # both are writing now
    archive = tmp_path / "sao-luu.tar.gz"
    manifest = backup.create(seeded, settings, archive)
    assert all(p.poll() is None for p in procs), "the writers were still writing during the whole backup"
    for p in procs:  # they would go on for hours: stop them now
        p.kill()
        p.communicate(timeout=60)
    assert len(manifest["evidence"]) == 3 and manifest["row_counts"]["action"] >= 1

    monkeypatch.setenv("TRACKER_DATA_DIR", str(restore_target.data_dir))
    from tracker.config import get_settings
    get_settings.cache_clear()
    target_engine = make_engine(restore_target)
    report = restore.restore(target_engine, restore_target, archive)
    assert report.ok, report.problems
    assert report.evidence_files == 3 and report.audit_events == manifest["audit"]["count"]
    assert backup.row_counts(target_engine) == manifest["row_counts"]
    with pytest.raises(TrackerError, match="không trống"):
        restore.restore(target_engine, restore_target, archive)
    target_engine.dispose()


# --- Restore is a trust boundary: crafted archives are refused and the target stays empty ---------------

DATABASE = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}
PAYLOAD = b"%PDF-1.4 written where it does not belong\n"
PAYLOAD_SHA = hashlib.sha256(PAYLOAD).hexdigest()
PAYLOAD_NAME = f"evidence/{PAYLOAD_SHA[:2]}/{PAYLOAD_SHA[2:4]}/{PAYLOAD_SHA}"  # a well-formed evidence name
OUTSIDE = "elsewhere"  # a folder beside the data dir that a crafted path aims at


def evidence_name(content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    return f"evidence/{sha[:2]}/{sha[2:4]}/{sha}"


def member(name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, link: str = "", size: int | None = None):
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mode = kind, link, 0o644
    info.size = len(data) if size is None else size
    return info, data


def manifest_for(engine_name: str, db: bytes, **changes) -> bytes:
    manifest = {"format": backup.FORMAT, "engine": engine_name, "row_counts": {}, "audit": {"count": 0},
                "files": {DATABASE[engine_name]: hashlib.sha256(db).hexdigest()}, "evidence": {}}
    return json.dumps({**manifest, **changes}).encode()


def write_archive(path: Path, members, compress=True) -> Path:
    with tarfile.open(path, "w:gz" if compress else "w") as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return path


def crafted(case: str, engine_name: str, outside: Path, archive: Path) -> Path:
    """The archive for ``case``: each breaks one rule, the rest is well formed."""
    db = b"SQLite format 3\x00 (not really)" if engine_name == "sqlite" else b"PGDMP (not really)"
    database = member(DATABASE[engine_name], db)
    manifest = lambda **changes: member("manifest.json", manifest_for(engine_name, db, **changes))  # noqa: E731
    escape = "../" * 12 + str(outside / "x").lstrip("/")
    listed = lambda name: manifest(evidence={name: PAYLOAD_SHA})  # noqa: E731
    big = [bytes([n]) * 200_000 for n in (1, 2)]  # each under its cap, together over a 0.5 MB total
    members = {
        "symlink then path through it": [database, member("evidence/L", kind=tarfile.SYMTYPE, link=str(outside)),
                                         member(f"evidence/L/{escape}", PAYLOAD), listed(f"evidence/L/{escape}")],
        "evidence/../x": [database, member("evidence/../x", PAYLOAD), listed("evidence/../x")],
        "absolute path": [database, member(str(outside / "x"), PAYLOAD), listed(str(outside / "x"))],
        "manifest path escapes": [database, member(PAYLOAD_NAME, PAYLOAD), listed(f"evidence/{escape}")],
        "hard link": [database, member(PAYLOAD_NAME, kind=tarfile.LNKTYPE, link="/etc/passwd"), listed(PAYLOAD_NAME)],
        "character device": [database, member(PAYLOAD_NAME, kind=tarfile.CHRTYPE), listed(PAYLOAD_NAME)],
        "fifo": [database, member(PAYLOAD_NAME, kind=tarfile.FIFOTYPE), listed(PAYLOAD_NAME)],
        "folder outside the layout": [database, member("evidence/zz", kind=tarfile.DIRTYPE), manifest()],
        "evidence over its cap": [database, member(PAYLOAD_NAME, PAYLOAD * 60), listed(PAYLOAD_NAME)],
        "total over the cap": [member(DATABASE[engine_name], db * 10000), *[member(evidence_name(b), b) for b in big],
                               manifest(evidence={evidence_name(b): hashlib.sha256(b).hexdigest() for b in big})],
        "wrong database hash": [database, manifest(files={DATABASE[engine_name]: "0" * 64})],
        "empty files list": [database, manifest(files={})],
        "file not in the manifest": [database, member(PAYLOAD_NAME, PAYLOAD), manifest()],
        "listed file missing": [database, listed(PAYLOAD_NAME)],
        "evidence name not its hash": [database, member(PAYLOAD_NAME, b"other"), listed(PAYLOAD_NAME)],
        "missing manifest": [database],
        "manifest not JSON": [database, member("manifest.json", b"{not json")],
        "another format": [database, manifest(format="other/9")],
        "database not a database": [database, manifest()],
    }
    if case in members:
        return write_archive(archive, members[case])
    if case == "not gzip (plain tar)":
        return write_archive(archive, [database, manifest()], compress=False)
    if case == "garbage":
        archive.write_bytes(b"\x1f\x8b\x08\x00 garbage " * 40)
        return archive
    if case == "truncated":
        data = write_archive(archive, [member(DATABASE[engine_name], bytes(range(256)) * 400), manifest()]).read_bytes()
        archive.write_bytes(data[: len(data) // 2])
        return archive
    if case in ("300 MiB evidence, streamed", "300 MiB database, streamed"):
        # The header declares 300 MiB but only 4 KiB follow: a restore that read the member before
        # checking its size would fail on the missing bytes; one that checks first names the cap.
        name = PAYLOAD_NAME if case.startswith("300 MiB evidence") else DATABASE[engine_name]
        info, _ = member(name, size=300 * 1024 * 1024)
        archive.write_bytes(gzip.compress(info.tobuf(format=tarfile.GNU_FORMAT) + b"\0" * 4096))
        return archive
    raise AssertionError(case)


CASES = {  # case: what the one-line message names
    "symlink then path through it": "liên kết tượng trưng",
    "evidence/../x": "không thuộc bản sao lưu",
    "absolute path": "không thuộc bản sao lưu",
    "manifest path escapes": "không thuộc bản sao lưu",
    "hard link": "liên kết cứng",
    "character device": "thiết bị",
    "fifo": "FIFO",
    "folder outside the layout": "không thuộc bản sao lưu",
    "evidence over its cap": "TRACKER_EVIDENCE_MAX_MB",
    "total over the cap": "tổng các tệp vượt giới hạn 0.5 MB (TRACKER_RESTORE_MAX_MB)",
    "300 MiB evidence, streamed": "(300 MB) vượt giới hạn 20 MB (TRACKER_EVIDENCE_MAX_MB)",
    "300 MiB database, streamed": "(300 MB) vượt giới hạn 1 MB (TRACKER_RESTORE_MAX_MB)",
    "wrong database hash": "mã băm không khớp",
    "empty files list": "phải ghi mã băm của database.",
    "file not in the manifest": "không có trong manifest",
    "listed file missing": "tệp không có trong bản sao lưu",
    "evidence name not its hash": "mã băm không khớp",
    "missing manifest": "thiếu manifest.json",
    "manifest not JSON": "manifest.json không đọc được",
    "another format": "không phải bản sao lưu của hệ thống này",
    "database not a database": "Cơ sở dữ liệu trong bản sao lưu không dùng được",
    "not gzip (plain tar)": "hỏng hoặc không đọc được",
    "garbage": "hỏng hoặc không đọc được",
    "truncated": "hỏng hoặc không đọc được",
}
SMALL_CAPS = {"evidence over its cap": ("TRACKER_EVIDENCE_MAX_MB", "0.001"),
              "total over the cap": ("TRACKER_RESTORE_MAX_MB", "0.5"),
              "300 MiB database, streamed": ("TRACKER_RESTORE_MAX_MB", "1")}


@pytest.fixture
def cli_target(restore_target, monkeypatch):
    """The CLI pointed at the empty restore target."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", restore_target.database_url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(restore_target.data_dir))
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield restore_target
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def assert_untouched(settings: Settings, outside: Path) -> None:
    """The target is as it was: no table, no evidence, no staging left, nothing written outside."""
    engine = make_engine(settings)
    try:
        assert inspect(engine).get_table_names() == []
        if not settings.is_sqlite:  # nor a sequence, function or type left by a loaded dump
            assert restore._pg_objects(engine) == set()
    finally:
        engine.dispose()
    assert not settings.evidence_dir.exists() or not any(settings.evidence_dir.iterdir())
    assert not [p for p in settings.data_dir.iterdir() if p.name.startswith(".restore-")]
    assert not any(outside.rglob("*")) and not (outside.parent / "x").exists()


@pytest.mark.parametrize("case", CASES)
def test_a_crafted_archive_is_refused_in_one_line_and_the_target_stays_empty(case, cli_target, database_url, tmp_path,
                                                                            monkeypatch, capsys, record_property):
    if case in SMALL_CAPS:
        monkeypatch.setenv(*SMALL_CAPS[case])
        get_settings.cache_clear()
    outside = tmp_path / OUTSIDE
    outside.mkdir()
    engine_name = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    archive = crafted(case, engine_name, outside, tmp_path / "crafted.tar.gz")
    code = cli_main(["restore", str(archive)])
    out, err = capsys.readouterr()
    record_property("outcome", f"{code} | {err.strip()}")
    assert code == 1 and out == ""
    assert err.startswith("Lỗi: khôi phục bị hủy") and err.count("\n") == 1 and "Traceback" not in err
    assert CASES[case] in err
    assert_untouched(cli_target, outside)


def test_the_command_line_refuses_a_traversal_without_a_traceback(cli_target, tmp_path):
    """The same through a real process: exit 1, one line on stderr, nothing written."""
    outside = tmp_path / OUTSIDE
    outside.mkdir()
    engine_name = "sqlite" if cli_target.is_sqlite else "postgresql"
    for case in ("symlink then path through it", "garbage"):
        archive = crafted(case, engine_name, outside, tmp_path / f"{case[:7]}.tar.gz")
        result = subprocess.run([sys.executable, "-m", "tracker", "restore", str(archive)], capture_output=True,
                                text=True, env=os.environ, cwd=PROJECT_ROOT, timeout=300)
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr and CASES[case] in result.stderr
    assert_untouched(cli_target, outside)


def test_a_real_archive_whose_checks_fail_after_loading_leaves_the_target_empty(migrated, settings, restore_target,
                                                                                 tmp_path, monkeypatch):
    """Row counts that disagree (hashes all consistent): on PostgreSQL the loaded tables are dropped again."""
    archive = tmp_path / "real.tar.gz"
    backup.create(migrated, settings, archive)
    with tarfile.open(archive) as tar:
        contents = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(contents["manifest.json"])
    manifest["row_counts"]["organisation"] = 54
    contents["manifest.json"] = json.dumps(manifest).encode()
    write_archive(archive, [member(name, data) for name, data in contents.items()])
    target_engine = make_engine(restore_target)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(restore_target.data_dir))
    get_settings.cache_clear()
    with pytest.raises(restore.RestoreRefused, match="bảng organisation: 0 dòng, bản sao lưu ghi 54"):
        restore.restore(target_engine, restore_target, archive)
    target_engine.dispose()
    assert_untouched(restore_target, tmp_path / OUTSIDE)


def test_archive_and_restored_files_are_private_whatever_the_umask(umask, seeded, settings, restore_target,  # noqa: F811
                                                                    tmp_path, monkeypatch):
    actor = make_actor(seeded, "writer", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        assignment_id = s.exec(select(Assignment.id).where(Assignment.organisation_id == actor.organisation_id)).first()
        action = actions.log_action(s, actor, assignment_id, ActionInput(date(2026, 3, 5), "Có minh chứng", 10),
                                    today=date(2026, 11, 29))
        for content in (files.PDF, files.png()):
            evidence.attach_file(s, actor, action.id, "minh-chung", content)
    archive = tmp_path / "sao-luu.tar.gz"
    archive.write_bytes(b"an older file of that name, readable by all")
    archive.chmod(0o644)
    backup.create(seeded, settings, archive)
    assert mode(archive) == 0o600
    monkeypatch.setenv("TRACKER_DATA_DIR", str(restore_target.data_dir))
    get_settings.cache_clear()
    target_engine = make_engine(restore_target)
    assert restore.restore(target_engine, restore_target, archive).evidence_files == 2
    target_engine.dispose()
    assert len(list(restore_target.evidence_dir.rglob("*"))) == 6
    assert private_tree(restore_target.data_dir) == {}
