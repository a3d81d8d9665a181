"""referrals: what the engine read beside what the desk used (issue 17)

Revision ID: 0011_engine_reading
Revises: 0010_ring_mailbox
Create Date: 2026-12-07

A referral keeps the engine's own reading of the question (need codes,
municipality, age, language) and whether the desk changed the needs, so that
the figures can show how often the desk agrees with the engine and `rules
learn` can find the words it missed. Codes only: no client words.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011_engine_reading"
down_revision = "0010_ring_mailbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("engine_needs", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("engine_municipality", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
        batch_op.add_column(sa.Column("engine_age", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("engine_language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
        # a default in the database too: SQLite adds a NOT NULL column in place only with one
        batch_op.add_column(sa.Column("needs_corrected", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        for column in ("needs_corrected", "engine_language", "engine_age", "engine_municipality", "engine_needs"):
            batch_op.drop_column(column)
