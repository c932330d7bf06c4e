"""UI texts of ongoing tasks and of the bodies' own review reports (sơ kết, tổng kết): code -> {"vi", "en"}."""

STANDING: dict[str, dict[str, str]] = {
    # Ongoing (thường xuyên) and deliverable tasks on a body's task cards and in the monitor's list
    "task.ongoing": {"vi": "Thường xuyên", "en": "Ongoing"},
    "task.deliverable": {"vi": "Sản phẩm: {what}", "en": "Deliverable: {what}"},
    "task.option_ongoing": {"vi": "{code} · {status} · {due} · {progress}%",
                            "en": "{code} · {status} · {due} · {progress}%"},
    "task.ongoing_hint": {
        "vi": "Nhiệm vụ thường xuyên: đánh giá theo từng kỳ báo cáo, không tính hoàn thành.",
        "en": "Ongoing task: judged per reporting period, never counted as completed."},
    # A body's own review report at a sơ kết / tổng kết milestone
    "review.title.preliminary": {"vi": "Báo cáo sơ kết giai đoạn {period}",
                                 "en": "Preliminary review {period}"},
    "review.title.final": {"vi": "Báo cáo tổng kết giai đoạn {period}", "en": "Final review {period}"},
    "review.short.preliminary": {"vi": "sơ kết giai đoạn {period}", "en": "preliminary review {period}"},
    "review.short.final": {"vi": "tổng kết giai đoạn {period}", "en": "final review {period}"},
    "review.saved": {"vi": "Đã lưu bản nháp báo cáo {period}.", "en": "Draft of the {period} saved."},
    "review.submitted": {"vi": "Đã nộp báo cáo {period} (phiên bản {version}).",
                         "en": "The {period} was submitted (version {version})."},
    "review.parts": {"vi": "Đánh giá chung và bài học kinh nghiệm", "en": "Overall assessment and lessons"},
    "review.field.overall": {"vi": "Đánh giá chung (ưu điểm, hạn chế, nguyên nhân)",
                             "en": "Overall assessment (strengths, shortcomings, causes)"},
    "review.field.lessons": {"vi": "Bài học kinh nghiệm", "en": "Lessons learned"},
    "review.kind": {"vi": "Loại báo cáo", "en": "Kind of report"},
    "review.kind.periodic": {"vi": "Báo cáo định kỳ", "en": "Periodic report"},
    "review.kind.review": {"vi": "Báo cáo sơ kết, tổng kết của đơn vị", "en": "Our own review (sơ kết, tổng kết)"},
    "review.milestone": {"vi": "Mốc sơ kết, tổng kết", "en": "Review milestone"},
}
