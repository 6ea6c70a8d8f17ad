"""The drawing (PNG size, width, odd inputs) and the worker process (errors, a dead worker replaced)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PIL import Image

from bot.charts import (
    BotPicture,
    ClassPicture,
    DayCount,
    MissedQuestion,
    Renderer,
    ReviewBoxes,
    StudentPicture,
    TopicScore,
    draw,
)
from bot.charts.worker import RenderError

TODAY = date(2025, 3, 10)


def class_picture(students: int = 40) -> ClassPicture:
    return ClassPicture(
        title="Kelas 9A $x$ <b>",
        participation=tuple(DayCount(TODAY - timedelta(days=6 - i), 30 + i) for i in range(7)),
        topics=tuple(TopicScore(f"Topik yang namanya panjang sekali nomor {i}", 100, 10 * i) for i in range(12)),
        missed=tuple(MissedQuestion(f"q{i}", "Kapan ASEAN didirikan, dan di kota mana deklarasinya ditandatangani?",
                                    "1967", 20 - i, 40) for i in range(5)),
        backlog=ReviewBoxes(30, 50, 20),
        students=students,
    )


def student_picture(topics: int = 6) -> StudentPicture:
    return StudentPicture(name="Budi $100", topics=tuple(TopicScore(f"Topik {i}", 10, i) for i in range(topics)),
                          active_days=frozenset(TODAY - timedelta(days=d) for d in range(0, 30, 3)),
                          last_day=TODAY, window_days=30, boxes=ReviewBoxes(1, 2, 3), streak=1)


def bot_picture() -> BotPicture:
    days = tuple(TODAY - timedelta(days=29 - i) for i in range(30))
    return BotPicture(days=days, active_chats=tuple(range(30)), answers=tuple(10 * i for i in range(30)),
                      unanswered=tuple(i % 4 for i in range(30)), stale_facts=2)


def size_of(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
        return image.size


@pytest.mark.parametrize("picture", [class_picture(), student_picture(), bot_picture(),
                                     student_picture(topics=0), class_picture(students=1)],
                         ids=["class", "card", "owners", "card-without-topics", "class-of-one"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_pictures_are_phone_wide_pngs_under_200_kb(picture: object, lang: str) -> None:
    png = draw.render(picture, lang)  # type: ignore[arg-type]
    width, height = size_of(png)
    assert width == 1080 and 900 <= height <= 1400
    assert len(png) < 200 * 1024


def test_empty_panels_say_there_is_no_data_yet() -> None:
    empty = ClassPicture(title="Kelas", participation=(), topics=(), missed=(), backlog=ReviewBoxes(), students=0)
    assert size_of(draw.render(empty, "id"))[0] == 1080


@pytest.fixture(scope="module")
def renderer() -> Iterator[Renderer]:
    worker = Renderer()
    worker.start()
    yield worker
    worker.close()


async def test_the_worker_renders_reports_errors_and_survives_its_own_death(renderer: Renderer) -> None:
    png = await renderer.render(student_picture(), "id")
    assert size_of(png)[0] == 1080
    with pytest.raises(RenderError, match="cannot draw"):
        await renderer.render("not a picture", "id")  # type: ignore[arg-type]
    assert size_of(await renderer.render(bot_picture(), "en"))[0] == 1080  # still serving
    assert renderer._process is not None
    renderer._process.kill()
    renderer._process.wait()
    assert size_of(await renderer.render(class_picture(), "id"))[0] == 1080  # a new worker took over
