"""the client's door: case codes, the client's keys, the thread's messages and attachments

Revision ID: 0008_client_door
Revises: 0006_figures_speed
Create Date: 2026-12-07

Every referral gets a human case code (existing ones too: written here, one by
one, in the alphabet ``referrals.models.new_code`` uses). A case opened at the
client door keeps the digest of its private link's token (and, once the client
signed in, a keyed digest of their OpenID subject) in ``client_key``. The
thread between the client and the staff is ``message``; files sent with a
message are ``attachment`` rows, their content on disk.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008_client_door"
down_revision = "0006_figures_speed"
branch_labels = None
depends_on = None

# the alphabet of routing.referrals.models at the time of this migration (a migration never imports the models)
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"


def _code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def upgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM referral WHERE code IS NULL"))]
    given: set[str] = set()
    for referral_id in ids:
        code = _code()
        while code in given:
            code = _code()
        given.add(code)
        bind.execute(sa.text("UPDATE referral SET code = :code WHERE id = :id"), {"code": code, "id": referral_id})
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_code"), ["code"], unique=True)

    op.create_table(
        "client_key",
        sa.Column("referral_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("token_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("subject_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"]),
        sa.PrimaryKeyConstraint("referral_id"),
    )
    with op.batch_alter_table("client_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_key_token_digest"), ["token_digest"], unique=True)
        batch_op.create_index(batch_op.f("ix_client_key_subject_digest"), ["subject_digest"], unique=False)

    op.create_table(
        "door_opening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("door_opening", schema=None) as batch_op:
        batch_op.create_index("ix_door_opening_address_at", ["address_digest", "at"], unique=False)

    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"]),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index("ix_message_referral_at", ["referral_id", "at"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_message_id"), ["message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_referral_id"), ["referral_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_stored_name"), ["stored_name"], unique=True)


def downgrade() -> None:
    op.drop_table("attachment")
    op.drop_table("message")
    op.drop_table("door_opening")
    op.drop_table("client_key")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_code"))
        batch_op.drop_column("code")
