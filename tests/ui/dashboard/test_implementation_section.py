"""The dashboard's IV.1 section: 'x/y cơ quan, đơn vị đã ban hành kế hoạch' and the totals follow the records."""

from __future__ import annotations

from datetime import timedelta

from tests.ui.conftest import actor, texts
from tracker.clock import local_today
from tracker.db import session_scope
from tracker.models import Organisation
from tracker.services import implementation
from tracker.services.implementation import RecordInput

DASHBOARD = "dashboard_page"


def test_the_plan_figure_changes_after_a_record(page):
    with session_scope() as s:
        before = implementation.to_date(s, actor("bithu"), local_today())
    at = page(DASHBOARD, "bithu")
    assert f"{before.plans}/{before.bodies} cơ quan, đơn vị đã ban hành kế hoạch" in texts(at)
    yte = actor("yte")
    with session_scope() as s:
        plan = implementation.record(s, yte, yte.organisation_id, "plan", RecordInput(
            local_today() - timedelta(days=3), doc_number="845/KH-SYT")).id
        conference = implementation.record(s, yte, yte.organisation_id, "conference", RecordInput(
            local_today() - timedelta(days=2), level="province", participants=1234, reached_pct=90)).id
        yte_name = s.get(Organisation, yte.organisation_id).name
    try:
        at.run()
        shown = texts(at)
        assert f"{before.plans}/{before.bodies} cơ quan" in shown, "cached for a minute, like the page's other reads"
        at.button(key="dash_refresh").click().run()
        shown = texts(at)
        assert f"{before.plans + 1}/{before.bodies} cơ quan, đơn vị đã ban hành kế hoạch" in shown
        assert f"Hội nghị quán triệt: {before.conferences + 1}, lượt người tham dự: 1.234" in shown
        missing = before.bodies - before.plans - 1
        assert [x.label for x in at.expander if x.label.startswith("Chưa ban hành")] == [
            f"Chưa ban hành kế hoạch ({missing})"]
        assert yte_name not in texts(at)
    finally:
        with session_scope() as s:  # the package's database is shared: leave the figures as they were
            for record_id in (plan, conference):
                implementation.delete(s, yte, record_id)
