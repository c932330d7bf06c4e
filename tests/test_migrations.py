from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import tracker.models  # noqa: F401
from tracker.migrate import downgrade, is_migrated, upgrade

TABLES = {"action", "appsetting", "assignment", "auditevent", "audithead", "baseline", "directive", "evidence", "extension", "milestone",
          "notice", "organisation", "program", "reminder", "report", "reportrevision", "target", "targetvalue",
          "task", "taskgroup", "user", "workerlease"}


def test_upgrade_from_empty_creates_every_table(engine):
    assert not is_migrated(engine)
    upgrade(engine)
    assert is_migrated(engine)
    assert TABLES <= set(inspect(engine).get_table_names())


def test_migrated_schema_matches_the_models(migrated):
    with migrated.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_downgrade_to_base_and_up_again(migrated):
    downgrade(migrated, "base")
    assert not TABLES & set(inspect(migrated).get_table_names())
    upgrade(migrated)
    assert TABLES <= set(inspect(migrated).get_table_names())


def test_key_indexes_exist(migrated):
    insp = inspect(migrated)
    action_ix = {tuple(ix["column_names"]) for ix in insp.get_indexes("action")}
    assert ("assignment_id", "created_at") in action_ix  # latest action per assignment
    reminder_uq = insp.get_unique_constraints("reminder") + [i for i in insp.get_indexes("reminder") if i["unique"]]
    assert any(c["column_names"] == ["idempotency_key"] for c in reminder_uq)


def test_a_database_in_use_migrates_down_and_up_with_its_rows(seeded):
    """0008 rebuilds the organisation table (SQLite batch ALTER) while assignments and accounts point
    at its rows: the migration keeps every row and every reference, on both engines."""
    def counts():
        with seeded.connect() as conn:
            return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                    for t in ("organisation", "assignment", "target")}

    before = counts()
    assert before["organisation"] > 0 and before["assignment"] > 0
    downgrade(seeded, "0007")
    assert "began_on" not in {c["name"] for c in inspect(seeded).get_columns("organisation")}
    upgrade(seeded)
    assert counts() == before
    if seeded.dialect.name == "sqlite":
        with seeded.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1, "foreign keys back on"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
