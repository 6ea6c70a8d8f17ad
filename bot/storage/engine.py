"""Engines and migrations: an async engine per URL (SQLite pragmas, our own BEGIN) and Alembic's config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.config import Config
from sqlalchemy import Connection, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
BEGIN_MODE = "tutor_sqlite_begin"  # execution option read by the SQLite "begin" hook: DEFERRED or IMMEDIATE


def to_async_url(url: str) -> str:
    """Map `sqlite:///…` and `postgresql://…` to the aiosqlite/asyncpg dialects."""
    scheme, sep, rest = url.partition("://")
    base = scheme.split("+", 1)[0].lower()
    if base == "sqlite":
        return f"sqlite+aiosqlite{sep}{rest}"
    if base in {"postgres", "postgresql"}:
        return f"postgresql+asyncpg{sep}{rest}"
    return url


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names (absolute, from the current folder), None for other databases and memory."""
    parsed = make_url(to_async_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).expanduser().absolute()


def describe_database(url: str) -> str:
    """Which database a URL names, for people and without its password: the SQLite file, or user@host/db."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    parsed = make_url(to_async_url(url))
    return parsed.render_as_string(hide_password=True).split("://", 1)[-1].replace(":***@", "@")


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
            engine = engine.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
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
        mode = connection.get_execution_options().get(BEGIN_MODE, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def alembic_config(url: str | None = None) -> Config:
    """Alembic Config built in code (no alembic.ini at run time)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg



__all__ = ["BEGIN_MODE", "MIGRATIONS_DIR", "SQLITE_BUSY_TIMEOUT_MS", "alembic_config", "describe_database",
           "make_engine", "sqlite_file", "to_async_url"]
