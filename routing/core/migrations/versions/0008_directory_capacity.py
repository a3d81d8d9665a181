"""directory: service capacity, the directory's history, the weekly mail about unconfirmed services

Revision ID: 0008_directory_capacity
Revises: 0007_scheduler_heartbeat
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008_directory_capacity"
down_revision = "0007_scheduler_heartbeat"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("directory_version") as batch:
        batch.add_column(sa.Column("capacity_version", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "service_capacity",
        sa.Column("service_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("capacity", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("service_id"),
    )
    op.create_table(
        "directory_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("service_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("capacity", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("weeks", sa.Integer(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("fields", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_directory_event_at"), "directory_event", ["at"], unique=False)
    op.create_index(op.f("ix_directory_event_service_id"), "directory_event", ["service_id"], unique=False)
    op.create_table(
        "assure_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("week", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("services", sa.Integer(), nullable=False),
        sa.Column("mails", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "week", name="uq_assure_mail_once"),
    )


def downgrade() -> None:
    op.drop_table("assure_mail")
    op.drop_index(op.f("ix_directory_event_service_id"), table_name="directory_event")
    op.drop_index(op.f("ix_directory_event_at"), table_name="directory_event")
    op.drop_table("directory_event")
    op.drop_table("service_capacity")
    with op.batch_alter_table("directory_version") as batch:
        batch.drop_column("capacity_version")
