"""organisation life span, names over time, reorganisation events and successions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 06:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.base

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = ("central", "provincial_committee", "party_board", "party_delegation", "party_caucus",
             "district_committee", "affiliated_committee", "youth_union", "front", "socio_political",
             "government", "department")
NEW_KINDS = OLD_KINDS + ("commune_committee", "ward_committee")


def _kinds(values: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    op.create_table(
        'reorganisation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('effective_on', sa.Date(), nullable=False),
        sa.Column('basis_number', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('basis_date', sa.Date(), nullable=True),
        sa.Column('spec', sa.JSON(), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.Column('applied_at', tracker.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('applied_by', sa.Integer(), nullable=True),
        sa.Column('undone_at', tracker.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('undone_by', sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('create', 'rename', 'merge', 'split', 'end')",
                           name=op.f('ck_reorganisation_kind_allowed')),
        sa.ForeignKeyConstraint(['applied_by'], ['user.id'], name=op.f('fk_reorganisation_applied_by_user')),
        sa.ForeignKeyConstraint(['undone_by'], ['user.id'], name=op.f('fk_reorganisation_undone_by_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reorganisation')),
        sa.UniqueConstraint('code', name=op.f('uq_reorganisation_code')),
    )
    op.create_table(
        'organisationname',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('short_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('symbol', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('header_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=True),
        sa.Column('valid_to', sa.Date(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['reorganisation.id'],
                                name=op.f('fk_organisationname_event_id_reorganisation')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_organisationname_organisation_id_organisation')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organisationname')),
    )
    op.create_index(op.f('ix_organisationname_organisation_id'), 'organisationname', ['organisation_id'])
    op.create_index(op.f('ix_organisationname_event_id'), 'organisationname', ['event_id'])
    op.create_table(
        'organisationsuccession',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('predecessor_id', sa.Integer(), nullable=False),
        sa.Column('successor_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['reorganisation.id'],
                                name=op.f('fk_organisationsuccession_event_id_reorganisation')),
        sa.ForeignKeyConstraint(['predecessor_id'], ['organisation.id'],
                                name=op.f('fk_organisationsuccession_predecessor_id_organisation')),
        sa.ForeignKeyConstraint(['successor_id'], ['organisation.id'],
                                name=op.f('fk_organisationsuccession_successor_id_organisation')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organisationsuccession')),
        sa.UniqueConstraint('event_id', 'predecessor_id', 'successor_id',
                            name=op.f('uq_organisationsuccession_event_id_predecessor_id_successor_id')),
    )
    op.create_index(op.f('ix_organisationsuccession_event_id'), 'organisationsuccession', ['event_id'])
    op.create_index(op.f('ix_organisationsuccession_predecessor_id'), 'organisationsuccession', ['predecessor_id'])
    op.create_index(op.f('ix_organisationsuccession_successor_id'), 'organisationsuccession', ['successor_id'])
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('began_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('symbol', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('signer_title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('header_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False,
                                      server_default=''))
        batch_op.drop_constraint(op.f('ck_organisation_kind_allowed'), type_='check')
        batch_op.create_check_constraint('kind_allowed', _kinds(NEW_KINDS))
    # A body merged before this revision ended on the day of its merge.
    day = "date(merged_at)" if op.get_bind().dialect.name == "sqlite" else "CAST(merged_at AS DATE)"
    op.execute(f"UPDATE organisation SET ended_on = {day} WHERE merged_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisation_kind_allowed'), type_='check')
        batch_op.create_check_constraint('kind_allowed', _kinds(OLD_KINDS))
        batch_op.drop_column('header_name')
        batch_op.drop_column('signer_title')
        batch_op.drop_column('symbol')
        batch_op.drop_column('ended_on')
        batch_op.drop_column('began_on')
    op.drop_table('organisationsuccession')
    op.drop_table('organisationname')
    op.drop_table('reorganisation')
