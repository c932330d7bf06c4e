"""UI texts of baselines (số liệu gốc) and of values rolled up from the communes: code -> {"vi", "en"}."""

TARGETS: dict[str, dict[str, str]] = {
    # The monitor's baseline editor on "Chỉ tiêu 2030"
    "base.heading": {"vi": "Nhập số liệu gốc", "en": "Enter a baseline"},
    "base.hint": {"vi": "Số liệu gốc là mốc để đánh giá tiến độ: ghi giá trị, năm và nguồn (văn bản, báo cáo, "
                        "niên giám thống kê).",
                  "en": "The baseline is what progress is measured from: give the value, the year and the source "
                        "(document, report, statistical yearbook)."},
    "base.pick": {"vi": "Chỉ tiêu", "en": "Target"},
    "base.value": {"vi": "Giá trị gốc ({unit})", "en": "Baseline value ({unit})"},
    "base.year": {"vi": "Năm của số liệu gốc", "en": "Year of the baseline"},
    "base.source": {"vi": "Nguồn số liệu", "en": "Source"},
    "base.submit": {"vi": "Lưu số liệu gốc", "en": "Save the baseline"},
    "base.saved": {"vi": "Đã lưu số liệu gốc của chỉ tiêu {code}.", "en": "Baseline of target {code} saved."},
    "base.source_shown": {"vi": "Nguồn số liệu gốc: {source}", "en": "Baseline source: {source}"},
    # A value rolled up from the communes
    "rollup.mean": {"vi": "trung bình {reporting}/{communes} xã", "en": "mean of {reporting}/{communes} communes"},
    "rollup.sum": {"vi": "tổng {reporting}/{communes} xã", "en": "total of {reporting}/{communes} communes"},
    # The values page for a commune or ward committee, and the monitor's tab for them
    "work.values.tab_commune": {"vi": "Số liệu theo xã, phường", "en": "Figures per commune"},
    "work.values.pick_commune": {"vi": "Xã, phường", "en": "Commune or ward"},
    "work.values.no_communes": {"vi": "Chưa có đảng ủy xã, phường nào trong hệ thống.",
                                "en": "No commune or ward committee in the system yet."},
    "work.values.commune_hint": {
        "vi": "Số liệu của địa bàn xã, phường mình; số liệu toàn tỉnh được tổng hợp từ các xã, phường "
              "(trừ khi cơ quan phụ trách chỉ tiêu nhập trực tiếp số liệu cấp tỉnh).",
        "en": "Your commune's or ward's own figure; the province figure is rolled up from the communes "
              "(unless the body responsible for the target enters a province figure directly)."},
}
