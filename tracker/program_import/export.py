"""A draft in the shape of the program export (docs/export-format.md), so that a dry run's JSON can
be read back by the import. Keys the draft cannot know (domain, population, responsible…) are empty
and marked as defaults; what the parser found for review travels under ``draft``."""

from __future__ import annotations

from datetime import datetime, timezone

from tracker.program_import import ocr_slips
from tracker.program_import.draft import Draft, Group
from tracker.services.export import EXPORT_FORMAT, EXPORT_VERSION


def to_export(draft: Draft, code: str, accept_flags: bool = False) -> dict:
    """The export-shaped dictionary of ``draft`` for the program ``code``. With ``accept_flags`` the
    suggestions of the OCR flags are applied to every text (a person's choice, never the default)."""
    fix = (lambda text: ocr_slips.apply(text, draft.flags)) if accept_flags else (lambda text: text)
    target_year = draft.target_year or max((t.year for t in draft.targets if t.year), default=None)
    monitor = draft.monitor
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "program": {
            "code": code, "number": draft.number or None,
            "issued_on": draft.issued_on.isoformat() if draft.issued_on else None,
            "title": fix(draft.title), "implements": fix(draft.implements),
            "issuer": draft.issuer_code, "monitor": monitor.code if monitor else None,
            "signer": draft.signer, "signer_title": "", "target_year": target_year,
            "situation": fix(draft.situation), "general_goal": fix(draft.general_goal),
            "vision_2045": fix(draft.vision),
            "default_cadence": "semiannual", "report_due_days": {"H1": "06-15", "H2": "12-15"},
        },
        "baselines": [
            {"code": f"B{n:02d}", "name": fix(b.name), "comparator": b.figure.comparator, "value": b.figure.value,
             "unit": b.figure.unit, "year": b.year or draft.resolution_year,
             "year_is_default": b.year is None, "source_sentence": fix(b.sentence)}
            for n, b in enumerate(draft.baselines, start=1)],
        "milestones": _milestones(draft, target_year),
        "task_groups": [_group(g, fix) for g in draft.groups],
        "targets": [
            {"code": f"T{n:02d}", "paragraph": t.paragraph, "domain": "", "name": fix(t.name), "population": "",
             "unit": t.figure.unit if t.figure else "",
             "comparator": t.figure.comparator if t.figure else "qualitative",
             "value": t.figure.value if t.figure else None, "direction": t.direction,
             "cumulative": bool(t.figure and t.figure.unit == "units"),
             "target_year": t.year or target_year, "baseline_value": None, "baseline_year": None,
             "responsible": None, "responsible_is_default": True, "source_sentence": fix(t.sentence)}
            for n, t in enumerate(draft.targets, start=1)],
        "organisations": [],
        "assignments": [],
        "draft": {
            "issuer_name": draft.issuer, "monitor_name": monitor.name if monitor else "",
            "resolution": draft.resolution,
            "clauses": [{"label": f"IV.{c.label}", "text": fix(c.text), "lines": c.lines,
                         "bodies": [vars(b) for b in c.bodies]} for c in draft.clauses],
            "flags": [vars(f) for f in draft.flags],
            "joins": [list(j) for j in draft.joins],
            "comparator_words": {f"T{n:02d}": fix(t.figure.comparator_word) for n, t in enumerate(draft.targets, start=1)
                                 if t.figure and t.figure.comparator_word},
            "lines": {"title": draft.title_lines, "situation": draft.situation_lines,
                      "general_goal": draft.general_goal_lines, "vision": draft.vision_lines,
                      "baselines": [b.lines for b in draft.baselines],
                      "targets": [t.lines for t in draft.targets],
                      "tasks": {t.code: t.lines for t in draft.all_tasks()}},
        },
    }
    document["assignments"] = default_assignments(document)
    return document


def default_assignments(document: dict) -> list[dict]:
    """The assignments section IV proposes, from the export-shaped ``document`` (its ``draft`` clauses
    and task groups): each body a clause names and the registry matched (lead when it is the clause's
    subject, coordinating when it is "phối hợp với") on every task of section III, with the clause as
    its basis; the monitoring body is not assigned. A proposal for the reviewer to narrow: a clause
    seldom says which tasks, and a body named in two clauses keeps the first, lead before coordinating.
    Collectives ("các huyện ủy") and unmatched names propose nothing until mapped."""
    tasks = [t["code"] for g in document["task_groups"] for h in [g, *g["subgroups"]] for t in h["tasks"]]
    monitor = document["program"].get("monitor")
    chosen: dict[str, tuple[str, str]] = {}
    for clause in (document.get("draft") or {}).get("clauses", []):
        for mention in clause["bodies"]:
            role, code = {"lead": "lead", "coordinate": "coordinate"}.get(mention["role"]), mention.get("code")
            if code and code != monitor and role and (code not in chosen or
                                                      (role == "lead" and chosen[code][0] != "lead")):
                chosen[code] = (role, clause["label"])
    return [{"task": task, "organisation": code, "role": role, "deadline": None, "deadline_is_default": True,
             "report_cadence": "semiannual", "basis": basis, "is_default": True}
            for code, (role, basis) in chosen.items() for task in tasks]


def _group(group: Group, fix) -> dict:
    out = {"code": group.code, "label": group.label, "title": fix(group.title),
           "tasks": [{"code": t.code, "text": fix(t.text)} for t in group.tasks]}
    if group.subgroups:
        out["subgroups"] = [_group(s, fix) for s in group.subgroups]
    else:
        out["subgroups"] = []
    return out


def _milestones(draft: Draft, target_year: int | None) -> list[dict]:
    """The reviews the document states; a review it names without a year gets a default year (the
    middle and the end of the period), marked ``is_default``."""
    start = draft.resolution_year + 1 if draft.resolution_year else None
    out, seen = [], set()
    for review in draft.reviews:
        if review.kind in seen:
            continue
        seen.add(review.kind)
        year = review.year
        if year is None and target_year:
            year = target_year if review.kind == "final" else ((start or target_year - 6) + target_year + 1) // 2
        code, word = ("SK", "Sơ kết") if review.kind == "preliminary" else ("TK", "Tổng kết")
        out.append({"code": code, "kind": review.kind,
                    "title": f"{word} việc thực hiện {draft.implements.split(',')[0] or 'chương trình'}",
                    "period": f"{start}-{year}" if start and year else (str(year) if year else ""),
                    "due_on": f"{year}-11-30" if year else None, "is_default": review.year is None,
                    "note": f"dòng {review.lines[0]}" if review.lines else ""})
    return out
