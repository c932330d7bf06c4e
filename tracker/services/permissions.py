"""Who may do what: one table of operations, checked by every service before it reads or writes.

One operation per kind of record, whatever the path (a form or a bulk import row): who may write
a record never depends on how it arrives. Default deny: an operation missing from the table is
refused. A refusal is written to the audit trail in its own committed transaction (the caller's
change is rolled back), then raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from tracker.db import allow_writes
from tracker.errors import TrackerError
from tracker.services import audit
from tracker.services.actor import Actor

ALL_ROLES = frozenset({"admin", "leader", "monitor", "agency"})


class PermissionDenied(TrackerError):
    """The acting user may not do this; the refusal has been audited."""


@dataclass(frozen=True)
class Rule:
    """Roles allowed on any body's records, and roles allowed only on their own body's."""

    any_body: frozenset[str] = frozenset()
    own_body: frozenset[str] = frozenset()


def _rule(any_body: set[str] = frozenset(), own_body: set[str] = frozenset()) -> Rule:
    return Rule(frozenset(any_body), frozenset(own_body))


POLICY: dict[str, Rule] = {
    "program.read": _rule(ALL_ROLES),
    "program.manage": _rule({"admin", "monitor"}),  # number, date of issue, signer, review dates
    "user.manage": _rule({"admin"}),
    "organisation.manage": _rule({"admin"}),
    "audit.read": _rule({"admin", "monitor"}),
    "assignment.read": _rule({"admin", "leader", "monitor"}, {"agency"}),
    "assignment.manage": _rule({"admin", "monitor"}),
    "action.read": _rule({"admin", "leader", "monitor"}, {"agency"}),
    "action.write": _rule(own_body={"agency"}),
    "evidence.read": _rule({"admin", "leader", "monitor"}, {"agency"}),
    "evidence.write": _rule(own_body={"agency"}),
    "extension.request": _rule(own_body={"agency"}),
    "extension.decide": _rule({"monitor"}),
    "report.read": _rule({"admin", "leader", "monitor"}, {"agency"}),
    "report.write": _rule(own_body={"agency"}),
    "report.review": _rule({"monitor"}),
    "implementation.read": _rule({"admin", "leader", "monitor"}, {"agency"}),  # IV.1 plans, conferences, propaganda
    "implementation.write": _rule({"monitor"}, {"agency"}),  # the monitor records for any body
    "target_value.write": _rule({"monitor"}, {"agency"}),  # the monitor enters figures for any body (import)
    "target.manage": _rule({"monitor"}),  # baselines (value, year, source)
    "directive.read": _rule({"admin", "leader", "monitor"}, {"agency"}),
    "directive.write": _rule({"leader"}),
    "directive.reply": _rule({"leader", "monitor"}, {"agency"}),
    "urge": _rule({"monitor"}),
    "summary.build": _rule({"monitor"}),
    "dashboard.read": _rule({"leader", "monitor"}),
}

DENIED_MESSAGE = "Bạn không có quyền thực hiện thao tác này."


def allowed(actor: Actor, operation: str, body_id: int | None = None) -> bool:
    """Pure check, no side effect: for hiding buttons and for the permission matrix."""
    rule = POLICY.get(operation)
    if rule is None or actor.role not in ALL_ROLES:
        return False
    if actor.role in rule.any_body:
        return True
    return actor.role in rule.own_body and body_id is not None and body_id == actor.organisation_id


def authorize(session: Session, actor: Actor, operation: str, body_id: int | None = None,
              object_type: str = "", object_id: object = "") -> None:
    """Raise PermissionDenied (audited) unless ``actor`` may do ``operation`` on ``body_id``'s record."""
    if allowed(actor, operation, body_id):
        return
    session.rollback()
    allow_writes(session)  # a refusal met in a read-only session (a page read) is audited all the same
    audit.record(session, actor, "permission_denied", object_type or operation.split(".")[0], object_id,
                 {"operation": operation, "body_id": body_id, "role": actor.role})
    session.commit()
    raise PermissionDenied(DENIED_MESSAGE)
