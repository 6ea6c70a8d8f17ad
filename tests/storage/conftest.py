"""Store fixtures: every storage test runs on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set.

TEST_POSTGRES_URL points at a server we may create databases on, e.g.
postgresql://postgres@127.0.0.1:55432/postgres; each test gets its own fresh database, dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.storage import Store

POSTGRES_ENV = "TEST_POSTGRES_URL"


def _server_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or os.environ.get("DATABASE_URL_PG")


def _plain(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:
    """A URL to an empty database: a SQLite file under tmp_path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/db/tutor.db"
        return
    server = _server_url()
    if not server:
        pytest.skip(f"PostgreSQL storage tests need {POSTGRES_ENV}=postgresql://user@host:port/postgres")
    name = f"tutor_test_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(_plain(server))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield _plain(server, name)
    finally:
        admin = await asyncpg.connect(_plain(server))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[Store]:
    """A migrated Store on a fresh database."""
    opened = await Store.open(db_url)
    try:
        yield opened
    finally:
        await opened.close()
