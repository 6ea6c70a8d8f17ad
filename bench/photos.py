"""Photo questions: how well photos read, and how fast a photo is answered while others chat.

- accuracy: the 210 synthetic photos of tests/data/photos.yaml (drawn by tests/fakes/photos.py),
  30 of them pasted multiple-choice questions with options A–D, in several fonts, sizes, backgrounds, tilts,
  blurs, lighting and JPEG qualities. Character error rate of what was read, and the share of photos
  whose reply is the typed question's correct reply, as a fraction of the same share when typed.
- latency: the real bot behind the fake Bot API; photos sent one at a time while 5 other students
  each ask a text question every half second; p50/p95 from photo received to answer sent, the
  text replies' p50/p99 meanwhile, and the longest event-loop stall (a 10 ms ticker's overshoot).
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from bot.app import build_application
from bot.core.content import load_bank
from bot.core.conversation import Reply, Tutor
from bot.core.photo_text import read_photo_text
from bot.ocr import recognize, tesseract_problem
from bot.settings import Settings
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.photos import make_photo
from tests.ocr_metrics import char_error_rate

ROOT = Path(__file__).resolve().parents[1]
LATENCY_PHOTOS = 20
CHATTERS = 5


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def evaluation_items() -> list[dict[str, Any]]:
    """The frozen photo set (tests/data/photos.yaml): each question, its seed, and its right reply
    (an FAQ id, or a choice letter for a pasted multiple-choice question)."""
    return yaml.safe_load((ROOT / "tests/data/photos.yaml").read_text(encoding="utf-8"))["photos"]


def correct(reply: Reply, item: dict[str, Any]) -> bool:
    if "faq" in item:
        return reply.kind == "answer" and reply.faq_id == item["faq"]
    return reply.as_json().get("choice") == item["choice"]


def accuracy() -> dict[str, Any]:
    tutor = Tutor(load_bank(ROOT / "content"))
    items = evaluation_items()
    photos = [make_photo(item["q"], item["seed"]) for item in items]
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(lambda p: recognize(p.data), photos))
    rates, typed_ok, photo_ok = [], 0, 0
    for item, text in zip(items, texts, strict=True):
        read = read_photo_text(text).text
        rates.append(char_error_rate(item["q"], read))
        typed_ok += correct(tutor.reply(item["q"]), item)
        photo_ok += correct(tutor.reply(read), item) if read else False
    return {
        "photos": len(items),
        "cer_mean": round(statistics.fmean(rates), 4),
        "cer_median": round(statistics.median(rates), 4),
        "typed_correct": typed_ok,
        "photo_correct": photo_ok,
        "photo_vs_typed": round(photo_ok / max(1, typed_ok), 3),
    }


async def _ticker(stalls: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        started = time.monotonic()
        await asyncio.sleep(0.01)
        stalls.append(time.monotonic() - started - 0.01)


async def _chatter(api: FakeBotApi, index: int, questions: list[str], stop: asyncio.Event,
                   latencies: list[float]) -> None:
    student = U.user(30_000 + index, f"Teman {index}")
    turn = 0
    while not stop.is_set():
        mark = api.mark()
        started = time.monotonic()
        api.inject(U.message(U.private_chat(student), student, questions[(turn + index) % len(questions)]))
        call = await api.wait_for_method("sendMessage", chat_id=student["id"], since=mark, timeout=30)
        latencies.append(call.at - started)
        turn += 1
        await asyncio.sleep(0.5)


async def latency() -> dict[str, Any]:
    logging.getLogger("telegram").setLevel(logging.WARNING)
    items = evaluation_items()[:LATENCY_PHOTOS]
    photos = [make_photo(item["q"], 1000 + seed) for seed, item in enumerate(items)]
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotApi() as api:
            settings = Settings(  # type: ignore[call-arg]
                _env_file=None, telegram_bot_token=api.token, telegram_api_base_url=api.base_url,
                database_url=f"sqlite:///{Path(tmp) / 'bench.db'}",
            )
            app = build_application(settings, rate_limit=False)
            await app.initialize()
            assert app.post_init is not None and app.updater is not None and app.post_shutdown is not None
            await app.post_init(app)
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            await app.start()
            stop = asyncio.Event()
            stalls: list[float] = []
            text_latencies: list[float] = []
            questions = [v for e in load_bank(ROOT / "content").faq.values() for v in e.variants[:1]]
            background = [asyncio.create_task(_ticker(stalls, stop)),
                          *(asyncio.create_task(_chatter(api, i, questions, stop, text_latencies))
                            for i in range(CHATTERS))]
            photo_latencies: list[float] = []
            student = U.user(40_000, "Pemotret")
            try:
                for index, photo in enumerate(photos):
                    size = api.add_file(photo.data, file_id=f"bench-{index}", width=photo.width, height=photo.height)
                    mark = api.mark()
                    started = time.monotonic()
                    api.inject(U.photo_upload(U.private_chat(student), student, [size]))
                    call = await api.wait_for_method("sendMessage", chat_id=student["id"], since=mark, timeout=60)
                    photo_latencies.append(call.at - started)
            finally:
                stop.set()
                await asyncio.gather(*background, return_exceptions=True)
                await app.updater.stop()
                await app.stop()
                await app.shutdown()
                await app.post_shutdown(app)
    return {
        "photo_p50_s": round(statistics.median(photo_latencies), 2),
        "photo_p95_s": round(_percentile(photo_latencies, 0.95), 2),
        "text_p50_ms": round(1000 * statistics.median(text_latencies), 1),
        "text_p99_ms": round(1000 * _percentile(text_latencies, 0.99), 1),
        "text_replies": len(text_latencies),
        "max_loop_stall_ms": round(1000 * max(stalls), 1),
    }


def main() -> None:
    problem = tesseract_problem()
    if problem is not None:
        print(f"  skipped: {problem} (scripts/ocr.sh installs it)", flush=True)
        return
    print("  accuracy: " + "  ".join(f"{k} {v}" for k, v in accuracy().items()), flush=True)
    print("  latency:  " + "  ".join(f"{k} {v}" for k, v in asyncio.run(latency()).items()), flush=True)


if __name__ == "__main__":
    main()
