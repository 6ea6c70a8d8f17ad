"""What every part of `Store` shares: the engine, the read and write sessions, the clock, helpers.

Design notes (why, not what):
- Every public method runs in its own transaction and returns frozen records from `records.py`, so
  no caller ever holds a lazy ORM object or a half-finished transaction across an `await` on Telegram.
- SQLite: writes start with `BEGIN IMMEDIATE`. With WAL, a deferred transaction that reads first and
  writes later fails with "database is locked" (no waiting) when another connection committed in
  between; taking the write lock up front makes concurrent writers queue on busy_timeout instead.
  Read-only methods use a plain deferred BEGIN and never block writers.
- PostgreSQL: the same statements; idempotency comes from unique constraints plus
  `INSERT … ON CONFLICT`, which both dialects support with the same SQLAlchemy API.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import fields
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any, Self, TypeVar, overload
from zoneinfo import ZoneInfo

from alembic import command
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.storage.engine import BEGIN_MODE, alembic_config, describe_database, make_engine, sqlite_file
from bot.storage.models import Chat, QuizPoll

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_R = TypeVar("_R", bound="DataclassInstance")
log = logging.getLogger("bot.storage.store")

FINAL_DELIVERY_STATES = frozenset({"sent", "skipped"})


def utc_now() -> datetime:
    """The default clock: aware UTC."""
    return datetime.now(UTC)


def _aware(value: datetime, name: str = "datetime") -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")
    return value


# -------------------------------------------------------------------------------------- conversions


def _to_record(cls: type[_R], row: object) -> _R:
    """Copy an ORM row's same-named columns into a frozen record; JSON arrays become plain lists."""
    values = {}
    for item in fields(cls):
        value = getattr(row, item.name)
        values[item.name] = list(value) if isinstance(value, list | tuple) else value
    return cls(**values)


@overload
def _without_nul(text: str) -> str: ...
@overload
def _without_nul(text: None) -> None: ...
def _without_nul(text: str | None) -> str | None:
    """User-supplied text (names, titles, questions) without U+0000: PostgreSQL refuses it in text
    columns, and one student's odd name must not make every write about them fail."""
    return text.replace("\x00", "") if text else text


def _parse_hhmm(value: str) -> time:
    hours, _, minutes = value.partition(":")
    return time(int(hours), int(minutes))


def _display_name(first_name: str | None, username: str | None, user_id: int) -> str:
    if first_name and first_name.strip():
        return first_name.strip()
    if username:
        return f"@{username}"
    return str(user_id)


def _guess_chat_type(chat_id: int) -> str:
    """Telegram id ranges: users are positive, supergroups/channels are -100…, basic groups negative."""
    if chat_id > 0:
        return "private"
    if chat_id <= -1_000_000_000_000:
        return "supergroup"
    return "group"


# ------------------------------------------------------------------------------------------ base


class _OneWriterAtATime:
    """SQLite's write transactions, one at a time in this process (FIFO, queued in the event loop).

    SQLite admits one writer anyway. With updates handled concurrently (bot/processor.py), writers
    queued in SQLite's busy handler instead can time out ("database is locked") under load, because a
    transaction holds the lock across event-loop round trips and the busy handler is not fair; queued
    here they simply wait their turn. Other processes still meet busy_timeout as before.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def begin(self) -> AsyncIterator[AsyncSession]:
        async with self._lock, self._sessions.begin() as session:
            yield session


class DatabaseMissing(Exception):
    """The database a read-only command was pointed at does not exist (or was never used by the bot)."""


class StoreBase:
    """Engine, sessions and clock of a `Store`; the mixins in this package add the queries."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        default_timezone: str = "Asia/Jakarta",
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name
        write_engine = engine.execution_options(**{BEGIN_MODE: "IMMEDIATE"}) if self._dialect == "sqlite" else engine
        self._read = async_sessionmaker(engine, expire_on_commit=False)
        writes = async_sessionmaker(write_engine, expire_on_commit=False)
        self._write = _OneWriterAtATime(writes) if self._dialect == "sqlite" else writes
        self._default_tz = ZoneInfo(default_timezone)
        # Stamps created_at/updated_at and every "now" a caller does not pass; aware UTC.
        self._clock = clock

    # ----------------------------------------------------------------------------------- lifecycle

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        migrate: bool = True,
        default_timezone: str = "Asia/Jakarta",
        echo: bool = False,
        clock: Callable[[], datetime] = utc_now,
    ) -> Self:
        """Connect, create the SQLite parent directory, and upgrade the schema to head.

        `default_timezone` is the zone used for streak days when the user's private chat has none;
        `clock` stamps the rows (tests pass their own).
        """
        engine = make_engine(url, echo=echo)
        store = cls(engine, default_timezone=default_timezone, clock=clock)
        if migrate:
            try:
                await store.upgrade("head")
            except BaseException:
                await engine.dispose()
                raise
        return store

    @classmethod
    async def open_existing(cls, url: str, *, default_timezone: str = "Asia/Jakarta") -> Self:
        """Open a database the bot has already used, upgraded to head; never create one (nor its folder).

        For the read-only commands (`stats`) and `ask`: a mistyped path or the wrong folder must give
        an error, not a fresh empty database that says nobody used the bot.
        """
        path = sqlite_file(url)
        if path is not None and not path.is_file():
            raise DatabaseMissing(f"no database at {path}")
        store = await cls.open(url, migrate=False, default_timezone=default_timezone)
        try:
            if await store.schema_revision() is None:
                raise DatabaseMissing(f"{describe_database(url)} holds no tutor data (the bot never ran on it)")
            await store.upgrade("head")
        except BaseException:
            await store.close()
            raise
        return store

    async def upgrade(self, revision: str = "head") -> None:
        """Run `alembic upgrade <revision>` on this database in one transaction."""
        cfg = alembic_config()

        def _run(connection: Connection) -> None:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

        async with self._engine.execution_options(**{BEGIN_MODE: "IMMEDIATE"}).begin() as conn:
            await conn.run_sync(_run)

    async def schema_revision(self) -> str | None:
        """Current alembic revision, None for an empty database (for `check` and tests)."""

        def _current(connection: Connection) -> str | None:
            return MigrationContext.configure(connection).get_current_revision()

        async with self._engine.connect() as conn:
            return await conn.run_sync(_current)

    @property
    def engine(self) -> AsyncEngine:
        """The underlying engine, for tests and maintenance scripts only."""
        return self._engine

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self._dialect

    async def close(self) -> None:
        """Dispose the connection pool."""
        await self._engine.dispose()

    async def ping(self) -> bool:
        """SELECT 1, for /healthz; never raises."""
        try:
            async with self._engine.connect() as conn:
                return (await conn.execute(text("SELECT 1"))).scalar_one() == 1
        except Exception:
            log.warning("database ping failed", exc_info=True)
            return False

    def _insert(self, model: Any) -> Any:
        """Dialect insert, for `on_conflict_do_nothing/do_update` (same API on both backends)."""
        if self._dialect == "postgresql":
            return postgresql.insert(model)
        return sqlite.insert(model)

    async def _ensure_chat(self, session: AsyncSession, chat_id: int, now: datetime) -> None:
        """Insert a placeholder chat row if the handler never called upsert_chat, so FKs hold."""
        await session.execute(
            self._insert(Chat)
            .values(id=chat_id, type=_guess_chat_type(chat_id), active=True, created_at=now, updated_at=now)
            .on_conflict_do_nothing(index_elements=[Chat.id])
        )


    async def _insert_poll(self, session: AsyncSession, **values: Any) -> None:
        """Insert a quiz_polls row (its chat created if unknown); an already recorded poll_id is kept."""
        await self._ensure_chat(session, values["chat_id"], values["sent_at"])
        await session.execute(
            self._insert(QuizPoll).values(**values).on_conflict_do_nothing(index_elements=[QuizPoll.poll_id])
        )
