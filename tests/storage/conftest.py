"""Store fixtures: every storage test runs on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set
(the `db_url` fixture of tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.storage import Store


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[Store]:
    """A migrated Store on a fresh database."""
    opened = await Store.open(db_url)
    try:
        yield opened
    finally:
        await opened.close()
