"""The one storage facade. Everything the bot persists goes through `Store`.

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

import logging
import random
from collections.abc import AsyncIterator, Sequence
from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, case, delete, event, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from bot.core import srs
from bot.core.streaks import streaks
from bot.settings import to_async_url
from bot.storage.health import HealthProbes
from bot.storage.models import (
    Answer,
    Chat,
    DailyDelivery,
    DailyRotation,
    Lease,
    QuizPoll,
    QuizSession,
    ReviewBox,
    Subscription,
    UnansweredQuestion,
    User,
)
from bot.storage.records import (
    AnswerResult,
    BotStats,
    ChatRecord,
    DailyPick,
    DeliveryRecord,
    LeaderRow,
    PollRecord,
    PollResults,
    SessionBusy,
    SessionRecord,
    SubscriptionRecord,
    UserStats,
)

_R = TypeVar("_R")
log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
_BEGIN_MODE = "tutor_sqlite_begin"
FINAL_DELIVERY_STATES = frozenset({"sent", "skipped"})
PRIVATE_KINDS = frozenset({"private", "review"})


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime, name: str = "datetime") -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")
    return value


# --------------------------------------------------------------------------------------------- engine


def make_engine(url: str, *, immediate: bool = False, echo: bool = False) -> AsyncEngine:
    """Async engine for a plain or async URL; SQLite gets WAL, foreign keys and busy_timeout.

    `immediate=True` makes every SQLite transaction of this engine `BEGIN IMMEDIATE` (used for
    migrations and all writes). Also creates the parent directory of an SQLite file.
    """
    async_url = to_async_url(url)
    parsed = make_url(async_url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(async_url, echo=echo, pool_pre_ping=not is_sqlite)
    if is_sqlite:
        _install_sqlite_hooks(engine)
        if immediate:
            engine = engine.execution_options(**{_BEGIN_MODE: "IMMEDIATE"})
    return engine


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    """Pragmas per connection, and our own BEGIN so we choose DEFERRED or IMMEDIATE per engine."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop the driver from issuing its own BEGIN; the "begin" hook below does it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_MODE, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def alembic_config(url: str | None = None) -> Config:
    """Alembic Config built in code (no alembic.ini at run time)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


# -------------------------------------------------------------------------------------- conversions


def _to_record(cls: type[_R], row: object) -> _R:
    """Copy an ORM row's same-named columns into a frozen record; JSON arrays become plain lists."""
    values = {}
    for item in fields(cls):
        value = getattr(row, item.name)
        values[item.name] = list(value) if isinstance(value, list | tuple) else value
    return cls(**values)


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


# -------------------------------------------------------------------------------------------- store


class Store(HealthProbes):
    """Async facade over the database; create with `await Store.open(url)`."""

    def __init__(self, engine: AsyncEngine, *, default_timezone: str = "Asia/Jakarta") -> None:
        self._engine = engine
        self._dialect = engine.dialect.name
        write_engine = engine.execution_options(**{_BEGIN_MODE: "IMMEDIATE"}) if self._dialect == "sqlite" else engine
        self._read = async_sessionmaker(engine, expire_on_commit=False)
        self._write = async_sessionmaker(write_engine, expire_on_commit=False)
        # Kept under the contract's name too: `async with self._sessionmaker.begin()` writes.
        self._sessionmaker = self._write
        self._default_tz = ZoneInfo(default_timezone)

    # ----------------------------------------------------------------------------------- lifecycle

    @classmethod
    async def open(
        cls, url: str, *, migrate: bool = True, default_timezone: str = "Asia/Jakarta", echo: bool = False
    ) -> Store:
        """Connect, create the SQLite parent directory, and upgrade the schema to head.

        `default_timezone` is the zone used for streak days when the user's private chat has none.
        """
        engine = make_engine(url, echo=echo)
        store = cls(engine, default_timezone=default_timezone)
        if migrate:
            try:
                await store.upgrade("head")
            except BaseException:
                await engine.dispose()
                raise
        return store

    async def upgrade(self, revision: str = "head") -> None:
        """Run `alembic upgrade <revision>` on this database in one transaction."""
        cfg = alembic_config()

        def _run(connection: Connection) -> None:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

        async with self._engine.execution_options(**{_BEGIN_MODE: "IMMEDIATE"}).begin() as conn:
            await conn.run_sync(_run)

    async def schema_revision(self) -> str | None:
        """Current alembic revision, None for an empty database (for `check` and tests)."""
        from alembic.runtime.migration import MigrationContext

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

    # -------------------------------------------------------------------------------- chats, users

    async def upsert_chat(self, chat_id: int, type: str, title: str | None) -> ChatRecord:
        """Create or refresh type/title. `active` is left alone: only set_chat_active changes it."""
        now = _now()
        async with self._write.begin() as session:
            await session.execute(
                self._insert(Chat)
                .values(id=chat_id, type=type, title=title, active=True, created_at=now, updated_at=now)
                .on_conflict_do_update(index_elements=[Chat.id], set_={"type": type, "title": title, "updated_at": now})
            )
            row = await session.get_one(Chat, chat_id, populate_existing=True)
            return _to_record(ChatRecord, row)

    async def get_chat(self, chat_id: int) -> ChatRecord | None:
        """The chat row, or None if never seen."""
        async with self._read.begin() as session:
            row = await session.get(Chat, chat_id)
            return _to_record(ChatRecord, row) if row else None

    async def is_migration_target(self, chat_id: int) -> bool:
        """Whether some group was upgraded into this supergroup (it already knows the bot)."""
        async with self._read.begin() as session:
            return await session.scalar(select(Chat.id).where(Chat.migrated_to == chat_id).limit(1)) is not None

    async def _update_chat(self, chat_id: int, **values: Any) -> None:
        now = _now()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(update(Chat).where(Chat.id == chat_id).values(updated_at=now, **values))

    async def set_chat_language(self, chat_id: int, language: str) -> None:
        """Explicit language for the chat ('id' or 'en')."""
        await self._update_chat(chat_id, language=language)

    async def set_chat_timezone(self, chat_id: int, tz: str) -> None:
        """IANA zone for the chat; raises ValueError for unknown names so bad input never lands."""
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {tz!r}") from exc
        await self._update_chat(chat_id, timezone=tz)

    async def set_chat_active(self, chat_id: int, active: bool) -> None:
        """Deactivating (bot removed/blocked) also disables the subscription; reactivating does not
        re-enable it, the chat has to subscribe again."""
        now = _now()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(update(Chat).where(Chat.id == chat_id).values(active=active, updated_at=now))
            if not active:
                await session.execute(
                    update(Subscription).where(Subscription.chat_id == chat_id).values(enabled=False, updated_at=now)
                )

    async def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Group → supergroup: move everything of `old_id` to `new_id` in one transaction.

        The new row keeps its own values and borrows language/timezone/title from the old one when
        unset. Where both ids own the same thing (subscription, delivery for a day, rotation), the new
        id's row wins, except that a delivery already *sent* under the old id is kept as sent so the
        chat is not quizzed twice that day. The old row stays with migrated_to=new_id, active=False.
        Running it again finds nothing left to move.
        """
        if old_id == new_id:
            return
        now = _now()
        async with self._write.begin() as session:
            old = await session.get(Chat, old_id, with_for_update=True)
            new = await session.get(Chat, new_id, with_for_update=True)
            if new is None:
                new = Chat(
                    id=new_id,
                    type="supergroup",
                    title=old.title if old else None,
                    language=old.language if old else None,
                    timezone=old.timezone if old else None,
                    active=old.active if old else True,
                    created_at=now,
                    updated_at=now,
                )
                session.add(new)
            elif old is not None:
                new.title = new.title or old.title
                new.language = new.language or old.language
                new.timezone = new.timezone or old.timezone
                new.updated_at = now
            if old is None:
                old = Chat(id=old_id, type="group", active=False, created_at=now, updated_at=now)
                session.add(old)
            old.active = False
            old.migrated_to = new_id
            old.updated_at = now
            await session.flush()

            # Subscription: move unless the new chat already has one.
            new_sub = await session.get(Subscription, new_id)
            if new_sub is None:
                await session.execute(
                    update(Subscription).where(Subscription.chat_id == old_id).values(chat_id=new_id, updated_at=now)
                )
            else:
                await session.execute(delete(Subscription).where(Subscription.chat_id == old_id))

            # Deliveries: merge same (day, kind) pairs, then move the rest.
            old_deliveries = (await session.scalars(select(DailyDelivery).where(DailyDelivery.chat_id == old_id))).all()
            for old_delivery in old_deliveries:
                twin = await session.scalar(
                    select(DailyDelivery).where(
                        DailyDelivery.chat_id == new_id,
                        DailyDelivery.day == old_delivery.day,
                        DailyDelivery.kind == old_delivery.kind,
                    )
                )
                if twin is None:
                    old_delivery.chat_id = new_id
                    continue
                if old_delivery.state == "sent" and twin.state != "sent":
                    twin.state = "sent"
                    twin.poll_id = old_delivery.poll_id
                    twin.message_id = old_delivery.message_id
                    twin.sent_at = old_delivery.sent_at
                    twin.recapped_at = old_delivery.recapped_at
                    twin.error = None
                await session.execute(
                    update(QuizPoll).where(QuizPoll.delivery_id == old_delivery.id).values(delivery_id=twin.id)
                )
                await session.delete(old_delivery)
            await session.flush()

            # Sessions: only one active group round may exist in the new chat.
            if await session.scalar(
                select(QuizSession.id).where(
                    QuizSession.chat_id == new_id, QuizSession.active.is_(True), QuizSession.kind == "group"
                )
            ):
                await session.execute(
                    update(QuizSession)
                    .where(
                        QuizSession.chat_id == old_id,
                        QuizSession.active.is_(True),
                        QuizSession.kind == "group",
                    )
                    .values(active=False, finished_at=now)
                )
            await session.execute(update(QuizSession).where(QuizSession.chat_id == old_id).values(chat_id=new_id))
            # Polls carry the answers, hence the group scores.
            await session.execute(update(QuizPoll).where(QuizPoll.chat_id == old_id).values(chat_id=new_id))

            # Rotation: keep the new chat's progress if it has any, else carry the old one over.
            if await session.scalar(select(DailyRotation.id).where(DailyRotation.chat_id == new_id).limit(1)):
                await session.execute(delete(DailyRotation).where(DailyRotation.chat_id == old_id))
            else:
                await session.execute(
                    update(DailyRotation).where(DailyRotation.chat_id == old_id).values(chat_id=new_id)
                )
            await session.execute(
                update(UnansweredQuestion).where(UnansweredQuestion.chat_id == old_id).values(chat_id=new_id)
            )

    async def upsert_user(self, user_id: int, first_name: str, username: str | None, language_code: str | None) -> None:
        """Refresh profile fields; never touches the explicit language choice."""
        now = _now()
        async with self._write.begin() as session:
            await session.execute(
                self._insert(User)
                .values(
                    id=user_id,
                    first_name=first_name,
                    username=username,
                    language_code=language_code,
                    created_at=now,
                    updated_at=now,
                )
                .on_conflict_do_update(
                    index_elements=[User.id],
                    set_={
                        "first_name": first_name,
                        "username": username,
                        "language_code": language_code,
                        "updated_at": now,
                    },
                )
            )

    async def get_user_language(self, user_id: int) -> str | None:
        """The explicit /bahasa choice, else None (callers then fall back to language_code)."""
        async with self._read.begin() as session:
            return await session.scalar(select(User.language).where(User.id == user_id))

    async def get_user_language_code(self, user_id: int) -> str | None:
        """Telegram's client language, as last seen by upsert_user."""
        async with self._read.begin() as session:
            return await session.scalar(select(User.language_code).where(User.id == user_id))

    async def set_user_language(self, user_id: int, language: str) -> None:
        """Store the explicit choice; creates the user row if needed (first_name unknown yet)."""
        now = _now()
        async with self._write.begin() as session:
            await session.execute(
                self._insert(User)
                .values(id=user_id, first_name="", language=language, created_at=now, updated_at=now)
                .on_conflict_do_update(index_elements=[User.id], set_={"language": language, "updated_at": now})
            )

    async def user_display_names(self, user_ids: list[int]) -> dict[int, str]:
        """First name (or @username, or the id) for the known users among `user_ids`; unknown ids
        are absent from the result."""
        if not user_ids:
            return {}
        async with self._read.begin() as session:
            rows = await session.execute(
                select(User.id, User.first_name, User.username).where(User.id.in_(set(user_ids)))
            )
            return {uid: _display_name(first, username, uid) for uid, first, username in rows}

    # ---------------------------------------------------------------------------------- sessions

    async def create_session(
        self, chat_id: int, user_id: int | None, kind: str, question_ids: list[str]
    ) -> SessionRecord:
        """Start a quiz session.

        kind 'group': raises SessionBusy if the chat already runs one (a partial unique index makes
        this race-free). Private kinds ('private', 'review'): the user's older active private/review
        session is finished first, so a new /kuis replaces the old one.
        """
        if kind not in {"private", "review", "group"}:
            raise ValueError(f"unknown session kind {kind!r}")
        for _attempt in range(3):
            now = _now()
            try:
                async with self._write.begin() as session:
                    await self._ensure_chat(session, chat_id, now)
                    if kind == "group":
                        busy = await session.scalar(
                            select(QuizSession.id).where(
                                QuizSession.chat_id == chat_id,
                                QuizSession.active.is_(True),
                                QuizSession.kind == "group",
                            )
                        )
                        if busy is not None:
                            raise SessionBusy(chat_id, busy)
                    elif user_id is not None:
                        await session.execute(
                            update(QuizSession)
                            .where(
                                QuizSession.user_id == user_id,
                                QuizSession.active.is_(True),
                                QuizSession.kind != "group",
                            )
                            .values(active=False, finished_at=now)
                        )
                    row = QuizSession(
                        chat_id=chat_id,
                        user_id=user_id,
                        kind=kind,
                        question_ids=list(question_ids),
                        position=0,
                        correct=0,
                        answered=0,
                        active=True,
                        started_at=now,
                    )
                    session.add(row)
                    await session.flush()
                    return _to_record(SessionRecord, row)
            except IntegrityError:
                # A concurrent create won the unique index; re-check (group → SessionBusy, private → retry).
                continue
        raise RuntimeError(f"could not create a {kind} session for chat {chat_id}")

    async def get_session(self, session_id: int) -> SessionRecord | None:
        """Session by id, active or not."""
        async with self._read.begin() as session:
            row = await session.get(QuizSession, session_id)
            return _to_record(SessionRecord, row) if row else None

    async def active_session(self, chat_id: int, kind: str | None = None) -> SessionRecord | None:
        """The newest active session in the chat (optionally of one kind)."""
        query = select(QuizSession).where(QuizSession.chat_id == chat_id, QuizSession.active.is_(True))
        if kind is not None:
            query = query.where(QuizSession.kind == kind)
        async with self._read.begin() as session:
            row = await session.scalar(query.order_by(QuizSession.id.desc()).limit(1))
            return _to_record(SessionRecord, row) if row else None

    async def advance_session(self, session_id: int, *, expected_position: int) -> SessionRecord | None:
        """position += 1 only if it is still `expected_position` and the session is active (a
        compare-and-set, so a poll-closed timer and an answer cannot both advance). None otherwise.
        Does not finish the session when it runs past the last question; call finish_session."""
        async with self._write.begin() as session:
            result = await session.execute(
                update(QuizSession)
                .where(
                    QuizSession.id == session_id,
                    QuizSession.position == expected_position,
                    QuizSession.active.is_(True),
                )
                .values(position=QuizSession.position + 1)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = await session.get_one(QuizSession, session_id, populate_existing=True)
            return _to_record(SessionRecord, row)

    async def finish_session(self, session_id: int) -> SessionRecord:
        """Mark finished (idempotent: finished_at keeps the first value). LookupError if unknown."""
        now = _now()
        async with self._write.begin() as session:
            await session.execute(
                update(QuizSession)
                .where(QuizSession.id == session_id, QuizSession.active.is_(True))
                .values(active=False, finished_at=now)
            )
            row = await session.get(QuizSession, session_id, populate_existing=True)
            if row is None:
                raise LookupError(f"no quiz session {session_id}")
            return _to_record(SessionRecord, row)

    async def active_sessions(self) -> list[SessionRecord]:
        """All active sessions, oldest first, to resume after a restart."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(QuizSession).where(QuizSession.active.is_(True)).order_by(QuizSession.id)
            )
            return [_to_record(SessionRecord, r) for r in rows]

    # -------------------------------------------------------------------------------- polls, answers

    async def record_poll(
        self,
        poll_id: str,
        chat_id: int,
        message_id: int,
        question_id: str,
        topic: str,
        correct_option: int,
        option_order: list[int],
        kind: str,
        session_id: int | None = None,
        delivery_id: int | None = None,
        closes_at: datetime | None = None,
        *,
        sent_at: datetime | None = None,
    ) -> None:
        """Remember a sent quiz poll. `correct_option` is the index as shown in the poll;
        option_order[i] is the content's index of shown option i. Re-recording the same poll_id is a
        no-op (safe for retries)."""
        now = _aware(sent_at, "sent_at") if sent_at else _now()
        async with self._write.begin() as session:
            await self._insert_poll(
                session, poll_id=poll_id, chat_id=chat_id, message_id=message_id, question_id=question_id,
                topic=topic, correct_option=correct_option, option_order=list(option_order), kind=kind,
                session_id=session_id, delivery_id=delivery_id, sent_at=now, closes_at=closes_at,
            )

    async def _insert_poll(self, session: AsyncSession, **values: Any) -> None:
        """Insert a quiz_polls row (its chat created if unknown); an already recorded poll_id is kept."""
        await self._ensure_chat(session, values["chat_id"], values["sent_at"])
        await session.execute(
            self._insert(QuizPoll).values(**values).on_conflict_do_nothing(index_elements=[QuizPoll.poll_id])
        )

    async def get_poll(self, poll_id: str) -> PollRecord | None:
        """Poll by Telegram poll id."""
        async with self._read.begin() as session:
            row = await session.get(QuizPoll, poll_id)
            return _to_record(PollRecord, row) if row else None

    async def open_polls(self) -> list[PollRecord]:
        """Polls not closed yet, oldest first, for restart recovery."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(QuizPoll).where(QuizPoll.closed_at.is_(None)).order_by(QuizPoll.sent_at)
            )
            return [_to_record(PollRecord, r) for r in rows]

    async def session_poll(self, session_id: int, question_id: str) -> PollRecord | None:
        """The latest poll a session sent for one of its questions, None if it never went out."""
        async with self._read.begin() as session:
            row = await session.scalar(
                select(QuizPoll)
                .where(QuizPoll.session_id == session_id, QuizPoll.question_id == question_id)
                .order_by(QuizPoll.sent_at.desc())
                .limit(1)
            )
            return _to_record(PollRecord, row) if row else None

    async def close_poll(self, poll_id: str, now: datetime | None = None) -> bool:
        """Mark closed; True only for the call that actually closed it (timer vs. update race)."""
        async with self._write.begin() as session:
            result = await session.execute(
                update(QuizPoll)
                .where(QuizPoll.poll_id == poll_id, QuizPoll.closed_at.is_(None))
                .values(closed_at=now or _now())
            )
            return result.rowcount == 1  # type: ignore[attr-defined]

    async def record_answer(self, poll_id: str, user_id: int, option: int | None, now: datetime) -> AnswerResult | None:
        """Record a quiz answer; None for an unknown poll or a retracted vote (option None).

        The first answer per (poll, user) counts; later ones return first=False with the stored
        correctness. In the same transaction: the session counters (session's own user, or anyone in a
        group session) and the user's review box (see bot.core.srs: only questions answered wrong at
        least once enter review; right answers move an existing box up).
        """
        if option is None:
            return None
        _aware(now, "now")
        async with self._write.begin() as session:
            poll = await session.get(QuizPoll, poll_id)
            if poll is None:
                return None
            record = _to_record(PollRecord, poll)
            correct = option == poll.correct_option
            inserted = (
                await session.execute(
                    self._insert(Answer)
                    .values(poll_id=poll_id, user_id=user_id, option=option, correct=correct, answered_at=now)
                    .on_conflict_do_nothing(index_elements=[Answer.poll_id, Answer.user_id])
                    .returning(Answer.id)
                )
            ).first()
            if inserted is None:
                earlier = await session.scalar(
                    select(Answer.correct).where(Answer.poll_id == poll_id, Answer.user_id == user_id)
                )
                return AnswerResult(poll=record, correct=bool(earlier), first=False)

            if poll.session_id is not None:
                await session.execute(
                    update(QuizSession)
                    .where(
                        QuizSession.id == poll.session_id,
                        or_(QuizSession.kind == "group", QuizSession.user_id == user_id),
                    )
                    .values(
                        answered=QuizSession.answered + 1,
                        correct=QuizSession.correct + (1 if correct else 0),
                    )
                )
            await self._update_review_box(session, user_id, poll.question_id, correct, now)
            return AnswerResult(poll=record, correct=correct, first=True)

    async def _update_review_box(
        self, session: AsyncSession, user_id: int, question_id: str, correct: bool, now: datetime
    ) -> None:
        if not correct:
            due = srs.due_at(srs.MIN_BOX, now)
            await session.execute(
                self._insert(ReviewBox)
                .values(user_id=user_id, question_id=question_id, box=srs.MIN_BOX, due_at=due, updated_at=now)
                .on_conflict_do_update(
                    index_elements=[ReviewBox.user_id, ReviewBox.question_id],
                    set_={"box": srs.MIN_BOX, "due_at": due, "updated_at": now},
                )
            )
            return
        row = await session.scalar(
            select(ReviewBox)
            .where(ReviewBox.user_id == user_id, ReviewBox.question_id == question_id)
            .with_for_update()
        )
        if row is None or srs.is_learned(row.box):
            return  # never missed, or already learned: nothing to review
        row.box = srs.next_box(row.box, True)
        row.due_at = None if srs.is_learned(row.box) else srs.due_at(row.box, now)
        row.updated_at = now

    async def poll_results(self, poll_id: str) -> PollResults:
        """Counts for a poll plus the users who answered right, fastest first."""
        async with self._read.begin() as session:
            rows = (
                await session.execute(
                    select(Answer.user_id, Answer.correct)
                    .where(Answer.poll_id == poll_id)
                    .order_by(Answer.answered_at, Answer.id)
                )
            ).all()
        return PollResults(
            poll_id=poll_id,
            answered=len(rows),
            correct=sum(1 for _, ok in rows if ok),
            correct_user_ids=[uid for uid, ok in rows if ok],
        )

    async def session_answers(self, session_id: int, user_id: int | None = None) -> list[tuple[str, bool]]:
        """(question id, correct) of each answer to this session's polls, in answer order; only
        `user_id`'s when given. The end-of-quiz summary uses it to say what to review."""
        query = (
            select(QuizPoll.question_id, Answer.correct)
            .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
            .where(QuizPoll.session_id == session_id)
            .order_by(Answer.answered_at, Answer.id)
        )
        if user_id is not None:
            query = query.where(Answer.user_id == user_id)
        async with self._read.begin() as session:
            return [(qid, bool(ok)) for qid, ok in (await session.execute(query)).all()]

    # ------------------------------------------------------------------------------------ scores

    async def _user_zone(self, session: AsyncSession, user_id: int) -> tzinfo:
        """The private chat's zone (chat id == user id), else the store default."""
        name = await session.scalar(select(Chat.timezone).where(Chat.id == user_id))
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return self._default_tz

    async def user_stats(self, user_id: int, today: date, *, tz: str | None = None) -> UserStats:
        """Totals, per-topic (answered, correct) and streaks.

        Streak days are answer dates in `tz`, else the user's private-chat time zone, else the store's
        default zone; `today` must be the date in that same zone.
        """
        async with self._read.begin() as session:
            zone = ZoneInfo(tz) if tz else await self._user_zone(session, user_id)
            per_topic_rows = (
                await session.execute(
                    select(QuizPoll.topic, func.count(), func.sum(case((Answer.correct, 1), else_=0)))
                    .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
                    .where(Answer.user_id == user_id)
                    .group_by(QuizPoll.topic)
                )
            ).all()
            stamps = (await session.scalars(select(Answer.answered_at).where(Answer.user_id == user_id))).all()
        per_topic = {topic: (int(n), int(ok or 0)) for topic, n, ok in per_topic_rows}
        current, best = streaks((stamp.astimezone(zone).date() for stamp in stamps), today)
        return UserStats(
            user_id=user_id,
            answered=sum(n for n, _ in per_topic.values()),
            correct=sum(ok for _, ok in per_topic.values()),
            per_topic=per_topic,
            current_streak=current,
            best_streak=best,
        )

    async def _ranking(self, session: AsyncSession, *conditions: Any, limit: int | None) -> list[LeaderRow]:
        correct_sum = func.sum(case((Answer.correct, 1), else_=0))
        query = (
            select(Answer.user_id, User.first_name, User.username, correct_sum, func.count())
            .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
            .outerjoin(User, User.id == Answer.user_id)
            .where(*conditions)
            .group_by(Answer.user_id, User.first_name, User.username)
            .order_by(correct_sum.desc(), func.count(), func.min(Answer.answered_at), Answer.user_id)
        )
        if limit is not None:
            query = query.limit(limit)
        rows = (await session.execute(query)).all()
        return [
            LeaderRow(user_id=uid, name=_display_name(first, username, uid), correct=int(ok or 0), answered=n)
            for uid, first, username, ok, n in rows
        ]

    async def leaderboard(self, chat_id: int, since: datetime | None, limit: int = 10) -> list[LeaderRow]:
        """Most right answers to polls sent in this chat (answered at/after `since`); ties go to
        fewer attempts, then to who got there first. Names fall back to @username or the id."""
        conditions = [QuizPoll.chat_id == chat_id]
        if since is not None:
            conditions.append(Answer.answered_at >= _aware(since, "since"))
        async with self._read.begin() as session:
            return await self._ranking(session, *conditions, limit=limit)

    async def session_ranking(self, session_id: int) -> list[LeaderRow]:
        """Everyone who answered a poll of this session, best first (same order as leaderboard)."""
        async with self._read.begin() as session:
            return await self._ranking(session, QuizPoll.session_id == session_id, limit=None)

    # ------------------------------------------------------------------------------ spaced repetition

    async def due_reviews(self, user_id: int, now: datetime, limit: int) -> list[str]:
        """Question ids due for review (due_at ≤ now, not learned), most overdue first."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(ReviewBox.question_id)
                .where(
                    ReviewBox.user_id == user_id,
                    ReviewBox.box < srs.LEARNED_BOX,
                    ReviewBox.due_at <= _aware(now, "now"),
                )
                .order_by(ReviewBox.due_at, ReviewBox.question_id)
                .limit(limit)
            )
            return list(rows)

    async def review_count(self, user_id: int, now: datetime) -> tuple[int, int]:
        """(due now, total still in review boxes, i.e. not learned)."""
        _aware(now, "now")
        async with self._read.begin() as session:
            due, total = (
                await session.execute(
                    select(
                        func.sum(case((ReviewBox.due_at <= now, 1), else_=0)),
                        func.count(),
                    ).where(ReviewBox.user_id == user_id, ReviewBox.box < srs.LEARNED_BOX)
                )
            ).one()
        return int(due or 0), int(total)

    async def review_box(self, user_id: int, question_id: str) -> tuple[int, datetime | None] | None:
        """(box, due_at) of one question for one user, None if it never entered review."""
        async with self._read.begin() as session:
            row = (
                await session.execute(
                    select(ReviewBox.box, ReviewBox.due_at).where(
                        ReviewBox.user_id == user_id, ReviewBox.question_id == question_id
                    )
                )
            ).first()
            return (row[0], row[1]) if row else None

    # -------------------------------------------------------------------- subscriptions, deliveries

    async def set_subscription(self, chat_id: int, local_time: time, tz: str, enabled: bool) -> SubscriptionRecord:
        """Create or replace the chat's daily-quiz schedule (minutes precision, zone validated).

        Turning it on also marks the chat active in the same transaction: somebody just set it up from
        that chat, so the bot is there, even if the database missed the update that said it came back
        (the broadcast only reads active chats)."""
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {tz!r}") from exc
        hhmm = f"{local_time.hour:02d}:{local_time.minute:02d}"
        now = _now()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(
                self._insert(Subscription)
                .values(chat_id=chat_id, local_time=hhmm, timezone=tz, enabled=enabled, created_at=now, updated_at=now)
                .on_conflict_do_update(
                    index_elements=[Subscription.chat_id],
                    set_={"local_time": hhmm, "timezone": tz, "enabled": enabled, "updated_at": now},
                )
            )
            if enabled:
                await session.execute(
                    update(Chat).where(Chat.id == chat_id, Chat.active.is_(False)).values(active=True, updated_at=now)
                )
            chat = await session.get_one(Chat, chat_id, populate_existing=True)
            return SubscriptionRecord(
                chat_id=chat_id,
                local_time=_parse_hhmm(hhmm),
                timezone=tz,
                enabled=enabled,
                updated_at=now,
                chat_type=chat.type,
                language=chat.language,
            )

    async def get_subscription(self, chat_id: int) -> SubscriptionRecord | None:
        """The chat's schedule, enabled or not."""
        async with self._read.begin() as session:
            row = (
                await session.execute(
                    select(Subscription, Chat.type, Chat.language)
                    .join(Chat, Chat.id == Subscription.chat_id)
                    .where(Subscription.chat_id == chat_id)
                )
            ).first()
        if row is None:
            return None
        sub, chat_type, language = row
        return self._subscription_record(sub, chat_type, language)

    @staticmethod
    def _subscription_record(sub: Subscription, chat_type: str | None, language: str | None) -> SubscriptionRecord:
        return SubscriptionRecord(
            chat_id=sub.chat_id,
            local_time=_parse_hhmm(sub.local_time),
            timezone=sub.timezone,
            enabled=sub.enabled,
            updated_at=sub.updated_at,
            chat_type=chat_type,
            language=language,
        )

    async def iter_subscriptions(self, batch: int = 500) -> AsyncIterator[SubscriptionRecord]:
        """Enabled subscriptions of active chats, by chat id (keyset-streamed: memory stays flat
        however many chats subscribe)."""
        async for record in self._stream_subscriptions((), batch):
            yield record

    async def _stream_subscriptions(self, conditions: Sequence[Any], batch: int) -> AsyncIterator[SubscriptionRecord]:
        """Enabled subscriptions of active chats matching `conditions`, `batch` rows per short read
        transaction, paged by chat id (keyset pagination, so no transaction stays open between pages)."""
        last: int | None = None
        while True:
            query = (
                select(Subscription, Chat.type, Chat.language)
                .join(Chat, Chat.id == Subscription.chat_id)
                .where(Subscription.enabled.is_(True), Chat.active.is_(True), *conditions)
                .order_by(Subscription.chat_id)
                .limit(batch)
            )
            if last is not None:
                query = query.where(Subscription.chat_id > last)
            async with self._read.begin() as session:
                rows = (await session.execute(query)).all()
                records = [self._subscription_record(sub, t, lang) for sub, t, lang in rows]
            for record in records:
                yield record
            if len(records) < batch:
                return
            last = records[-1].chat_id

    async def claim_delivery(self, chat_id: int, day: date, kind: str = "daily") -> DeliveryRecord | None:
        """Claim the (chat, day, kind) delivery before sending.

        None when it already ended ('sent' or 'skipped'); otherwise the row (created 'pending', or a
        'failed'/'pending' leftover being retried) with attempts incremented. Only one scheduler runs
        at a time (see acquire_lease), so a leftover 'pending' means a crashed attempt.
        """
        now = _now()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(
                self._insert(DailyDelivery)
                .values(chat_id=chat_id, day=day, kind=kind, state="pending", attempts=0, created_at=now)
                .on_conflict_do_nothing(index_elements=[DailyDelivery.chat_id, DailyDelivery.day, DailyDelivery.kind])
            )
            row = await session.scalar(
                select(DailyDelivery)
                .where(DailyDelivery.chat_id == chat_id, DailyDelivery.day == day, DailyDelivery.kind == kind)
                .with_for_update()
            )
            assert row is not None
            if row.state in FINAL_DELIVERY_STATES:
                return None
            row.state = "pending"
            row.attempts += 1
            await session.flush()
            return _to_record(DeliveryRecord, row)

    async def _set_delivery(self, delivery_id: int, **values: Any) -> None:
        async with self._write.begin() as session:
            result = await session.execute(
                update(DailyDelivery).where(DailyDelivery.id == delivery_id).values(**values)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise LookupError(f"no delivery {delivery_id}")

    async def mark_delivery_sent(
        self, delivery_id: int, poll_id: str, message_id: int, now: datetime | None = None
    ) -> None:
        """The poll went out: remember it so the recap can find it."""
        await self._set_delivery(
            delivery_id, state="sent", poll_id=poll_id, message_id=message_id, sent_at=now or _now(), error=None
        )

    async def record_daily_sent(
        self,
        delivery_id: int,
        pick: DailyPick,
        *,
        poll_id: str,
        chat_id: int,
        message_id: int,
        topic: str,
        correct_option: int,
        option_order: list[int],
        sent_at: datetime,
        closes_at: datetime | None = None,
    ) -> None:
        """The daily poll went out: in one transaction remember the poll, mark the delivery sent and
        count the picked question as seen in the chat's rotation (see `pick_daily_question`).

        Nothing of it is written when any part fails, so a delivery is never 'sent' without its poll,
        and a question never counts as seen unless its poll was sent."""
        sent_at = _aware(sent_at, "sent_at")
        async with self._write.begin() as session:
            result = await session.execute(
                update(DailyDelivery)
                .where(DailyDelivery.id == delivery_id)
                .values(state="sent", poll_id=poll_id, message_id=message_id, sent_at=sent_at, error=None)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise LookupError(f"no delivery {delivery_id}")
            await self._insert_poll(
                session, poll_id=poll_id, chat_id=chat_id, message_id=message_id, question_id=pick.question_id,
                topic=topic, correct_option=correct_option, option_order=list(option_order), kind="daily",
                delivery_id=delivery_id, sent_at=sent_at, closes_at=closes_at,
            )
            await session.execute(
                self._insert(DailyRotation)
                .values(chat_id=chat_id, question_id=pick.question_id, cycle=pick.cycle, served_at=sent_at)
                .on_conflict_do_update(
                    index_elements=[DailyRotation.chat_id, DailyRotation.question_id],
                    set_={"cycle": pick.cycle, "served_at": sent_at},
                )
            )

    async def mark_delivery_failed(self, delivery_id: int, reason: str) -> None:
        """Sending failed; the next claim_delivery for the day may retry (attempts tells how often)."""
        await self._set_delivery(delivery_id, state="failed", error=reason[:2000])

    async def mark_delivery_skipped(self, delivery_id: int, reason: str) -> None:
        """Deliberately not sent (e.g. chat gone); final like 'sent', never retried."""
        await self._set_delivery(delivery_id, state="skipped", error=reason[:2000])

    async def mark_delivery_recapped(self, delivery_id: int, now: datetime | None = None) -> None:
        """The recap for this delivery was posted."""
        await self._set_delivery(delivery_id, recapped_at=now or _now())

    async def daily_done(self, chat_id: int, day: date) -> bool:
        """Whether the chat's daily quiz for its local `day` already ended (sent, or skipped on purpose):
        the broadcast sends nothing more to it that day, whatever time the chat sets now."""
        async with self._read.begin() as session:
            state = await session.scalar(
                select(DailyDelivery.state).where(
                    DailyDelivery.chat_id == chat_id, DailyDelivery.day == day, DailyDelivery.kind == "daily"
                )
            )
            return state in FINAL_DELIVERY_STATES

    async def get_delivery(self, delivery_id: int) -> DeliveryRecord | None:
        """Delivery by id."""
        async with self._read.begin() as session:
            row = await session.get(DailyDelivery, delivery_id)
            return _to_record(DeliveryRecord, row) if row else None

    async def pending_recaps(self, before: datetime) -> list[DeliveryRecord]:
        """Sent, not yet recapped deliveries sent at/before `before`, oldest first."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(DailyDelivery)
                .where(
                    DailyDelivery.state == "sent",
                    DailyDelivery.recapped_at.is_(None),
                    DailyDelivery.sent_at <= _aware(before, "before"),
                )
                .order_by(DailyDelivery.sent_at, DailyDelivery.id)
            )
            return [_to_record(DeliveryRecord, r) for r in rows]

    async def subscription_zones(self) -> list[str]:
        """Distinct zones of enabled subscriptions of active chats (the broadcast asks per zone)."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(Subscription.timezone)
                .join(Chat, Chat.id == Subscription.chat_id)
                .where(Subscription.enabled.is_(True), Chat.active.is_(True))
                .distinct()
                .order_by(Subscription.timezone)
            )
            return list(rows)

    async def iter_subscriptions_at(
        self, zone: str, after: str | None, upto: str, batch: int = 500
    ) -> AsyncIterator[SubscriptionRecord]:
        """Enabled subscriptions of active chats in `zone` whose "HH:MM" is in (after, upto]
        (after None = from midnight), keyset-streamed by chat id like `iter_subscriptions`.

        "HH:MM" strings sort like the times, so one due minute range is one indexed-range query
        instead of reading every subscription each minute.
        """
        conditions = [Subscription.timezone == zone, Subscription.local_time <= upto]
        if after is not None:
            conditions.append(Subscription.local_time > after)
        async for record in self._stream_subscriptions(conditions, batch):
            yield record

    async def iter_pending_recaps(self, before: datetime, batch: int = 500) -> AsyncIterator[DeliveryRecord]:
        """Like `pending_recaps`, streamed by delivery id so a 10,000-chat recap stays flat in memory."""
        _aware(before, "before")
        last = 0
        while True:
            async with self._read.begin() as session:
                rows = await session.scalars(
                    select(DailyDelivery)
                    .where(
                        DailyDelivery.state == "sent",
                        DailyDelivery.recapped_at.is_(None),
                        DailyDelivery.sent_at <= before,
                        DailyDelivery.id > last,
                    )
                    .order_by(DailyDelivery.id)
                    .limit(batch)
                )
                records = [_to_record(DeliveryRecord, r) for r in rows]
            for record in records:
                yield record
            if len(records) < batch:
                return
            last = records[-1].id

    async def unrecapped_deliveries(self, chat_id: int) -> list[DeliveryRecord]:
        """The chat's sent deliveries still waiting for their recap, oldest first (recapped before a new quiz)."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(DailyDelivery)
                .where(
                    DailyDelivery.chat_id == chat_id,
                    DailyDelivery.state == "sent",
                    DailyDelivery.recapped_at.is_(None),
                )
                .order_by(DailyDelivery.day, DailyDelivery.id)
            )
            return [_to_record(DeliveryRecord, r) for r in rows]

    async def pick_daily_question(self, chat_id: int, bank_ids: list[str], rng_seed: int) -> DailyPick:
        """The chat's next daily question, without counting it as seen yet.

        No repeat until every question of the current bank was sent in this cycle, then a new cycle
        starts; questions added to the bank join the current cycle. The pick among the unseen ones is
        deterministic for (rng_seed, chat_id, cycle), so a send that failed, was cut short or moved to
        a supergroup picks the same question again. `record_daily_sent` counts it as seen, in the
        transaction that records the sent poll."""
        bank = sorted(set(bank_ids))
        if not bank:
            raise ValueError("the question bank is empty")
        async with self._read.begin() as session:
            cycle = (
                await session.scalar(select(func.max(DailyRotation.cycle)).where(DailyRotation.chat_id == chat_id)) or 1
            )
            seen = set(
                (
                    await session.scalars(
                        select(DailyRotation.question_id).where(
                            DailyRotation.chat_id == chat_id, DailyRotation.cycle == cycle
                        )
                    )
                ).all()
            )
        remaining = [q for q in bank if q not in seen]
        if not remaining:
            cycle += 1
            remaining = bank
        return DailyPick(random.Random(f"{rng_seed}:{chat_id}:{cycle}").choice(remaining), cycle)

    async def daily_seen(self, chat_id: int) -> dict[str, int]:
        """The chat's rotation: question id → the cycle it was last sent in."""
        async with self._read.begin() as session:
            rows = await session.execute(
                select(DailyRotation.question_id, DailyRotation.cycle).where(DailyRotation.chat_id == chat_id)
            )
            return {question_id: cycle for question_id, cycle in rows}

    # ------------------------------------------------------------------------------------- leases

    async def acquire_lease(
        self, name: str, holder: str, ttl_seconds: float, now: datetime, *, replacing: str | None = None
    ) -> bool:
        """Take or renew the named lease for `ttl_seconds`; False while another holder's lease is live.

        `replacing` names a holder known to be dead (see the broadcast engine), whose live lease may be
        taken over; only if it still holds it. One INSERT … ON CONFLICT DO UPDATE … WHERE statement, so
        two processes can never both win, on SQLite or PostgreSQL.
        """
        _aware(now, "now")
        expires = now + timedelta(seconds=ttl_seconds)
        stmt = self._insert(Lease).values(name=name, holder=holder, expires_at=expires)
        may_take = [Lease.holder == stmt.excluded.holder, Lease.expires_at <= now]
        if replacing is not None:
            may_take.append(Lease.holder == replacing)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Lease.name],
            set_={"holder": stmt.excluded.holder, "expires_at": stmt.excluded.expires_at},
            where=or_(*may_take),
        ).returning(Lease.holder)
        async with self._write.begin() as session:
            won = (await session.execute(stmt)).first()
        return won is not None and won[0] == holder

    async def release_lease(self, name: str, holder: str) -> None:
        """Give the lease up early (on shutdown); only its holder can."""
        async with self._write.begin() as session:
            await session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))

    async def lease_holder(self, name: str, now: datetime) -> str | None:
        """Who holds a live lease, for /healthz and the console."""
        async with self._read.begin() as session:
            return await session.scalar(
                select(Lease.holder).where(Lease.name == name, Lease.expires_at > _aware(now, "now"))
            )

    # ------------------------------------------------------------------------------- teacher tools

    async def log_unanswered(
        self, chat_id: int | None, text: str, candidates: Sequence[tuple[str, float]], now: datetime
    ) -> None:
        """Keep a question the FAQ could not answer, with the near misses, for the teacher."""
        async with self._write.begin() as session:
            session.add(
                UnansweredQuestion(
                    chat_id=chat_id,
                    text=text[:4000],
                    candidates=[[qid, float(score)] for qid, score in candidates],
                    created_at=_aware(now, "now"),
                )
            )

    async def _top_unanswered(self, session: AsyncSession, limit: int) -> list[tuple[str, int]]:
        key = func.lower(func.trim(UnansweredQuestion.text))
        rows = await session.execute(
            select(key, func.count()).group_by(key).order_by(func.count().desc(), key).limit(limit)
        )
        return [(question, int(n)) for question, n in rows]

    async def top_unanswered(self, limit: int = 10) -> list[tuple[str, int]]:
        """Most frequent unanswered questions (case and surrounding spaces ignored, shown lowercased)."""
        async with self._read.begin() as session:
            return await self._top_unanswered(session, limit)

    async def stats(self, today_start: datetime, *, limit: int = 10) -> BotStats:
        """Dashboard numbers. "Today" means created/answered at or after `today_start`; chat counts
        are active chats only; accuracy and most-missed are all-time."""
        _aware(today_start, "today_start")
        correct_sum = func.sum(case((Answer.correct, 1), else_=0))
        wrong_sum = func.sum(case((Answer.correct, 0), else_=1))
        async with self._read.begin() as session:
            chats = await session.execute(
                select(Chat.type, func.count()).where(Chat.active.is_(True)).group_by(Chat.type)
            )
            subs = await session.execute(
                select(Chat.type, func.count())
                .join(Subscription, Subscription.chat_id == Chat.id)
                .where(Chat.active.is_(True), Subscription.enabled.is_(True))
                .group_by(Chat.type)
            )
            deliveries = await session.execute(
                select(DailyDelivery.state, func.count())
                .where(DailyDelivery.created_at >= today_start)
                .group_by(DailyDelivery.state)
            )
            answers_today = await session.scalar(
                select(func.count()).select_from(Answer).where(Answer.answered_at >= today_start)
            )
            topics = await session.execute(
                select(QuizPoll.topic, func.count(), correct_sum)
                .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
                .group_by(QuizPoll.topic)
            )
            missed = await session.execute(
                select(QuizPoll.question_id, wrong_sum, func.count())
                .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
                .group_by(QuizPoll.question_id)
                .having(wrong_sum > 0)
                .order_by(wrong_sum.desc(), func.count().desc(), QuizPoll.question_id)
                .limit(limit)
            )
            return BotStats(
                chats_by_type={t: int(n) for t, n in chats},
                active_subscriptions_by_type={t: int(n) for t, n in subs},
                deliveries_today={s: int(n) for s, n in deliveries},
                answers_today=int(answers_today or 0),
                accuracy_per_topic={t: (int(n), int(ok or 0)) for t, n, ok in topics},
                most_missed=[(q, int(w), int(n)) for q, w, n in missed],
                top_unanswered=await self._top_unanswered(session, limit),
            )


__all__ = ["Store", "alembic_config", "make_engine"]
