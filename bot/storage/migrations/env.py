"""Alembic environment, async-aware.

Two entry points share this file:
- `Store.open()` / `Store.upgrade()` hand over an open (sync-facing) connection in
  `config.attributes["connection"]`, already inside a transaction;
- the alembic CLI (`alembic -c bot/storage/migrations/alembic.ini upgrade head`) has none, so we
  build the same engine the bot uses from `-x url=…`, `sqlalchemy.url`, or DATABASE_URL.

SQLite runs with foreign_keys=ON (it cannot be switched off inside the migration transaction), so
never batch-recreate a table other tables reference: DROP TABLE then cascades deletes into children.
Prefer native ALTER TABLE (ADD/DROP/RENAME COLUMN) there.
"""

from __future__ import annotations

import asyncio
import logging.config
import os

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.storage.models import Base

config = context.config
target_metadata = Base.metadata

# Any constant works; it only has to be the same for every bot process sharing the database.
_PG_MIGRATION_LOCK = 0x7475746F72  # "tutor"


def _database_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    return (
        url or config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL") or ("sqlite:///data/tutor.db")
    )


def _do_run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # We issue BEGIN ourselves on SQLite (see make_engine), so DDL is transactional there too:
        # a failing migration rolls back whole instead of leaving a half-built schema.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several bot processes may start together; serialise their upgrades.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        context.run_migrations()


async def _run_async_migrations() -> None:
    from bot.storage.engine import make_engine

    engine = make_engine(_database_url(), immediate=True)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_do_run_migrations)
            await connection.commit()
    finally:
        await engine.dispose()


def _run_offline() -> None:
    from bot.storage.engine import to_async_url

    context.configure(url=to_async_url(_database_url()), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if config.config_file_name is not None and config.attributes.get("connection") is None:
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    _run_offline()
else:
    _connection = config.attributes.get("connection")
    if _connection is None:
        asyncio.run(_run_async_migrations())
    else:
        _do_run_migrations(_connection)
