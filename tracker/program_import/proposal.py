"""From an uploaded file to a proposed program: read, parse, match the bodies to the registry as of
today, and shape it as the program export. A JSON file already in that shape (a dry run's output,
or another instance's export) is read back as it is. Nothing is written here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session

from tracker.errors import InvalidInput
from tracker.program_import.draft import Draft
from tracker.program_import.export import to_export
from tracker.program_import.parser import parse
from tracker.program_import.readers import MAX_BYTES, read_lines
from tracker.program_import.registry_match import match_to_registry
from tracker.services.actor import Actor
from tracker.services.export import EXPORT_FORMAT
from tracker.services.permissions import authorize


@dataclass
class Proposal:
    """The export-shaped ``document`` a person reviews, and what it came from (no lines for JSON)."""
    document: dict
    lines: list[str] = field(default_factory=list)
    draft: Draft | None = None


def propose(session: Session, actor: Actor, data: bytes, filename: str, code: str | None, today: date,
            accept_flags: bool = False) -> Proposal:
    """The proposal for the file ``data`` named ``filename``; ``code`` overrides the program's code
    (default: one made from the resolution, "CTHD-NQ42", or the JSON's own). Those who may create a
    program (admin, monitor) only."""
    authorize(session, actor, "program.manage", object_type="program", object_id=filename)
    if filename.lower().endswith(".json"):
        document = _json(data)
        if code:
            document["program"]["code"] = code
        return Proposal(document)
    lines = read_lines(data, filename)
    draft = parse(lines)
    match_to_registry(session, draft, today)
    return Proposal(to_export(draft, code or default_code(draft), accept_flags=accept_flags), lines, draft)


def read_file(path: Path) -> bytes:
    """The bytes of ``path``, refused with a clear message when missing or too large."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput(f"Tệp quá lớn (trên {MAX_BYTES // (1024 * 1024)} MB).")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Không đọc được tệp {path}: {exc.strerror or exc}") from exc


def default_code(draft: Draft) -> str:
    """"CTHD-NQ42" for an action program implementing 42-NQ/TW, "KH-NQ45" for a plan; "CT-MOI" when
    the resolution is not known."""
    number = re.match(r"\d+", draft.resolution or "")
    prefix = "KH" if draft.kind.lower().startswith("kế hoạch") else "CTHD"
    return f"{prefix}-NQ{number.group(0)}" if number else "CT-MOI"


def _json(data: bytes) -> dict:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"Tệp JSON không đọc được: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT \
            or not isinstance(document.get("program"), dict):
        raise InvalidInput(f"Tệp JSON không phải dữ liệu chương trình ({EXPORT_FORMAT}).")
    return document
