"""A writer process for the concurrency and crash tests: N actions, each with its audit event.

Usage: python -m tests.stress.writer ASSIGNMENT_ID USER_ID ORG_ID COUNT TAG [--gate]
Prints "ok <tag>-<n>" after each committed transaction (acknowledged writes), "error <text>" on failure.
With ``--gate`` it first gets ready (imports done, database reached), prints "ready" and waits for a
line on stdin: the parent starts every writer at once, however long each took to start.
"""

from __future__ import annotations

import sys
from datetime import date

from tracker.db import check_connection, get_engine, session_scope
from tracker.services import actions
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor

READY = "ready"


def main() -> int:
    assignment_id, user_id, org_id, count = (int(x) for x in sys.argv[1:5])
    tag = sys.argv[5]
    if "--gate" in sys.argv[6:]:
        check_connection(get_engine())
        print(READY, flush=True)
        sys.stdin.readline()
    actor = Actor(user_id, "writer", "agency", org_id)
    for n in range(count):
        try:
            with session_scope() as s:
                actions.log_action(s, actor, assignment_id,
                                   ActionInput(date(2026, 3, 5), f"{tag}-{n}", n % 101), today=date(2026, 11, 29))
        except Exception as exc:  # noqa: BLE001 - reported to the parent test
            print(f"error {type(exc).__name__}: {exc}".replace("\n", " "), flush=True)
            return 1
        print(f"ok {tag}-{n}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
