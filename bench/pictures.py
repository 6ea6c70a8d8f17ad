"""Pictures: how fast a class picture renders and how long the event loop stalls meanwhile.

A class of 40 students with 60 days of history (a daily quiz and a group round of 5 a day, most
students answering) is written straight into a SQLite file. Then:

- render: the class picture, the progress card and the owners' picture, each rendered `RENDERS`
  times by the worker process (`bot.charts.Renderer`, as the bot does): p50/p95 wall time, plus
  the drawing's own CPU time in this process (what the machine's load adds is the difference).
- kelas: the real bot behind the fake Bot API; an admin sends /kelas `KELAS_ROUNDS` times while
  another student asks a question in private at the same moment. p50/p95 from /kelas to the group
  reply (queries, render, photo and CSV upload included), the student's reply time meanwhile, and
  the longest event-loop stall (a 5 ms ticker's overshoot) over the whole run.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import build_application
from bot.charts import Renderer, renderer_of
from bot.charts import draw as drawing
from bot.core import srs
from bot.core.content import load_bank
from bot.insight import bot_picture, class_report, student_picture
from bot.services import services_of
from bot.settings import Settings
from bot.storage import Store
from bot.storage.models import Answer, QuizPoll, ReviewBox, User
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[1]
STUDENTS = 40
DAYS = 60
ROUND_SIZE = 5
RENDERS = 30
KELAS_ROUNDS = 30
GROUP_ID = -100_900
ADMIN = U.user(90_000, "Bu Guru")
ASKER = U.user(90_001, "Penanya")
ZONE = ZoneInfo("Asia/Jakarta")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(value: float) -> float:
    return round(1000 * value, 1)


async def seed(store: Store, now: datetime) -> int:
    """40 students, 60 days: one daily quiz and one group round of 5 a day; returns the answers written."""
    bank = load_bank(ROOT / "content")
    questions = sorted(bank.quiz.values(), key=lambda q: q.id)
    rng = random.Random(17)
    students = [100_000 + i for i in range(STUDENTS)]
    skill = {uid: rng.uniform(0.4, 0.95) for uid in students}
    await store.upsert_chat(GROUP_ID, "supergroup", "Kelas 9A")
    polls: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    boxes: dict[tuple[int, str], dict[str, Any]] = {}
    for day in range(DAYS, 0, -1):
        start = now - timedelta(days=day)
        weekend = start.astimezone(ZONE).weekday() >= 5
        present = {uid for uid in students if rng.random() < (0.35 if weekend else 0.8)}
        for slot in range(1 + ROUND_SIZE):
            question = questions[rng.randrange(len(questions))]
            poll_id = f"bench-{day}-{slot}"
            sent = start + timedelta(minutes=10 * slot)
            polls.append({"poll_id": poll_id, "chat_id": GROUP_ID, "message_id": len(polls) + 1,
                          "question_id": question.id, "topic": question.topic, "correct_option": 0,
                          "option_order": [0, 1, 2, 3], "kind": "daily" if slot == 0 else "group",
                          "sent_at": sent})
            for uid in students:
                if uid not in present or rng.random() > 0.85:
                    continue
                correct = rng.random() < skill[uid]
                at = sent + timedelta(seconds=rng.randrange(30, 3000))
                answers.append({"poll_id": poll_id, "user_id": uid, "option": 0 if correct else 1,
                                "correct": correct, "answered_at": at})
                key = (uid, question.id)
                box = boxes.get(key, {}).get("box")
                if box is None and correct:
                    continue
                new_box = srs.next_box(box or srs.MIN_BOX, correct) if box else srs.MIN_BOX
                boxes[key] = {"user_id": uid, "question_id": question.id, "box": new_box,
                              "due_at": None if new_box == srs.LEARNED_BOX else srs.due_at(new_box, at),
                              "updated_at": at}
    async with store.engine.begin() as conn:
        await conn.execute(User.__table__.insert(), [
            {"id": uid, "first_name": f"Siswa {i + 1}", "username": None, "language_code": "id",
             "created_at": now, "updated_at": now} for i, uid in enumerate(students)])
        await conn.execute(QuizPoll.__table__.insert(), polls)
        await conn.execute(Answer.__table__.insert(), answers)
        await conn.execute(ReviewBox.__table__.insert(), list(boxes.values()))
    return len(answers)


async def render_times(store: Store, now: datetime) -> dict[str, Any]:
    """p50/p95 of RENDERS renders per picture through the worker process, and the drawing's own CPU time."""
    bank = load_bank(ROOT / "content")
    started = time.perf_counter()
    report = await class_report(store, bank, GROUP_ID, "Kelas 9A", now, ZONE, "id")
    query_s = time.perf_counter() - started
    stats = await store.user_stats(100_000, now.astimezone(ZONE).date(), tz=ZONE.key)
    card = await student_picture(store, bank, 100_000, "Siswa 1", stats.per_topic, stats.current_streak, now,
                                 ZONE, "id")
    owners = await bot_picture(store, now, ZONE, 0)
    renderer = Renderer()
    result: dict[str, Any] = {"class_queries_ms": _ms(query_s)}
    try:
        await renderer.warmed()
        for name, picture in (("class", report.picture), ("card", card), ("owners", owners)):
            walls: list[float] = []
            size = 0
            for _ in range(RENDERS):
                started = time.perf_counter()
                png = await renderer.render(picture, "id")
                walls.append(time.perf_counter() - started)
                size = len(png)
            cpu: list[float] = []
            for _ in range(5):
                began = time.process_time()
                drawing.render(picture, "id")
                cpu.append(time.process_time() - began)
            result[f"{name}_p50_ms"] = _ms(statistics.median(walls))
            result[f"{name}_p95_ms"] = _ms(_percentile(walls, 0.95))
            result[f"{name}_cpu_ms"] = _ms(statistics.median(cpu))
            result[f"{name}_kb"] = size // 1024
    finally:
        renderer.close()
    return result


async def _ticker(stalls: list[tuple[float, float]], stop: asyncio.Event) -> None:
    """(when, overshoot) of a 5 ms sleep, continuously: the loop's stalls."""
    while not stop.is_set():
        started = time.monotonic()
        await asyncio.sleep(0.005)
        now = time.monotonic()
        stalls.append((now, now - started - 0.005))


async def kelas_under_load(db_file: Path, rounds: int) -> dict[str, Any]:
    """The real bot: /kelas from the admin and a student's question at the same moment, KELAS_ROUNDS times."""
    logging.getLogger("telegram").setLevel(logging.WARNING)
    bank = load_bank(ROOT / "content")
    questions = [v for e in bank.faq.values() for v in e.variants[:1]]
    group = U.group_chat(GROUP_ID, "Kelas 9A", type="supergroup")
    async with FakeBotApi() as api:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, telegram_bot_token=api.token, telegram_api_base_url=api.base_url,
            database_url=f"sqlite:///{db_file}",
        )
        app = build_application(settings, rate_limit=False)
        await app.initialize()
        assert app.post_init is not None and app.updater is not None and app.post_shutdown is not None
        await app.post_init(app)
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await app.start()
        api.set_admins(GROUP_ID, [ADMIN["id"]])
        api.inject(U.message(U.private_chat(ADMIN), ADMIN, "/start"))
        await renderer_of(services_of(app).extras).warmed()
        stop = asyncio.Event()
        stalls: list[tuple[float, float]] = []
        ticker = asyncio.create_task(_ticker(stalls, stop))
        kelas: list[float] = []
        asked: list[float] = []
        round_stalls: list[float] = []  # the longest stall of each round
        try:
            for turn in range(rounds):
                mark = api.mark()
                started = time.monotonic()
                api.inject(U.message(group, ADMIN, "/kelas"))
                api.inject(U.message(U.private_chat(ASKER), ASKER, questions[turn % len(questions)]))
                answer = await api.wait_for_method("sendMessage", chat_id=ASKER["id"], since=mark, timeout=60)
                reply = await api.wait_for_method("sendMessage", chat_id=GROUP_ID, since=mark, timeout=60)
                kelas.append(reply.at - started)
                asked.append(answer.at - started)
                round_stalls.append(max((stall for at, stall in stalls if at >= started), default=0.0))
        finally:
            stop.set()
            await ticker
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            await app.post_shutdown(app)
        photos = len(api.calls_of("sendPhoto", chat_id=ADMIN["id"]))
    return {
        "kelas_p50_ms": _ms(statistics.median(kelas)),
        "kelas_p95_ms": _ms(_percentile(kelas, 0.95)),
        "question_during_render_p50_ms": _ms(statistics.median(asked)),
        "question_during_render_p95_ms": _ms(_percentile(asked, 0.95)),
        "first_round_stall_ms": _ms(round_stalls[0]),  # includes first-use costs (statement compiling…)
        "round_stall_p95_ms": _ms(_percentile(round_stalls[1:] or round_stalls, 0.95)),
        "max_loop_stall_ms": _ms(max(round_stalls)),
        "rounds_stalled_over_50ms": sum(stall > 0.05 for stall in round_stalls),
        "load_avg_1min": round(os.getloadavg()[0], 1),
        "pictures_sent": photos,
    }


async def run(kelas_rounds: int = KELAS_ROUNDS) -> dict[str, Any]:
    """Seed, render, then /kelas under load; one dict of figures."""
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "bench.db"
        store = await Store.open(f"sqlite+aiosqlite:///{db_file}", default_timezone="Asia/Jakarta")
        try:
            written = await seed(store, now)
            result: dict[str, Any] = {"answers": written}
            result.update(await render_times(store, now))
        finally:
            await store.close()
        result.update(await kelas_under_load(db_file, kelas_rounds))
    return result


def main() -> None:
    print("  " + "  ".join(f"{k} {v}" for k, v in asyncio.run(run()).items()), flush=True)


if __name__ == "__main__":
    main()
