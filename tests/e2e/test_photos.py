"""Photo questions end to end: the real bot downloads from the fake Bot API and reads with Tesseract."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.ocr import tesseract_problem
from bot.services import services_of
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.photos import make_blank, make_photo, with_options

pytestmark = pytest.mark.skipif(tesseract_problem() is not None,
                                reason=f"photo tests need Tesseract: {tesseract_problem()}")

BUDI = U.user(111, "Budi")
GROUP = U.group_chat(-5001, "Kelas 9A")
QUESTION = "kapan indonesia masuk PBB? jelaskan!"


def photo_sizes(api: FakeBotApi, data: bytes, width: int, height: int) -> list[dict[str, object]]:
    """Telegram's usual three sizes of one photo (the test serves the same bytes for each)."""
    sizes = []
    for index, scale in enumerate((0.25, 0.6, 1.0)):
        sizes.append(api.add_file(data, file_id=f"p{len(api.downloads)}-{id(data)}-{index}",
                                  width=round(width * scale), height=round(height * scale)))
    return sizes


async def typed_answer(bot: Bot, text: str) -> str:
    return (await bot.say(BUDI, text)).text or ""


async def test_a_private_photo_is_read_and_answered_as_if_typed(tutor_bot: Bot) -> None:
    photo = make_photo(QUESTION, seed=2)
    call = await tutor_bot.send(U.photo_upload(U.private_chat(BUDI), BUDI,
                                               photo_sizes(tutor_bot.api, photo.data, 1280, 960)),
                                chat_id=BUDI["id"])
    assert call.text is not None and call.text.startswith("📷 Aku membaca: «kapan indonesia masuk PBB?")
    assert call.text.endswith(await typed_answer(tutor_bot, QUESTION))
    buttons = [b["text"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    assert "✏️ Bukan itu, aku ketik saja" in buttons
    assert tutor_bot.api.calls_of("sendChatAction", chat_id=BUDI["id"])  # "typing…" while reading
    pressed = await tutor_bot.send(U.callback_query(BUDI, call.result, "o:"), chat_id=BUDI["id"])
    assert "Ketik saja pertanyaanmu" in (pressed.text or "")


async def test_the_smallest_size_long_enough_for_text_is_downloaded(tutor_bot: Bot) -> None:
    photo = make_photo(QUESTION, seed=5)
    sizes = [tutor_bot.api.add_file(photo.data, file_id=name, width=w, height=h)
             for name, w, h in (("small", 320, 240), ("enough", 1100, 825), ("full", 2560, 1920))]
    await tutor_bot.send(U.photo_upload(U.private_chat(BUDI), BUDI, sizes), chat_id=BUDI["id"])
    assert tutor_bot.api.downloads == ["photos/enough.jpg"]


async def test_an_image_sent_as_a_file_is_read_too(tutor_bot: Bot) -> None:
    photo = make_photo(QUESTION, seed=3)
    file = tutor_bot.api.add_file(photo.data, file_id="doc-1")
    call = await tutor_bot.send(U.document_message(U.private_chat(BUDI), BUDI, file, "image/jpeg"),
                                chat_id=BUDI["id"])
    assert "Aku membaca" in (call.text or "") and "28 September 1950" in (call.text or "")


async def test_a_photographed_multiple_choice_question_is_answered_with_its_option(tutor_bot: Bot) -> None:
    worksheet = with_options("Organisasi kerja sama regional negara-negara di kawasan Asia Tenggara adalah ....",
                             ["OKI", "ASEAN", "APEC", "OPEC"])
    typed = await typed_answer(tutor_bot, worksheet)
    assert typed.startswith("Jawabannya <b>B. ASEAN</b>")
    photo = make_photo(worksheet, seed=12, tilt=False)
    call = await tutor_bot.send(U.photo_upload(U.private_chat(BUDI), BUDI,
                                               photo_sizes(tutor_bot.api, photo.data, 1200, 900)),
                                chat_id=BUDI["id"])
    assert "Aku membaca" in (call.text or "") and "Jawabannya <b>B. ASEAN</b>" in (call.text or "")


async def test_read_text_is_kept_only_when_it_went_unanswered(tutor_bot: Bot) -> None:
    store = services_of(tutor_bot.app).store
    for seed, text in ((13, "Bagaimana resep rendang padang yang enak?"), (14, QUESTION)):
        photo = make_photo(text, seed=seed, tilt=False)
        await tutor_bot.send(U.photo_upload(U.private_chat(BUDI), BUDI,
                                            photo_sizes(tutor_bot.api, photo.data, 1200, 900)),
                             chat_id=BUDI["id"])
    kept = [text for text, _count in await store.top_unanswered()]
    assert kept == ["bagaimana resep rendang padang yang enak?"]  # the answered question is not kept


async def test_several_numbered_questions_get_brief_numbered_answers(tutor_bot: Bot) -> None:
    photo = make_photo("1. Apa itu kerja sama bilateral?\n2. Kapan Indonesia menjadi anggota PBB?", seed=4,
                       tilt=False)
    call = await tutor_bot.send(U.photo_upload(U.private_chat(BUDI), BUDI,
                                               photo_sizes(tutor_bot.api, photo.data, 1200, 900)),
                                chat_id=BUDI["id"])
    text = call.text or ""
    assert "Ada 2 soal" in text and "1. " in text and "2. " in text
    assert "dua negara" in text and "1950" in text


async def test_many_questions_ask_which_number_and_the_button_answers_it(tutor_bot: Bot) -> None:
    lines = [f"{i}. Jelaskan peran Indonesia dalam organisasi internasional nomor {i} secara lengkap!"
             for i in range(1, 7)]
    lines[1] = "2. Kapan Indonesia menjadi anggota PBB?"
    photo = make_photo("\n".join(lines), seed=6, tilt=False)
    call = await tutor_bot.send(U.photo_upload(U.private_chat(BUDI), BUDI,
                                               photo_sizes(tutor_bot.api, photo.data, 1200, 900)),
                                chat_id=BUDI["id"])
    assert "Soal nomor berapa" in (call.text or "")
    buttons = {b["text"]: b["callback_data"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row}
    assert "Soal 2" in buttons
    answer = await tutor_bot.send(U.callback_query(BUDI, call.result, buttons["Soal 2"]), chat_id=BUDI["id"])
    assert "28 September 1950" in (answer.text or "")


async def test_a_photo_without_text_gets_a_friendly_reply_and_no_faq_answer(tutor_bot: Bot) -> None:
    data = make_blank(11)
    call = await tutor_bot.send(U.photo_upload(U.private_chat(BUDI), BUDI,
                                               photo_sizes(tutor_bot.api, data, 1200, 900)), chat_id=BUDI["id"])
    assert "tidak menemukan tulisan" in (call.text or "") and "Sumber" not in (call.text or "")


async def test_a_file_that_is_not_an_image_is_refused_politely(tutor_bot: Bot) -> None:
    file = tutor_bot.api.add_file(b"%PDF-1.4 not really a picture", file_id="fake-jpg")
    call = await tutor_bot.send(U.document_message(U.private_chat(BUDI), BUDI, file, "image/jpeg"),
                                chat_id=BUDI["id"])
    assert "bukan gambar" in (call.text or "")


async def test_a_photo_over_the_size_limit_is_never_downloaded(api: FakeBotApi, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path / "tutor.db", photo_max_bytes=100_000)
    app = await start_bot(settings)
    try:
        bot = Bot(api, app, settings)
        big = api.add_file(b"x" * 150_000, file_id="big", width=3000, height=2000)
        call = await bot.send(U.photo_upload(U.private_chat(BUDI), BUDI, [big]), chat_id=BUDI["id"])
        assert "terlalu besar" in (call.text or "")
        assert api.downloads == [] and api.calls_of("getFile") == []
    finally:
        await stop_bot(app)


async def test_in_a_group_only_addressed_photos_are_read(tutor_bot: Bot) -> None:
    photo = make_photo(QUESTION, seed=8)
    mark = tutor_bot.api.mark()
    await tutor_bot.processed(U.photo_upload(GROUP, BUDI, photo_sizes(tutor_bot.api, photo.data, 1200, 900)))
    assert tutor_bot.texts_to(GROUP["id"], since=mark) == []  # a class photo is not a question
    captioned = await tutor_bot.send(U.photo_upload(GROUP, BUDI, photo_sizes(tutor_bot.api, photo.data, 1200, 900),
                                                    caption="@TutorDiplomasiBot ini gimana kak"),
                                     chat_id=GROUP["id"])
    assert "1950" in (captioned.text or "")
    posted = U.photo_upload(GROUP, BUDI, photo_sizes(tutor_bot.api, photo.data, 1200, 900))
    asked = await tutor_bot.send(U.message(GROUP, BUDI, "/tanya", reply_to=posted["message"]), chat_id=GROUP["id"])
    assert "Aku membaca" in (asked.text or "") and "1950" in (asked.text or "")


@pytest.fixture
async def bot_without_tesseract(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Bot]:
    settings = make_settings(api, tmp_path / "tutor.db", tesseract_cmd="/nonexistent/tesseract")
    app = await start_bot(settings)
    try:
        yield Bot(api, app, settings)
    finally:
        await stop_bot(app)


async def test_without_tesseract_the_bot_runs_and_says_photos_cannot_be_read(
        bot_without_tesseract: Bot, caplog: pytest.LogCaptureFixture) -> None:
    api = bot_without_tesseract.api
    photo = make_photo(QUESTION, seed=9)
    with caplog.at_level(logging.INFO):
        call = await bot_without_tesseract.send(U.photo_upload(U.private_chat(BUDI), BUDI,
                                                               photo_sizes(api, photo.data, 1200, 900)),
                                                chat_id=BUDI["id"])
    assert "belum bisa membaca foto" in (call.text or "") and api.downloads == []
    text = await bot_without_tesseract.say(BUDI, "apa itu ASEAN?")
    assert "ASEAN" in (text.text or "")  # typed questions still work
