"""reminders: lean rows that a pass inserts and never updates

Revision ID: 0005_reminders
Revises: 0004_figures
Create Date: 2026-11-24

A weekly pass writes a reminder row per referral due (a million in a big
network). Two costs went: the foreign key to ``referral`` (PostgreSQL checks
it row by row with a trigger; referrals are never deleted, only anonymised)
and the per-reminder sending state, which the pass then had to rewrite row
by row. A reminder is sent when its pass has finished; the sending state is
kept per mail (``reminder_mail``) and per pass, and a pass left unfinished
into the next week is marked ``superseded_at``.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005_reminders"
down_revision = "0004_figures"
branch_labels = None
depends_on = None


def _reminder_as_it_was() -> sa.Table:
    """The reminder table of 0001 + 0003, for SQLite's batch copy (its foreign key has no name to drop by)."""
    return sa.Table(
        "reminder",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("referral_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("week", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("pass_id", sa.Integer(), nullable=True),
        sa.UniqueConstraint("referral_id", "kind", "week", name="uq_reminder_once"),
        sa.Index("ix_reminder_pass_kind", "pass_id", "kind"),
    )


def upgrade() -> None:
    with op.batch_alter_table("reminder_pass", schema=None) as batch_op:
        batch_op.add_column(sa.Column("superseded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    # reminders of a pass left behind keep saying so through their pass
    op.execute(
        "UPDATE reminder_pass SET superseded_at = finished_at WHERE id IN"
        " (SELECT pass_id FROM reminder WHERE state = 'superseded')"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("reminder_referral_id_fkey", "reminder", type_="foreignkey")
        op.execute("ALTER TABLE reminder RESET (fillfactor)")  # rows are no longer updated in place
        for column in ("state", "sent_at", "attempts"):
            op.drop_column("reminder", column)
    else:
        with op.batch_alter_table("reminder", copy_from=_reminder_as_it_was()) as batch_op:
            for column in ("state", "sent_at", "attempts"):
                batch_op.drop_column(column)


def downgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default="sent")
        )
        batch_op.add_column(sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="1"))
        batch_op.create_foreign_key("reminder_referral_id_fkey", "referral", ["referral_id"], ["id"])
    # the defaults only filled the rows already there: the schema before 0005 had none
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.alter_column("state", server_default=None)
        batch_op.alter_column("attempts", server_default=None)
    with op.batch_alter_table("reminder_pass", schema=None) as batch_op:
        batch_op.drop_column("superseded_at")
