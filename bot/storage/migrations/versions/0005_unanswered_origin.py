"""Where an unanswered question was asked: telegram, console or ask.

Revision ID: 0005_unanswered_origin
Revises: 0007_mistake_reports
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_unanswered_origin"
down_revision: str | Sequence[str] | None = "0007_mistake_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add unanswered_questions.origin; rows logged before it came from Telegram or the console (chat_id NULL)."""
    op.add_column("unanswered_questions",
                  sa.Column("origin", sa.String(16), nullable=False, server_default="telegram"))
    op.execute("UPDATE unanswered_questions SET origin = 'console' WHERE chat_id IS NULL")


def downgrade() -> None:
    """Drop unanswered_questions.origin (native DROP COLUMN, as 0002's downgrade does)."""
    op.execute("ALTER TABLE unanswered_questions DROP COLUMN origin")
