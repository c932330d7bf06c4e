"""Labels that both the services and the UI show, written once: code -> (Vietnamese, English).

Services print the Vietnamese label (messages, documents, table rows); the UI reads both languages
through ``tracker.ui.strings.vocab``. Period names are templates with ``{year}``.
"""

from __future__ import annotations

ASSIGNMENT_STATUS: dict[str, tuple[str, str]] = {
    "not_started": ("Chưa thực hiện", "Not started"),
    "in_progress_on_time": ("Đang thực hiện – trong hạn", "In progress – on time"),
    "in_progress_overdue": ("Đang thực hiện – quá hạn", "In progress – overdue"),
    "done_on_time": ("Hoàn thành đúng hạn", "Completed on time"),
    "done_late": ("Hoàn thành quá hạn", "Completed late"),
    "reported_in_period": ("Đã báo cáo kết quả trong kỳ", "Results reported this period"),
    "no_result_in_period": ("Chưa có kết quả trong kỳ", "No results yet this period"),
}
REPORT_STATE: dict[str, tuple[str, str]] = {
    "not_due": ("Chưa đến hạn", "Not yet due"),
    "due": ("Đến hạn", "Due"),
    "overdue": ("Quá hạn", "Overdue"),
    "submitted_on_time": ("Đã nộp đúng hạn", "Submitted on time"),
    "submitted_late": ("Đã nộp quá hạn", "Submitted late"),
    "accepted": ("Đã tiếp nhận", "Accepted"),
    "returned": ("Bị trả lại", "Returned"),
}
# How a target stands against its path to 2030 (tracker.services.trajectory).
TARGET_RATING: dict[str, tuple[str, str]] = {
    "on_track": ("Đúng lộ trình", "On track"),
    "at_risk": ("Có nguy cơ chậm", "At risk"),
    "off_track": ("Chậm so với lộ trình", "Off track"),
    "no_data": ("Chưa đủ dữ liệu", "Not enough data"),
    "qualitative": ("Định tính", "Qualitative"),
}
# A report period's part ("2026-H1" -> "H1"; a whole year "2026" -> "Y").
PERIOD: dict[str, tuple[str, str]] = {
    "H1": ("6 tháng đầu năm {year}", "First half of {year}"),
    "H2": ("6 tháng cuối năm {year}", "Second half of {year}"),
    "Y": ("Cả năm {year}", "Year {year}"),
}


def vietnamese(labels: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The Vietnamese label of every code of ``labels``."""
    return {code: pair[0] for code, pair in labels.items()}
