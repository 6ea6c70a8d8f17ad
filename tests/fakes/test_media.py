"""The fake's sendPhoto/sendDocument through PTB: multipart uploads, caption and image rules."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest
from PIL import Image
from telegram import Bot, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.media import image_size

STUDENT = U.user(4242, "Budi")


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(strict=True) as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as the_bot:
        yield the_bot


async def test_send_photo_upload_with_html_caption(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.message(U.private_chat(STUDENT), STUDENT, "/skor"))
    message = await bot.send_photo(STUDENT["id"], InputFile(png(1080, 700), filename="skor.png"),
                                   caption="<b>Skor</b> 5/7", parse_mode=ParseMode.HTML)
    assert message.caption == "Skor 5/7" and message.caption_entities[0].type == "bold"
    assert (message.photo[-1].width, message.photo[-1].height) == (1080, 700)
    [(method, chat_id, name, data)] = api.uploads
    assert (method, chat_id, name, image_size(data)) == ("sendPhoto", STUDENT["id"], "skor.png", (1080, 700))
    assert api.delivered(STUDENT["id"])[-1]["photo"]


async def test_caption_over_1024_characters_is_refused(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.message(U.private_chat(STUDENT), STUDENT, "/skor"))
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_photo(STUDENT["id"], png(10, 10), caption="<b>x</b>" + "y" * 1024, parse_mode="HTML")
    fits = await bot.send_photo(STUDENT["id"], png(10, 10), caption="<b>x</b>" + "y" * 1023, parse_mode="HTML")
    assert len(fits.caption) == 1024


async def test_a_photo_must_be_an_image_of_sane_size(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.message(U.private_chat(STUDENT), STUDENT, "/skor"))
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(STUDENT["id"], InputFile(b"not an image", filename="x.png"))
    with pytest.raises(BadRequest, match=r"(?i)photo_invalid_dimensions"):
        await bot.send_photo(STUDENT["id"], png(2100, 100))


async def test_send_document_and_strangers(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.message(U.private_chat(STUDENT), STUDENT, "/kelas"))
    message = await bot.send_document(STUDENT["id"], InputFile(b"nama,jawaban\nAni,3\n", filename="kelas.csv"),
                                      caption="Hasil per siswa")
    assert message.document.file_name == "kelas.csv" and message.caption == "Hasil per siswa"
    assert api.uploads[-1][3] == b"nama,jawaban\nAni,3\n"
    with pytest.raises(Forbidden, match="can't initiate"):  # strict: a user who never started the bot
        await bot.send_document(777, InputFile(b"a", filename="a.csv"))
