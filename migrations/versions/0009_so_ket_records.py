"""implementation records, summary drafts, ongoing tasks, delegated assignments, program signer title, baseline source

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:52:37

Issue 14: the records a sơ kết is written from. Existing rows get empty texts and tasks
stay ongoing (thường xuyên) until the seed or the monitor says a task has a deliverable.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.base

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


KINDS_0008 = ("central", "provincial_committee", "party_board", "party_delegation", "party_caucus",
              "district_committee", "affiliated_committee", "youth_union", "front", "socio_political",
              "government", "department", "commune_committee", "ward_committee")
KINDS_0009 = KINDS_0008 + ("mass_association",)  # hội quần chúng (Hội Chữ thập đỏ, Người cao tuổi...)


def _kinds(values: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisation_kind_allowed'), type_='check')
        batch_op.create_check_constraint('kind_allowed', _kinds(KINDS_0009))
    op.create_table('summarydraft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('voice', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', tracker.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('periodic', 'preliminary', 'final')", name=op.f('ck_summarydraft_kind_allowed')),
    sa.CheckConstraint("voice IN ('department', 'standing_committee')", name=op.f('ck_summarydraft_voice_allowed')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_summarydraft_program_id_program')),
    sa.ForeignKeyConstraint(['updated_by'], ['user.id'], name=op.f('fk_summarydraft_updated_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summarydraft')),
    sa.UniqueConstraint('program_id', 'kind', 'period', 'voice', name=op.f('uq_summarydraft_program_id_kind_period_voice'))
    )
    op.create_table('implementationrecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('doc_number', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('reached_pct', sa.Float(), nullable=True),
    sa.Column('articles', sa.Integer(), nullable=True),
    sa.Column('broadcasts', sa.Integer(), nullable=True),
    sa.Column('sessions', sa.Integer(), nullable=True),
    sa.Column('evidence_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', tracker.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', tracker.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('plan', 'conference', 'propaganda')", name=op.f('ck_implementationrecord_kind_allowed')),
    sa.CheckConstraint("level IN ('province', 'commune', 'grassroots')", name=op.f('ck_implementationrecord_level_allowed')),
    sa.CheckConstraint('coalesce(participants, 0) >= 0 AND coalesce(articles, 0) >= 0 AND coalesce(broadcasts, 0) >= 0 AND coalesce(sessions, 0) >= 0', name=op.f('ck_implementationrecord_counts_not_negative')),
    sa.CheckConstraint('reached_pct IS NULL OR (reached_pct >= 0 AND reached_pct <= 100)', name=op.f('ck_implementationrecord_reached_range')),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_implementationrecord_evidence_id_evidence')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_implementationrecord_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_implementationrecord_program_id_program')),
    sa.ForeignKeyConstraint(['recorded_by'], ['user.id'], name=op.f('fk_implementationrecord_recorded_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_implementationrecord'))
    )
    with op.batch_alter_table('implementationrecord', schema=None) as batch_op:
        batch_op.create_index('ix_implementationrecord_program_org', ['program_id', 'organisation_id', 'kind'], unique=False)

    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delegated_from_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assignment_delegated_from_id'), ['delegated_from_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assignment_delegated_from_id_assignment'), 'assignment', ['delegated_from_id'], ['id'])

    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signer_title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.add_column(sa.Column('baseline_source', sa.Text(), nullable=False, server_default=''))

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ongoing', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('deliverable', sa.Text(), nullable=False, server_default=''))



def downgrade() -> None:
    op.execute("UPDATE organisation SET kind = 'socio_political' WHERE kind = 'mass_association'")
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisation_kind_allowed'), type_='check')
        batch_op.create_check_constraint('kind_allowed', _kinds(KINDS_0008))
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_column('deliverable')
        batch_op.drop_column('ongoing')

    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_column('baseline_source')

    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_column('signer_title')

    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assignment_delegated_from_id_assignment'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assignment_delegated_from_id'))
        batch_op.drop_column('delegated_from_id')

    with op.batch_alter_table('implementationrecord', schema=None) as batch_op:
        batch_op.drop_index('ix_implementationrecord_program_org')

    op.drop_table('implementationrecord')
    op.drop_table('summarydraft')
