"""audit head and append-only triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 05:14:30.654673
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.base

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


GENESIS = "0" * 64

SQLITE_TRIGGERS = [
    "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent "
    "BEGIN SELECT RAISE(ABORT, 'auditevent is append-only'); END",
    "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent "
    "BEGIN SELECT RAISE(ABORT, 'auditevent is append-only'); END",
    "CREATE TRIGGER audithead_no_delete BEFORE DELETE ON audithead "
    "BEGIN SELECT RAISE(ABORT, 'audithead cannot be deleted'); END",
    "CREATE TRIGGER audithead_forward_only BEFORE UPDATE ON audithead WHEN NEW.count < OLD.count "
    "BEGIN SELECT RAISE(ABORT, 'audithead only moves forward'); END",
]

POSTGRES_TRIGGERS = [
    """CREATE FUNCTION tracker_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$""",
    """CREATE FUNCTION tracker_audithead_forward() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.count < OLD.count THEN RAISE EXCEPTION 'audithead only moves forward'; END IF;
       RETURN NEW; END $$""",
    "CREATE TRIGGER auditevent_append_only BEFORE UPDATE OR DELETE ON auditevent "
    "FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change()",
    "CREATE TRIGGER auditevent_no_truncate BEFORE TRUNCATE ON auditevent "
    "FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change()",
    "CREATE TRIGGER audithead_no_delete BEFORE DELETE ON audithead "
    "FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change()",
    "CREATE TRIGGER audithead_no_truncate BEFORE TRUNCATE ON audithead "
    "FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change()",
    "CREATE TRIGGER audithead_forward_only BEFORE UPDATE ON audithead "
    "FOR EACH ROW EXECUTE FUNCTION tracker_audithead_forward()",
]


def upgrade() -> None:
    op.create_table('audithead',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('head_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audithead'))
    )
    op.execute(sa.text("INSERT INTO audithead (id, count, head_hash) VALUES (1, 0, :genesis)").bindparams(
        genesis=GENESIS))
    triggers = POSTGRES_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditevent_append_only ON auditevent")
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_truncate ON auditevent")
        op.drop_table('audithead')
        op.execute("DROP FUNCTION IF EXISTS tracker_refuse_change()")
        op.execute("DROP FUNCTION IF EXISTS tracker_audithead_forward()")
    else:
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_update")
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_delete")
        op.drop_table('audithead')
