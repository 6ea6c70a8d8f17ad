"""/kelas, /rekap, the weekly recap, /skor's progress card and the owners' picture, through the real
Application and the fake Bot API, on a seeded class with a clock the test controls."""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.broadcast import run_weekly
from bot.broadcast.weekly import WeeklyRecaps
from bot.charts import Renderer
from bot.charts.worker import RENDERER_KEY, RenderError
from bot.services import Services, services_of
from bot.storage import Store
from bot.tutor_cache import tutor_for
from tests.broadcast.conftest import Clock
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.media import image_size

OWNER = U.user(900, "Pak Owner")
GURU = U.user(901, "Bu Guru")
ANI = U.user(911, "Ani")
BUDI = U.user(912, "Budi")
CICI = U.user(913, "Cici")
GROUP = U.group_chat(-7001, "Kelas 9A")
MONDAY_NOON = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)  # Monday 10 March 2025, 12:00 WIB


class SharedRenderer(Renderer):
    """One warm worker for the whole module: the bots' shutdown must not stop it."""

    def close(self) -> None:
        pass

    def really_close(self) -> None:
        super().close()


@pytest.fixture(scope="module")
def renderer() -> Iterator[SharedRenderer]:
    shared = SharedRenderer()
    shared.start()
    yield shared
    shared.really_close()


@pytest.fixture
async def rig(tmp_path: Path, renderer: SharedRenderer) -> AsyncIterator[tuple[Bot, Clock]]:
    clock = Clock(MONDAY_NOON)
    async with FakeBotApi() as api:
        settings = make_settings(api, tmp_path / "tutor.db", admin_user_ids=[OWNER["id"]])
        db = await Store.open(settings.async_database_url, default_timezone=settings.bot_timezone, clock=clock)
        svc = Services(settings=settings, tutor=tutor_for(settings), store=db,
                       clock=clock)
        svc.extras[RENDERER_KEY] = renderer
        await renderer.warmed()
        app = await start_bot(settings, services=svc, minute_ticks=False)  # the tests run the tick
        running = Bot(api, app, settings)
        try:
            yield running, clock
        finally:
            await stop_bot(app)
            await db.close()
        assert not running.failed_calls(), [(c.method, c.description) for c in running.failed_calls()]


def two_questions(tutor: Bot) -> tuple[str, str]:
    """Two quiz questions of different topics."""
    bank = services_of(tutor.app).tutor.bank
    first = next(iter(bank.quiz.values()))
    second = next(q for q in bank.quiz.values() if q.topic != first.topic)
    return first.id, second.id


async def seed_class(tutor: Bot) -> tuple[str, str]:
    """Ani right twice, Budi wrong then right (this week), Cici wrong long ago: 3 students, 2 active."""
    svc = services_of(tutor.app)
    store, bank = svc.store, svc.tutor.bank
    q1, q2 = two_questions(tutor)
    for user in (ANI, BUDI, CICI, GURU):
        await store.upsert_user(user["id"], user["first_name"], None, "id")
    await store.upsert_chat(GROUP["id"], "group", GROUP["title"])
    old = MONDAY_NOON - timedelta(days=30)
    d8 = datetime(2025, 3, 8, 1, 0, tzinfo=UTC)
    d9 = datetime(2025, 3, 9, 1, 0, tzinfo=UTC)
    for poll_id, qid, sent in (("p-old", q1, old), ("p-8", q1, d8), ("p-9", q2, d9)):
        await store.record_poll(poll_id, GROUP["id"], 1, qid, bank.quiz[qid].topic, 0, [0, 1, 2, 3], "daily",
                                sent_at=sent)
    await store.record_answer("p-old", CICI["id"], 1, old + timedelta(minutes=1))
    await store.record_answer("p-8", ANI["id"], 0, d8 + timedelta(minutes=1))
    await store.record_answer("p-8", BUDI["id"], 2, d8 + timedelta(minutes=2))
    await store.record_answer("p-9", ANI["id"], 0, d9 + timedelta(minutes=1))
    await store.record_answer("p-9", BUDI["id"], 0, d9 + timedelta(minutes=2))
    return q1, q2


def assert_png(data: bytes) -> None:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = image_size(data) or (0, 0)
    assert width == 1080 and 600 <= height <= 1600
    assert len(data) < 200 * 1024


# ------------------------------------------------------------------------------------------ /kelas


async def test_kelas_group_gets_aggregates_admin_gets_picture_and_csv(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    q1, q2 = await seed_class(tutor)
    bank = services_of(tutor.app).tutor.bank
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    tutor.api.inject(U.message(U.private_chat(GURU), GURU, "/start"))
    reply = await tutor.send(U.message(GROUP, GURU, "/kelas"), chat_id=GROUP["id"])
    text = reply.text or ""
    # the figures against the seeded database: 2 of 3 students this week, 4 answers, 3 right (75%)
    assert "Siswa aktif: <b>2</b> dari 3" in text and "Jawaban: 4, benar 75%" in text
    assert "Sepanjang waktu: 5 jawaban, benar 60%" in text
    assert "04/03 0 · 05/03 0 · 06/03 0 · 07/03 0 · 08/03 2 · 09/03 2 · 10/03 0" in text  # per local day
    topic1 = bank.topics[bank.quiz[q1].topic].name
    assert f"{topic1}: 1/2 (50%)" in text  # weakest first
    assert text.index(topic1) < text.index(bank.topics[bank.quiz[q2].topic].name)
    assert bank.quiz[q1].options[bank.quiz[q1].answer][:20] in text  # the right answer, to reteach
    assert "salah 1 dari 2" in text
    # never an individual: no student's name in the group
    for name in ("Ani", "Budi", "Cici"):
        assert name not in text
    assert "chat pribadi Bu Guru" in text
    [photo] = tutor.api.calls_of("sendPhoto", chat_id=GURU["id"])
    [(_, _, _, png), (_, _, csv_name, data)] = tutor.api.uploads
    assert_png(png)
    assert csv_name == "kelas-9a.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["nama", "jawaban", "benar", "ketepatan (%)"] and rows[0][-1] == "runtutan (hari)"
    assert [row[:4] for row in rows[1:]] == [["Ani", "2", "2", "100"], ["Budi", "2", "1", "50"],
                                            ["Cici", "1", "0", "0"]]
    assert [row[-1] for row in rows[1:]] == ["2", "2", "0"]  # streaks up to Monday: Sat + Sun
    assert tutor.api.calls_of("sendPhoto", chat_id=GROUP["id"]) == []
    assert tutor.api.calls_of("sendDocument", chat_id=GROUP["id"]) == []
    assert photo.params.get("caption")


async def test_kelas_refuses_non_admins_without_any_class_data(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    await seed_class(tutor)
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    reply = await tutor.send(U.message(GROUP, BUDI, "/kelas"), chat_id=GROUP["id"])
    assert "hanya untuk admin grup" in (reply.text or "")
    assert not any(ch.isdigit() for ch in reply.text or "")
    assert tutor.api.uploads == []
    assert tutor.api.calls_of("sendPhoto") == [] and tutor.api.calls_of("sendDocument") == []


async def test_kelas_admin_who_never_started_the_bot_gets_a_deep_link(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    await seed_class(tutor)
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    tutor.api.block(GURU["id"])  # 403, as for an admin who never pressed Start
    tutor.extra_ok_errors.append("sendPhoto")
    reply = await tutor.send(U.message(GROUP, GURU, "/kelas"), chat_id=GROUP["id"])
    assert f"https://t.me/{tutor.api.bot_username}?start=kelas" in (reply.text or "")
    assert "Siswa aktif" in (reply.text or "")  # the aggregates still come
    tutor.api.unblock(GURU["id"])  # the admin follows the link and presses Start
    started = await tutor.say(GURU, "/start kelas")
    assert "/kelas" in (started.text or "")


async def test_kelas_without_data_one_student_and_anonymous_admins(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    empty = await tutor.send(U.message(GROUP, GURU, "/kelas"), chat_id=GROUP["id"])
    assert "Belum ada jawaban kuis" in (empty.text or "")
    store = services_of(tutor.app).store
    q1, _ = two_questions(tutor)
    await store.record_poll("p-1", GROUP["id"], 1, q1, "asean", 0, [0, 1, 2, 3], "daily",
                            sent_at=MONDAY_NOON - timedelta(hours=1))
    await store.record_answer("p-1", BUDI["id"], 1, MONDAY_NOON - timedelta(minutes=30))
    anonymous = U.message(GROUP, U.group_anonymous_bot(), "/kelas", sender_chat=GROUP)
    one = await tutor.send(anonymous, chat_id=GROUP["id"])
    assert "Baru satu siswa" in (one.text or "") and "admin anonim" in (one.text or "")
    assert "salah" not in (one.text or "")  # one student's mistakes are never shown to the group
    assert tutor.api.uploads == []


async def test_kelas_in_private_points_to_the_group(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    reply = await tutor.say(GURU, "/kelas")
    assert "di grup kelasmu" in (reply.text or "")


# ------------------------------------------------------------------------------------------ /skor


async def test_skor_in_private_is_a_progress_card_with_the_text_as_caption(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    await seed_class(tutor)
    photo = await tutor.send(U.message(U.private_chat(BUDI), BUDI, "/skor"), method="sendPhoto",
                             chat_id=BUDI["id"])
    caption = photo.params["caption"]
    assert "2" in caption and "50%" in caption  # 2 answered, 1 right
    assert "Kotak ulangan: 1 baru, 0 sedang dipelajari, 0 sudah hafal" in caption  # q1 missed once
    [(_, chat_id, _, png)] = tutor.api.uploads
    assert chat_id == BUDI["id"]
    assert_png(png)
    assert tutor.api.calls_of("sendMessage", chat_id=BUDI["id"]) == []  # the words are the caption


async def test_skor_in_a_group_stays_text(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    await seed_class(tutor)
    reply = await tutor.send(U.message(GROUP, BUDI, "/skor"), chat_id=GROUP["id"])
    assert "50%" in (reply.text or "")
    assert tutor.api.uploads == []


async def test_a_caption_over_the_limit_goes_beside_the_picture(rig: tuple[Bot, Clock]) -> None:
    from bot.pictures import send_picture

    tutor, _ = rig
    tutor.api.inject(U.message(U.private_chat(BUDI), BUDI, "/start"))
    long_caption = "<b>Skor</b>\n" + "\n".join(f"• Topik {i}: 1/2 (50%)" for i in range(80))
    await send_picture(tutor.app.bot, BUDI["id"], renderer_png(), long_caption)
    [photo] = tutor.api.calls_of("sendPhoto", chat_id=BUDI["id"])
    assert not photo.params.get("caption")
    assert "Topik 79" in "".join(c.text or "" for c in tutor.api.calls_of("sendMessage", chat_id=BUDI["id"]))


def renderer_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1080, 700), "white").save(out, format="PNG")
    return out.getvalue()


# ------------------------------------------------------------------------------------------ /rekap


async def test_rekap_needs_a_quiz_time_and_admins(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    tutor.api.set_admins(GROUP["id"], [GURU["id"]])
    assert "belum aktif" in ((await tutor.send(U.message(GROUP, BUDI, "/rekap"), chat_id=GROUP["id"])).text or "")
    refused = await tutor.send(U.message(GROUP, BUDI, "/rekap on"), chat_id=GROUP["id"])
    assert "hanya admin" in (refused.text or "")
    needs = await tutor.send(U.message(GROUP, GURU, "/rekap on"), chat_id=GROUP["id"])
    assert "/harian 07:00" in (needs.text or "")
    await tutor.send(U.message(GROUP, GURU, "/harian 07:00"), chat_id=GROUP["id"])
    on = await tutor.send(U.message(GROUP, GURU, "/rekap on"), chat_id=GROUP["id"])
    assert "tiap Senin pukul 07:00 WIB" in (on.text or "")
    assert await services_of(tutor.app).store.weekly_recap_on(GROUP["id"])
    off = await tutor.send(U.message(GROUP, GURU, "/rekap off"), chat_id=GROUP["id"])
    assert "dimatikan" in (off.text or "")
    assert not await services_of(tutor.app).store.weekly_recap_on(GROUP["id"])


async def test_weekly_recap_posts_once_on_monday_at_the_quiz_time(rig: tuple[Bot, Clock]) -> None:
    tutor, clock = rig
    await seed_class(tutor)
    store = services_of(tutor.app).store
    await store.set_subscription(GROUP["id"], time(7, 0), "Asia/Jakarta", False)  # quiz off, time kept
    await store.set_weekly_recap(GROUP["id"], True)
    clock.now = datetime(2025, 3, 9, 23, 59, tzinfo=UTC)  # Monday 06:59 WIB
    assert await run_weekly(tutor.app) == 0
    clock.advance(minutes=1)  # 07:00 WIB
    assert await run_weekly(tutor.app) == 1
    [photo] = tutor.api.calls_of("sendPhoto", chat_id=GROUP["id"])
    caption = photo.params["caption"]
    assert "Rekap minggu lalu" in caption and "03/03 – 09/03" in caption
    assert "Siswa aktif: <b>2</b> · Jawaban: 4, benar 75%" in caption
    top = caption[caption.index("Tiga teratas"):]
    assert top.index("Ani") < top.index("Budi") and "Cici" not in top  # the week's leaderboard
    assert_png(tutor.api.uploads[-1][3])
    clock.advance(minutes=1)
    assert await run_weekly(tutor.app) == 0  # once a week
    clock.now += timedelta(days=1)
    assert await run_weekly(tutor.app) == 0


async def test_the_scheduler_tick_posts_the_weekly_recap(rig: tuple[Bot, Clock]) -> None:
    """The minute tick of the lease holder runs the weekly recaps after the daily quizzes."""
    from types import SimpleNamespace

    from bot.broadcast import _tick

    tutor, clock = rig
    await seed_class(tutor)
    store = services_of(tutor.app).store
    await store.set_subscription(GROUP["id"], time(7, 0), "Asia/Jakarta", True)
    await store.set_weekly_recap(GROUP["id"], True)
    clock.now = datetime(2025, 3, 10, 0, 0, 30, tzinfo=UTC)  # Monday 07:00:30 WIB
    await _tick(SimpleNamespace(application=tutor.app))  # type: ignore[arg-type]
    assert len(tutor.api.calls_of("sendPoll", chat_id=GROUP["id"])) == 1  # today's quiz
    assert len(tutor.api.calls_of("sendPhoto", chat_id=GROUP["id"])) == 1  # and the week's recap
    assert await store.weekly_recap_state(GROUP["id"], date(2025, 3, 10)) == "sent"


async def test_weekly_recap_once_with_two_processes_on_one_database(rig: tuple[Bot, Clock]) -> None:
    tutor, clock = rig
    await seed_class(tutor)
    svc = services_of(tutor.app)
    await svc.store.set_subscription(GROUP["id"], time(7, 0), "Asia/Jakarta", True)
    await svc.store.set_weekly_recap(GROUP["id"], True)
    other = await Store.open(tutor.settings.async_database_url, default_timezone="Asia/Jakarta", clock=clock)
    try:
        second = WeeklyRecaps(tutor.app.bot, other, svc.tutor.bank, lambda: svc.extras[RENDERER_KEY])
        clock.now = datetime(2025, 3, 10, 0, 30, tzinfo=UTC)  # Monday 07:30 WIB: within the grace
        posted = await asyncio.gather(run_weekly(tutor.app), second.run_due(clock.now))
    finally:
        await other.close()
    assert sorted(posted) == [0, 1]
    assert len(tutor.api.calls_of("sendPhoto", chat_id=GROUP["id"])) == 1


async def test_weekly_recap_too_late_is_skipped_and_a_quiet_week_says_so(rig: tuple[Bot, Clock]) -> None:
    tutor, clock = rig
    store = services_of(tutor.app).store
    await store.upsert_chat(GROUP["id"], "group", GROUP["title"])
    await store.set_subscription(GROUP["id"], time(7, 0), "Asia/Jakarta", True)
    await store.set_weekly_recap(GROUP["id"], True)
    clock.now = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)  # 10:00 WIB: more than 2 hours late
    assert await run_weekly(tutor.app) == 0
    clock.now = datetime(2025, 3, 17, 0, 0, tzinfo=UTC)  # next Monday 07:00 WIB, nobody answered
    assert await run_weekly(tutor.app) == 1
    [message] = tutor.api.calls_of("sendMessage", chat_id=GROUP["id"])
    assert "belum ada yang menjawab" in (message.text or "")


async def test_weekly_recap_without_its_picture_still_posts_the_words(rig: tuple[Bot, Clock]) -> None:
    tutor, clock = rig
    await seed_class(tutor)
    svc = services_of(tutor.app)
    await svc.store.set_subscription(GROUP["id"], time(7, 0), "Asia/Jakarta", True)
    await svc.store.set_weekly_recap(GROUP["id"], True)

    class Broken(Renderer):
        async def render(self, picture: object, lang: str) -> bytes:
            raise RenderError("no fonts today")

    weekly = WeeklyRecaps(tutor.app.bot, svc.store, svc.tutor.bank, Broken)
    clock.now = datetime(2025, 3, 10, 0, 0, tzinfo=UTC)
    assert await weekly.run_due(clock.now) == 1
    [message] = tutor.api.calls_of("sendMessage", chat_id=GROUP["id"])
    assert "Rekap minggu lalu" in (message.text or "") and "Tiga teratas" in (message.text or "")
    assert tutor.api.calls_of("sendPhoto") == []


# ------------------------------------------------------------------------------------------ owners


async def test_statistik_sends_the_owners_picture(rig: tuple[Bot, Clock]) -> None:
    tutor, _ = rig
    await seed_class(tutor)
    photo = await tutor.send(U.message(U.private_chat(OWNER), OWNER, "/statistik"), method="sendPhoto",
                             chat_id=OWNER["id"])
    assert "30 hari" in photo.params["caption"]
    assert_png(tutor.api.uploads[-1][3])


def test_start_up_and_ask_do_not_import_matplotlib() -> None:
    code = ("import sys, bot.app, bot.cli, bot.handlers, bot.charts, bot.insight, bot.broadcast.weekly; "
            "from bot.cli import main; main(['ask', 'apa itu ASEAN?']); "
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ASEAN" in result.stdout
