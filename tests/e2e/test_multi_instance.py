"""The multi-instance deployment, started as an operator would with `make cluster`: PostgreSQL, two
Streamlit instances and one reminder worker on loopback from one configuration file, with nginx
(sticky sessions) in front. The loop journey runs across both instances and the proxy; then two
reminder sweeps started at the same moment, beside the running worker, send each reminder once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine
from sqlmodel import Session, select

from tests.conftest import missing
from tests.e2e.conftest import E2E_USER, add_account, free_port, wait_until_healthy
from tests.e2e.test_report_loop import (agency_logs_an_action_with_a_pdf_and_submits, agency_revises_and_resubmits,
                                        leader_sees_the_change, monitor_reviews)
from tests.fixtures import files
from tests.notify.conftest import Recorder
from tracker.config import PROJECT_ROOT
from tracker.models import Evidence, Reminder

pytestmark = pytest.mark.e2e
SWEEP_DAY = date(2026, 12, 16)  # 2026-H1 reports overdue, 2026-H2 reports due the day before


@dataclass
class Cluster:
    instances: list[str]
    proxy: str
    env: dict[str, str]  # the cluster's configuration, for CLI commands run beside it
    data_dir: Path

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tracker", *args], text=True, cwd=PROJECT_ROOT,
                              env=self.env, check=True, capture_output=True, timeout=120)


def read_config(path: Path) -> dict[str, str]:
    """The variables the cluster's processes get, read the way deploy/local-cluster reads them."""
    out = subprocess.run(["bash", "-c", 'set -a; . "$1"; env -0', "-", str(path)], env={"PATH": os.environ["PATH"]},
                         check=True, capture_output=True, timeout=10).stdout.decode()
    pairs = (item.split("=", 1) for item in out.split("\0") if "=" in item)
    return {k: v for k, v in pairs if k.startswith(("TRACKER_", "STREAMLIT_"))}


@pytest.fixture(scope="module")
def smtp():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield recorder, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, smtp) -> Cluster:
    for ok, what in ((any(Path("/usr/lib/postgresql").glob("*/bin/postgres")), "PostgreSQL server not installed"),
                     (shutil.which("nginx") or Path("/usr/sbin/nginx").exists(), "nginx not installed (nginx-light)"),
                     (shutil.which("make"), "make not installed")):
        if not ok:
            missing(what)
    cluster_dir = tmp_path_factory.mktemp("cluster")
    pg_dir = tempfile.mkdtemp(prefix="tracker-cluster-pg-")  # under /tmp: reachable by the postgres user
    ports = [free_port(), free_port()]
    proxy_port = free_port()
    settings = {"CLUSTER_DIR": str(cluster_dir), "APP_PORTS": " ".join(map(str, ports)),
                "PROXY_PORT": str(proxy_port), "PG_PORT": str(free_port()), "PG_DIR": pg_dir,
                "TRACKER_SMTP_HOST": "127.0.0.1", "TRACKER_SMTP_PORT": str(smtp[1]),
                "TRACKER_SMTP_FROM": "nhacviec@laichau.dcs.vn",
                "INIT_ARGS": "--as-issued"}  # the report loop's bodies are the 2024 ones (tests/e2e/test_report_loop.py)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")} | settings
    log = (cluster_dir / "make.log").open("w")
    process = subprocess.Popen(["make", "--no-print-directory", "cluster"], cwd=PROJECT_ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    urls = [f"http://127.0.0.1:{port}" for port in (*ports, proxy_port)]
    try:
        try:
            for url in urls:
                wait_until_healthy(url, process, timeout=180)
        except (RuntimeError, TimeoutError) as exc:
            log.flush()
            said = (cluster_dir / "make.log").read_text()[-2000:]
            raise RuntimeError(f"{exc}; `make cluster` said:\n{said}") from exc
        config = read_config(cluster_dir / "tracker.env")
        yield Cluster(urls[:2], urls[2], {**env, **config}, Path(config["TRACKER_DATA_DIR"]))
    finally:
        with contextlib.suppress(ProcessLookupError):  # make may have stopped already (a failed start)
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        subprocess.run([str(PROJECT_ROOT / "deploy" / "start-postgres"), "--stop"], env={**env, "PG_DIR": pg_dir},
                       capture_output=True, timeout=60)
        shutil.rmtree(pg_dir, ignore_errors=True)
        log.close()


def processes_under(cluster_dir: Path) -> list[tuple[str, dict[str, str]]]:
    """Command line and TRACKER_* environment of every process whose data dir is this cluster's."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            environ = dict(item.split("=", 1) for item in (proc / "environ").read_bytes().decode().split("\0")
                           if item.startswith("TRACKER_") and "=" in item)
        except (OSError, UnicodeDecodeError):
            continue
        if environ.get("TRACKER_DATA_DIR", "").startswith(str(cluster_dir)):
            found.append((command, environ))
    return found


def test_every_process_runs_from_the_one_configuration(cluster):
    assert cluster.env["TRACKER_DATABASE_URL"].startswith("postgresql://")
    running = processes_under(cluster.data_dir)
    apps = [c for c, _ in running if "streamlit run tracker_app.py" in c]
    workers = [c for c, _ in running if "-m tracker worker" in c]
    assert sorted(url.rsplit(":", 1)[1] for url in cluster.instances) == sorted(
        c.split("--server.port ")[1].split()[0] for c in apps)
    assert len(workers) == 1, "exactly one reminder worker"
    config = {k: v for k, v in cluster.env.items() if k.startswith("TRACKER_")}
    for command, environ in running:
        assert {k: environ.get(k) for k in config} == config, command


def test_the_loop_across_two_instances_and_the_proxy_then_each_reminder_sent_once(cluster, browser, smtp, tmp_path):
    recorder = smtp[0]
    for username, role, org in ((E2E_USER, "monitor", "BTG-TU"), ("e2e.sinho", "agency", "HU-SINHO"),
                                ("e2e.bithu", "leader", "BTV-TU")):
        add_account(cluster.env, username, role, org, email=f"{username}@laichau.gov.vn")
    # 2 MB: nginx spools a body this large to a temporary file before passing it on.
    content = files.PDF + b"%" + b"0" * (2 << 20) + b"\n"
    pdf = tmp_path / "ke-hoach-tuyen-truyen.pdf"
    pdf.write_bytes(content)
    first, second = cluster.instances

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        # The upload goes through nginx: the sticky session keeps the upload on the session's instance.
        agency_logs_an_action_with_a_pdf_and_submits(page, cluster.proxy, pdf)
        monitor_reviews(page, first, accept=False)
        agency_revises_and_resubmits(page, second)
        monitor_reviews(page, second, accept=True)
        leader_sees_the_change(page, first)
    finally:
        context.close()

    engine = create_engine(cluster.env["TRACKER_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://"))
    with Session(engine) as session:
        stored = [cluster.data_dir / "evidence" / e.sha256[:2] / e.sha256[2:4] / e.sha256
                  for e in session.exec(select(Evidence).where(Evidence.sha256.is_not(None)))]
    assert [p.read_bytes() for p in stored] == [content], "the evidence sits in the shared data directory"

    # Two sweeps at the same moment (as two machines would), beside the worker's own sender.
    sweeps = [subprocess.Popen([sys.executable, "-m", "tracker", "remind", "--as-of", SWEEP_DAY.isoformat()],
                               cwd=PROJECT_ROOT, env=cluster.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True) for _ in range(2)]
    outputs = [s.communicate(timeout=120)[0] for s in sweeps]
    assert all(s.returncode == 0 for s in sweeps), outputs
    deadline = time.monotonic() + 150  # a sweep that found the lease taken leaves sending to its holder
    while time.monotonic() < deadline:
        with Session(engine) as session:
            pending = session.exec(select(Reminder).where(Reminder.channel == "email",
                                                          Reminder.state == "pending")).all()
        if not pending:
            break
        time.sleep(2)
    with Session(engine) as session:
        email = session.exec(select(Reminder).where(Reminder.channel == "email")).all()
    engine.dispose()

    assert email and {r.state for r in email} == {"sent"}, [(r.state, r.last_error) for r in email]
    received = Counter(recorder.keys())
    assert received and max(received.values()) == 1, f"duplicates: {received.most_common(3)}"
    # the day's digests, and the return of the report, which reached the body at once
    assert set(received) == {r.idempotency_key for r in email if r.rule in ("daily_digest", "report_returned")}
    assert any(key.startswith("report_returned:") for key in received)
    assert {m["To"] for m in recorder.messages} >= {"e2e.sinho@laichau.gov.vn"}
    # the worker's own sweep for the real today may send a digest too: one per recipient *and day*
    digests = Counter((m["To"], m["X-Tracker-Key"].split(":")[1]) for m in recorder.messages
                      if m["X-Tracker-Key"].startswith("daily:"))
    assert max(digests.values()) == 1, ("one digest per recipient and day", recorder.keys())

    again = cluster.cli("remind", "--as-of", SWEEP_DAY.isoformat()).stdout
    assert "0 nhắc việc mới, gộp vào 0 bản tổng hợp" in again
    assert len(recorder.messages) == len(received), "a repeated sweep sends nothing again"
