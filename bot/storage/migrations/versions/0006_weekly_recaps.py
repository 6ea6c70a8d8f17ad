"""Weekly class recap: the admins' switch (/rekap on|off) and one row per recap posted.

Revision ID: 0006_weekly_recaps
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_weekly_recaps"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add weekly_recap_settings and weekly_recaps (unique per chat and week)."""
    op.create_table(
        "weekly_recap_settings",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], name="fk_weekly_recap_settings_chat_id_chats",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("chat_id", name="pk_weekly_recap_settings"),
    )
    op.create_table(
        "weekly_recaps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], name="fk_weekly_recaps_chat_id_chats", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_weekly_recaps"),
        sa.UniqueConstraint("chat_id", "week", name="uq_weekly_recaps_chat_id_week"),
    )


def downgrade() -> None:
    """Drop weekly_recaps and weekly_recap_settings."""
    op.drop_table("weekly_recaps")
    op.drop_table("weekly_recap_settings")
