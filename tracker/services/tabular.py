"""Tables to files: CSV and XLSX with Vietnamese headers, never letting user text become a formula.

``safe`` is the one gate every CSV and XLSX writer of the project puts its cells through (the
dashboard and monitor downloads, the summary workbook, the audit CSV, the open-data CSV export).
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tracker.text import printable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe(value):
    """A cell value that writes into any file and is never run: text loses the control characters
    no workbook can hold, and text a spreadsheet would read as a formula is prefixed with a quote."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(rows: list[dict], headers: dict[str, str]) -> bytes:
    """UTF-8 with BOM so that spreadsheet programs show Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers.values())
    writer.writerows([safe(row.get(key, "")) for key in headers] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(sheets: dict[str, tuple[list[dict], dict[str, str]]]) -> bytes:
    """One sheet per table: {sheet title: (rows, {key: Vietnamese header})}."""
    book = Workbook()
    book.remove(book.active)
    for title, (rows, headers) in sheets.items():
        sheet = book.create_sheet(title[:31])
        sheet.append(list(headers.values()))
        for row in rows:
            sheet.append([safe(row.get(key, "")) for key in headers])
        for index, header in enumerate(headers.values(), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(header) + 4))
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ASSIGNMENT_HEADERS = {
    "task": "Mã nhiệm vụ", "group": "Nhóm", "organisation": "Mã cơ quan", "organisation_name": "Cơ quan, đơn vị",
    "role": "Vai trò", "deadline": "Thời hạn", "progress_pct": "Tiến độ (%)", "status_label": "Tình trạng",
    "days_overdue": "Số ngày quá hạn", "task_text": "Nội dung nhiệm vụ",
}
