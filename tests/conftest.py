"""Fixtures shared by every test directory: the fake Bot API, a real PTB Bot on it, and database URLs.

Every database test runs on SQLite, and on PostgreSQL too when TEST_POSTGRES_URL points at a server we
may create databases on (e.g. postgresql://postgres@127.0.0.1:55432/postgres; `scripts/run-tests.sh`
starts a throwaway one); each test gets its own fresh database, dropped after.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from telegram import Bot

from tests.fakes.bot_api import FakeBotApi

POSTGRES_ENV = "TEST_POSTGRES_URL"
_CACHE_FOLDER = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """One content cache for the whole run, the tests' own (bot/tutor_cache.py): the first test that
    loads the tutor builds it, every later one, and every `python -m bot` the tests start, reads it."""
    folder = tempfile.mkdtemp(prefix="tutor-test-cache-")  # mkdtemp: this user's only (0700)
    os.environ["CONTENT_CACHE_DIR"] = folder
    config.stash[_CACHE_FOLDER] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE_FOLDER, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """A started fake Bot API server on 127.0.0.1, stopped after the test."""
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def ptb_bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    """A real, initialized ``telegram.Bot`` pointed at the fake."""
    async with Bot(api.token, base_url=api.base_url) as bot:
        yield bot


def _plain(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A URL to an empty database: a SQLite file under tmp_path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/db/tutor.db"
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV}=postgresql://user@host:port/postgres")
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
