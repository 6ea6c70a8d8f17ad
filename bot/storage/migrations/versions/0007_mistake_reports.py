"""Mistake reports ("Laporkan kesalahan") about an answer, a fact card or a quiz question.

Revision ID: 0007_mistake_reports
Revises: 0006_weekly_recaps
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_mistake_reports"
down_revision: str | Sequence[str] | None = "0006_weekly_recaps"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add mistake_reports."""
    op.create_table(
        "mistake_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(128), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mistake_reports"),
    )
    op.create_index("ix_mistake_reports_state_chat_user", "mistake_reports", ["state", "chat_id", "user_id"])


def downgrade() -> None:
    """Drop mistake_reports."""
    op.drop_index("ix_mistake_reports_state_chat_user", table_name="mistake_reports")
    op.drop_table("mistake_reports")
