"""The benchmark's "many programs" case: the seed program copied set-based under other codes (its
groups, tasks and review dates), and the synthetic assignments spread over all of them, so that a
dashboard of one program and the leaders' overview of all are measured on a department that follows
a dozen programs."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

PROGRAM_COLUMNS = ("number, issued_on, title, implements, issuer_org_id, monitor_org_id, signer, signer_title, "
                   "situation, general_goal, vision_2045, target_year, default_cadence, report_due_days, created_at")


def add_programs(engine: Engine, count: int) -> list[int]:
    """Make the database hold ``count`` programs (the seed's and copies); returns their ids."""
    with engine.begin() as conn:
        first = conn.execute(text("SELECT min(id) FROM program")).scalar_one()
        ids = [first]
        for k in range(1, count):
            code = f"CTHD-SYN{k:02d}"
            conn.execute(text(f"INSERT INTO program (code, {PROGRAM_COLUMNS}) SELECT :code, {PROGRAM_COLUMNS} "
                              "FROM program WHERE id = :first"), {"code": code, "first": first})
            new = conn.execute(text("SELECT id FROM program WHERE code = :code"), {"code": code}).scalar_one()
            ids.append(new)
            params = {"first": first, "new": new}
            conn.execute(text("INSERT INTO taskgroup (program_id, parent_id, code, label, title, position) "
                              "SELECT :new, NULL, code, label, title, position FROM taskgroup "
                              "WHERE program_id = :first AND parent_id IS NULL"), params)
            conn.execute(text("INSERT INTO taskgroup (program_id, parent_id, code, label, title, position) "
                              "SELECT :new, p2.id, g.code, g.label, g.title, g.position FROM taskgroup g "
                              "JOIN taskgroup p1 ON p1.id = g.parent_id "
                              "JOIN taskgroup p2 ON p2.program_id = :new AND p2.code = p1.code "
                              "WHERE g.program_id = :first"), params)
            conn.execute(text("INSERT INTO task (program_id, group_id, code, position, text, search_text, ongoing, "
                              "deliverable) SELECT :new, g2.id, t.code, t.position, t.text, t.search_text, t.ongoing, "
                              "t.deliverable FROM task t JOIN taskgroup g1 ON g1.id = t.group_id "
                              "JOIN taskgroup g2 ON g2.program_id = :new AND g2.code = g1.code "
                              "WHERE t.program_id = :first"), params)
            conn.execute(text("INSERT INTO milestone (program_id, code, kind, title, period, due_on, is_default, note) "
                              "SELECT :new, code, kind, title, period, due_on, is_default, note FROM milestone "
                              "WHERE program_id = :first"), params)
        for k, program_id in enumerate(ids[1:], start=1):  # every count-th synthetic assignment moves there
            conn.execute(text(
                "UPDATE assignment SET task_id = (SELECT t2.id FROM task t1 JOIN task t2 ON t2.code = t1.code "
                "AND t2.program_id = :program WHERE t1.id = assignment.task_id) "
                "WHERE basis = 'bench' AND id % :count = :k"), {"program": program_id, "count": count, "k": k})
    return ids
