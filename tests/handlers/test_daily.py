"""/harian, /zona, /siarkan and /statistik through the real Application and the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.broadcast import engine_of
from bot.services import Services, services_of
from bot.storage import Store
from bot.storage.models import Chat
from bot.tutor_cache import tutor_for
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.clock import Clock

OWNER = U.user(900, "Pak Owner")
GURU = U.user(901, "Bu Guru")
BUDI = U.user(902, "Budi")
GROUP = U.group_chat(-7001, "Kelas 9A")


@pytest.fixture
async def tutor(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Bot]:
    settings = make_settings(api, tmp_path / "tutor.db", admin_user_ids=[OWNER["id"]])
    # No minute tick: on the real clock it would send the 07:00 quizzes itself when the suite runs
    # between 07:00 and 09:00 WIB, racing /siarkan's counts.
    app = await start_bot(settings, minute_ticks=False)
    running = Bot(api, app, settings)
    try:
        yield running
    finally:
        await stop_bot(app)
    assert not running.failed_calls(), [(c.method, c.description) for c in running.failed_calls()]


@pytest.fixture
async def clocked(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[Bot, Clock]]:
    """The bot with a clock the test moves: Monday 3 March 2025, 06:59 WIB."""
    clock = Clock(datetime(2025, 3, 2, 23, 59, tzinfo=UTC))
    settings = make_settings(api, tmp_path / "tutor.db")
    db = await Store.open(settings.async_database_url, default_timezone=settings.bot_timezone, clock=clock)
    svc = Services(settings=settings, tutor=tutor_for(settings), store=db, clock=clock)
    app = await start_bot(settings, services=svc, minute_ticks=False)  # the tests run the ticks
    try:
        yield Bot(api, app, settings), clock
    finally:
        await stop_bot(app)
        await db.close()


def store(tutor: Bot) -> Store:
    return services_of(tutor.app).store


async def subscribed(db: Store) -> list[int]:
    """The chats the broadcast would send to."""
    return [sub.chat_id async for sub in db.iter_subscriptions()]


async def test_harian_in_private_shows_sets_refuses_bad_times_and_turns_off(tutor: Bot) -> None:
    shown = await tutor.say(BUDI, "/harian")
    assert "belum aktif" in (shown.text or "")
    done = await tutor.say(BUDI, "/harian 06:30")
    assert "06:30 WIB" in (done.text or "")
    sub = await store(tutor).get_subscription(BUDI["id"])
    assert sub is not None and sub.enabled and sub.local_time == time(6, 30) and sub.timezone == "Asia/Jakarta"
    status = await tutor.say(BUDI, "/harian")
    assert "06:30 WIB" in (status.text or "") and "berikutnya" in (status.text or "")
    assert "00 sampai 23" in (await tutor.say(BUDI, "/harian 25:61")).text
    assert "titik dua" in (await tutor.say(BUDI, "/harian jam 7")).text
    assert "00 sampai 59" in (await tutor.say(BUDI, "/harian 07:75")).text
    off = await tutor.say(BUDI, "/harian off")
    assert "dimatikan" in (off.text or "")
    sub = await store(tutor).get_subscription(BUDI["id"])
    assert sub is not None and not sub.enabled and sub.local_time == time(6, 30)


async def test_zona_changes_the_zone_of_chat_and_subscription(tutor: Bot) -> None:
    await tutor.say(BUDI, "/harian 07:00")
    changed = await tutor.say(BUDI, "/zona wita")
    assert "WITA" in (changed.text or "") and "07:00 WITA" in (changed.text or "")
    sub = await store(tutor).get_subscription(BUDI["id"])
    assert sub is not None and sub.timezone == "Asia/Makassar"
    assert "tidak kukenal" in (await tutor.say(BUDI, "/zona Mars/Olympus")).text
    assert "WITA" in (await tutor.say(BUDI, "/zona")).text
    again = await tutor.say(BUDI, "/harian 08:15")
    assert "08:15 WITA" in (again.text or "")


async def test_group_settings_are_for_admins_including_anonymous_ones(tutor: Bot) -> None:
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    refused = await tutor.say(BUDI, "/harian 07:00", chat=GROUP)
    assert "hanya admin" in (refused.text or "")
    assert await store(tutor).get_subscription(GROUP["id"]) is None
    assert "hanya admin" in (await tutor.say(BUDI, "/zona WIT", chat=GROUP)).text
    anyone_may_look = await tutor.say(BUDI, "/harian", chat=GROUP)
    assert "belum aktif" in (anyone_may_look.text or "")
    done = await tutor.say(GURU, "/harian 07:00", chat=GROUP)
    assert "07:00 WIB" in (done.text or "")
    anon = U.message(GROUP, U.group_anonymous_bot(), "/zona WIT", sender_chat=GROUP)
    moved = await tutor.send(anon, chat_id=GROUP["id"])
    assert "WIT" in (moved.text or "")
    sub = await store(tutor).get_subscription(GROUP["id"])
    assert sub is not None and sub.enabled and sub.timezone == "Asia/Jayapura"
    channel = {"id": -100777, "type": "channel", "title": "Kanal"}
    post = U.message(GROUP, U.user(136817688, "Channel", is_bot=True), "/harian off", sender_chat=channel)
    assert "hanya admin" in ((await tutor.send(post, chat_id=GROUP["id"])).text or "")


async def test_siarkan_and_statistik_are_for_owners(tutor: Bot) -> None:
    await tutor.say(BUDI, "/harian 07:00")
    await tutor.say(BUDI, "/harian off")
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    await tutor.say(GURU, "/harian 07:00", chat=GROUP)
    assert "khusus pengelola" in (await tutor.say(BUDI, "/siarkan")).text
    assert "khusus pengelola" in (await tutor.say(BUDI, "/statistik")).text

    mark = tutor.api.mark()
    tutor.api.inject(U.message(U.private_chat(OWNER), OWNER, "/siarkan"))
    report = await tutor.api.wait_for_method("sendMessage", chat_id=OWNER["id"], since=mark, count=2)
    sent_polls = tutor.api.calls_of("sendPoll", chat_id=GROUP["id"])
    assert len(sent_polls) == 1
    assert "Selesai" in (report.text or "") and "0 gagal" in (report.text or "")
    mark = tutor.api.mark()
    tutor.api.inject(U.message(U.private_chat(OWNER), OWNER, "/siarkan"))
    again = await tutor.api.wait_for_method("sendMessage", chat_id=OWNER["id"], since=mark, count=2)
    assert "0 terkirim, 1 dilewati" in (again.text or "")
    assert len(tutor.api.calls_of("sendPoll", chat_id=GROUP["id"])) == 1

    stats = await tutor.say(OWNER, "/statistik")
    text = stats.text or ""
    assert "Statistik" in text and "Langganan kuis harian</b>: 1 (group 1)" in text


async def test_siarkan_runs_in_the_background_and_students_are_answered_meanwhile(tutor: Bot) -> None:
    db = store(tutor)
    chats = [3001, 3002, 3003]
    for chat_id in chats:
        await db.upsert_chat(chat_id, "private", None)
        await db.set_subscription(chat_id, time(7, 0), "Asia/Jakarta", True)
    with tutor.api.held("sendPoll") as (arrived, gate):
        mark = tutor.api.mark()
        started = await tutor.say(OWNER, "/siarkan")
        assert "Mengirim kuis hari ini" in (started.text or "")
        await asyncio.wait_for(arrived.wait(), timeout=10)
        # The broadcast cannot finish while Telegram holds its polls, yet a student is answered.
        answer = await tutor.say(BUDI, "/harian")
        assert "belum aktif" in (answer.text or "")
        assert not tutor.api.calls_of("sendPoll", ok=None)
        assert len(tutor.api.calls_of("sendMessage", chat_id=OWNER["id"], since=mark)) == 1  # no report yet
        gate.set()
        report = await tutor.api.wait_for_method("sendMessage", chat_id=OWNER["id"], since=mark, count=2)
    assert "3 terkirim, 0 dilewati" in (report.text or "")
    assert all(len(tutor.api.calls_of("sendPoll", chat_id=c)) == 1 for c in chats)


async def test_next_run_is_tomorrow_when_todays_quiz_already_went_out(clocked: tuple[Bot, Clock]) -> None:
    tutor, clock = clocked
    budi, siti = BUDI["id"], U.user(903, "Siti")
    on = await tutor.say(BUDI, "/harian 07:00")
    assert "Senin 03-03-2025 07:00 WIB" in (on.text or "")
    clock.advance(minutes=1)  # 07:00 WIB: the minute tick sends the quiz
    engine = engine_of(tutor.app)
    assert engine is not None
    await engine.run_due(clock())
    assert len(tutor.api.calls_of("sendPoll", chat_id=budi)) == 1

    clock.advance(hours=3)  # 10:00: the chat moves its quiz to the evening; today's is done already
    moved = await tutor.say(BUDI, "/harian 19:00")
    assert "Selasa 04-03-2025 19:00 WIB" in (moved.text or "")
    assert "Selasa 04-03-2025 19:00 WIB" in ((await tutor.say(BUDI, "/harian")).text or "")
    assert "Selasa 04-03-2025 19:00 WIB" in ((await tutor.say(BUDI, "/zona WIB")).text or "")
    # A chat that has not had today's quiz gets it tonight.
    assert "Senin 03-03-2025 19:00 WIB" in ((await tutor.say(siti, "/harian 19:00")).text or "")
    clock.advance(hours=9)  # 19:00: what /harian said holds
    await engine.run_due(clock())
    assert len(tutor.api.calls_of("sendPoll", chat_id=budi)) == 1
    assert len(tutor.api.calls_of("sendPoll", chat_id=siti["id"])) == 1


async def test_turning_the_quiz_on_reactivates_a_chat_marked_inactive(tutor: Bot) -> None:
    db = store(tutor)
    budi = BUDI["id"]
    await tutor.say(BUDI, "/harian 07:00")
    # Budi blocked the bot and unblocked it later, but the update saying so never arrived.
    await db.set_chat_active(budi, False)
    assert budi not in await subscribed(db)
    await tutor.say(BUDI, "/harian 07:30")
    chat = await db.get_chat(budi)
    assert chat is not None and chat.active
    assert await subscribed(db) == [budi]


async def test_zona_reactivates_a_subscribed_chat_left_inactive(tutor: Bot) -> None:
    db = store(tutor)
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    await tutor.say(GURU, "/harian 07:00", chat=GROUP)
    # Left so by an older version: subscribed, yet marked inactive, so never sent anything.
    async with db.engine.begin() as conn:
        await conn.execute(update(Chat).where(Chat.id == GROUP["id"]).values(active=False))
    assert await subscribed(db) == []
    moved = await tutor.say(GURU, "/zona WITA", chat=GROUP)
    assert "WITA" in (moved.text or "")
    chat = await db.get_chat(GROUP["id"])
    assert chat is not None and chat.active
    assert await subscribed(db) == [GROUP["id"]]
