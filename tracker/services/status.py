"""Official statuses of an assignment, derived from its data (never typed by hand).

- Chưa thực hiện: no progress recorded yet (``overdue`` tells whether its deadline has passed);
- Đang thực hiện – trong hạn / quá hạn: some progress, not complete, before / after the deadline;
- Hoàn thành đúng hạn / quá hạn: completed on or before / after the deadline.
The deadline is the current one: a granted extension moves it (the original stays in Extension).
An ongoing task (thường xuyên) is never completed; it is judged per period (services/period_results):
- Đã báo cáo kết quả trong kỳ: an action, or an accepted report, in the current period;
- Chưa có kết quả trong kỳ: nothing yet this period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.vocabulary import ASSIGNMENT_STATUS, vietnamese

NOT_STARTED = "not_started"
IN_PROGRESS_ON_TIME = "in_progress_on_time"
IN_PROGRESS_OVERDUE = "in_progress_overdue"
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
REPORTED_IN_PERIOD = "reported_in_period"
NO_RESULT_IN_PERIOD = "no_result_in_period"
STATUSES = (NOT_STARTED, IN_PROGRESS_ON_TIME, IN_PROGRESS_OVERDUE, DONE_ON_TIME, DONE_LATE,
            REPORTED_IN_PERIOD, NO_RESULT_IN_PERIOD)
ONGOING_STATUSES = (REPORTED_IN_PERIOD, NO_RESULT_IN_PERIOD)
LABELS_VI = vietnamese(ASSIGNMENT_STATUS)


@dataclass(frozen=True)
class Status:
    code: str
    overdue: bool
    days_overdue: int

    @property
    def label(self) -> str:
        return LABELS_VI[self.code]


def derive(deadline: date | None, progress_pct: int, completed_on: date | None, today: date,
           ongoing: bool = False, reported_in_period: bool = False) -> Status:
    """The official status on ``today`` of an assignment with this deadline, progress and completion.

    For an ongoing task only ``reported_in_period`` counts: it has no deadline to miss and no completion.
    """
    if ongoing:
        return Status(REPORTED_IN_PERIOD if reported_in_period else NO_RESULT_IN_PERIOD, False, 0)
    if completed_on is not None:
        late = deadline is not None and completed_on > deadline
        return Status(DONE_LATE if late else DONE_ON_TIME, False, 0)
    days = (today - deadline).days if deadline else 0
    overdue = days > 0
    if progress_pct <= 0:
        return Status(NOT_STARTED, overdue, max(days, 0))
    return Status(IN_PROGRESS_OVERDUE if overdue else IN_PROGRESS_ON_TIME, overdue, max(days, 0))
