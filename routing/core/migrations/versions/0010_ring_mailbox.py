"""ring mailboxes: where each ring's shared box is, and every mail taken from or sent for it

Revision ID: 0010_ring_mailbox
Revises: 0009_client_door
Create Date: 2026-12-07 19:10:10.249185
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010_ring_mailbox"
down_revision = "0009_client_door"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auto_answer",
        sa.Column("sender_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("sender_digest", "day"),
    )
    op.create_table(
        "ring_mailbox",
        sa.Column("ring_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("host", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("tls", sa.Boolean(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("folder", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("password_sealed", sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=False),
        sa.Column("holder_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("last_read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("retry_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["organization.id"],
        ),
        sa.ForeignKeyConstraint(
            ["ring_id"],
            ["ring.id"],
        ),
        sa.PrimaryKeyConstraint("ring_id"),
    )
    op.create_table(
        "case_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ring_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("uid", sa.BigInteger(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("referral_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("message_ref", sa.Integer(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("sender", sa.Text(), nullable=True),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("answer_due", sa.Boolean(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
        ),
        sa.ForeignKeyConstraint(
            ["ring_id"],
            ["ring.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ring_id", "message_id", name="uq_case_mail_message_id"),
        sa.UniqueConstraint("ring_id", "uidvalidity", "uid", name="uq_case_mail_uid"),
    )
    with op.batch_alter_table("case_mail", schema=None) as batch_op:
        batch_op.create_index("ix_case_mail_message_id", ["message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_mail_referral_id"), ["referral_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_mail_referral_id"))
        batch_op.drop_index("ix_case_mail_message_id")

    op.drop_table("case_mail")
    op.drop_table("ring_mailbox")
    op.drop_table("auto_answer")
