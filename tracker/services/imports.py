"""Bulk progress import: a CSV or XLSX of actions or target values, previewed row by row.

``preview_*`` validates every row and writes nothing; ``commit`` writes only the rows that were
valid, through the same services as the forms (permission check and audit included). A row is
allowed exactly when its form would be: one operation per kind of record (WRITES).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from tracker.errors import InvalidInput, TrackerError
from tracker.models import Assignment, Organisation, Target, Task
from tracker.services import action_record, actions, periods, target_values, uploaded_tables
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor
from tracker.services.permissions import allowed
from tracker.services.target_values import ValueInput
from tracker.text import fold

WRITES = {"actions": "action.write", "values": "target_value.write"}  # the forms' own operations
THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
ACTION_COLUMNS = {
    "task": ("ma nhiem vu", "task"), "organisation": ("ma co quan", "organisation"),
    "acted_on": ("ngay thuc hien", "acted_on"), "description": ("noi dung", "description"),
    "progress_pct": ("tien do", "tien do (%)", "progress_pct"), "doc_number": ("so ky hieu", "so, ky hieu", "doc_number"),
    "doc_date": ("ngay ban hanh", "doc_date"),
}
VALUE_COLUMNS = {
    "target": ("ma chi tieu", "target"), "period": ("ky", "ky bao cao", "period"),
    "measured_on": ("ngay so lieu", "measured_on"), "value": ("gia tri", "value"),
    "assessment": ("danh gia", "assessment"), "source": ("nguon", "nguon so lieu", "source"),
}


def kinds(actor: Actor) -> list[str]:
    """The kinds ``actor`` may import: those whose form it may use for its own body (the monitor: values)."""
    return [kind for kind, operation in WRITES.items() if allowed(actor, operation, actor.organisation_id)]


@dataclass
class RowResult:
    number: int  # the row number as the spreadsheet shows it (header is row 1)
    values: dict
    errors: list[str] = field(default_factory=list)
    parsed: object = None
    key: int | None = None  # assignment or target id

    @property
    def ok(self) -> bool:
        return not self.errors


OPTIONAL = ("doc_number", "doc_date", "assessment", "source", "value")


def read_table(filename: str, content: bytes, columns: dict[str, tuple[str, ...]],
               optional: tuple[str, ...] = OPTIONAL) -> list[dict]:
    """Rows of the first sheet (XLSX) or of a UTF-8 CSV, keyed by our column names (read within bounds)."""
    grid = uploaded_tables.read_grid(content)
    if not grid:
        raise InvalidInput("Tệp không có dòng tiêu đề.")
    lookup = {alias: key for key, aliases in columns.items() for alias in aliases}
    header = [lookup.get(fold(str(h or "")).replace("_", " ").strip()) or lookup.get(str(h or "").strip())
              for h in grid[0]]
    missing = [columns[k][0] for k in columns if k not in header and k not in optional]
    if missing:
        raise InvalidInput(f"Thiếu cột: {', '.join(missing)}.")
    return [{k: row[i] if i < len(row) else None for i, k in enumerate(header) if k} for row in grid[1:]]


def _date(value, what: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise InvalidInput(f"{what} {text[:40]!r} không đúng dạng ngày (dd/mm/yyyy).")


def _number(value, what: str) -> float | None:
    """A finite number as Vietnamese writes it ("2,7", "1.500", "1.500,5") or as a spreadsheet stores it.

    ``inf``, ``nan``, ``1e400`` and booleans are refused; ``-0`` is 0.
    """
    if value in (None, ""):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError(value)
        if isinstance(value, int | float):
            number = float(value)
        else:
            text = str(value).strip().replace(" ", "")
            if "," in text or THOUSANDS.match(text):
                text = text.replace(".", "").replace(",", ".")
            number = float(text)
    except (ValueError, OverflowError):
        number = math.nan
    if not math.isfinite(number):
        raise InvalidInput(f"{what} {str(value)[:40]!r} không phải là một số hợp lệ.")
    return number + 0.0  # -0.0 becomes 0.0


def _rows(table: list[dict], check: Callable[[RowResult], None]) -> list[RowResult]:
    results = []
    for number, values in enumerate(table, start=2):
        result = RowResult(number, {k: "" if v is None else v for k, v in values.items()})
        try:
            check(result)
        except TrackerError as exc:
            result.errors.append(str(exc))
        results.append(result)
    return results


def preview_actions(session: Session, actor: Actor, filename: str, content: bytes, today: date) -> list[RowResult]:
    table = read_table(filename, content, ACTION_COLUMNS)
    tasks = {code: tid for tid, code in session.exec(select(Task.id, Task.code)).all()}
    orgs = {code: oid for oid, code in session.exec(select(Organisation.id, Organisation.code)).all()}

    def check(r: RowResult) -> None:
        v = r.values
        task_id, org_id = tasks.get(str(v.get("task", "")).strip()), orgs.get(str(v.get("organisation", "")).strip().upper())
        if task_id is None or org_id is None:
            raise InvalidInput("Mã nhiệm vụ hoặc mã cơ quan không có trong Chương trình.")
        if not allowed(actor, WRITES["actions"], org_id):
            raise InvalidInput(f"Không có quyền ghi kết quả cho cơ quan {v['organisation']}.")
        assignment = session.exec(select(Assignment).where(Assignment.task_id == task_id, Assignment.organisation_id == org_id,
                                                           Assignment.cancelled_at.is_(None))).first()
        if assignment is None:
            raise InvalidInput(f"Cơ quan {v['organisation']} không được giao nhiệm vụ {v['task']}.")
        progress = _number(v.get("progress_pct"), "Tiến độ")
        data = ActionInput(acted_on=_date(v.get("acted_on"), "Ngày thực hiện") or today,
                           description=str(v.get("description") or ""),
                           progress_pct=int(progress) if progress is not None and progress == int(progress) else -1,
                           doc_number=str(v.get("doc_number") or ""), doc_date=_date(v.get("doc_date"), "Ngày ban hành"))
        r.parsed, r.key = actions.validate(data, today), assignment.id

    return _rows(table, check)


def preview_values(session: Session, actor: Actor, filename: str, content: bytes, today: date) -> list[RowResult]:
    table = read_table(filename, content, VALUE_COLUMNS)
    targets = {t.code: t for t in session.exec(select(Target)).all()}

    def check(r: RowResult) -> None:
        v = r.values
        target = targets.get(str(v.get("target", "")).strip())
        if target is None:
            raise InvalidInput("Mã chỉ tiêu không có trong Chương trình.")
        if not allowed(actor, WRITES["values"], target.responsible_org_id):
            raise InvalidInput(f"Không có quyền ghi số liệu chỉ tiêu {target.code}.")
        period = periods.parse(str(v.get("period", ""))).label
        measured = _date(v.get("measured_on"), "Ngày số liệu") or today
        if measured > today:
            raise InvalidInput(f"Ngày số liệu {measured:%d/%m/%Y} ở tương lai.")
        data = ValueInput(period=period, measured_on=measured, value=_number(v.get("value"), "Giá trị"),
                          assessment=str(v.get("assessment") or ""), source=str(v.get("source") or ""))
        target_values.check_value(target, data.value, data.assessment)
        r.parsed, r.key = data, target.id

    return _rows(table, check)


def commit(session: Session, actor: Actor, results: list[RowResult], kind: str, today: date) -> int:
    """Write the valid rows of a preview (kind "actions" or "values"); returns how many were written."""
    written = 0
    for r in (r for r in results if r.ok):
        if kind == "actions":
            action_record.record_action(session, actor, r.key, r.parsed, today=today)
        else:
            target_values.record(session, actor, r.key, r.parsed, today=today)
        written += 1
    return written


TEMPLATE_HEADERS = {  # what the downloadable templates name each column (read_table accepts them)
    "actions": {"task": "Mã nhiệm vụ", "organisation": "Mã cơ quan", "acted_on": "Ngày thực hiện",
                "description": "Nội dung", "progress_pct": "Tiến độ (%)", "doc_number": "Số ký hiệu",
                "doc_date": "Ngày ban hành"},
    "values": {"target": "Mã chỉ tiêu", "period": "Kỳ báo cáo", "measured_on": "Ngày số liệu", "value": "Giá trị",
               "assessment": "Đánh giá", "source": "Nguồn số liệu"},
}


def template_csv(kind: str) -> bytes:
    """An empty CSV template (header row only, UTF-8 with BOM so spreadsheets keep the diacritics)."""
    out = io.StringIO()
    csv.writer(out).writerow(TEMPLATE_HEADERS[kind].values())
    return out.getvalue().encode("utf-8-sig")
