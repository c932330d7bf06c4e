"""The summary's editor: a text area per part I–V and per group and sub-group, the signature and "Nơi nhận".

``edited(draft)`` draws the editor for ``draft`` and returns a copy of it holding what the monitor
typed; the widgets' keys carry the draft's generation, so a new draft starts from its own texts.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import streamlit as st

from tracker.services.summary import Assessment, GroupSection, Signature, Summary
from tracker.services.summary_heading import SIGNER_FORMS
from tracker.ui.formatting import escape_markdown
from tracker.ui.i18n import t
from tracker.ui.widgets import table_height

GENERATION = "summary_draft_version"
ASSESSMENT = ("strengths", "limitations", "causes_objective", "causes_subjective", "lessons")


def _area(label: str, value: str, key: str, height: int = 160) -> str:
    v = st.session_state.get(GENERATION, 0)
    return st.text_area(label, value, key=f"sum_{key}_{v}", height=height).strip()


def _group(g: GroupSection) -> GroupSection:
    """A group's (or sub-group's) sources, read only, and its text, editable."""
    if g.actions:
        st.caption(t("sum.actions", count=len(g.actions)))
        st.markdown("\n".join(f"- {escape_markdown(a)}" for a in g.actions))
    narrative = _area(t("sum.narrative", code=g.code), g.narrative, f"group_{g.code}")
    subgroups = []
    for sub in g.subgroups:
        st.markdown(f"**{escape_markdown(f'{sub.label}) {sub.title}')}**")
        subgroups.append(_group(sub))
    return replace(g, narrative=narrative, subgroups=subgroups)


def _signature(draft: Summary) -> Signature:
    v = st.session_state.get(GENERATION, 0)
    forms = SIGNER_FORMS[draft.voice]
    left, middle, right = st.columns(3)
    form = left.radio(t("sum.signer_form"), forms, index=forms.index(draft.signature.form)
                      if draft.signature.form in forms else 0, key=f"sum_signer_form_{v}",
                      format_func=lambda f: t(f"sum.signer_form.{f}"), horizontal=True)
    head_title = draft.letterhead.signer_title or "TRƯỞNG BAN"
    default_title = draft.signature.title
    if form != draft.signature.form and draft.voice == "department":
        default_title = f"PHÓ {head_title}" if form == "deputy" else head_title
    title = middle.text_input(t("sum.signer_title"), default_title, key=f"sum_signer_title_{v}_{form}",
                              max_chars=120).strip()
    name = right.text_input(t("sum.signer"), draft.signature.name, key=f"sum_signer_{v}", max_chars=120).strip()
    on_behalf = draft.signature.on_behalf if form == "collective" else (head_title if form == "deputy" else "")
    signature = Signature(form, title, name, on_behalf)
    st.caption(t("sum.signature_preview", lines=" / ".join(signature.lines())))
    return signature


def edited(draft: Summary) -> Summary:
    """Draw the editor of ``draft``; return a copy with what was typed."""
    st.subheader(t("sum.edit_heading"))
    title = _area(t("sum.title"), draft.title, "title", 80)
    introduction = _area(t("sum.introduction"), draft.introduction, "intro", 100)
    leadership = _area(t("sum.leadership"), draft.leadership, "leadership")
    st.markdown(f"**{escape_markdown(t('sum.part_groups'))}**")
    groups = []
    for g in draft.groups:
        with st.expander(escape_markdown(t("sum.group", code=g.code, title=g.title))):
            groups.append(_group(g))
    st.markdown(f"**{escape_markdown(t('sum.part_assessment'))}**")
    assessment = Assessment(**{name: _area(t(f"sum.{name}"), getattr(draft.assessment, name), name)
                               for name in ASSESSMENT})
    directions = _area(t("sum.directions"), draft.directions, "directions")
    proposals = _area(t("sum.proposals"), draft.proposals, "proposals")
    with st.expander(t("sum.targets", count=len(draft.targets))):
        st.dataframe([asdict(row) for row in draft.targets], hide_index=True,
                     height=table_height(len(draft.targets)))
    signature = _signature(draft)
    recipients = _area(t("sum.recipients"), "\n".join(draft.recipients), "recipients", 140)
    return replace(draft, title=title, introduction=introduction, leadership=leadership, groups=groups,
                   assessment=assessment, directions=directions, proposals=proposals, signature=signature,
                   recipients=[line.strip() for line in recipients.splitlines() if line.strip()])
