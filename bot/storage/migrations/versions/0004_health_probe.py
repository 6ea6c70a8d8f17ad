"""The health check's write probe: one row per process, rewritten on every /healthz.

Revision ID: 0004
Revises: 0002_leases_unanswered
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0002_leases_unanswered"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add health_probes."""
    op.create_table(
        "health_probes",
        sa.Column("holder", sa.String(128), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("holder", name="pk_health_probes"),
    )


def downgrade() -> None:
    """Drop health_probes."""
    op.drop_table("health_probes")
