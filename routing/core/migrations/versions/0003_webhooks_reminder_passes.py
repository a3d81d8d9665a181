"""reminder passes and their mails: resumable, once per person per pass

Revision ID: 0003_webhooks
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_webhooks"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_pass",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("finished_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("mails_sent", sa.Integer(), nullable=False),
        sa.Column("mails_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reminder_pass", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_pass_week"), ["week"], unique=False)

    op.create_table(
        "reminder_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pass_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["pass_id"], ["reminder_pass.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pass_id", "user_id", name="uq_reminder_mail_once"),
    )
    with op.batch_alter_table("reminder_mail", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_mail_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pass_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_reminder_pass_kind", ["pass_id", "kind"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # room on each page, so marking a pass's reminders sent rewrites rows in place (HOT updates)
        op.execute("ALTER TABLE reminder SET (fillfactor = 70)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE reminder RESET (fillfactor)")
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_pass_kind")
        batch_op.drop_column("pass_id")
    with op.batch_alter_table("reminder_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_mail_user_id"))
    op.drop_table("reminder_mail")
    with op.batch_alter_table("reminder_pass", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_pass_week"))
    op.drop_table("reminder_pass")
