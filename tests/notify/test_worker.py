"""The worker's schedule: two jobs with fixed ids, registered idempotently, never overlapping."""

from apscheduler.schedulers.background import BackgroundScheduler

from tracker import worker
from tracker.config import Settings


def test_jobs_have_fixed_ids_and_safe_defaults():
    settings = Settings(sweep_time="07:30")
    scheduler = BackgroundScheduler(timezone=settings.tz)
    worker.configure(scheduler, settings)
    worker.configure(scheduler, settings)  # a second registration replaces, never duplicates
    scheduler.start(paused=True)
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"reminder-sweep", "outbox-sender"}  # the weekly overview rides in the daily digest
        for job in jobs.values():
            assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time >= 3600
        sweep = str(jobs["reminder-sweep"].trigger)
        assert "hour='7'" in sweep and "minute='30'" in sweep
        assert str(jobs["reminder-sweep"].trigger.timezone) == "Asia/Ho_Chi_Minh"
        assert jobs["outbox-sender"].trigger.interval.total_seconds() == 60
    finally:
        scheduler.shutdown(wait=False)
