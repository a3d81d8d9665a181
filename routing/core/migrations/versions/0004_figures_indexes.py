"""indexes for the network's figures, overlaps and retention

Revision ID: 0004_figures
Revises: 0003_webhooks
Create Date: 2026-11-24

The figures count referrals opened in a period (``ix_referral_opened`` holds
every column they read, so a period is one index range and never the wide
rows); join offers without reading them (``ix_offer_figures``); find the few
returns to ``open``, the moves out of it and the unmet needs through partial
indexes (and the few accepted handoffs); the overlaps count offers per service; retention finds closed,
not yet anonymised referrals by when they closed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_figures"
down_revision = "0003_webhooks"
branch_labels = None
depends_on = None

BACK_TO_OPEN = "to_state = 'open' AND from_state <> 'open'"
OUT_OF_OPEN = "from_state = 'open' AND to_state <> 'open'"
HANDOFF_ACCEPTED = "kind = 'handoff' AND state = 'accepted'"


def upgrade() -> None:
    op.create_index(
        "ix_referral_opened",
        "referral",
        ["created_at", "front_door_id", "channel", "municipality", "owned_at", "outcome", "holder_id", "id"],
    )
    op.create_index(
        "ix_referral_retention",
        "referral",
        ["closed_at"],
        sqlite_where=sa.text("erased_at IS NULL"),
        postgresql_where=sa.text("erased_at IS NULL"),
    )
    op.create_index(
        "ix_offer_figures", "offer", ["referral_id", "state", "kind", "organization_id", "decided_by_id", "reason"]
    )
    op.create_index("ix_offer_service_created", "offer", ["service_id", "created_at", "state"])
    op.create_index(
        "ix_offer_handoff_accepted",
        "offer",
        ["referral_id"],
        sqlite_where=sa.text(HANDOFF_ACCEPTED),
        postgresql_where=sa.text(HANDOFF_ACCEPTED),
    )
    op.create_index(
        "ix_event_back_to_open",
        "event",
        ["referral_id", "at", "id"],
        sqlite_where=sa.text(BACK_TO_OPEN),
        postgresql_where=sa.text(BACK_TO_OPEN),
    )
    op.create_index(
        "ix_event_out_of_open",
        "event",
        ["referral_id", "at", "id"],
        sqlite_where=sa.text(OUT_OF_OPEN),
        postgresql_where=sa.text(OUT_OF_OPEN),
    )
    op.create_index(
        "ix_referral_need_unmet",
        "referral_need",
        ["referral_id", "need"],
        sqlite_where=sa.text("unmet = 1"),
        postgresql_where=sa.text("unmet"),
    )


def downgrade() -> None:
    op.drop_index("ix_referral_need_unmet", table_name="referral_need")
    op.drop_index("ix_event_out_of_open", table_name="event")
    op.drop_index("ix_event_back_to_open", table_name="event")
    op.drop_index("ix_offer_handoff_accepted", table_name="offer")
    op.drop_index("ix_offer_service_created", table_name="offer")
    op.drop_index("ix_offer_figures", table_name="offer")
    op.drop_index("ix_referral_retention", table_name="referral")
    op.drop_index("ix_referral_opened", table_name="referral")
