"""Chat time zones, the scheduler lease, and the log of questions the FAQ could not answer.

Revision ID: 0002_leases_unanswered
Revises: 0001_initial
Create Date: 2026-11-28

chats.timezone is nullable (NULL = bot default) and is back-filled from the chat's subscription,
so chats that already chose a zone for the daily quiz keep it everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_leases_unanswered"
down_revision: str | Sequence[str] | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add chats.timezone (back-filled), leases and unanswered_questions."""
    op.add_column("chats", sa.Column("timezone", sa.String(64), nullable=True))
    op.execute(
        "UPDATE chats SET timezone = "
        "(SELECT s.timezone FROM subscriptions s WHERE s.chat_id = chats.id) "
        "WHERE timezone IS NULL"
    )
    op.create_table(
        "leases",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("holder", sa.String(128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_leases"),
    )
    op.create_table(
        "unanswered_questions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_unanswered_questions"),
    )
    op.create_index("ix_unanswered_questions_created_at", "unanswered_questions", ["created_at"])


def downgrade() -> None:
    """Drop the 0002 additions."""
    op.drop_index("ix_unanswered_questions_created_at", table_name="unanswered_questions")
    op.drop_table("unanswered_questions")
    op.drop_table("leases")
    # Native DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch "recreate" of chats would DROP the
    # table, and with foreign_keys=ON that cascades deletes into every child table.
    op.execute("ALTER TABLE chats DROP COLUMN timezone")
