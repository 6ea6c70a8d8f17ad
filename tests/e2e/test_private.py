"""Private chat end to end: /start, /help, questions (answer, suggest, unknown), buttons, media."""

from __future__ import annotations

import pytest

from bot.core.limits import MAX_MESSAGE_LENGTH
from bot.services import services_of
from tests.e2e.harness import Bot
from tests.fakes import updates as U

pytestmark = pytest.mark.e2e

BUDI = U.user(111, "Budi <b>", username="budi_siswa")
SARAH = U.user(222, "Sarah", language_code="en")


def _buttons(call) -> list[dict]:  # type: ignore[no-untyped-def]
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def test_start_greets_in_two_lines_with_three_buttons(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "/start")
    assert "Budi &lt;b&gt;" in call.text
    assert len(call.text.split("\n")) == 2
    assert [b["callback_data"] for b in _buttons(call)] == ["m:ask", "m:quiz", "m:topics"]
    menus = {(scope, lang): [c["command"] for c in tutor_bot.api.commands(scope, lang)]
             for scope in ("all_private_chats", "all_group_chats", "all_chat_administrators") for lang in ("", "en")}
    assert all(menus.values()), menus  # every scope, in Indonesian (default) and English
    for (scope, _), names in menus.items():
        assert ("ulang" in names) == (scope == "all_private_chats")  # reviews are private
    assert "zona" in menus[("all_chat_administrators", "")] and "zona" not in menus[("all_group_chats", "")]
    assert menus[("all_private_chats", "")] == menus[("all_private_chats", "en")]
    english = tutor_bot.api.commands("all_private_chats", "en")
    assert any("Review" in c["description"] for c in english)


async def test_help_lists_the_commands(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "/help")
    for command in ("/tanya", "/topik", "/kuis", "/ulang", "/skor", "/peringkat", "/bahasa"):
        assert command in call.text


async def test_confident_answer_has_quiz_and_related_buttons(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    data = [b["callback_data"] for b in _buttons(call)]
    assert data[0].startswith("q:")
    assert 2 <= len(data) <= 4
    assert all(d.startswith("a:") for d in data[1:-1])
    assert data[-1] == "r:a:asean-pengertian"  # "Laporkan kesalahan" last


async def test_unknown_question_gets_belum_tahu_and_is_logged(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "resep rendang padang yang enak")
    assert "belum tahu" in call.text
    assert [b["callback_data"] for b in _buttons(call)] == ["T:0"]
    store = services_of(tutor_bot.app).store
    assert ("resep rendang padang yang enak", 1) in await store.top_unanswered()


async def test_english_client_gets_english_interface(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(SARAH, "/start")
    assert "I'm" in call.text


async def test_pressing_a_suggestion_answers_it(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    related = [b for b in _buttons(call) if b["callback_data"].startswith("a:")]
    assert related
    answer = await tutor_bot.send(U.callback_query(BUDI, call.result, related[0]["callback_data"]),
                                  chat_id=BUDI["id"])
    assert answer.text.startswith("<b>")
    assert tutor_bot.api.calls_of("answerCallbackQuery")


async def test_stale_or_tampered_button_expires_politely(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "/start")
    for data in ("a:no-such-faq", "t:nope:0", "zz", "T:x", "q:../../etc"):
        answered = await tutor_bot.send(U.callback_query(BUDI, call.result, data), method="answerCallbackQuery")
        assert "kedaluwarsa" in answered.params["text"]


async def test_media_empty_and_huge_messages_never_crash(tutor_bot: Bot) -> None:
    chat = U.private_chat(BUDI)
    sticker = await tutor_bot.send(U.sticker_message(chat, BUDI), chat_id=BUDI["id"])
    assert "teks" in sticker.text
    tutor_bot.extra_ok_errors.append("getFile")  # a photo Telegram no longer has: told politely
    await tutor_bot.send(U.photo_message(chat, BUDI, caption="<apa ini>"), chat_id=BUDI["id"])
    await tutor_bot.send(U.voice_message(chat, BUDI), chat_id=BUDI["id"])
    huge = await tutor_bot.say(BUDI, "diplomasi & <kerja sama> " * 160)
    assert len(huge.text) < MAX_MESSAGE_LENGTH
    blank = await tutor_bot.say(BUDI, "   ")
    assert "Tulis pertanyaanmu" in blank.text


async def test_edited_messages_get_no_reply(tutor_bot: Bot) -> None:
    mark = tutor_bot.api.mark()
    await tutor_bot.processed(U.edited_message(U.private_chat(BUDI), BUDI, "apa itu PBB?", message_id=5))
    assert tutor_bot.texts_to(BUDI["id"], since=mark) == []


async def test_uncertain_question_offers_up_to_three_suggestions(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "dewan")
    assert "Maksud kamu" in call.text
    data = [b["callback_data"] for b in _buttons(call)]
    assert 1 <= len(data) <= 3 and all(d.startswith("a:") for d in data)
    picked = await tutor_bot.send(U.callback_query(BUDI, call.result, data[0]), chat_id=BUDI["id"])
    faq = services_of(tutor_bot.app).tutor.bank.faq[data[0][2:]]
    assert faq.question.split()[0] in picked.text


async def test_unknown_command_in_private_points_to_help(tutor_bot: Bot) -> None:
    call = await tutor_bot.say(BUDI, "/kuiz")
    assert "/help" in call.text
    assert not tutor_bot.failed_calls()


async def test_another_bots_command_in_private_gets_nothing(tutor_bot: Bot) -> None:
    mark = tutor_bot.api.mark()
    await tutor_bot.processed(U.message(U.private_chat(BUDI), BUDI, "/kuis@OtherBot"))
    await tutor_bot.processed(U.message(U.private_chat(BUDI), BUDI, "/foo@OtherBot"))
    assert tutor_bot.texts_to(BUDI["id"], since=mark) == []
    mine = await tutor_bot.say(BUDI, "/kuiz@TutorDiplomasiBot")
    assert "/help" in mine.text
