"""many programs: the program each user last chose; an action linked to more tasks (issue 15)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tracker.models.base

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'actionlink',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=False),
        sa.Column('created_at', tracker.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_actionlink_action_id_action')),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'],
                                name=op.f('fk_actionlink_assignment_id_assignment')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_actionlink')),
        sa.UniqueConstraint('action_id', 'assignment_id', name=op.f('uq_actionlink_action_id_assignment_id')),
    )
    with op.batch_alter_table('actionlink', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actionlink_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actionlink_assignment_id'), ['assignment_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('program_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_user_program_id_program'), 'program', ['program_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_program_id_program'), type_='foreignkey')
        batch_op.drop_column('program_id')
    with op.batch_alter_table('actionlink', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actionlink_assignment_id'))
        batch_op.drop_index(batch_op.f('ix_actionlink_action_id'))
    op.drop_table('actionlink')
