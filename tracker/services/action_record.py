"""Log an action with its files and cited document: one operation for the form, the bulk import and the demo.

All or nothing: every file and the citation are checked before anything is stored, and the action,
its evidence and their audit events are written in the caller's one transaction (a refusal raised
here rolls it back), so a refused file never leaves a half-recorded action.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from tracker.models import Action
from tracker.services import actions, evidence
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor


def record_action(session: Session, actor: Actor, assignment_id: int, data: ActionInput,
                  files: Sequence[tuple[str, bytes]] = (), citation: tuple[str, str] | None = None,
                  today: date | None = None, also: Sequence[int] = ()) -> Action:
    """Record ``data`` on the assignment with ``files`` (name, content) and ``citation`` (number, link) attached,
    serving the assignments ``also`` as well (actions.log_action).

    A citation whose number and link are both blank is no citation. Refusals come in the order the form
    shows its fields: the action (permission, then its values), each file in turn, then the citation.
    """
    action = actions.log_action(session, actor, assignment_id, data, today=today, also=also)
    cited = citation if citation and any(part.strip() for part in citation) else None
    for _, content in files:
        evidence.check_file(content)  # every file passes before the first one is stored
    if cited:
        evidence.check_citation(*cited)
    for name, content in files:
        evidence.attach_file(session, actor, action.id, name, content)
    if cited:
        evidence.cite_document(session, actor, action.id, *cited)
    return action
