"""The reorganisation wizard (the tab "Sắp xếp tổ chức"): the event, its preview, apply.

Step 1 builds a reorganisation.EventSpec from what is typed; "Xem trước" keeps it in the session
and step 2 shows reorganisation.preview: every open assignment of an ending body with the
successor(s) that take it (for a split, chosen per task), and the accounts of the ending bodies
(moved to a successor or disabled). Step 3 applies it with those choices. Every input is keyed by
the wizard's version, so nothing typed is lost between reruns and all of it goes after applying.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.clock import local_today
from tracker.models.vocab import ORG_KINDS, REORGANISATION_KINDS
from tracker.services import reorganisation
from tracker.services.actor import Actor
from tracker.services.reorganisation import EventSpec, NewBody, Preview, RenameSpec
from tracker.ui import data, pickers, widgets
from tracker.ui.formatting import escape_markdown, shorten
from tracker.ui.i18n import label, t

PAGE = "orgs_admin"
FORM = "org_wizard"
DISABLE = ""  # the users' picker option "Vô hiệu hóa"
SAME = ""  # the role picker option "Giữ vai trò"
ROLES = (SAME, "lead", "coordinate")
MAX_NEW = 40
SPEC = "orgwiz_spec"  # the event sent to the preview; dropped by "back" and after applying


def _key(name: str) -> str:
    return f"orgwiz_{widgets.version(FORM)}_{name}"


def _button(name: str) -> str:
    return f"orgwizbtn_{widgets.version(FORM)}_{name}"


def render(actor: Actor, bodies: list[dict]) -> None:
    """Step 1 stays drawn (locked while the preview shows), so what was typed keeps its state."""
    held = st.session_state.get(SPEC)
    st.subheader(t("orgs_admin.step1"))
    spec = _event(bodies, locked=held is not None)
    if held is None:
        if st.button(t("orgs_admin.to_preview"), type="primary", key=_button("to_preview")):
            st.session_state[SPEC] = spec
            st.rerun()
        return
    _preview_and_apply(actor, held, {b["code"]: f"{b['code']} — {b['name']}" for b in bodies})


def _event(bodies: list[dict], locked: bool) -> EventSpec:
    """Step 1: the inputs of the event, as an EventSpec (reorganisation.preview says what is missing)."""
    active = {b["code"]: f"{b['code']} — {b['name']}" for b in bodies if b["active"]}
    kind = st.selectbox(t("orgs_admin.event_kind"), REORGANISATION_KINDS, key=widgets.lang_key(_key("kind")),
                        format_func=lambda k: t(f"orgs_admin.kind.{k}"), disabled=locked)
    c1, c2 = st.columns(2)
    effective_on = c1.date_input(t("orgs_admin.effective_on"), value=local_today(), format="DD/MM/YYYY",
                                 key=_key("effective_on"), disabled=locked)
    code = c2.text_input(t("orgs_admin.event_code"), key=_key("code"), disabled=locked)
    c3, c4 = st.columns(2)
    basis_number = c3.text_input(t("orgs_admin.basis_number"), key=_key("basis_number"), disabled=locked)
    basis_date = c4.date_input(t("orgs_admin.basis_date"), value=None, format="DD/MM/YYYY", key=_key("basis_date"),
                               disabled=locked)
    title = st.text_input(t("orgs_admin.title"), key=_key("title"), disabled=locked)
    ending: list[str] = []
    successors: list[str] = []
    rename = None
    if kind == "rename":
        rename = _rename(active, locked)
    if kind in ("merge", "split", "end"):
        ending = pickers.pick_many(t("orgs_admin.ending"), active, _key("ending"), disabled=locked)
    if kind in ("merge", "split"):
        successors = pickers.pick_many(t("orgs_admin.successor_pick"),
                                       {c: n for c, n in active.items() if c not in ending}, _key("successors"),
                                       disabled=locked)
    create = _new_bodies(kind, active, locked)
    successors += [b.code for b in create] if kind in ("merge", "split") else []
    if not code.strip():
        code = f"{(effective_on or local_today()):%Y-%m}-{kind.upper()}-" + "-".join(ending or [b.code for b in create]
                                                                               or ([rename.code] if rename else []))
    return EventSpec(code=code.strip().upper(), kind=kind, effective_on=effective_on or local_today(),
                     title=title, basis_number=basis_number, basis_date=basis_date, create=tuple(create),
                     ending=tuple(ending), successors=tuple(successors), rename=rename)


def _rename(active: dict[str, str], locked: bool) -> RenameSpec | None:
    target = pickers.pick(t("orgs_admin.rename_pick"), active, _key("rename_code"), start=None, disabled=locked)
    if target is None:
        return None
    name = st.text_input(t("orgs_admin.new_name"), key=_key(f"rename_name_{target}"), disabled=locked)
    short_name = st.text_input(t("orgs_admin.new_short_name"), key=_key(f"rename_short_{target}"), disabled=locked)
    symbol = st.text_input(t("orgs_admin.symbol"), key=_key(f"rename_symbol_{target}"), disabled=locked)
    header = st.text_input(t("orgs_admin.header_name"), key=_key(f"rename_header_{target}"), disabled=locked)
    return RenameSpec(code=target, name=name, short_name=short_name or None, symbol=symbol or None,
                      header_name=header or None)


def _new_bodies(kind: str, active: dict[str, str], locked: bool) -> list[NewBody]:
    if kind not in ("create", "merge", "split"):
        return []
    count = st.number_input(t("orgs_admin.new_bodies"), min_value=1 if kind == "create" else 0, max_value=MAX_NEW,
                            value=1 if kind == "create" else 0, step=1, key=_key(f"new_count_{kind}"), disabled=locked)
    out = []
    for n in range(int(count)):
        with st.container(border=True):
            st.markdown(f"**{t('orgs_admin.new_body', n=n + 1)}**")
            a, b = st.columns(2)
            code = a.text_input(t("orgs_admin.code"), key=_key(f"new_{n}_code"), disabled=locked)
            name = b.text_input(t("orgs_admin.name"), key=_key(f"new_{n}_name"), disabled=locked)
            short_name = a.text_input(t("orgs_admin.short_name"), key=_key(f"new_{n}_short"), disabled=locked)
            body_kind = b.selectbox(t("orgs_admin.kind"), ORG_KINDS, index=ORG_KINDS.index("department"),
                                    format_func=lambda k: label("org_kind", k),
                                    key=widgets.lang_key(_key(f"new_{n}_kind")), disabled=locked)
            parent = pickers.pick(t("orgs_admin.parent"), active, _key(f"new_{n}_parent"), start=None,
                                  placeholder=t("choice.none"), where=a, disabled=locked)
            symbol = b.text_input(t("orgs_admin.symbol"), key=_key(f"new_{n}_symbol"), disabled=locked)
            signer = a.text_input(t("orgs_admin.signer_title"), key=_key(f"new_{n}_signer"), disabled=locked)
        out.append(NewBody(code=code.strip().upper(), name=name, kind=body_kind, short_name=short_name,
                           parent=parent, symbol=symbol, signer_title=signer))
    return out


def _preview_and_apply(actor: Actor, spec: EventSpec, names: dict[str, str]) -> None:
    if st.button(t("orgs_admin.back"), key=_button("back")):
        del st.session_state[SPEC]
        st.rerun()
    st.subheader(t("orgs_admin.step2"))
    preview = widgets.read(lambda s: reorganisation.preview(s, actor, spec))
    if preview is widgets.FAILED:
        return
    for warning in preview.warnings:
        st.warning(escape_markdown(warning))
    handovers = _handovers(spec, preview, names)
    users = _users(preview, names)
    st.subheader(t("orgs_admin.step3"))
    confirmed = st.checkbox(t("orgs_admin.apply_confirm"), key=_key("confirm"))
    if not st.button(t("orgs_admin.apply"), type="primary", disabled=not confirmed, key=_button("apply")) or not confirmed:
        return
    result = widgets.write(lambda s: reorganisation.apply(s, actor, spec, handovers=handovers, users=users))
    if result is widgets.FAILED:
        return
    data.forget_catalog()
    st.session_state.pop(SPEC, None)
    tasks = sum(1 for targets in handovers.values() if targets)
    moved = sum(1 for to in users.values() if to)
    widgets.done(PAGE, t("orgs_admin.applied_done", code=spec.code, tasks=tasks, users=moved), reset=FORM)


def _handovers(spec: EventSpec, preview: Preview, names: dict[str, str]) -> dict[int, list[tuple[str, str]]]:
    """The successor(s) and role per open assignment: the preview's default, or, for a split, the choice per task."""
    if not preview.handovers:
        st.info(t("orgs_admin.no_handover"))
        return {}
    if spec.kind != "split":
        st.dataframe([{t("orgs_admin.task"): f"{h.task_code} {shorten(h.task_text, 80)}", t("orgs_admin.from"): h.from_code,
                       t("orgs_admin.to"): ", ".join(f"{c} ({label('role', r)})" for c, r in h.to)}
                      for h in preview.handovers], hide_index=True)
        return {h.assignment_id: list(h.to) for h in preview.handovers}
    successors = {c: names.get(c, c) for c in spec.successors}
    chosen: dict[int, list[tuple[str, str]]] = {}
    for h in preview.handovers:
        st.markdown(f"**{escape_markdown(h.task_code)}** · {escape_markdown(shorten(h.task_text, 120))}")
        left, right = st.columns([3, 1])
        codes = pickers.pick_many(t("orgs_admin.to"), successors, _key(f"to_{h.assignment_id}"),
                                  start=[c for c, _ in h.to], where=left)
        role = right.selectbox(t("orgs_admin.role"), ROLES,
                               format_func=lambda r: label("role", r) if r else t("orgs_admin.role_same"),
                               key=widgets.lang_key(_key(f"role_{h.assignment_id}")))
        defaults = dict(h.to)
        chosen[h.assignment_id] = [(c, role or defaults.get(c, h.role)) for c in codes]
    return chosen


def _users(preview: Preview, names: dict[str, str]) -> dict[int, str | None]:
    if not preview.users:
        return {}
    st.markdown(f"**{t('orgs_admin.users')}**")
    options = {DISABLE: t("orgs_admin.disable")} | {c: names.get(c, c) for c in _targets(preview)}
    chosen = {}
    for u in preview.users:
        to = pickers.pick(f"{u.username} ({u.full_name}, {u.from_code})", options, _key(f"user_{u.user_id}"),
                          start=u.to_code or DISABLE)
        chosen[u.user_id] = to or None
    return chosen


def _targets(preview: Preview) -> list[str]:
    spec = preview.spec
    return list(spec.successors) or [c for c in (u.to_code for u in preview.users) if c]
