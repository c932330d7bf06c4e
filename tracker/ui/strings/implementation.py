"""UI texts of IV.1 implementation records (plans, study conferences, propaganda): code -> {"vi", "en"}."""

IMPLEMENTATION: dict[str, dict[str, str]] = {
    "nav.work_implementation": {"vi": "Triển khai thực hiện", "en": "Carrying out the program"},
    "impl.intro": {
        "vi": "Ghi nhận việc triển khai Chương trình (mục IV.1): kế hoạch đã ban hành, hội nghị quán triệt, "
              "kết quả tuyên truyền.",
        "en": "Record how the program is carried out (IV.1): the plan issued, study conferences, propaganda."},
    "impl.pick_body": {"vi": "Cơ quan, đơn vị", "en": "Body"},
    "impl.tab.plan": {"vi": "Kế hoạch", "en": "Plan"},
    "impl.tab.conference": {"vi": "Hội nghị quán triệt", "en": "Study conferences"},
    "impl.tab.propaganda": {"vi": "Tuyên truyền", "en": "Propaganda"},
    "impl.doc_number": {"vi": "Số, ký hiệu kế hoạch", "en": "Plan number"},
    "impl.plan_date": {"vi": "Ngày ban hành", "en": "Date of issue"},
    "impl.title": {"vi": "Trích yếu, nội dung", "en": "Subject"},
    "impl.file": {"vi": "Tệp kế hoạch ({types}; không bắt buộc)", "en": "The plan's file ({types}; optional)"},
    "impl.conference_date": {"vi": "Ngày tổ chức", "en": "Date held"},
    "impl.level": {"vi": "Cấp tổ chức", "en": "Level"},
    "impl.participants": {"vi": "Số người tham dự", "en": "Participants"},
    "impl.reached_pct": {"vi": "Tỷ lệ cán bộ, đảng viên được quán triệt (%)",
                         "en": "Share of cadres and party members reached (%)"},
    "impl.period_end": {"vi": "Đến ngày (cuối kỳ tuyên truyền)", "en": "Up to (end of the period covered)"},
    "impl.articles": {"vi": "Số tin, bài", "en": "Articles"},
    "impl.broadcasts": {"vi": "Số lượt phát sóng", "en": "Broadcasts"},
    "impl.sessions": {"vi": "Số buổi tuyên truyền", "en": "Sessions"},
    "impl.submit": {"vi": "Lưu", "en": "Save"},
    "impl.saved": {"vi": "Đã lưu ghi nhận.", "en": "Record saved."},
    "impl.none": {"vi": "Chưa có ghi nhận nào.", "en": "Nothing recorded yet."},
    "impl.recorded": {"vi": "Đã ghi nhận", "en": "Recorded"},
    "impl.col.day": {"vi": "Ngày", "en": "Date"},
    "impl.col.file": {"vi": "Tệp", "en": "File"},
    "impl.download": {"vi": "Tải tệp", "en": "Download"},
    "impl.delete_pick": {"vi": "Xóa ghi nhận", "en": "Delete a record"},
    "impl.delete": {"vi": "Xóa", "en": "Delete"},
    "impl.deleted": {"vi": "Đã xóa ghi nhận.", "en": "Record deleted."},
    # The leaders' dashboard
    "impl.dash.title": {"vi": "Triển khai thực hiện (IV.1)", "en": "Carrying out the program (IV.1)"},
    "impl.dash.plans": {"vi": "- {plans}/{bodies} cơ quan, đơn vị đã ban hành kế hoạch{share}",
                        "en": "- {plans}/{bodies} bodies issued their plan{share}"},
    "impl.dash.conferences": {
        "vi": "- Hội nghị quán triệt: {count}, lượt người tham dự: {participants}, tỷ lệ cán bộ, đảng viên được "
              "quán triệt bình quân: {reached}",
        "en": "- Study conferences: {count}, participants: {participants}, mean share of cadres and party members "
              "reached: {reached}"},
    "impl.dash.propaganda": {"vi": "- Tuyên truyền: {articles} tin, bài; {broadcasts} lượt phát sóng; {sessions} buổi",
                             "en": "- Propaganda: {articles} articles; {broadcasts} broadcasts; {sessions} sessions"},
    "impl.dash.without_plan": {"vi": "Chưa ban hành kế hoạch ({count})", "en": "No plan yet ({count})"},
}
