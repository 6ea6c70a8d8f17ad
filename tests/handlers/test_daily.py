"""/harian, /zona, /siarkan and /statistik through the real Application and the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import time
from pathlib import Path

import pytest

from bot.storage import Store
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi

OWNER = U.user(900, "Pak Owner")
GURU = U.user(901, "Bu Guru")
BUDI = U.user(902, "Budi")
GROUP = U.group_chat(-7001, "Kelas 9A")


@pytest.fixture
async def tutor(tmp_path: Path) -> AsyncIterator[Bot]:
    async with FakeBotApi() as api:
        settings = make_settings(api, tmp_path / "tutor.db", admin_user_ids=[OWNER["id"]])
        app = await start_bot(settings)
        running = Bot(api, app, settings)
        try:
            yield running
        finally:
            await stop_bot(app)
        assert not running.failed_calls(), [(c.method, c.description) for c in running.failed_calls()]


def store(tutor: Bot) -> Store:
    return tutor.app.bot_data["services"].store


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
    # The scheduler may have sent the group's quiz itself when the test runs at 07:00 WIB; either way once.
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
