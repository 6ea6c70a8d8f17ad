"""What `/healthz` reports: one field per thing the bot needs to do its job, booleans and ages only.

- `bot`: the Application runs and (polling) the Updater polls.
- `database`: a real write succeeded just now (a one-row upsert: a read-only or full database
  fails it, where `SELECT 1` still passes), and the SQLite file is still the one the bot opened
  (a file deleted under the running bot keeps taking writes into the void, and the next start
  would begin empty). `database_problem` says which, when it fails: "file_missing", "file_replaced",
  "write_failed" (else null). `database_write_age_s`: since the last successful probe write.
- `updates`: updates are fetched (polling: a getUpdates succeeded within `FETCH_STALE` seconds and
  is not failing), none waits longer than `BACKLOG_STALE` seconds, and unreadable updates are not
  arriving again and again. `last_fetch_age_s`, `oldest_unprocessed_age_s`.
- `telegram`: Telegram answered a request lately (asked with getMe when the bot was quiet).
  `telegram_ok_age_s`.
- `scheduler`: the JobQueue runs, and the daily-quiz lease is held by this process or knowingly by
  another live one (the lease was settled within `LEASE_STALE` seconds).
- `broadcast`: the engine is idle, or a run in progress moved on within `BROADCAST_STALE` seconds.

Unhealthy (any boolean false): 503 with `failing` naming the fields (and `database_problem` the
database's). Nothing else is exposed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import weakref
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application

import bot.broadcast
from bot.processor import ChatOrderedProcessor
from bot.services import Services, find_services
from bot.transport import Vitals

log = logging.getLogger(__name__)

VITALS_KEY = "vitals"
HEALTH_KEY = "health"
PROBE_TIMEOUT = 5.0  # a hung database or Telegram makes /healthz answer 503, not hang the check
FETCH_STALE = 90.0  # polling: long polls return every ~10 s; this much silence means polling is stuck
FETCH_FAILING = 30.0  # getUpdates failing for this long (PTB backs off meanwhile)
BACKLOG_STALE = 120.0  # an update waiting this long: the bot is not keeping up
TELEGRAM_STALE = 60.0  # no answer from Telegram for this long: ask getMe
LEASE_STALE = 200.0  # the lease is settled every minute tick (and every 30 s while held)
BROADCAST_STALE = 300.0  # a running broadcast with no send finished for this long is stuck


class DatabaseFile:
    """The SQLite file as the bot opened it; `problem()` says when it was deleted or replaced.

    It keeps the file open: comparing inode numbers alone misses a deleted file whose inode number
    the filesystem handed straight to a new, empty file of the same name (seen on CI); an open
    descriptor keeps the original inode alive, so its number cannot be reused, and its link count
    says whether it was deleted."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._fd: int | None = None
        if path is not None:
            try:
                self._fd = os.open(path, os.O_RDONLY)
            except OSError:
                self._fd = None
        self._closer = weakref.finalize(self, _close_fd, self._fd)
        self._told = False

    def close(self) -> None:
        """Let go of the file (at shutdown)."""
        self._closer()
        self._fd = None

    def problem(self) -> str | None:
        """None while the file is the one the bot opened; "file_missing" once it was deleted (or
        moved away), "file_replaced" when another file now has its name. Logged once, as an error."""
        if self.path is None or self._fd is None:
            return None
        opened = os.fstat(self._fd)
        try:
            now = os.stat(self.path)
        except OSError:
            now = None
        if now is not None and opened.st_nlink > 0 and (now.st_dev, now.st_ino) == (opened.st_dev, opened.st_ino):
            return None
        problem = "file_missing" if now is None else "file_replaced"
        if not self._told:
            self._told = True
            log.error("the database file %s was %s under the running bot: what it writes now is lost, and a "
                      "restart would start empty. Restore the file from a backup, then restart", self.path,
                      "deleted" if now is None else "replaced")
        return problem


def _close_fd(fd: int | None) -> None:
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass


class HealthState:
    """Per-application state the checks keep between calls; made when the Store opens (post_init),
    so the database file's identity is the one the bot started with."""

    def __init__(self, services: Services) -> None:
        self.holder = f"{socket.gethostname()}:{os.getpid()}"
        self.file = DatabaseFile(services.store.database_file())
        self.write_ok_at: float | None = None


def _age(vitals: Vitals, at: float | None) -> float | None:
    return vitals.age(at)


async def _probe_write(services: Services, state: HealthState, vitals: Vitals) -> bool:
    try:
        await asyncio.wait_for(services.store.write_probe(state.holder, datetime.now(UTC)), PROBE_TIMEOUT)
    except Exception as exc:
        log.warning("health: database write probe failed (%s)", type(exc).__name__)
        return False
    state.write_ok_at = vitals.clock()
    return True


async def _telegram(application: Application, vitals: Vitals) -> bool:
    age = vitals.age(vitals.telegram_ok_at)
    if age is not None and age <= TELEGRAM_STALE:
        return True
    try:
        await asyncio.wait_for(application.bot.get_me(), PROBE_TIMEOUT)
    except Exception as exc:
        log.warning("health: Telegram did not answer getMe (%s)", type(exc).__name__)
        return False
    return True


def _updates(application: Application, vitals: Vitals, polling: bool) -> tuple[bool, dict[str, Any]]:
    processor = application.update_processor
    backlog = processor.oldest_unprocessed_age() if isinstance(processor, ChatOrderedProcessor) else 0.0
    ok = backlog <= BACKLOG_STALE and not vitals.unreadable_repeating
    fields: dict[str, Any] = {"oldest_unprocessed_age_s": round(backlog, 1)}
    if polling:
        fetch_age = vitals.age(vitals.fetch_ok_at)
        failing = vitals.age(vitals.fetch_failing_since)
        since_start = vitals.age(vitals.started) or 0.0
        fresh = (fetch_age is not None and fetch_age <= FETCH_STALE) or (fetch_age is None and since_start <= FETCH_STALE)
        ok = ok and fresh and (failing is None or failing <= FETCH_FAILING)
        fields["last_fetch_age_s"] = fetch_age
    return ok, fields


def _scheduler(application: Application, vitals: Vitals) -> bool:
    job_queue = application.job_queue
    if job_queue is None or not job_queue.scheduler.running:
        return False
    engine = bot.broadcast.engine_of(application)
    if engine is None:
        return False
    if engine.lease_settled_at is None:  # the first tick runs half a second after start
        return (vitals.age(vitals.started) or 0.0) <= LEASE_STALE
    return (vitals.clock() - engine.lease_settled_at) <= LEASE_STALE


def _broadcast(application: Application, vitals: Vitals) -> bool:
    engine = bot.broadcast.engine_of(application)
    if engine is None or not engine.busy:
        return True
    return vitals.clock() - engine.progress_at <= BROADCAST_STALE


async def check_health(application: Application, *, polling: bool, taking_updates: bool) -> dict[str, Any]:
    """Every field (see the module doc), plus `status` and `failing`."""
    vitals: Vitals = application.bot_data.get(VITALS_KEY) or Vitals()
    services = find_services(application)
    database = False
    database_problem: str | None = "no_store"
    write_age = None
    if services is not None:
        state: HealthState | None = services.extras.get(HEALTH_KEY)
        if state is None:  # services injected without post_init's set-up
            state = services.extras[HEALTH_KEY] = HealthState(services)
        file_problem = state.file.problem()
        wrote = await _probe_write(services, state, vitals)
        database = file_problem is None and wrote
        database_problem = file_problem or (None if wrote else "write_failed")
        write_age = _age(vitals, state.write_ok_at)
    updates_ok, update_fields = _updates(application, vitals, polling)
    checks: dict[str, bool] = {
        "bot": taking_updates,
        "database": database,
        "updates": updates_ok,
        "telegram": await _telegram(application, vitals),
        "scheduler": _scheduler(application, vitals),
        "broadcast": _broadcast(application, vitals),
    }
    failing = [name for name, ok in checks.items() if not ok]
    return {
        "status": "unavailable" if failing else "ok",
        **checks,
        "failing": failing,
        "database_problem": database_problem,
        "database_write_age_s": write_age,
        **update_fields,
        "telegram_ok_age_s": vitals.age(vitals.telegram_ok_at),
    }
