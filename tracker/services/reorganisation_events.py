"""The reorganisation events as data: the event (``EventSpec``) and its parts, read from an events
file (``read_events``, the format of seed/reorganisations/, docs/reorganisations.md) or built by the
admin wizard, and checked for what can be checked without the database (``check_kind``).
services/reorganisation.py previews, applies and undoes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from tracker.errors import InvalidInput
from tracker.models.vocab import ASSIGNMENT_ROLES, ORG_KINDS, REORGANISATION_KINDS
from tracker.services.organisations import CODE as BODY_CODE
from tracker.text import clean

ROLES = tuple(ASSIGNMENT_ROLES)


@dataclass(frozen=True)
class NewBody:
    code: str
    name: str
    kind: str
    short_name: str = ""
    parent: str | None = None
    symbol: str = ""
    signer_title: str = ""
    header_name: str = ""
    email: str | None = None
    recipient: bool = False


@dataclass(frozen=True)
class RenameSpec:
    code: str
    name: str
    short_name: str | None = None
    symbol: str | None = None
    header_name: str | None = None
    signer_title: str | None = None


@dataclass(frozen=True)
class Routing:
    """Targets are "CODE", "CODE:lead" or "CODE:coordinate"; ``default`` may be ("all",)."""

    default: tuple[str, ...] = ()
    topics: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # ((targets...), (words...))
    tasks: tuple[tuple[str, tuple[str, ...]], ...] = ()               # (task code, targets)


@dataclass(frozen=True)
class EventSpec:
    code: str
    kind: str
    effective_on: date
    title: str = ""
    basis_number: str = ""
    basis_date: date | None = None
    note: str = ""
    create: tuple[NewBody, ...] = ()
    ending: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    rename: RenameSpec | None = None
    routing: Routing = Routing()
    users: tuple[tuple[str, str | None], ...] = ()


# --- parsing -------------------------------------------------------------------------------------------

def read_events(path: Path | str) -> list[EventSpec]:
    """Events of one YAML file, or of every ``*.yaml`` of a folder in name order."""
    path = Path(path)
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    specs: list[EventSpec] = []
    for file in files:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InvalidInput(f"Không đọc được tệp sự kiện {file.name}: {exc}") from exc
        specs.extend(parse_events(data))
    seen: set[str] = set()
    for spec in specs:
        if spec.code in seen:
            raise InvalidInput(f"Mã sự kiện {spec.code} xuất hiện hai lần.")
        seen.add(spec.code)
    return specs


def parse_events(data: dict) -> list[EventSpec]:
    """Events from the YAML mapping ``{"events": [...]}``; InvalidInput names the event and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise InvalidInput("Tệp sự kiện phải có mục 'events' là một danh sách.")
    return [_parse_event(item, i) for i, item in enumerate(data["events"], 1)]


def invalid(code: str, field_name: str, why: str) -> InvalidInput:
    return InvalidInput(f"Sự kiện {code}, mục '{field_name}': {why}")


def _text(raw, code: str, name: str, required: bool = False) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        raise invalid(code, name, "phải là chuỗi ký tự.")
    value = clean(str(raw))
    if required and not value:
        raise invalid(code, name, "không được để trống.")
    return value


def _codes(raw, code: str, name: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(c, str) and c.strip() for c in raw):
        raise invalid(code, name, "phải là danh sách mã cơ quan.")
    return tuple(c.strip().upper() for c in raw)


def _date(raw, code: str, name: str, required: bool = False) -> date | None:
    if raw is None or raw == "":
        if required:
            raise invalid(code, name, "thiếu ngày (YYYY-MM-DD).")
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise invalid(code, name, f"ngày {raw!r} không hợp lệ (YYYY-MM-DD).") from None


def _targets(raw, code: str, name: str, allow_all: bool = False) -> tuple[str, ...]:
    if allow_all and raw == "all":
        return ("all",)
    if isinstance(raw, str):
        raw = [raw]
    targets = _codes(raw, code, name)
    for target in targets:
        body, _, role = target.partition(":")
        if not body or (role and role.lower() not in ROLES):
            raise invalid(code, name, f"'{target}' phải có dạng MÃ, MÃ:lead hoặc MÃ:coordinate.")
    return tuple(_norm_target(t) for t in targets)


def _norm_target(target: str) -> str:
    body, sep, role = target.partition(":")
    return f"{body}:{role.lower()}" if sep else body


def _parse_event(item, index: int) -> EventSpec:
    if not isinstance(item, dict):
        raise InvalidInput(f"Sự kiện thứ {index} phải là một mục có các trường code, kind, effective_on.")
    code = _text(item.get("code"), f"thứ {index}", "code", required=True).upper()
    kind = _text(item.get("kind"), code, "kind", required=True)
    if kind not in REORGANISATION_KINDS:
        raise invalid(code, "kind", f"'{kind}' không hợp lệ; dùng một trong {', '.join(REORGANISATION_KINDS)}.")
    basis = item.get("basis") or {}
    if not isinstance(basis, dict):
        raise invalid(code, "basis", "phải có dạng {number: ..., date: ...}.")
    spec = EventSpec(
        code=code, kind=kind, effective_on=_date(item.get("effective_on"), code, "effective_on", required=True),
        title=_text(item.get("title"), code, "title"), basis_number=_text(basis.get("number"), code, "basis.number"),
        basis_date=_date(basis.get("date"), code, "basis.date"), note=_text(item.get("note"), code, "note"),
        create=tuple(_new_body(b, code) for b in _list(item.get("create"), code, "create")),
        ending=_codes(item.get("ending"), code, "ending"), successors=_codes(item.get("successors"), code, "successors"),
        rename=_rename(item.get("rename"), code), routing=_routing(item.get("routing"), code),
        users=_users(item.get("users"), code))
    check_kind(spec)
    return spec


def _list(raw, code: str, name: str) -> list:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise invalid(code, name, "phải là một danh sách.")
    return raw


def _new_body(raw, code: str) -> NewBody:
    if not isinstance(raw, dict):
        raise invalid(code, "create", "mỗi cơ quan mới phải là một mục {code, name, kind, ...}.")
    body_code = _text(raw.get("code"), code, "create.code", required=True).upper()
    kind = _text(raw.get("kind"), code, f"create.{body_code}.kind", required=True)
    if kind not in ORG_KINDS:
        raise invalid(code, f"create.{body_code}.kind", f"loại cơ quan '{kind}' không hợp lệ.")
    parent = raw.get("parent")
    email = raw.get("email")
    return NewBody(code=body_code, name=_text(raw.get("name"), code, f"create.{body_code}.name", required=True),
                   kind=kind, short_name=_text(raw.get("short_name"), code, f"create.{body_code}.short_name"),
                   parent=_text(parent, code, f"create.{body_code}.parent").upper() or None,
                   symbol=_text(raw.get("symbol"), code, f"create.{body_code}.symbol").upper(),
                   signer_title=_text(raw.get("signer_title"), code, f"create.{body_code}.signer_title").upper(),
                   header_name=_text(raw.get("header_name"), code, f"create.{body_code}.header_name").upper(),
                   email=_text(email, code, f"create.{body_code}.email") or None,
                   recipient=bool(raw.get("recipient", False)))


def _rename(raw, code: str) -> RenameSpec | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise invalid(code, "rename", "phải có dạng {code, name, short_name?, symbol?, header_name?, signer_title?}.")

    def optional(name: str) -> str | None:
        return None if raw.get(name) is None else _text(raw.get(name), code, f"rename.{name}")

    upper = {k: (v.upper() if v is not None else None) for k, v in
             {"symbol": optional("symbol"), "header_name": optional("header_name"),
              "signer_title": optional("signer_title")}.items()}
    return RenameSpec(code=_text(raw.get("code"), code, "rename.code", required=True).upper(),
                      name=_text(raw.get("name"), code, "rename.name", required=True),
                      short_name=optional("short_name"), **upper)


def _routing(raw, code: str) -> Routing:
    if raw is None:
        return Routing()
    if not isinstance(raw, dict):
        raise invalid(code, "routing", "phải có dạng {default, topics, tasks}.")
    topics = []
    for entry in _list(raw.get("topics"), code, "routing.topics"):
        if not isinstance(entry, dict) or not entry.get("words"):
            raise invalid(code, "routing.topics", "mỗi mục phải có dạng {to: [...], words: [...]}.")
        words = entry["words"] if isinstance(entry["words"], list) else [entry["words"]]
        topics.append((_targets(entry.get("to"), code, "routing.topics.to"),
                       tuple(_text(w, code, "routing.topics.words", required=True) for w in words)))
    tasks = raw.get("tasks") or {}
    if not isinstance(tasks, dict):
        raise invalid(code, "routing.tasks", "phải có dạng {mã nhiệm vụ: [đích, ...]}.")
    return Routing(default=_targets(raw.get("default"), code, "routing.default", allow_all=True),
                   topics=tuple(topics),
                   tasks=tuple((str(k).strip(), _targets(v, code, f"routing.tasks.{k}")) for k, v in tasks.items()))


def _users(raw, code: str) -> tuple[tuple[str, str | None], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise invalid(code, "users", "phải có dạng {cơ quan kết thúc: cơ quan kế thừa hoặc null}.")
    return tuple((str(k).strip().upper(), None if v is None else str(v).strip().upper()) for k, v in raw.items())


EVENT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{1,59}$")


def check_kind(spec: EventSpec) -> None:
    code, kind = spec.code, spec.kind
    if not EVENT_CODE.match(code):
        raise InvalidInput("Mã sự kiện gồm 2–60 ký tự: chữ in hoa không dấu, số, dấu chấm, gạch ngang, gạch dưới.")
    for body in spec.create:
        if not BODY_CODE.match(body.code):
            raise invalid(code, "create", "mã cơ quan gồm 2–40 ký tự: chữ in hoa không dấu, số, gạch ngang.")
        if not body.name.strip():
            raise invalid(code, f"create.{body.code}.name", "tên cơ quan không được để trống.")
    if spec.rename is not None and not spec.rename.name.strip():
        raise invalid(code, "rename.name", "tên mới không được để trống.")
    if kind == "merge":
        if not spec.ending:
            raise invalid(code, "ending", "hợp nhất cần ít nhất một cơ quan kết thúc.")
        if len(spec.successors) != 1:
            raise invalid(code, "successors", "hợp nhất cần đúng một cơ quan kế thừa.")
    elif kind == "split":
        if len(spec.ending) != 1:
            raise invalid(code, "ending", "chia tách cần đúng một cơ quan kết thúc.")
        if len(spec.successors) < 2:
            raise invalid(code, "successors", "chia tách cần ít nhất hai cơ quan kế thừa.")
    elif kind == "end":
        if not spec.ending:
            raise invalid(code, "ending", "kết thúc cần ít nhất một cơ quan.")
        if spec.successors:
            raise invalid(code, "successors", "sự kiện kết thúc không có cơ quan kế thừa.")
    elif kind == "create":
        if not spec.create:
            raise invalid(code, "create", "cần ít nhất một cơ quan mới.")
        if spec.ending or spec.successors:
            raise invalid(code, "ending", "sự kiện thành lập không kết thúc cơ quan nào.")
    elif kind == "rename":
        if spec.rename is None:
            raise invalid(code, "rename", "cần mục rename {code, name}.")
        if spec.ending or spec.successors:
            raise invalid(code, "ending", "sự kiện đổi tên không kết thúc cơ quan nào.")
    if kind != "rename" and spec.rename is not None:
        raise invalid(code, "rename", "chỉ dùng cho sự kiện đổi tên (kind: rename).")
    if set(spec.ending) & set(spec.successors):
        raise invalid(code, "successors", "một cơ quan không thể vừa kết thúc vừa kế thừa.")
    allowed = set(spec.successors)
    for target in _all_targets(spec.routing):
        if target != "all" and target.partition(":")[0] not in allowed:
            raise invalid(code, "routing", f"'{target}' không phải cơ quan kế thừa của sự kiện.")
    for ending, to in spec.users:
        if ending not in spec.ending:
            raise invalid(code, "users", f"'{ending}' không phải cơ quan kết thúc của sự kiện.")
        if to is not None and to not in allowed:
            raise invalid(code, "users", f"'{to}' không phải cơ quan kế thừa của sự kiện.")


def _all_targets(routing: Routing) -> list[str]:
    return ([*routing.default] + [t for targets, _ in routing.topics for t in targets]
            + [t for _, targets in routing.tasks for t in targets])
