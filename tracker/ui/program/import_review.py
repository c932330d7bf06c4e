"""The review of a proposed program, tab by tab, each item beside the source lines it came from:
details, targets, tasks, the bodies of section IV, and what the parser asks a person to check.

Every correction is a program_import.review edit of the proposal kept in the session; an edit the
review refuses shows its message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from tracker.errors import InvalidInput
from tracker.models.vocab import COMPARATORS
from tracker.program_import import review
from tracker.ui import data, pickers, widgets
from tracker.ui.formatting import escape_markdown, shorten, target_value
from tracker.ui.i18n import label, t

PAGE = "program_import"
EDITS = "program_import_edit"  # the generation of the correction forms: a new one after each edit


def render(document: dict, lines: list[str]) -> None:
    tabs = st.tabs([t("imp.tab.details"), t("imp.tab.targets"), t("imp.tab.tasks"), t("imp.tab.bodies"),
                    t("imp.tab.flags")])
    parts = (_details, _targets, _tasks, _bodies, _flags)
    for tab, part in zip(tabs, parts, strict=True):
        with tab:
            part(document, lines)


def task_count(document: dict) -> int:
    return len(review.tasks(document))


def open_questions(document: dict) -> int:
    """Names of section IV not yet mapped, and a missing issuer or monitor."""
    extra = document.get("draft") or {}
    unmatched = sum(b["status"] == "unmatched" for c in extra.get("clauses", []) for b in c["bodies"])
    return unmatched + (not document["program"].get("issuer")) + (not document["program"].get("monitor"))


def _apply(edit: Callable[[], None], message: str) -> None:
    try:
        edit()
    except InvalidInput as exc:
        widgets.show_error(exc)
        return
    widgets.done(PAGE, message, reset=EDITS)


def _source(lines: list[str], numbers: list[int]) -> None:
    """The source lines an item came from (numbered from 1), as plain text."""
    st.caption(t("imp.source"))
    shown = [f"{n:>4}  {lines[n - 1]}" for n in numbers if 0 < n <= len(lines)]
    st.code("\n".join(shown) or t("imp.no_source"), language=None, wrap_lines=True)


def _bodies_choice() -> dict[str, str]:
    return {o["code"]: f"{o['code']} — {o['name']}" for o in data.organisations() if o["active"]}


def _details(document: dict, lines: list[str]) -> None:
    p, v = document["program"], widgets.version(EDITS)
    form, source = st.columns([3, 2])
    bodies = _bodies_choice()
    with form.form(f"imp_details_{v}"):
        code = st.text_input(t("imp.code"), value=p["code"], key=f"imp_code_{v}")
        title = st.text_area(t("imp.title"), value=p["title"], key=f"imp_title_{v}")
        number = st.text_input(t("imp.number"), value=p.get("number") or "", key=f"imp_number_{v}")
        issued = st.date_input(t("imp.issued_on"), value=date.fromisoformat(p["issued_on"]) if p.get("issued_on")
                               else None, format="DD/MM/YYYY", key=f"imp_issued_{v}")
        issuer = pickers.pick(t("imp.issuer"), bodies, f"imp_issuer_{v}", start=p.get("issuer"))
        monitor = pickers.pick(t("imp.monitor"), bodies, f"imp_monitor_{v}", start=p.get("monitor"))
        saved = st.form_submit_button(t("imp.save"))
    with source:
        _source(lines, (document.get("draft") or {}).get("lines", {}).get("title", []))
    if saved:
        _apply(lambda: review.set_program(document, code=code, title=title, number=number, issued_on=issued,
                                          issuer=issuer, monitor=monitor), t("imp.saved_details"))


def _targets(document: dict, lines: list[str]) -> None:
    targets = document["targets"]
    if not targets:
        st.info(t("imp.no_targets"))
        return
    v = widgets.version(EDITS)
    where = {x["code"]: i for i, x in enumerate(targets)}
    options = {x["code"]: f"{x['code']} — {shorten(x['name'], 70)} ({target_value(x['comparator'], x['value'], x['unit'])})"
               for x in targets}
    code = pickers.pick(t("imp.pick_target"), options, "imp_target")
    if code is None:
        return
    target = targets[where[code]]
    form, source = st.columns([3, 2])
    with form.form(f"imp_target_{code}_{v}"):
        name = st.text_area(t("imp.target_name"), value=target["name"], key=f"imp_tname_{code}_{v}")
        comparator = st.selectbox(t("imp.comparator"), COMPARATORS, index=COMPARATORS.index(target["comparator"]),
                                  format_func=lambda c: label("comparator", c), key=f"imp_tcmp_{code}_{v}")
        value = st.number_input(t("imp.value"), value=target["value"], step=0.1, format="%g",
                                key=f"imp_tvalue_{code}_{v}")
        unit = st.text_input(t("imp.unit"), value=target["unit"], key=f"imp_tunit_{code}_{v}")
        year = st.number_input(t("imp.year"), value=target["target_year"], min_value=2000, max_value=2100, step=1,
                               key=f"imp_tyear_{code}_{v}")
        save, drop = st.columns(2)
        saved = save.form_submit_button(t("imp.save_target"))
        dropped = drop.form_submit_button(t("imp.delete_target"))
    with source:
        numbers = (document.get("draft") or {}).get("lines", {}).get("targets", [])
        _source(lines, numbers[where[code]] if where[code] < len(numbers) else [])
    if saved:
        _apply(lambda: review.set_target(document, code, name=name, comparator=comparator, value=value, unit=unit,
                                         target_year=int(year) if year else None), t("imp.saved_target", code=code))
    if dropped:
        _apply(lambda: review.delete_target(document, code), t("imp.deleted_target", code=code))


def _tasks(document: dict, lines: list[str]) -> None:
    tasks = review.tasks(document)
    if not tasks:
        st.info(t("imp.no_tasks"))
        return
    v = widgets.version(EDITS)
    options = {x["code"]: f"{x['code']} — {shorten(x['text'], 90)}" for x in tasks}
    code = pickers.pick(t("imp.pick_task"), options, f"imp_task_{v}")
    if code is None:
        return
    task = next(x for x in tasks if x["code"] == code)
    form, source = st.columns([3, 2])
    with form:
        st.caption(escape_markdown(t("imp.task_group", group=task["group"], title=task["group_title"])))
        with st.form(f"imp_task_form_{v}"):
            text = st.text_area(t("imp.task_text"), value=task["text"], height=140, key=f"imp_ttext_{v}")
            second = st.text_area(t("imp.task_split"), key=f"imp_tsplit_{v}", help=t("imp.task_split_help"))
            save, split, merge, drop = st.columns(4)
            saved = save.form_submit_button(t("imp.save_task"))
            splitted = split.form_submit_button(t("imp.split_task"))
            merged = merge.form_submit_button(t("imp.merge_task"))
            dropped = drop.form_submit_button(t("imp.delete_task"))
    with source:
        _source(lines, (document.get("draft") or {}).get("lines", {}).get("tasks", {}).get(code, []))
    if saved:
        _apply(lambda: review.set_task(document, code, text), t("imp.saved_task", code=code))
    if splitted:
        _apply(lambda: review.split_task(document, code, text, second), t("imp.split_done", code=code))
    if merged:
        _apply(lambda: review.merge_with_next(document, code), t("imp.merged", code=code))
    if dropped:
        _apply(lambda: review.delete_task(document, code), t("imp.deleted_task", code=code))


def _bodies(document: dict, lines: list[str]) -> None:
    clauses = (document.get("draft") or {}).get("clauses", [])
    if not clauses:
        st.info(t("imp.no_clauses"))
        return
    st.caption(t("imp.bodies_hint", count=len(document["assignments"])))
    bodies, v = _bodies_choice(), widgets.version(EDITS)
    for clause in clauses:
        st.markdown(f"**{escape_markdown(clause['label'])}**")
        text, source = st.columns([3, 2])
        with text:
            for index, mention in enumerate(clause["bodies"]):
                _mention(document, clause["label"], index, mention, bodies, v)
        with source:
            _source(lines, clause["lines"])


def _mention(document: dict, clause: str, index: int, mention: dict, bodies: dict[str, str], v: int) -> None:
    how = label("import_role", mention["role"])
    if mention["status"] == "kind":
        st.caption(escape_markdown(t("imp.collective", name=mention["name"], kind=label("org_kind", mention["kind"]))))
        return
    hint = t("imp.suggested", codes=", ".join(mention["suggestions"])) if mention.get("suggestions") else None
    start = mention.get("code") if mention.get("code") in bodies else None
    chosen = pickers.pick(t("imp.mention", name=mention["name"], role=how), bodies, f"imp_body_{clause}_{index}_{v}",
                          start=start, help=hint)
    if chosen != start:
        _apply(lambda: review.map_body(document, clause, index, chosen),
               t("imp.mapped", name=mention["name"], code=chosen or "—"))


def _flags(document: dict, lines: list[str]) -> None:
    flags = (document.get("draft") or {}).get("flags", [])
    if not flags:
        st.info(t("imp.no_flags"))
        return
    st.caption(t("imp.flags_hint"))
    table = [{t("imp.col.line"): f["line"], t("imp.col.found"): f["found"], t("imp.col.suggestion"): f["suggestion"],
              t("imp.col.text"): lines[f["line"] - 1] if 0 < f["line"] <= len(lines) else ""} for f in flags]
    st.dataframe(table, hide_index=True, height=widgets.table_height(len(table)))
