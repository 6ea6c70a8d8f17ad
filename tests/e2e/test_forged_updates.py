"""Updates replayed or forged by whoever can reach the bot (a leaked webhook secret, a buggy proxy):
a "start quiz" button pressed or replayed 15 times starts one quiz, a poll answer naming an option
the poll does not have counts for nothing, and GroupAnonymousBot is an admin only when it speaks as
the group itself."""

from __future__ import annotations

import copy

import pytest
from telegram.constants import ChatID

from bot.services import services_of
from tests.e2e.harness import Bot
from tests.fakes import updates as U

pytestmark = pytest.mark.e2e

BUDI = U.user(3401, "Budi")
GURU = U.user(3402, "Bu Guru")
GROUP = U.group_chat(-1001234503401, "Kelas 9C", "supergroup")


async def quiz_button_message(tutor_bot: Bot) -> tuple[dict, str]:
    """An answer with its "quiz on this topic" button: the message, and the button's data."""
    answer = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    buttons = [b for row in answer.params["reply_markup"]["inline_keyboard"] for b in row]
    start = next(b for b in buttons if b["callback_data"].startswith("q:"))
    return answer.result, start["callback_data"]


async def test_a_start_quiz_button_pressed_or_replayed_15_times_starts_one_quiz(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    message, data = await quiz_button_message(tutor_bot)
    mark = api.mark()
    press = U.callback_query(BUDI, message, data)
    presses = [press] + [U.callback_query(BUDI, message, data) for _ in range(9)] + [copy.deepcopy(press)] * 5
    for update in presses:
        await tutor_bot.processed(update)

    polls = api.calls_of("sendPoll", chat_id=BUDI["id"], since=mark)
    assert len(polls) == 1
    assert sum("Kuis dimulai" in text for text in tutor_bot.texts_to(BUDI["id"], since=mark)) == 1
    answers = api.calls_of("answerCallbackQuery", since=mark)
    assert len(answers) == 15 and all(call.ok for call in answers)  # every press gets its spinner stopped
    assert sum("sudah dimulai" in (call.params.get("text") or "") for call in answers) == 14
    store = services_of(tutor_bot.app).store
    running = [s for s in await store.active_sessions() if s.user_id == BUDI["id"]]
    assert len(running) == 1

    # /kuis typed twice in a row is the same double tap; another quiz is a new wish and replaces it.
    mark = api.mark()
    await tutor_bot.processed(U.message(U.private_chat(BUDI), BUDI, "/kuis pbb 2"))
    await tutor_bot.processed(U.message(U.private_chat(BUDI), BUDI, "/kuis pbb 2"))
    await tutor_bot.processed(U.message(U.private_chat(BUDI), BUDI, "/kuis pbb 3"))
    assert len(api.calls_of("sendPoll", chat_id=BUDI["id"], since=mark)) == 2
    assert any("sudah dimulai" in text for text in tutor_bot.texts_to(BUDI["id"], since=mark))
    assert len([s for s in await store.active_sessions() if s.user_id == BUDI["id"]]) == 1


async def test_a_poll_answer_with_an_option_the_poll_lacks_is_ignored(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    first = await tutor_bot.send(U.message(U.private_chat(BUDI), BUDI, "/kuis asean 3"), method="sendPoll")
    poll_id = first.result["poll"]["id"]
    options = len(first.result["poll"]["options"])
    mark = api.mark()
    for forged in ([options], [99], [-1], [0, 1]):
        await tutor_bot.processed(U.poll_answer(poll_id, BUDI, forged))
    assert not api.calls_of("sendPoll", since=mark)  # the session did not move on
    store = services_of(tutor_bot.app).store
    session = next(s for s in await store.active_sessions() if s.user_id == BUDI["id"])
    assert (session.position, session.answered) == (0, 0)
    assert (await store.poll_results(poll_id)).answered == 0
    # The real answer still counts afterwards.
    correct = api.polls[poll_id].correct_option_ids[0]
    second = await tutor_bot.send(api.poll_answer_update(poll_id, BUDI, [correct]), method="sendPoll")
    assert second.params["question"].startswith("[2/3]")


async def test_group_anonymous_bot_is_an_admin_only_when_it_speaks_as_the_group(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    api.set_admins(GROUP["id"], [GURU["id"]])
    anonymous = U.group_anonymous_bot()
    assert anonymous["id"] == ChatID.ANONYMOUS_ADMIN
    other_group = U.group_chat(-1001234509999, "Kelas lain", "supergroup")
    for sender_chat in (None, other_group):
        forged = U.message(GROUP, anonymous, "/zona WIT", sender_chat=sender_chat)
        refused = await tutor_bot.send(forged, chat_id=GROUP["id"])
        assert "hanya admin" in (refused.text or "")
    store = services_of(tutor_bot.app).store
    chat = await store.get_chat(GROUP["id"])
    assert chat is None or chat.timezone is None
    # The real thing: an anonymous admin's message carries the group itself as sender_chat.
    real = await tutor_bot.send(U.message(GROUP, anonymous, "/zona WIT", sender_chat=GROUP), chat_id=GROUP["id"])
    assert "WIT" in (real.text or "") and "hanya admin" not in (real.text or "")
