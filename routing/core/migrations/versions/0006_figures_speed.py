"""figures in integers: the opening's and first owner's numbers stored with the referral

Revision ID: 0006_figures_speed
Revises: 0005_reminders
Create Date: 2026-11-24

The figures spent their time turning text timestamps into Helsinki wall-clock
seconds row by row, and SQLite (no hash aggregation) sorting a million rows per
figure. Now each referral carries, written when it is opened and when it first
gets an owner (routing/models.py ``opening_numbers``, ``first_owner_numbers``):
the opening as Helsinki wall-clock seconds since 1970 and its week, the first
owner's wall-clock seconds, the seconds to that owner and the owner's
organisation; each need carries the referral's municipality and opening. The
figures' indexes hold these in the order the figures group and rank by.

Existing rows are filled in here in SQL: PostgreSQL converts to Helsinki time
itself, SQLite gets the summer-time spans of the years its rows touch (from the
same tz database Python uses). The first owner's organisation is the holder,
unless an accepted handoff moved the referral on: then the organisation that
accepted its referral offer (for a ring, the accepter's), as the figure found it before.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006_figures_speed"
down_revision = "0005_reminders"
branch_labels = None
depends_on = None

OWNED = "seconds_to_owner IS NOT NULL"
HANDOFF_ACCEPTED = "kind = 'handoff' AND state = 'accepted'"
HELSINKI = ZoneInfo("Europe/Helsinki")


def _summer_spans(first_year: int, last_year: int) -> list[tuple[datetime, datetime]]:
    """Naive UTC (start, end) of each Helsinki summer time in the years, found hour by hour around each change."""
    spans: list[tuple[datetime, datetime]] = []

    def summer(at: datetime) -> bool:
        return at.replace(tzinfo=UTC).astimezone(HELSINKI).dst() != timedelta(0)

    at, stop = datetime(first_year, 1, 1), datetime(last_year + 1, 1, 1)
    start: datetime | None = None
    while at < stop:
        day_later = at + timedelta(days=1)
        if summer(day_later) != summer(at):
            hour = at
            while summer(hour) == summer(at):
                hour += timedelta(hours=1)
            if summer(hour):
                start = hour
            elif start is not None:
                spans.append((start, hour))
                start = None
        at = day_later
    if start is not None:
        spans.append((start, stop))
    return spans


def _sqlite_seconds(column: str) -> str:
    # the stored text is 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC: whole seconds without float rounding
    return f"CAST(strftime('%s', substr({column}, 1, 19)) AS INTEGER)"


def _local(column: str, spans: list[tuple[datetime, datetime]]) -> str:
    """SQL: the Helsinki wall clock at a UTC timestamp column, as whole seconds since 1970."""
    if op.get_bind().dialect.name == "postgresql":
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column} AT TIME ZONE 'Europe/Helsinki')) AS BIGINT)"
    whens = " ".join(
        f"WHEN {column} >= '{s:%Y-%m-%d %H:%M:%S}' AND {column} < '{e:%Y-%m-%d %H:%M:%S}' THEN 3600" for s, e in spans
    )
    summer = f"CASE {whens} ELSE 0 END" if whens else "0"
    return f"({_sqlite_seconds(column)} + 7200 + {summer})"


def _utc(column: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS BIGINT)"
    return _sqlite_seconds(column)


def _years() -> tuple[int, int]:
    """The first and last year of the referrals' opening and owner times (this year when there are none)."""
    row = op.get_bind().execute(sa.text("SELECT MIN(created_at), MAX(created_at), MAX(owned_at) FROM referral")).one()
    # SQLite returns the text as stored, PostgreSQL a datetime: the year leads both
    years = [int(str(v)[:4]) for v in row if v is not None] or [datetime.now(UTC).year]
    return min(years), max(years) + 1  # + 1: an owner in the New Year of the last referral's year


def upgrade() -> None:
    # the old figures index goes first: the back-fill then rewrites no entries of it
    op.drop_index("ix_referral_opened", table_name="referral")
    op.drop_index("ix_referral_need_unmet", table_name="referral_need")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opened_local", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("opened_week", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("owned_local", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("seconds_to_owner", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("first_owner_org_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    with op.batch_alter_table("referral_need", schema=None) as batch_op:
        batch_op.add_column(sa.Column("municipality", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
        batch_op.add_column(sa.Column("opened_local", sa.BigInteger(), nullable=True))

    spans = _summer_spans(*_years())
    opened = _local("created_at", spans)
    op.execute(
        f"UPDATE referral SET opened_local = {opened}, opened_week = ({opened} + 259200) / 604800,"
        f" owned_local = {_local('owned_at', spans)}, seconds_to_owner = {_utc('owned_at')} - {_utc('created_at')},"
        " first_owner_org_id = CASE WHEN owned_at IS NULL THEN NULL"
        " WHEN NOT EXISTS (SELECT 1 FROM offer h WHERE h.referral_id = referral.id"
        " AND h.kind = 'handoff' AND h.state = 'accepted') THEN holder_id"
        " ELSE (SELECT COALESCE(o.organization_id, u.organization_id) FROM offer o"
        " LEFT JOIN staff_user u ON u.id = o.decided_by_id WHERE o.referral_id = referral.id"
        " AND o.kind = 'referral' AND o.state = 'accepted' ORDER BY o.decided_at LIMIT 1) END"
    )
    # the figures no longer look for handoffs: the first owner's organisation is kept
    op.drop_index("ix_offer_handoff_accepted", table_name="offer")
    op.execute(
        "UPDATE referral_need SET municipality = r.municipality, opened_local = r.opened_local"
        " FROM referral r WHERE r.id = referral_need.referral_id"
    )

    op.create_index(
        "ix_referral_opened",
        "referral",
        [
            "opened_week",
            "front_door_id",
            "channel",
            "opened_local",
            "owned_local",
            "seconds_to_owner",
            "outcome",
            "municipality",
            "holder_id",
            "id",
        ],
    )
    for name, columns in (
        ("ix_referral_to_owner", ["seconds_to_owner", "opened_week", "opened_local", "municipality"]),
        ("ix_referral_week_to_owner", ["opened_week", "seconds_to_owner", "opened_local", "municipality"]),
        (
            "ix_referral_org_to_owner",
            ["first_owner_org_id", "seconds_to_owner", "opened_week", "opened_local", "municipality"],
        ),
    ):
        op.create_index(name, "referral", columns, sqlite_where=sa.text(OWNED), postgresql_where=sa.text(OWNED))
    op.create_index(
        "ix_referral_id_opened",
        "referral",
        ["id", "opened_week", "opened_local", "municipality", "front_door_id", "holder_id"],
    )
    op.create_index("ix_referral_need_opened", "referral_need", ["need", "municipality", "opened_local", "referral_id"])
    op.create_index(
        "ix_referral_need_unmet",
        "referral_need",
        ["need", "municipality", "opened_local", "referral_id"],
        sqlite_where=sa.text("unmet = 1"),
        postgresql_where=sa.text("unmet"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE referral, referral_need")  # the planner's view of the new columns, now


def downgrade() -> None:
    op.drop_index("ix_referral_need_unmet", table_name="referral_need")
    op.drop_index("ix_referral_need_opened", table_name="referral_need")
    for name in (
        "ix_referral_id_opened",
        "ix_referral_org_to_owner",
        "ix_referral_week_to_owner",
        "ix_referral_to_owner",
        "ix_referral_opened",
    ):
        op.drop_index(name, table_name="referral")
    op.create_index(
        "ix_offer_handoff_accepted",
        "offer",
        ["referral_id"],
        sqlite_where=sa.text(HANDOFF_ACCEPTED),
        postgresql_where=sa.text(HANDOFF_ACCEPTED),
    )
    with op.batch_alter_table("referral_need", schema=None) as batch_op:
        batch_op.drop_column("opened_local")
        batch_op.drop_column("municipality")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        for column in ("first_owner_org_id", "seconds_to_owner", "owned_local", "opened_week", "opened_local"):
            batch_op.drop_column(column)
    op.create_index(
        "ix_referral_opened",
        "referral",
        ["created_at", "front_door_id", "channel", "municipality", "owned_at", "outcome", "holder_id", "id"],
    )
    op.create_index(
        "ix_referral_need_unmet",
        "referral_need",
        ["referral_id", "need"],
        sqlite_where=sa.text("unmet = 1"),
        postgresql_where=sa.text("unmet"),
    )
