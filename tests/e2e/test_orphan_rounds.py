"""A group quiz round outlives the process that started it: that process dies mid-round (its timer
with it), and the process holding the scheduler lease finishes the round at its minute tick: the
answers are scored, the ranking is posted and the group is free again (the poll itself Telegram
closed at the end of its open period, so the sweep sends no stopPoll Telegram would reject).

The process holding the lease is an Application in this test process, whose minute tick the test
runs with a clock moved forward. The process that starts the round is either a real `python -m bot
run` subprocess, killed with SIGKILL mid-round, or (for the finer checks) a second Application in
this process that stops taking updates and running timers. All share one database (a SQLite file,
and PostgreSQL when TEST_POSTGRES_URL is set) and one fake Bot API; only the starter polls for
updates, as a webhook load balancer would have sent it the group's messages."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest

import bot.broadcast
from bot.app import build_application
from bot.broadcast import TICK_JOB
from bot.handlers.quiz import ROUND_SWEEP_GRACE, ROUND_UNSENT_GRACE
from bot.services import TutorApplication, services_of, utc_now
from bot.settings import Settings
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.test_runner import start_process

pytestmark = pytest.mark.e2e

BUDI = U.user(111, "Budi")
GROUP = U.group_chat(-5001, "Kelas 9A")


async def start_without_updates(application: TutorApplication) -> None:
    """A process that takes no updates (the load balancer sends it none); its jobs run."""
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    await application.start()


async def minute_tick(application: TutorApplication) -> None:
    """Run the scheduler's minute tick now, as the JobQueue would."""
    assert application.job_queue is not None
    [job, *_] = application.job_queue.get_jobs_by_name(TICK_JOB)
    await job.run(application)


@asynccontextmanager
async def lease_holder(settings: Settings) -> AsyncIterator[TutorApplication]:
    """The process that holds the scheduler lease (it takes no updates); stopped as run_polling would."""
    keeper = build_application(settings)
    await start_without_updates(keeper)
    try:
        await minute_tick(keeper)
        assert (engine := bot.broadcast.engine_of(keeper)) is not None and engine.leader
        yield keeper
    finally:
        await keeper.stop()
        await keeper.shutdown()
        assert keeper.post_shutdown is not None
        await keeper.post_shutdown(keeper)


async def sweep_after_the_open_period(keeper: TutorApplication, api: FakeBotApi, poll_id: str) -> None:
    """Move the keeper's clock past the question's end, as Telegram closed the poll, and run its tick:
    the round is scored and ranked without a stopPoll Telegram would reject, and the group is free."""
    mark = api.mark()
    services_of(keeper).clock = lambda: utc_now() + timedelta(seconds=120) + ROUND_SWEEP_GRACE
    api.close_poll(poll_id)  # Telegram closed it itself when its open period ended
    await minute_tick(keeper)
    assert not api.calls_of("stopPoll", since=mark)
    ranking = api.calls_of("sendMessage", chat_id=GROUP["id"], since=mark)[-1].text
    assert "Budi" in ranking and "1/1" in ranking
    assert await services_of(keeper).store.active_session(GROUP["id"], "group") is None  # /kuis works again


async def stored(check: Callable[[], Awaitable[object]], timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Wait until the other process has written what `check` reads (it has no event to await here)."""
    async with asyncio.timeout(timeout):
        while not await check():  # noqa: ASYNC110 - another process's database write has no event here
            await asyncio.sleep(0.05)


async def test_a_round_is_finished_after_its_process_is_killed(
        api: FakeBotApi, db_url: str, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path / "unused.db", database_url=db_url, group_quiz_open_period=120)
    async with lease_holder(settings) as keeper:
        store = services_of(keeper).store
        starter = await start_process(api, tmp_path, DATABASE_URL=db_url, GROUP_QUIZ_OPEN_PERIOD="120")
        try:
            await starter.until(api.wait_for_long_poll(timeout=60))
            mark = api.mark()
            api.inject(U.message(GROUP, BUDI, "/kuis 1"))
            sent = await api.wait_for_method("sendPoll", chat_id=GROUP["id"], since=mark, timeout=30)
            poll_id = sent.result["poll"]["id"]
            await stored(lambda: store.get_poll(poll_id))
            api.inject(api.poll_answer_update(poll_id, BUDI, api.polls[poll_id].correct_option_ids))
            session = await store.active_session(GROUP["id"], "group")
            assert session is not None
            await stored(lambda: store.session_answers(session.id))

            starter.proc.send_signal(signal.SIGKILL)  # mid-round: its timer dies with it
            assert await starter.proc.wait() == -signal.SIGKILL
            assert not api.polls[poll_id].is_closed
            assert await store.active_session(GROUP["id"], "group") is not None
            await sweep_after_the_open_period(keeper, api, poll_id)
        finally:
            if starter.proc.returncode is None:
                starter.proc.kill()  # only after a failure
                await starter.proc.wait()


async def test_the_lease_holder_finishes_a_round_whose_process_died(
        api: FakeBotApi, db_url: str, tmp_path: Path) -> None:
    # A long open period: the round's own timer must not be what ends it.
    settings = make_settings(api, tmp_path / "unused.db", database_url=db_url, group_quiz_open_period=120)
    async with lease_holder(settings) as keeper:
        starter = await start_bot(settings)
        started = Bot(api, starter, settings)
        try:
            await started.processed(U.message(GROUP, BUDI, "/kuis 1"))  # the poll is sent and recorded
            [first] = api.calls_of("sendPoll", chat_id=GROUP["id"])
            poll_id = first.result["poll"]["id"]
            await started.processed(api.poll_answer_update(poll_id, BUDI, api.polls[poll_id].correct_option_ids))

            # The starter dies: it takes no more updates and its timers never fire.
            assert starter.updater is not None and starter.job_queue is not None
            await starter.updater.stop()
            starter.job_queue.scheduler.pause()
            store = services_of(keeper).store
            assert await store.active_session(GROUP["id"], "group") is not None

            mark = api.mark()
            await minute_tick(keeper)  # the question's time is not up yet: the round is left alone
            assert not api.calls_of("stopPoll", since=mark)
            assert await store.active_session(GROUP["id"], "group") is not None

            await sweep_after_the_open_period(keeper, api, poll_id)
            mark = api.mark()
            await minute_tick(keeper)  # done once: nothing more to sweep
            assert not api.calls_of("sendMessage", chat_id=GROUP["id"], since=mark)
        finally:
            await stop_bot(starter)
    assert not started.failed_calls()


async def test_a_round_whose_next_question_was_never_sent_is_asked_after_the_longer_grace(
        tutor_bot: Bot) -> None:
    """The process died between creating the round (or advancing it) and sending the question:
    sending is not a compare-and-set, so the sweep waits the longer grace before it asks itself."""
    app, api = tutor_bot.app, tutor_bot.api
    services = services_of(app)
    await minute_tick(app)
    assert (engine := bot.broadcast.engine_of(app)) is not None and engine.leader
    question_id = next(iter(services.tutor.bank.quiz))
    await services.store.upsert_chat(GROUP["id"], "group", GROUP["title"])
    await services.store.create_session(GROUP["id"], None, "group", [question_id])

    mark = api.mark()
    services.clock = lambda: utc_now() + ROUND_SWEEP_GRACE * 2  # a question on its way may still be slow
    await minute_tick(app)
    assert not api.calls_of("sendPoll", since=mark)

    services.clock = lambda: utc_now() + ROUND_UNSENT_GRACE
    await minute_tick(app)
    [asked] = api.calls_of("sendPoll", chat_id=GROUP["id"], since=mark)
    assert asked.params["question"].startswith("[1/1]")
    assert await services.store.active_session(GROUP["id"], "group") is not None  # now it runs on its timer
