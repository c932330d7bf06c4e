"""UI strings and vocabulary labels, Vietnamese first with English as a choice.

``t(key, **kwargs)`` returns the text for the language in ``st.session_state["lang"]`` (default
"vi"); ``label(vocab, code)`` does the same for the closed vocabularies of the domain.
"""

from __future__ import annotations

import streamlit as st

DEFAULT_LANG = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

MESSAGES: dict[str, dict[str, str]] = {
    # Router and navigation
    "app.title": {"vi": "Theo dõi Chương trình hành động", "en": "Action Program tracker"},
    "nav.program": {"vi": "Chương trình hành động", "en": "Action Program"},
    # Header
    "program.heading": {"vi": "Chương trình hành động", "en": "Action Program"},
    "program.implements": {"vi": "Thực hiện: {text}", "en": "Implements: {text}"},
    "program.issuer": {"vi": "Cơ quan ban hành: {name}", "en": "Issued by: {name}"},
    "program.number": {"vi": "Số: {number}", "en": "No.: {number}"},
    "program.issued_on": {"vi": "Ngày ban hành: {day}", "en": "Issued on: {day}"},
    "program.signer": {"vi": "Người ký: {name}", "en": "Signed by: {name}"},
    "program.monitor": {"vi": "Cơ quan theo dõi: {name}", "en": "Monitored by: {name}"},
    "program.situation": {"vi": "I. Tình hình và nguyên nhân", "en": "I. Situation and causes"},
    "program.general_goal": {"vi": "II.1. Mục tiêu chung", "en": "II.1. General goal"},
    "program.vision_2045": {"vi": "Tầm nhìn đến năm 2045", "en": "Vision to 2045"},
    "program.baselines": {"vi": "Số liệu hiện trạng (mục I)", "en": "Baseline figures (section I)"},
    "program.milestones": {"vi": "Mốc thời gian", "en": "Milestones"},
    "default.marker": {"vi": "mặc định", "en": "default"},
    # Columns
    "col.code": {"vi": "Mã", "en": "Code"},
    "col.name": {"vi": "Tên", "en": "Name"},
    "col.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "col.value": {"vi": "Giá trị", "en": "Value"},
    "col.year": {"vi": "Năm", "en": "Year"},
    "col.kind": {"vi": "Loại", "en": "Kind"},
    "col.title": {"vi": "Nội dung", "en": "Description"},
    "col.period": {"vi": "Giai đoạn", "en": "Period"},
    "col.due": {"vi": "Thời hạn", "en": "Due"},
    "col.domain": {"vi": "Lĩnh vực", "en": "Domain"},
    "col.target": {"vi": "Mục tiêu 2030", "en": "2030 target"},
    "col.population": {"vi": "Đối tượng", "en": "Population"},
    "col.responsible": {"vi": "Cơ quan chịu trách nhiệm", "en": "Responsible body"},
    "col.parent": {"vi": "Trực thuộc", "en": "Parent"},
    "col.lead": {"vi": "Chủ trì", "en": "Lead"},
    "col.lead_help": {"vi": "Số nhiệm vụ chủ trì", "en": "Number of tasks the body leads"},
    "col.coordinate": {"vi": "Phối hợp", "en": "Coordinate"},
    "col.coordinate_help": {"vi": "Số nhiệm vụ phối hợp", "en": "Number of tasks the body coordinates"},
    "col.task": {"vi": "Nhiệm vụ", "en": "Task"},
    "col.role": {"vi": "Vai trò", "en": "Role"},
    # Search
    "search.label": {"vi": "Tìm kiếm (không phân biệt dấu)", "en": "Search (accents ignored)"},
    "search.placeholder": {"vi": "Ví dụ: giam ngheo, chuyển đổi số, Sở Y tế",
                           "en": "e.g. giam ngheo, chuyển đổi số, Sở Y tế"},
    "search.summary": {"vi": "Tìm thấy {tasks} nhiệm vụ, {targets} chỉ tiêu, {orgs} cơ quan, đơn vị.",
                       "en": "Found {tasks} tasks, {targets} targets, {orgs} bodies."},
    "search.none": {"vi": "Không tìm thấy kết quả cho “{query}”.", "en": "Nothing matches “{query}”."},
    "search.tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "search.targets": {"vi": "Chỉ tiêu", "en": "Targets"},
    "search.orgs": {"vi": "Cơ quan, đơn vị", "en": "Bodies"},
    # Tabs
    "tab.tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "tab.targets": {"vi": "Chỉ tiêu 2030", "en": "2030 targets"},
    "tab.orgs": {"vi": "Cơ quan, đơn vị", "en": "Bodies"},
    "tasks.caption": {"vi": "III. Nhiệm vụ, giải pháp: {groups} nhóm, {tasks} nhiệm vụ.",
                      "en": "III. Tasks and solutions: {groups} groups, {tasks} tasks."},
    "tasks.none_assigned": {"vi": "Chưa phân công cơ quan nào.", "en": "Not assigned to any body yet."},
    "tasks.deadline": {"vi": "Thời hạn: {day}", "en": "Deadline: {day}"},
    "targets.filter": {"vi": "Lĩnh vực", "en": "Domain"},
    "targets.all": {"vi": "Tất cả lĩnh vực", "en": "All domains"},
    "targets.count": {"vi": "{shown}/{total} chỉ tiêu", "en": "{shown} of {total} targets"},
    "orgs.pick": {"vi": "Chọn cơ quan, đơn vị để xem nhiệm vụ được giao",
                  "en": "Choose a body to see its assigned tasks"},
    "orgs.pick_placeholder": {"vi": "Chọn cơ quan, đơn vị", "en": "Choose a body"},
    "orgs.no_tasks": {"vi": "Cơ quan này chưa được giao nhiệm vụ nào.", "en": "This body has no assigned task."},
    "orgs.tasks_of": {"vi": "Nhiệm vụ được giao cho {name}: {count}", "en": "Tasks assigned to {name}: {count}"},
}

# Closed vocabularies (tracker.models.vocab and seed units): code -> (vi, en).
VOCAB: dict[str, dict[str, tuple[str, str]]] = {
    "org_kind": {
        "central": ("Cơ quan Trung ương", "Central body"),
        "provincial_committee": ("Tỉnh ủy", "Provincial Party Committee"),
        "party_board": ("Ban đảng, cơ quan tham mưu Tỉnh ủy", "Party board or office"),
        "party_delegation": ("Ban cán sự đảng", "Party delegation"),
        "party_caucus": ("Đảng đoàn", "Party caucus"),
        "district_committee": ("Huyện ủy, thành ủy", "District or city Party Committee"),
        "affiliated_committee": ("Đảng ủy trực thuộc", "Affiliated Party Committee"),
        "youth_union": ("Tỉnh đoàn", "Provincial Youth Union"),
        "front": ("Mặt trận Tổ quốc", "Fatherland Front"),
        "socio_political": ("Tổ chức chính trị - xã hội", "Socio-political organisation"),
        "government": ("Ủy ban nhân dân", "People's Committee"),
        "department": ("Sở, ban, ngành", "Department or agency"),
    },
    "role": {
        "lead": ("Chủ trì", "Lead"),
        "coordinate": ("Phối hợp", "Coordinate"),
    },
    "comparator": {
        "<": ("dưới", "below"),
        "<=": ("không quá", "at most"),
        ">": ("trên", "above"),
        ">=": ("đạt", "at least"),
        "=": ("bằng", "equal to"),
        "about": ("khoảng", "about"),
        "qualitative": ("định tính", "qualitative"),
    },
    "unit": {
        "%": ("%", "%"),
        "per_10000": ("/10.000 dân", "per 10,000 people"),
        "m2_per_person": ("m² sàn/người", "m² floor/person"),
        "units": ("căn", "dwellings"),
        "years": ("năm", "years"),
        "%/năm": ("%/năm", "%/year"),
        "xã": ("xã", "communes"),
    },
    "cadence": {
        "none": ("Không định kỳ", "None"),
        "monthly": ("Hằng tháng", "Monthly"),
        "quarterly": ("Hằng quý", "Quarterly"),
        "semiannual": ("6 tháng một lần", "Every six months"),
        "annual": ("Hằng năm", "Annual"),
    },
    "milestone_kind": {
        "plan": ("Kế hoạch", "Plan"),
        "periodic": ("Báo cáo định kỳ", "Periodic report"),
        "preliminary": ("Sơ kết", "Preliminary review"),
        "final": ("Tổng kết", "Final review"),
    },
}


def current_lang() -> str:
    """The language chosen in the sidebar ("vi" or "en")."""
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, **kwargs) -> str:
    """The text of message ``key`` in the current language, formatted with ``kwargs``."""
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    text = texts.get(current_lang()) or texts[DEFAULT_LANG]
    return text.format(**kwargs) if kwargs else text


def label(vocab: str, code: str | None, lang: str | None = None) -> str:
    """The label of ``code`` in vocabulary ``vocab``; the code itself when it has none."""
    if not code:
        return ""
    pair = VOCAB.get(vocab, {}).get(code)
    if pair is None:
        return code
    return pair[1] if (lang or current_lang()) == "en" else pair[0]
