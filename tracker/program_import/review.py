"""A reviewer's corrections to a proposed program, as plain edits of the export-shaped document: the
program's details, a target, a task (edit, delete, split in two, merge with the next), the body a
section IV name stands for. Nothing touches the database; ``publish`` writes the result in one
transaction. Each edit checks its input and raises InvalidInput with a Vietnamese message; the
default assignments are proposed again from the clauses after every change of a body or a task."""

from __future__ import annotations

import re
from datetime import date

from tracker.errors import InvalidInput
from tracker.models.vocab import COMPARATORS
from tracker.program_import.export import default_assignments
from tracker.text import clean

MAX_TEXT = 5000
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_.]{1,39}$")


def set_program(document: dict, *, code: str, title: str, number: str, issued_on: date | None,
                issuer: str | None, monitor: str | None) -> None:
    """The program's code, title, number, date of issue, issuing and monitoring bodies (codes)."""
    code, title = clean(code), clean(title)
    if not CODE.match(code):
        raise InvalidInput("Mã chương trình gồm 2–40 chữ cái không dấu, chữ số, dấu gạch (ví dụ KH-NQ45).")
    if not title:
        raise InvalidInput("Tên chương trình không được để trống.")
    program = document["program"]
    program.update(code=code, title=title, number=clean(number) or None,
                   issued_on=issued_on.isoformat() if issued_on else None, issuer=issuer, monitor=monitor)
    document["assignments"] = default_assignments(document)


def set_target(document: dict, code: str, *, name: str, comparator: str, value: float | None, unit: str,
               target_year: int | None) -> None:
    """Correct a target: its name, comparator (a code of COMPARATORS), value, unit and year."""
    target = _target(document, code)
    name = clean(name)
    if not name:
        raise InvalidInput("Tên chỉ tiêu không được để trống.")
    if comparator not in COMPARATORS:
        raise InvalidInput("Cách so sánh của chỉ tiêu không hợp lệ.")
    if comparator == "qualitative":
        value, unit = None, ""
    elif value is None:
        raise InvalidInput(f"Chỉ tiêu {code} cần một giá trị (hoặc chọn “định tính”).")
    if target_year is not None and not 2000 <= target_year <= 2100:
        raise InvalidInput("Năm đạt chỉ tiêu phải trong khoảng 2000–2100.")
    target.update(name=name, comparator=comparator, value=value, unit=clean(unit), target_year=target_year)


def delete_target(document: dict, code: str) -> None:
    document["targets"].remove(_target(document, code))


def set_task(document: dict, code: str, text: str) -> None:
    _task(document, code)[1]["text"] = _text(text)


def delete_task(document: dict, code: str) -> None:
    holder, task = _task(document, code)
    holder["tasks"].remove(task)
    _renumber(document, holder)


def split_task(document: dict, code: str, first: str, second: str) -> None:
    """Replace the task by two: ``first`` keeps its place, ``second`` follows it."""
    holder, task = _task(document, code)
    task["text"] = _text(first)
    at = holder["tasks"].index(task)
    holder["tasks"].insert(at + 1, {"code": "", "text": _text(second)})
    _lines(document)[f"new:{id(holder['tasks'][at + 1])}"] = list(_lines(document).get(code, []))
    _renumber(document, holder)


def merge_with_next(document: dict, code: str) -> None:
    """Join the task and the one after it in the same group (a paragraph cut in two)."""
    holder, task = _task(document, code)
    at = holder["tasks"].index(task)
    if at + 1 >= len(holder["tasks"]):
        raise InvalidInput(f"Nhiệm vụ {code} là nhiệm vụ cuối của nhóm: không có nhiệm vụ sau để gộp.")
    following = holder["tasks"].pop(at + 1)
    task["text"] = _text(f"{task['text']} {following['text']}")
    lines = _lines(document)
    lines[code] = sorted(set(lines.get(code, []) + lines.get(following["code"], [])))
    _renumber(document, holder)


def map_body(document: dict, clause: str, index: int, code: str | None) -> None:
    """The registry body (code; None: none) that the ``index``-th name of ``clause`` ("IV.2") stands for."""
    clauses = {c["label"]: c for c in (document.get("draft") or {}).get("clauses", [])}
    if clause not in clauses or not 0 <= index < len(clauses[clause]["bodies"]):
        raise InvalidInput("Không tìm thấy tên cơ quan này trong mục IV.")
    mention = clauses[clause]["bodies"][index]
    mention.update(code=code, status="matched" if code else "unmatched")
    document["assignments"] = default_assignments(document)


def tasks(document: dict) -> list[dict]:
    """Every task in document order, each with its group's code and title."""
    return [{**t, "group": h["code"], "group_title": h["title"]}
            for g in document["task_groups"] for h in [g, *g["subgroups"]] for t in h["tasks"]]


def _text(text: str) -> str:
    text = clean(text)
    if not text:
        raise InvalidInput("Nội dung nhiệm vụ không được để trống.")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"Nội dung nhiệm vụ dài quá {MAX_TEXT} ký tự.")
    return text


def _target(document: dict, code: str) -> dict:
    found = next((t for t in document["targets"] if t["code"] == code), None)
    if found is None:
        raise InvalidInput(f"Không tìm thấy chỉ tiêu {code}.")
    return found


def _task(document: dict, code: str) -> tuple[dict, dict]:
    for g in document["task_groups"]:
        for holder in [g, *g["subgroups"]]:
            for task in holder["tasks"]:
                if task["code"] == code:
                    return holder, task
    raise InvalidInput(f"Không tìm thấy nhiệm vụ {code}.")


def _lines(document: dict) -> dict:
    return document.setdefault("draft", {}).setdefault("lines", {}).setdefault("tasks", {})


def _renumber(document: dict, holder: dict) -> None:
    """Codes "III.2.a.1", "III.2.a.2"… in order again, the source lines following each task (a task
    split off takes its lines from ``new:<id>``)."""
    lines = _lines(document)
    old = {id(t): lines.pop(t["code"] or f"new:{id(t)}", []) for t in holder["tasks"]}
    for n, task in enumerate(holder["tasks"], start=1):
        task["code"] = f"{holder['code']}.{n}"
        lines[task["code"]] = old[id(task)]
    document["assignments"] = default_assignments(document)
