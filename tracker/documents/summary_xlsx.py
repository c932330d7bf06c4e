"""The summary as a workbook: the report's parts in order on one sheet, the Phụ lục on another.

The same parts and words as the DOCX (summary_outline); every cell goes through ``tabular.to_xlsx``,
so no text typed by a person becomes a formula.
"""

from __future__ import annotations

from tracker.documents.summary_outline import APPENDIX_COLUMNS, appendix_rows, sections
from tracker.services.summary import Summary
from tracker.services.tabular import to_xlsx
from tracker.text import cited_date

REPORT_SHEET, APPENDIX_SHEET = "Báo cáo", "Phụ lục"


def render(s: Summary) -> bytes:
    head = [("", "Báo cáo", s.title), ("", "Số, ngày", f"{s.number or '…'}-BC/{s.letterhead.symbol}, "
                                                        f"ngày {cited_date(s.issued_on)}")]
    report = [{"part": part, "heading": heading, "text": text} for part, heading, text in head + sections(s)]
    columns = [f"c{i}" for i in range(len(APPENDIX_COLUMNS))]
    appendix = [dict(zip(columns, values)) for values in appendix_rows(s)]
    return to_xlsx({
        REPORT_SHEET: (report, {"part": "Phần", "heading": "Mục", "text": "Nội dung"}),
        APPENDIX_SHEET: (appendix, dict(zip(columns, (title for title, _ in APPENDIX_COLUMNS)))),
    })
