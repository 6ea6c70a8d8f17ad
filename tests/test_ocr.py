"""Reading photos for real: Pillow preparation and Tesseract on synthetic photos of questions."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import threading
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageDraw, ImageFont

from bot.core.content import load_bank
from bot.core.conversation import Tutor
from bot.core.photo_text import read_photo_text
from bot.ocr import (
    NotAnImage,
    OcrBusy,
    OcrService,
    OcrUnavailable,
    _skew_angle,
    open_image,
    recognize,
    tesseract_problem,
)
from tests.fakes.photos import FONT_DIR, make_blank, make_photo
from tests.ocr_metrics import char_error_rate

ROOT = Path(__file__).resolve().parents[1]
needs_tesseract = pytest.mark.skipif(tesseract_problem() is not None,
                                     reason=f"photo tests need Tesseract: {tesseract_problem()}")
PHOTO_SAMPLE = 8


def eval_questions(count: int) -> list[str]:
    """Short on-topic questions from the project's own evaluation set, spread across it."""
    items = yaml.safe_load((ROOT / "tests/data/eval.yaml").read_text(encoding="utf-8"))["on_topic"]
    step = max(1, len(items) // count)
    return [items[i]["q"] for i in range(0, step * count, step)]


def test_missing_tesseract_is_reported_once_and_reads_are_refused(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.ocr"):
        service = OcrService.detect("/nonexistent/tesseract")
    assert not service.available
    assert [r.getMessage() for r in caplog.records if "photo questions are off" in r.getMessage()] != []
    with pytest.raises(OcrUnavailable):
        asyncio.run(service.read(1, b"..."))


def test_garbage_and_decompression_bombs_are_not_images() -> None:
    with pytest.raises(NotAnImage):
        open_image(b"this is not a picture")
    bomb = io.BytesIO()
    Image.new("1", (9000, 6000)).save(bomb, "PNG")  # tiny file, 54 million pixels once decoded
    with pytest.raises(NotAnImage):
        open_image(bomb.getvalue())


@pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").exists(), reason="needs fonts-dejavu-core")
@pytest.mark.parametrize("tilt", [-4.0, 3.0])
def test_a_tilted_page_is_found_straight(tilt: float) -> None:
    page = Image.new("L", (1000, 500), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 28)
    for row in range(8):
        draw.text((40, 30 + row * 55), "Kerja sama antarnegara di kawasan Asia Tenggara", font=font, fill=0)
    tilted = page.rotate(tilt, expand=True, fillcolor=255)
    assert abs(_skew_angle(tilted) + tilt) < 1.0


async def test_queue_limits_per_chat_and_overall() -> None:
    release = threading.Event()
    started = threading.Semaphore(0)

    def held_reader(data: bytes, command: str) -> str:
        started.release()
        release.wait(timeout=30)
        return data.decode()

    service = OcrService(workers=2, per_chat=1, total=2, reader=held_reader, in_processes=False)
    first = asyncio.create_task(service.read(1, b"satu"))
    await asyncio.to_thread(started.acquire)
    with pytest.raises(OcrBusy):
        await service.read(1, b"lagi")  # chat 1 already has a photo being read
    second = asyncio.create_task(service.read(2, b"dua"))
    await asyncio.to_thread(started.acquire)
    with pytest.raises(OcrBusy):
        await service.read(3, b"tiga")  # two in flight overall
    release.set()
    assert await first == "satu" and await second == "dua"
    assert await service.read(3, b"tiga") == "tiga"  # room again once they finished
    service.close()


def pid_reader(data: bytes, command: str) -> str:
    """Which process read the image."""
    return str(os.getpid())


def dying_reader(data: bytes, command: str) -> str:
    """A worker killed by the image (as by the out-of-memory killer), except for b"ok"."""
    if data != b"ok":
        os._exit(1)
    return "ok"


async def test_images_are_prepared_outside_the_bot_process() -> None:
    """Pillow and NumPy work holds the GIL; in a worker process it cannot stall the event loop."""
    service = OcrService(reader=pid_reader)
    try:
        assert int(await service.read(1, b"x")) != os.getpid()
    finally:
        service.close()


async def test_a_worker_that_dies_costs_one_photo_not_the_rest() -> None:
    service = OcrService(reader=dying_reader)
    try:
        with pytest.raises(NotAnImage):
            await service.read(1, b"bom")
        assert await service.read(1, b"ok") == "ok"
    finally:
        service.close()


@needs_tesseract
def test_photos_of_questions_read_close_to_the_typed_text_and_get_the_same_answer() -> None:
    tutor = Tutor(load_bank(ROOT / "content"))
    questions = eval_questions(PHOTO_SAMPLE)
    rates, same = [], 0
    for seed, question in enumerate(questions):
        photo = make_photo(question, seed)
        text = read_photo_text(recognize(photo.data)).text
        rates.append(char_error_rate(question, text))
        typed, read = tutor.reply(question), tutor.reply(text)
        same += (typed.kind, typed.faq_id) == (read.kind, read.faq_id)
    rates.sort()
    assert rates[len(rates) // 2] <= 0.05, rates  # median character error rate
    assert same >= PHOTO_SAMPLE - 1, (same, rates)


@needs_tesseract
def test_a_photo_without_text_reads_as_unreadable() -> None:
    assert read_photo_text(recognize(make_blank(7))).kind == "unreadable"
