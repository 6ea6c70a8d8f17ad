"""Topic browsing, inline mode, the error handler, and logs that never show the token."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.logs import setup_logging
from bot.services import services_of
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi, validate_telegram_html

pytestmark = pytest.mark.e2e

BUDI = U.user(111, "Budi")
GROUP = U.group_chat(-5001, "Kelas 9A")


def _data(call) -> list[str]:  # type: ignore[no-untyped-def]
    markup = call.params.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def test_topik_pages_topics_and_questions_in_place(tutor_bot: Bot) -> None:
    picker = await tutor_bot.say(BUDI, "/topik")
    assert "T:1" in _data(picker) and len([d for d in _data(picker) if d.startswith("t:")]) == 8
    press = tutor_bot.send
    page2 = await press(U.callback_query(BUDI, picker.result, "T:1"), method="editMessageText")
    assert "T:0" in _data(page2)
    topic = await press(U.callback_query(BUDI, picker.result, "t:asean:0"), method="editMessageText")
    assert "t:asean:1" in _data(topic) and "q:asean" in _data(topic)
    nxt = await press(U.callback_query(BUDI, picker.result, "t:asean:1"), method="editMessageText")
    assert "t:asean:0" in _data(nxt) and "halaman 2/" in nxt.text
    question = next(d for d in _data(nxt) if d.startswith("a:"))
    answer = await press(U.callback_query(BUDI, picker.result, question), chat_id=BUDI["id"])
    assert answer.text.startswith("<b>")
    # A page far past the end is clamped to the last one, not an error.
    pages = int(re.search(r"halaman 2/(\d+)", nxt.text).group(1))
    final = await press(U.callback_query(BUDI, picker.result, f"t:asean:{pages - 1}"), method="editMessageText")
    assert f"halaman {pages}/{pages}" in final.text
    await press(U.callback_query(BUDI, picker.result, "T:0"), method="editMessageText")
    last = await press(U.callback_query(BUDI, picker.result, "t:asean:99"), method="editMessageText")
    assert last.text == final.text
    quiz = await press(U.callback_query(BUDI, picker.result, "q:asean"), method="sendPoll")
    assert quiz.params["type"] == "quiz"


async def test_inline_mode_offers_valid_unique_articles(tutor_bot: Bot) -> None:
    for text in ("apa itu ASEAN", "", "zzz qqq", "<b>&" * 100):
        call = await tutor_bot.send(U.inline_query(BUDI, text), method="answerInlineQuery")
        results = call.params["results"]
        assert len(results) <= 50
        assert len({r["id"] for r in results}) == len(results)
        for r in results:
            assert validate_telegram_html(r["input_message_content"]["message_text"]) is None
    found = await tutor_bot.send(U.inline_query(BUDI, "apa itu ASEAN"), method="answerInlineQuery")
    assert found.params["results"][0]["id"].startswith("asean")
    # results are in the asker's language, so Telegram must not hand them to someone else
    assert found.params["is_personal"] in (True, "true", "True")


async def test_failing_handler_apologises_and_bot_keeps_serving(tutor_bot: Bot, caplog) -> None:  # type: ignore[no-untyped-def]
    tutor = services_of(tutor_bot.app).tutor
    real = tutor.reply

    def broken(text: str, lang: str = "id"):  # type: ignore[no-untyped-def]
        raise RuntimeError("matcher exploded")

    tutor.reply = broken
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        sorry = await tutor_bot.say(BUDI, "rahasia pribadi siswa")
    assert "ada yang salah" in sorry.text
    logged = [r for r in caplog.records if r.name == "bot.handlers.errors"]
    assert logged and "update_id=" in logged[0].getMessage() and "chat_id=111" in logged[0].getMessage()
    assert all("rahasia" not in r.getMessage() for r in logged)
    tutor.reply = real
    ok = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    assert "ASEAN" in ok.text


async def test_a_failure_on_group_chatter_stays_silent(tutor_bot: Bot, caplog) -> None:  # type: ignore[no-untyped-def]
    store = services_of(tutor_bot.app).store
    real = store.upsert_chat

    async def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database is locked")

    store.upsert_chat = locked  # every update first records its chat: make that fail
    group = U.group_chat(-7001, "Kelas 8B")
    mark = tutor_bot.api.mark()
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        await tutor_bot.processed(U.message(group, BUDI, "besok ulangan IPS jam berapa?"))
    assert tutor_bot.texts_to(group["id"], since=mark) == []  # nobody spoke to the bot: no apology
    assert any("chat_id=-7001" in r.getMessage() for r in caplog.records)  # but the failure is logged
    sorry = await tutor_bot.say(BUDI, "/tanya apa itu ASEAN", chat=group)
    assert "ada yang salah" in sorry.text  # addressed: the student hears about it
    store.upsert_chat = real
    answered = await tutor_bot.say(BUDI, "/tanya apa itu ASEAN", chat=group)
    assert "ASEAN" in answered.text


async def test_token_never_logged(api: FakeBotApi, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The shipped logging setup (bot.logs) at DEBUG across a quiz, a question and /skor."""
    root, ptb = logging.getLogger(), logging.getLogger("telegram")
    saved = (list(root.handlers), root.level, ptb.level)
    setup_logging("DEBUG", secrets=[api.token])
    ptb.setLevel(logging.DEBUG)
    settings = make_settings(api, tmp_path / "t.db")
    try:
        app = await start_bot(settings)
        bot = Bot(api, app, settings)
        try:
            first = await bot.send(U.message(U.private_chat(BUDI), BUDI, "/kuis 1"), method="sendPoll")
            mark = api.mark()
            api.vote(first.result["poll"]["id"], BUDI, [0])
            await api.wait_for_method("sendMessage", chat_id=BUDI["id"], since=mark)
            await bot.say(BUDI, "apa itu PBB?")
            await bot.send(U.message(U.private_chat(BUDI), BUDI, "/skor"), method="sendPhoto", chat_id=BUDI["id"])
        finally:
            await stop_bot(app)
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        ptb.setLevel(saved[2])
    logged = capsys.readouterr().err
    assert logged.count("\n") > 20 and "sendPoll" in logged
    assert api.token.split(":", 1)[1] not in logged
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
