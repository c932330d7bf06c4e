"""The summary as a workbook: a sheet per table, Vietnamese headers, no formulas from user text."""

from __future__ import annotations

from dataclasses import asdict

from tracker.services.summary import Summary
from tracker.services.tabular import to_xlsx


def render(s: Summary) -> bytes:
    groups = [{"code": g.code, "title": g.title, "narrative": g.narrative, "actions": "\n".join(g.actions)}
              for g in s.groups]
    targets = [asdict(t) for t in s.targets]
    overview = [{"field": "Loại báo cáo", "value": s.title}, {"field": "Kỳ", "value": s.period},
                {"field": "Hạn chế, nguyên nhân", "value": s.limitations}, {"field": "Đề xuất", "value": s.proposals}]
    return to_xlsx({
        "Tổng quan": (overview, {"field": "Mục", "value": "Nội dung"}),
        "Kết quả theo nhóm": (groups, {"code": "Mã nhóm", "title": "Nhóm nhiệm vụ", "narrative": "Kết quả",
                                       "actions": "Việc đã làm (số văn bản)"}),
        "Chỉ tiêu": (targets, {"code": "Mã", "name": "Chỉ tiêu", "baseline": "Số liệu gốc", "target": "Mục tiêu 2030",
                               "latest": "Mới nhất", "rating": "Đánh giá"}),
    })
