"""Migrations: a database at 0001 with data in it upgrades in place; head matches models.py;
the alembic CLI path (no connection handed in) works too."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Boolean, Connection, Date, bindparam, text

from bot.storage import Store, alembic_config
from bot.storage.models import Base, UTCDateTime

T0 = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)


def head_revision() -> str:
    """The newest revision in the chain (the integrator re-chains engineers' migrations)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _sql(statement: str, **types: object) -> object:
    return text(statement).bindparams(*(bindparam(name, type_=kind) for name, kind in types.items()))


INSERT_CHAT = _sql(
    "INSERT INTO chats (id, type, title, language, active, created_at, updated_at) "
    "VALUES (:id, :type, :title, :language, :active, :ts, :ts)",
    active=Boolean(),
    ts=UTCDateTime(),
)
INSERT_SUB = _sql(
    "INSERT INTO subscriptions (chat_id, local_time, timezone, enabled, created_at, updated_at) "
    "VALUES (:chat_id, :local_time, :tz, :enabled, :ts, :ts)",
    enabled=Boolean(),
    ts=UTCDateTime(),
)
INSERT_POLL = _sql(
    "INSERT INTO quiz_polls (poll_id, chat_id, message_id, question_id, topic, correct_option, "
    "option_order, kind, sent_at) VALUES (:poll_id, :chat_id, 1, :qid, 'pbb', 1, '[1, 0, 2]', 'daily', :ts)",
    ts=UTCDateTime(),
)
INSERT_ANSWER = _sql(
    "INSERT INTO answers (poll_id, user_id, option, correct, answered_at) "
    "VALUES (:poll_id, :user_id, :option, :correct, :ts)",
    correct=Boolean(),
    ts=UTCDateTime(),
)
INSERT_DELIVERY = _sql(
    "INSERT INTO daily_deliveries (chat_id, day, kind, poll_id, message_id, state, attempts, created_at, sent_at) "
    "VALUES (:chat_id, :day, 'daily', :poll_id, 1, 'sent', 1, :ts, :ts)",
    day=Date(),
    ts=UTCDateTime(),
)


async def test_upgrade_from_0001_preserves_data(db_url: str) -> None:
    old = await Store.open(db_url, migrate=False)
    try:
        await old.upgrade("0001_initial")
        assert await old.schema_revision() == "0001_initial"
        async with old.engine.begin() as conn:
            await conn.execute(
                INSERT_CHAT,
                {"id": -1009, "type": "supergroup", "title": "9A", "language": "en", "active": True, "ts": T0},
            )
            await conn.execute(
                INSERT_CHAT, {"id": 77, "type": "private", "title": None, "language": None, "active": True, "ts": T0}
            )
            await conn.execute(
                INSERT_SUB, {"chat_id": -1009, "local_time": "06:30", "tz": "Asia/Makassar", "enabled": True, "ts": T0}
            )
            await conn.execute(INSERT_POLL, {"poll_id": "old-poll", "chat_id": -1009, "qid": "q-old", "ts": T0})
            await conn.execute(
                INSERT_ANSWER, {"poll_id": "old-poll", "user_id": 77, "option": 1, "correct": True, "ts": T0}
            )
            await conn.execute(
                INSERT_DELIVERY, {"chat_id": -1009, "day": date(2026, 3, 1), "poll_id": "old-poll", "ts": T0}
            )
    finally:
        await old.close()

    store = await Store.open(db_url)  # → head
    try:
        assert await store.schema_revision() == head_revision()
        group = await store.get_chat(-1009)
        assert (group.title, group.language, group.created_at) == ("9A", "en", T0)
        assert group.timezone == "Asia/Makassar"  # back-filled from the subscription
        assert (await store.get_chat(77)).timezone is None
        sub = await store.get_subscription(-1009)
        assert (sub.local_time, sub.timezone, sub.enabled) == (time(6, 30), "Asia/Makassar", True)
        poll = await store.get_poll("old-poll")
        assert (poll.option_order, poll.sent_at) == ([1, 0, 2], T0)
        assert (await store.poll_results("old-poll")).correct_user_ids == [77]
        assert await store.claim_delivery(-1009, date(2026, 3, 1)) is None  # already sent before upgrade
        # the 0002 features work on the upgraded database
        assert await store.acquire_lease("scheduler", "me", 30, T0)
        await store.log_unanswered(-1009, "Apa itu G20?", [("g20", 0.5)], T0 + timedelta(hours=1))
        assert await store.top_unanswered() == [("apa itu g20?", 1)]
        await store.set_chat_timezone(77, "Asia/Jakarta")
        assert (await store.get_chat(77)).timezone == "Asia/Jakarta"
        # and running the upgrade again is a no-op
        await store.upgrade()
        assert await store.schema_revision() == head_revision()
    finally:
        await store.close()


async def test_head_schema_matches_models(db_url: str) -> None:
    store = await Store.open(db_url)
    try:

        def _diff(connection: Connection) -> list[object]:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, Base.metadata)

        async with store.engine.connect() as conn:
            assert await conn.run_sync(_diff) == []
    finally:
        await store.close()


async def test_downgrade_to_0001_and_back(db_url: str) -> None:
    store = await Store.open(db_url)
    try:
        await store.set_subscription(5, time(7, 0), "Asia/Jakarta", True)

        def _down(connection: Connection) -> None:
            cfg = alembic_config()
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0001_initial")

        async with store.engine.begin() as conn:
            await conn.run_sync(_down)
        assert await store.schema_revision() == "0001_initial"
        assert (await store.get_subscription(5)).timezone == "Asia/Jakarta"  # downgrade kept the children
        await store.upgrade()
        assert (await store.get_chat(5)).timezone == "Asia/Jakarta"
    finally:
        await store.close()


def test_cli_style_upgrade_builds_its_own_engine(tmp_path) -> None:
    """No connection in cfg.attributes: env.py makes an engine from the URL (as `alembic upgrade` does)."""
    path = tmp_path / "cli" / "tutor.db"
    command.upgrade(alembic_config(f"sqlite:///{path}"), "head")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"chats", "leases", "unanswered_questions", "review_boxes"} <= tables
