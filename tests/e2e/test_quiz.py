"""Quizzes end to end: a private /kuis session, /skor, /ulang, group rounds, restart mid-session."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.services import services_of
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import JSON, Call, FakeBotApi

pytestmark = pytest.mark.e2e

BUDI = U.user(111, "Budi")
SITI = U.user(112, "Siti")
ANI = U.user(113, "Ani")
GROUP = U.group_chat(-5001, "Kelas 9A")


def _correct(api: FakeBotApi, call: Call) -> tuple[str, int]:
    poll = call.result["poll"]
    return poll["id"], api.polls[poll["id"]].correct_option_ids[0]


async def _answer(bot: Bot, call: Call, user: dict, right: bool, *, expect: str = "sendPoll") -> Call:
    poll_id, correct = _correct(bot.api, call)
    option = correct if right else (correct + 1) % len(call.result["poll"]["options"])
    mark = bot.api.mark()
    bot.api.vote(poll_id, user, [option])
    return await bot.api.wait_for_method(expect, chat_id=call.chat_id, since=mark)


async def test_private_session_score_and_review(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    first = await tutor_bot.send(U.message(U.private_chat(BUDI), BUDI, "/kuis asean 3"), method="sendPoll")
    params = first.params
    assert params["type"] == "quiz" and params["is_anonymous"] in (False, "false")
    assert params["question"].startswith("[1/3]") and params.get("explanation")
    assert "Kuis dimulai" in tutor_bot.texts_to(BUDI["id"])[-1]
    second = await _answer(tutor_bot, first, BUDI, right=True)
    assert second.params["question"].startswith("[2/3]")
    third = await _answer(tutor_bot, second, BUDI, right=False)
    summary = await _answer(tutor_bot, third, BUDI, right=True, expect="sendMessage")
    assert "2/3" in summary.text and "/ulang" in summary.text
    assert summary.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"].startswith("a:")
    store = services_of(tutor_bot.app).store
    assert [p for p in await store.open_polls() if p.chat_id == BUDI["id"]] == []  # answered polls are closed

    score = await _score(tutor_bot, BUDI)  # in private: the progress card, the words as its caption
    assert "Dijawab: 3" in score and "Benar: 2" in score and "67%" in score
    assert "1 hari" in score and "ASEAN" in score

    # The missed question sits in box 1 (due in 10 minutes): /ulang says it will come back later.
    later = await tutor_bot.say(BUDI, "/ulang")
    assert "1 soal" in later.text
    # A late answer to an old poll changes nothing and sends nothing.
    mark = api.mark()
    await tutor_bot.processed(U.poll_answer("no-such-poll", BUDI, [0]))
    assert not api.calls_of("sendPoll", since=mark) and not api.calls_of("sendMessage", since=mark)


async def test_ulang_quizzes_due_questions(api: FakeBotApi, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path / "t.db")
    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    try:
        first = await bot.send(U.message(U.private_chat(BUDI), BUDI, "/kuis pbb 1"), method="sendPoll")
        await _answer(bot, first, BUDI, right=False, expect="sendMessage")
        svc = services_of(app)
        real_clock = svc.clock
        svc.clock = lambda: real_clock() + timedelta(minutes=11)  # box 1 is due after 10 minutes
        review = await bot.send(U.message(U.private_chat(BUDI), BUDI, "/ulang"), method="sendPoll")
        assert review.params["question"].startswith("[1/1]")
        assert api.polls[review.result["poll"]["id"]].question.endswith(first.result["poll"]["question"][6:])
        done = await _answer(bot, review, BUDI, right=True, expect="sendMessage")
        assert "1/1" in done.text
    finally:
        await stop_bot(app)
    assert not bot.failed_calls()


async def test_restart_mid_session_keeps_session_and_score(api: FakeBotApi, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path / "t.db")
    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    first = await bot.send(U.message(U.private_chat(BUDI), BUDI, "/kuis 3"), method="sendPoll")
    second = await _answer(bot, first, BUDI, right=True)
    await stop_bot(app)

    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    try:
        third = await _answer(bot, second, BUDI, right=True)
        assert third.params["question"].startswith("[3/3]")
        summary = await _answer(bot, third, BUDI, right=True, expect="sendMessage")
        assert "3/3" in summary.text
        assert "Dijawab: 3" in await _score(bot, BUDI)
    finally:
        await stop_bot(app)
    assert not bot.failed_calls()


async def _score(bot: Bot, user: JSON) -> str:
    """/skor in private: the caption of the progress card."""
    call = await bot.send(U.message(U.private_chat(user), user, "/skor"), method="sendPhoto", chat_id=user["id"])
    return str(call.params["caption"])


async def _tick(bot: Bot) -> None:
    """Fire the group round's timer now instead of waiting for the open period."""
    jobs = [j for j in bot.app.job_queue.jobs() if j.name and j.name.startswith("round:")]
    assert len(jobs) == 1
    jobs[0].schedule_removal()
    await jobs[0].run(bot.app)


async def test_group_round_runs_ranks_and_refuses_a_second(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    first = await tutor_bot.send(U.message(GROUP, BUDI, "/kuis@TutorDiplomasiBot asean 2"), method="sendPoll")
    assert int(first.params["open_period"]) == 5
    busy = await tutor_bot.say(SITI, "/kuis", chat=GROUP)
    assert "masih berjalan" in busy.text

    poll_id, correct = _correct(api, first)
    await tutor_bot.processed(api.poll_answer_update(poll_id, BUDI, [correct]))
    await tutor_bot.processed(api.poll_answer_update(poll_id, SITI, [(correct + 1) % 2]))
    mark = api.mark()
    await _tick(tutor_bot)
    assert api.calls_of("stopPoll", since=mark)
    second = api.calls_of("sendPoll", chat_id=GROUP["id"], since=mark)[0]
    assert second.params["question"].startswith("[2/2]")

    poll_id, correct = _correct(api, second)
    await tutor_bot.processed(api.poll_answer_update(poll_id, SITI, [correct]))
    await tutor_bot.processed(api.poll_answer_update(poll_id, BUDI, [correct]))
    mark = api.mark()
    await _tick(tutor_bot)
    ranking = api.calls_of("sendMessage", chat_id=GROUP["id"], since=mark)[-1].text
    assert ranking.index("Budi") < ranking.index("Siti") and "2/2" in ranking

    board = await tutor_bot.say(ANI, "/peringkat", chat=GROUP)
    assert "Minggu ini" in board.text and "Budi" in board.text and "Ani" not in board.text
    again = await tutor_bot.send(U.message(GROUP, ANI, "/kuis 1"), method="sendPoll")
    assert again.chat_id == GROUP["id"]


async def test_group_round_resumes_after_restart(api: FakeBotApi, tmp_path: Path) -> None:
    # A long open period: the restart (loading the content twice) must never outlive the first poll,
    # or the re-armed timer fires on its own before _tick and the test measures the machine's speed.
    settings = make_settings(api, tmp_path / "t.db", group_quiz_open_period=120)
    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    first = await bot.send(U.message(GROUP, BUDI, "/kuis 2"), method="sendPoll")
    await stop_bot(app)

    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    try:
        mark = api.mark()
        await _tick(bot)
        nxt = api.calls_of("sendPoll", chat_id=GROUP["id"], since=mark)[0]
        assert nxt.params["question"].startswith("[2/2]")
        assert api.polls[first.result["poll"]["id"]].is_closed
    finally:
        await stop_bot(app)
    assert not bot.failed_calls()


async def test_bad_quiz_arguments_and_private_leaderboard_explain_themselves(tutor_bot: Bot) -> None:
    bad_topic = await tutor_bot.say(BUDI, "/kuis astronomi")
    assert "belum kenal topik «astronomi»" in bad_topic.text and "/kuis asean" in bad_topic.text
    assert len(_buttons(bad_topic)) == len(services_of(tutor_bot.app).tutor.bank.topics)  # never a dead end
    bad_count = await tutor_bot.say(BUDI, "/kuis 99")
    assert "1 sampai 20" in bad_count.text
    private_board = await tutor_bot.say(BUDI, "/peringkat")
    assert "/skor" in private_board.text
    no_score = await tutor_bot.say(SITI, "/skor")
    assert "/kuis" in no_score.text
    nothing_due = await tutor_bot.say(SITI, "/ulang")
    assert "Belum ada soal" in nothing_due.text


async def test_a_round_whose_poll_fails_frees_the_group(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    tutor_bot.extra_ok_errors.append("sendPoll")
    api.fail_next("sendPoll", status=400, description="Bad Request: something went wrong")
    apology = await tutor_bot.send(U.message(GROUP, BUDI, "/kuis 2"), chat_id=GROUP["id"], count=2)
    assert "Maaf" in apology.text  # after the round's announcement, the failure is admitted
    store = services_of(tutor_bot.app).store
    assert await store.active_session(GROUP["id"], "group") is None
    again = await tutor_bot.send(U.message(GROUP, SITI, "/kuis 1"), method="sendPoll")
    assert again.ok and again.chat_id == GROUP["id"]


async def test_a_round_follows_its_group_into_the_supergroup(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    tutor_bot.extra_ok_errors.extend(["sendPoll", "stopPoll"])  # the tries at the old group id
    await tutor_bot.processed(U.message(GROUP, BUDI, "/kuis 2"))  # poll sent, recorded, timer set
    [first] = api.calls_of("sendPoll", chat_id=GROUP["id"])
    new_id = -1005003
    api.migrate(GROUP["id"], new_id)
    mark = api.mark()
    await _tick(tutor_bot)
    second = api.calls_of("sendPoll", chat_id=new_id, since=mark)
    assert second and second[0].ok and second[0].params["question"].startswith("[2/2]")
    store = services_of(tutor_bot.app).store
    session = await store.active_session(new_id, "group")
    assert session is not None and session.position == 1
    assert (await store.get_chat(GROUP["id"])).migrated_to == new_id
    assert first.ok  # the old group's poll closes by itself at the end of its open period


async def test_a_kicked_bot_ends_the_round_and_can_start_again_when_back(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    tutor_bot.extra_ok_errors.extend(["sendPoll", "stopPoll"])  # refused while kicked
    await tutor_bot.processed(U.message(GROUP, BUDI, "/kuis 2"))
    api.kick(GROUP["id"])
    await _tick(tutor_bot)
    store = services_of(tutor_bot.app).store
    assert await store.active_session(GROUP["id"], "group") is None
    assert not (await store.get_chat(GROUP["id"])).active
    api.unkick(GROUP["id"])
    await tutor_bot.processed(U.my_chat_member(GROUP, BUDI, "left", "member"))
    again = await tutor_bot.send(U.message(GROUP, SITI, "/kuis 1"), method="sendPoll")
    assert again.ok


async def test_review_is_private_only(tutor_bot: Bot) -> None:
    refused = await tutor_bot.say(BUDI, "/ulang", chat=GROUP)
    assert "chat pribadi" in refused.text
    assert not tutor_bot.api.calls_of("sendPoll", chat_id=GROUP["id"])


async def test_anonymous_admins_and_channels_never_rank(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    await tutor_bot.processed(U.message(GROUP, BUDI, "/kuis 1"))
    [call] = api.calls_of("sendPoll", chat_id=GROUP["id"])
    poll_id, correct = _correct(api, call)
    await tutor_bot.processed(api.poll_answer_update(poll_id, BUDI, [correct]))
    # An anonymous admin votes as the group, a channel as itself: Telegram sends voter_chat and a
    # placeholder user (GroupAnonymousBot / Channel_Bot) that must never appear as a player.
    channel = {"id": -100777, "type": "channel", "title": "Kanal Sekolah"}
    for placeholder, voter in ((U.group_anonymous_bot(), GROUP), (U.user(136817688, "Channel", is_bot=True), channel)):
        update = api.poll_answer_update(poll_id, placeholder, [correct])
        update["poll_answer"]["voter_chat"] = voter
        await tutor_bot.processed(update)
    mark = api.mark()
    await _tick(tutor_bot)
    ranking = api.calls_of("sendMessage", chat_id=GROUP["id"], since=mark)[-1].text
    board = await tutor_bot.say(SITI, "/peringkat", chat=GROUP)
    for text in (ranking, board.text):
        assert "Budi" in text
        assert "Group" not in text and "Channel" not in text and "Kanal" not in text
        assert "1087968824" not in text and "136817688" not in text


async def test_restart_inside_a_private_step_moves_the_session_on(api: FakeBotApi, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path / "t.db")
    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    await bot.processed(U.message(U.private_chat(BUDI), BUDI, "/kuis 3"))  # poll sent and recorded
    [first] = api.calls_of("sendPoll", chat_id=BUDI["id"])
    store = services_of(app).store
    session = await store.active_session(BUDI["id"])
    # The bot stops right after recording the answer, before advancing and sending the next poll.
    poll_id, correct = _correct(api, first)
    api.poll_answer_update(poll_id, BUDI, [correct])  # Telegram took the vote; the bot never saw it
    assert await store.record_answer(poll_id, BUDI["id"], correct, services_of(app).clock())
    await stop_bot(app)

    mark = api.mark()
    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    try:
        [second] = api.calls_of("sendPoll", chat_id=BUDI["id"], since=mark)
        assert second.params["question"].startswith("[2/3]")
        # A session merely waiting for an answer is left alone by a second restart.
        await stop_bot(app)
        mark = api.mark()
        app = await start_bot(settings)
        bot = Bot(api, app, settings)
        assert not api.calls_of("sendPoll", since=mark)
        third = await _answer(bot, second, BUDI, right=True)
        assert third.params["question"].startswith("[3/3]")
        moved = await services_of(app).store.get_session(session.id)
        assert moved.position == 2 and moved.correct == 2
    finally:
        await stop_bot(app)
    assert not bot.failed_calls()


def _buttons(call: Call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def test_kuis_takes_the_names_students_type(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    for typed in ("kaa", "gnb 2", "KAA dan Gerakan Non-Blok", "asaen"):
        mark = api.mark()
        poll = await tutor_bot.send(U.message(U.private_chat(BUDI), BUDI, f"/kuis {typed}"), method="sendPoll")
        question = api.polls[poll.result["poll"]["id"]].question
        bank = services_of(tutor_bot.app).tutor.bank
        topic = next(q.topic for q in bank.quiz.values() if question.endswith(q.question))
        assert topic == ("asean" if typed == "asaen" else "kaa-gnb"), typed
        started = tutor_bot.texts_to(BUDI["id"], since=mark)[0]
        assert "/batal" in started  # how to stop is said when the quiz starts


async def test_an_ambiguous_topic_offers_its_candidates_and_keeps_the_count(tutor_bot: Bot) -> None:
    which = await tutor_bot.say(BUDI, "/kuis indonesia 2")
    assert "beberapa topik" in which.text
    assert sorted(_buttons(which)) == ["q:indonesia-pbb:2", "q:tokoh-diplomasi:2"]
    poll = await tutor_bot.send(U.callback_query(BUDI, which.result, "q:indonesia-pbb:2"), method="sendPoll")
    assert poll.params["question"].startswith("[1/2]")


async def test_topik_and_help_say_what_to_type(tutor_bot: Bot) -> None:
    topics = await tutor_bot.say(BUDI, "/topik")
    assert "/kuis kaa" in topics.text and "/kuis asean" in topics.text
    help_text = await tutor_bot.say(BUDI, "/help")
    assert "/kuis kaa" in help_text.text and "/batal" in help_text.text


async def test_batal_stops_a_private_quiz(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    first = await tutor_bot.send(U.message(U.private_chat(BUDI), BUDI, "/kuis asean 3"), method="sendPoll")
    await _answer(tutor_bot, first, BUDI, right=True)
    mark = api.mark()
    stopped = await tutor_bot.say(BUDI, "/batal")
    assert "Kuis dihentikan" in stopped.text and "1 soal, 1 benar" in stopped.text
    assert api.calls_of("stopPoll", since=mark)  # the waiting question closes too
    store = services_of(tutor_bot.app).store
    assert await store.active_session(BUDI["id"]) is None
    nothing = await tutor_bot.say(BUDI, "/batal")
    assert "Tidak ada kuis" in nothing.text


async def test_batal_in_a_group_is_for_admins(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    api.set_admins(GROUP["id"], [SITI["id"]])
    started = await tutor_bot.send(U.message(GROUP, BUDI, "/kuis 2"), method="sendPoll")
    assert "/batal" in tutor_bot.texts_to(GROUP["id"])[-1]
    # explicit ids: the fake numbers injected messages and its own in two sequences that can meet
    refused = await tutor_bot.say(BUDI, "/batal", chat=GROUP, message_id=901)
    assert "hanya admin" in refused.text
    store = services_of(tutor_bot.app).store
    assert await store.active_session(GROUP["id"], "group") is not None
    mark = api.mark()
    await tutor_bot.processed(U.message(GROUP, SITI, "/batal", message_id=902))
    texts = tutor_bot.texts_to(GROUP["id"], since=mark)
    assert "dihentikan oleh admin" in texts[0] and "Kuis grup selesai" in texts[-1]
    assert await store.active_session(GROUP["id"], "group") is None
    assert api.polls[started.result["poll"]["id"]].is_closed
    assert not [j for j in tutor_bot.app.job_queue.jobs() if j.name and j.name.startswith("round:")]
    again = await tutor_bot.send(U.message(GROUP, ANI, "/kuis 1"), method="sendPoll")  # the group is free
    assert again.chat_id == GROUP["id"]



async def test_a_round_timer_at_the_end_of_the_open_period_sends_no_stop_poll(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    await tutor_bot.send(U.message(GROUP, BUDI, "/kuis 2"), method="sendPoll")
    # Telegram closes the poll itself when its open period (5 s here) ends; then the timer moves on.
    second = await api.wait_for_method("sendPoll", chat_id=GROUP["id"], count=2, timeout=30)
    assert second.params["question"].startswith("[2/2]")
    assert not api.calls_of("stopPoll")  # a stopPoll now would be rejected: "poll has already been closed"
