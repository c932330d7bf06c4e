"""Scheduled jobs: the daily reminder sweep (which queues one digest per recipient) and the outbox sender.

Run as `python -m tracker worker` (BlockingScheduler). Jobs have fixed ids and replace_existing,
coalesce missed runs into one, never overlap, and run late rather than not at all (misfire grace
of hours). The sweep computes from state, so a worker that was down catches up at its next run.
The weekly overview for leaders and the monitor is part of their digest on ``TRACKER_DIGEST_DAY``.
"""

from __future__ import annotations

import logging
from datetime import date

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tracker.clock import local_today
from tracker.config import Settings, get_settings
from tracker.db import get_engine, session_scope
from tracker.notify import outbox
from tracker.services import reminders

log = logging.getLogger("tracker.worker")
MISFIRE_GRACE_SECONDS = 6 * 3600
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS}


def run_sweep(today: date | None = None) -> int:
    settings = get_settings()
    with session_scope() as session:
        result = reminders.sweep(session, settings, today or local_today())
    log.info("sweep: %d reminders owed, %d digests queued", result.queued, result.digests)
    run_sender()  # deliver what the sweep decided without waiting for the next minute
    return result.queued


def run_sender() -> outbox.DeliveryReport:
    report = outbox.deliver(get_engine(), get_settings())
    if report.sent or report.failed or report.retried:
        log.info("outbox: %d sent, %d retried, %d failed", report.sent, report.retried, report.failed)
    return report


def configure(scheduler: BaseScheduler, settings: Settings) -> BaseScheduler:
    """Add the jobs with fixed ids (idempotent: calling it again replaces them)."""
    hour, minute = (int(x) for x in settings.sweep_time.split(":"))
    scheduler.add_job(run_sweep, CronTrigger(hour=hour, minute=minute, timezone=settings.tz), id="reminder-sweep",
                      name="Quét nhắc việc hằng ngày", replace_existing=True, **JOB_DEFAULTS)
    scheduler.add_job(run_sender, IntervalTrigger(minutes=1, timezone=settings.tz), id="outbox-sender",
                      name="Gửi thư trong hàng đợi", replace_existing=True, **JOB_DEFAULTS)
    return scheduler


def main() -> None:
    """Run until interrupted; sweep once at start so that downtime is caught up immediately."""
    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    scheduler = configure(BlockingScheduler(timezone=settings.tz, job_defaults=JOB_DEFAULTS), settings)
    run_sweep()
    log.info("worker started: %s", ", ".join(job.id for job in scheduler.get_jobs()))
    scheduler.start()
