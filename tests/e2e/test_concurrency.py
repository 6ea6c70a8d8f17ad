"""Many chats at once through the concurrent processor: private quiz sessions advance correctly while
their answers interleave with other chats', a group is answered meanwhile, every student's first
contact is recorded, and each one is spoken to in their own language; two group quiz rounds whose
answers arrive interleaved (with private questions between them) score every answer exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.handlers.quiz import ROUND_JOB_PREFIX
from bot.processor import ChatOrderedProcessor
from bot.services import services_of
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import Call, FakeBotApi

pytestmark = pytest.mark.e2e

STUDENTS = [U.user(7000 + i, f"Siswa{i}", language_code="en" if i % 3 == 0 else "id") for i in range(12)]
GROUP = U.group_chat(-1007001, "Kelas 8B", "supergroup")
GROUP_C = U.group_chat(-1007002, "Kelas 8C", "supergroup")


def _right(student_index: int, question: int) -> bool:
    return (student_index + question) % 2 == 0


async def test_interleaved_quiz_sessions_group_questions_and_languages(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    mark = api.mark()
    asked: dict[int, int] = {}  # student -> their message id in the group
    for student in STUDENTS:  # everyone starts at once, a group asks in between
        api.inject(U.message(U.private_chat(student), student, "/kuis 3"))
        question = U.message(GROUP, student, "/tanya apa itu ASEAN?")
        asked[student["id"]] = question["message"]["message_id"]
        api.inject(question)
    polls: dict[int, Call] = {}
    for student in STUDENTS:
        polls[student["id"]] = await api.wait_for_method("sendPoll", chat_id=student["id"], since=mark, timeout=60)
    for question in range(3):
        mark = api.mark()
        for i, student in enumerate(STUDENTS):  # all answers arrive together, interleaved over chats
            call = polls[student["id"]]
            poll = call.result["poll"]
            correct = api.polls[poll["id"]].correct_option_ids[0]
            option = correct if _right(i, question) else (correct + 1) % len(poll["options"])
            api.vote(poll["id"], student, [option])
        for student in STUDENTS:
            expect = "sendPoll" if question < 2 else "sendMessage"
            polls[student["id"]] = await api.wait_for_method(expect, chat_id=student["id"], since=mark, timeout=60)

    for i, student in enumerate(STUDENTS):
        sent = [c for c in api.calls if c.ok and c.chat_id == student["id"] and c.method in ("sendMessage", "sendPoll")]
        questions = [c.params["question"][:5] for c in sent if c.method == "sendPoll"]
        assert questions == ["[1/3]", "[2/3]", "[3/3]"]  # one poll per step, in order, none twice
        texts = [c.text or "" for c in sent if c.method == "sendMessage"]
        english = student["language_code"] == "en"
        assert texts[0].startswith("📝 Quiz started" if english else "📝 Kuis dimulai")
        score = sum(_right(i, q) for q in range(3))
        assert f"<b>{score}/3</b>" in texts[-1] and ("Quiz finished" if english else "Kuis selesai") in texts[-1]

    # The group: every asker answered, alone (a reply to their message) or together (under their mention).
    await api.wait_for(lambda c: c.chat_id == GROUP["id"] and "tg://user" in (c.text or ""), timeout=30)
    group_calls = api.calls_of("sendMessage", chat_id=GROUP["id"])
    for student in STUDENTS:
        reached = [c for c in group_calls
                   if (c.params.get("reply_parameters") or {}).get("message_id") == asked[student["id"]]
                   or f'<a href="tg://user?id={student["id"]}">' in (c.text or "")]
        assert reached, student["first_name"]
    names = await services_of(tutor_bot.app).store.user_display_names([s["id"] for s in STUDENTS])
    assert names == {s["id"]: s["first_name"] for s in STUDENTS}  # every first contact recorded


async def test_interleaved_answers_in_two_group_rounds_are_each_scored_once(api: FakeBotApi, tmp_path: Path) -> None:
    # A long open period: the test fires the round timers itself, after every answer is in.
    settings = make_settings(api, tmp_path / "tutor.db", group_quiz_open_period=600)
    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    try:
        await _two_interleaved_rounds(bot)
    finally:
        await stop_bot(app)
    assert not bot.failed_calls()


async def _two_interleaved_rounds(tutor_bot: Bot) -> None:
    api, app = tutor_bot.api, tutor_bot.app
    store = services_of(app).store
    processor = app.update_processor
    assert isinstance(processor, ChatOrderedProcessor) and app.job_queue is not None
    groups = (GROUP, GROUP_C)
    polls = {g["id"]: await tutor_bot.send(U.message(g, STUDENTS[0], "/kuis 2"), method="sendPoll", chat_id=g["id"])
             for g in groups}
    sessions = {}
    for g in groups:
        session = await store.active_session(g["id"], "group")
        assert session is not None
        sessions[g["id"]] = session.id

    for question in range(2):
        last = 0
        for i, student in enumerate(STUDENTS):  # both groups' answers and private questions, interleaved
            for offset, g in enumerate(groups):
                poll = polls[g["id"]].result["poll"]
                correct = api.polls[poll["id"]].correct_option_ids[0]
                right = _right(i + offset, question)
                last = api.vote(poll["id"], student, [correct if right else (correct + 1) % len(poll["options"])])
            last = api.inject(U.message(U.private_chat(student), student, "apa itu ASEAN?"))
        await processor.wait_processed(last)
        mark = api.mark()
        jobs = [j for j in app.job_queue.jobs() if j.name and j.name.startswith(ROUND_JOB_PREFIX)]
        assert len(jobs) == 2  # one timer per group round
        for job in jobs:  # the open period is over: fire the timers now
            job.schedule_removal()
            await job.run(app)
        for g in groups:
            if question == 0:
                [polls[g["id"]]] = api.calls_of("sendPoll", chat_id=g["id"], since=mark)  # advanced once
                assert polls[g["id"]].params["question"].startswith("[2/2]")
            else:
                assert not api.calls_of("sendPoll", chat_id=g["id"], since=mark)
                assert await store.active_session(g["id"], "group") is None  # the round is over

    for offset, g in enumerate(groups):
        for i, student in enumerate(STUDENTS):
            answers = await store.session_answers(sessions[g["id"]], student["id"])
            assert [correct for _, correct in answers] == [_right(i + offset, q) for q in range(2)], student
