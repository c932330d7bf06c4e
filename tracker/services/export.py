"""The open-data export of the whole program (documented in docs/export-format.md)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from sqlmodel import Session

from tracker.services import catalog, records
from tracker.services.tabular import safe

EXPORT_FORMAT = "tracker.program-export"
EXPORT_VERSION = 2
CSV_TABLES = ("task_groups", "tasks", "targets", "organisations", "assignments", "baselines", "milestones",
              "actions", "reports", "target_values", "reorganisations", "handovers")


def program_document(session: Session, program_code: str | None = None) -> dict:
    """The whole program as one JSON-ready dictionary."""
    program = catalog.get_program(session, program_code)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "program": catalog.program_header(session, program),
        "baselines": catalog.baselines(session, program),
        "milestones": catalog.milestones(session, program),
        "task_groups": catalog.task_groups(session, program),
        "targets": catalog.targets(session, program),
        "organisations": catalog.organisations(session),
        "reorganisations": catalog.reorganisations(session),
        "assignments": catalog.assignments(session, program),
        "actions": records.actions(session, program),
        "reports": records.reports(session, program),
        "target_values": records.target_values(session, program),
        "implementation_records": records.implementation_records(session, program),
    }


def csv_rows(document: dict, table: str) -> list[dict]:
    """Flat rows of one table of the export document."""
    if table == "task_groups":
        return [{"code": g["code"], "parent": parent, "label": g["label"], "title": g["title"]}
                for parent, g in _walk_groups(document["task_groups"])]
    if table == "tasks":
        return [{"code": t["code"], "group": g["code"], "text": t["text"]}
                for _, g in _walk_groups(document["task_groups"]) for t in g["tasks"]]
    if table == "reorganisations":
        return [{k: v for k, v in e.items() if k != "handovers"} | {"handovers": len(e["handovers"])}
                for e in document["reorganisations"]]
    if table == "handovers":
        return [{"event": e["code"], "task": h["task"], "from": h["from"], "role": h["role"],
                 "to": ";".join(f"{t['organisation']}:{t['role']}" for t in h["to"])}
                for e in document["reorganisations"] for h in e["handovers"]]
    if table in CSV_TABLES:
        return document[table]
    raise ValueError(f"unknown table {table!r}; one of {', '.join(CSV_TABLES)}")


def to_csv(document: dict, table: str) -> str:
    rows = csv_rows(document, table)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _cell(value):
    """One CSV field: booleans as true/false, mappings as k=v;k=v, lists as a;b (a mapping in a list
    as k=v,k=v), text through ``tabular.safe``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return safe(";".join(f"{k}={'' if v is None else v}" for k, v in value.items()))
    if isinstance(value, list):
        return safe(";".join(",".join(f"{k}={'' if v is None else v}" for k, v in item.items())
                             if isinstance(item, dict) else str(item) for item in value))
    return "" if value is None else safe(value)


def _walk_groups(groups: list[dict]):
    for g in groups:
        yield None, g
        for s in g.get("subgroups", []):
            yield g["code"], s
