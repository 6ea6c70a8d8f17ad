"""Bookkeeping writes (who wrote, which chat, an unanswered question for the teacher) never cost the
student the answer: a database that refuses them gets one log line, not an apology per message, and a
name or question with U+0000 (which PostgreSQL refuses) is stored without it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from bot.services import Services, services_of
from bot.storage import Store
from bot.tutor_cache import tutor_for
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi

pytestmark = pytest.mark.e2e

BUDI = U.user(3301, "Budi")
SITI = U.user(3302, "Siti")
APOLOGY = "ada yang salah"  # error.generic, "Maaf, ada yang salah di sisiku…"
UNKNOWN = "belum tahu"  # the tutor's "I don't know that yet"


class DiskFullStore(Store):
    """A database that answers reads but refuses every bookkeeping write, as a full disk does."""

    def _refuse(self) -> None:
        raise OperationalError("INSERT …", {}, OSError(28, "No space left on device"))

    async def upsert_user(self, *args: object, **kwargs: object) -> None:
        self._refuse()

    async def upsert_chat(self, *args: object, **kwargs: object) -> None:
        self._refuse()

    async def log_unanswered(self, *args: object, **kwargs: object) -> None:
        self._refuse()


@contextlib.asynccontextmanager
async def running_bot(api: FakeBotApi, tmp_path: Path, store_class: type[Store], url: str | None = None
                      ) -> AsyncIterator[Bot]:
    settings = make_settings(api, tmp_path / "tutor.db")
    store = await store_class.open(url or settings.async_database_url)
    services = Services(settings=settings, tutor=tutor_for(settings), store=store)
    app = await start_bot(settings, services=services)
    running = Bot(api, app, settings)
    try:
        yield running
    finally:
        await stop_bot(app)
        await store.close()
    assert not running.failed_calls(), [(c.method, c.description) for c in running.failed_calls()]


@pytest.fixture
async def disk_full_bot(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Bot]:
    async with running_bot(api, tmp_path, DiskFullStore) as running:
        yield running


async def test_a_database_refusing_bookkeeping_writes_costs_no_answer_and_logs_once(
        disk_full_bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    api = disk_full_bot.api
    for user, text in ((BUDI, "apa itu ASEAN?"), (SITI, "apa itu PBB?"), (BUDI, "xyzzy plugh qwerty?")):
        await disk_full_bot.processed(U.message(U.private_chat(user), user, text))

    budi, siti = disk_full_bot.texts_to(BUDI["id"]), disk_full_bot.texts_to(SITI["id"])
    assert len(budi) == 2 and "ASEAN" in budi[0] and UNKNOWN in budi[1]  # each answered once, no apology
    assert len(siti) == 1 and "PBB" in siti[0]
    assert not any(APOLOGY in text for text in budi + siti)
    assert not api.calls_of("answerCallbackQuery")
    # Every message met the refusal (profile, chat, unanswered question), yet one line says so.
    failures = [r for r in caplog.records if "bookkeeping write failed" in r.getMessage()]
    assert len(failures) == 1, [r.getMessage() for r in failures]
    assert "OperationalError" in failures[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR and r not in failures]


@pytest.fixture
async def bot_on_db(api: FakeBotApi, tmp_path: Path, db_url: str) -> AsyncIterator[Bot]:
    async with running_bot(api, tmp_path, Store, db_url) as running:
        yield running


async def test_nul_in_a_name_and_an_unanswered_question_gets_the_normal_reply_and_is_stored_without_it(
        bot_on_db: Bot) -> None:
    student = U.user(3303, "Nu\x00ri")
    group = U.group_chat(-1001234500001, "Kelas\x00 9B", "supergroup")
    asked = await bot_on_db.say(student, "apa itu \x00xyzzy plugh?")
    assert UNKNOWN in (asked.text or "") and APOLOGY not in (asked.text or "")
    bot_on_db.api.inject(U.message(group, student, "/tanya apa itu ASEAN?"))
    answered = await bot_on_db.api.wait_for_method("sendMessage", chat_id=group["id"])
    assert "ASEAN" in (answered.text or "")
    assert not any(APOLOGY in text for text in bot_on_db.texts_to(student["id"]) + bot_on_db.texts_to(group["id"]))

    store = services_of(bot_on_db.app).store
    assert await store.top_unanswered() == [("apa itu xyzzy plugh?", 1)]
    assert await store.user_display_names([student["id"]]) == {student["id"]: "Nuri"}
    chat = await store.get_chat(group["id"])
    assert chat is not None and chat.title == "Kelas 9B"
