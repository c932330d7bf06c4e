"""The official statuses, derived from deadline, progress and completion."""

from datetime import date

import pytest

from tracker.services import status

D = date(2026, 6, 30)


@pytest.mark.parametrize(("progress", "completed", "today", "expected", "overdue"), [
    (0, None, date(2026, 6, 1), status.NOT_STARTED, False),
    (0, None, date(2026, 7, 3), status.NOT_STARTED, True),
    (40, None, date(2026, 6, 30), status.IN_PROGRESS_ON_TIME, False),
    (40, None, date(2026, 7, 1), status.IN_PROGRESS_OVERDUE, True),
    (100, date(2026, 6, 30), date(2026, 9, 1), status.DONE_ON_TIME, False),
    (100, date(2026, 7, 2), date(2026, 9, 1), status.DONE_LATE, False),
])
def test_status_from_data(progress, completed, today, expected, overdue):
    s = status.derive(D, progress, completed, today)
    assert (s.code, s.overdue) == (expected, overdue)


def test_days_overdue_and_vietnamese_labels():
    s = status.derive(D, 10, None, date(2026, 7, 10))
    assert s.days_overdue == 10 and s.label == "Đang thực hiện – quá hạn"
    assert [status.LABELS_VI[c] for c in status.STATUSES] == [
        "Chưa thực hiện", "Đang thực hiện – trong hạn", "Đang thực hiện – quá hạn",
        "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đã báo cáo kết quả trong kỳ", "Chưa có kết quả trong kỳ"]
