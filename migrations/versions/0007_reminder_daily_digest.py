"""reminder digest_id: the daily digest that carries a swept reminder

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 07:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_reminder_digest_id'), ['digest_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_reminder_digest_id_reminder'), 'reminder', ['digest_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_reminder_digest_id_reminder'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_reminder_digest_id'))
        batch_op.drop_column('digest_id')
