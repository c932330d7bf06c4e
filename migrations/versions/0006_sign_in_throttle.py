"""sign-in throttle: per-account failure window and a table of cross-account scopes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 07:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.base

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user') as batch:
        batch.add_column(sa.Column('failures_since', tracker.models.base.UTCDateTime(timezone=True), nullable=True))
    op.create_table('signinthrottle',
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('window_start', tracker.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope', name=op.f('pk_signinthrottle'))
    )


def downgrade() -> None:
    op.drop_table('signinthrottle')
    with op.batch_alter_table('user') as batch:
        batch.drop_column('failures_since')
