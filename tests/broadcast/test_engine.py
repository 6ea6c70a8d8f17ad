"""The broadcast engine against the fake Bot API with flood limits enforced."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from dataclasses import replace
from datetime import time, timedelta

import pytest

from bot.broadcast.engine import holder_is_gone
from tests.broadcast.rig import START, TEST_CONFIG, Rig


async def test_due_chats_get_one_quiz_each_and_others_wait(rig: Rig) -> None:
    for chat_id in range(1, 41):
        await rig.subscribe(chat_id)
    for chat_id in (-101, -102):
        await rig.subscribe(chat_id)
    await rig.subscribe(77, at=time(8, 0))
    engine = rig.engine()

    report = await engine.run_due(START)
    assert report.sent == 42 and report.failed == 0
    for chat_id in [*range(1, 41), -101, -102]:
        polls = rig.polls_to(chat_id)
        assert len(polls) == 1
        poll = polls[0]["poll"]
        assert poll["type"] == "quiz" and poll["is_anonymous"] is False
        assert poll["question"].startswith("🗓 Kuis harian: ")
    assert rig.polls_to(77) == []

    # The next minutes: nothing new until 08:00 WIB, then only chat 77; a rerun repeats nobody.
    assert (await engine.run_due(START + timedelta(minutes=1))).sent == 0
    assert (await engine.run_due(START + timedelta(hours=1))).sent == 1
    assert rig.total_polls() == 43
    assert rig.api.stats.too_many_requests == 0


async def test_changing_the_time_reschedules_at_once(rig: Rig) -> None:
    await rig.subscribe(1)  # 07:00 WIB = START
    engine = rig.engine()
    assert (await engine.run_due(START - timedelta(minutes=30))).sent == 0  # 06:30
    await rig.store.set_subscription(1, time(6, 45), "Asia/Jakarta", True)
    assert (await engine.run_due(START - timedelta(minutes=15))).sent == 1  # 06:45: the new time
    assert (await engine.run_due(START)).sent == 0  # the old time sends nothing more today
    assert len(rig.polls_to(1)) == 1


async def test_changing_the_timezone_moves_the_run(rig: Rig) -> None:
    await rig.subscribe(1, zone="Asia/Makassar")  # 07:00 WITA = 23:00 UTC the day before
    await rig.subscribe(2, zone="Asia/Jayapura")  # 07:00 WIT = 22:00 UTC
    engine = rig.engine()
    assert (await engine.run_due(START - timedelta(hours=2))).sent == 1
    assert rig.polls_to(2) and not rig.polls_to(1)
    assert (await engine.run_due(START - timedelta(hours=1))).sent == 1
    await rig.store.set_subscription(2, time(7, 0), "Asia/Jakarta", True)
    assert (await engine.run_due(START)).sent == 0  # chat 2 already had today's quiz
    assert (await engine.run_due(START + timedelta(days=1) - timedelta(hours=1))).sent == 1  # chat 1, WITA
    assert len(rig.polls_to(2)) == 1  # no longer at 07:00 WIT
    assert (await engine.run_due(START + timedelta(days=1))).sent == 1  # now at 07:00 WIB
    assert len(rig.polls_to(2)) == 2


async def test_restart_sends_nothing_twice_and_missed_runs_follow_the_grace(rig: Rig) -> None:
    await rig.subscribe(1)  # 07:00 WIB
    await rig.subscribe(2, at=time(5, 30))  # 05:30 WIB: 2.5 h late when the bot starts at 08:00
    await rig.subscribe(3, at=time(6, 5))  # 06:05: 1 h 55 min late
    first = rig.engine()
    assert (await first.run_due(START - timedelta(hours=3))).sent == 0  # 04:00 WIB, then the bot goes down
    # Back at 08:00 WIB: a new engine over the same database looks back two hours.
    second = rig.engine()
    assert (await second.run_due(START + timedelta(hours=1))).sent == 2  # chats 1 and 3; chat 2 is too late
    assert len(rig.polls_to(1)) == 1 and len(rig.polls_to(3)) == 1 and rig.polls_to(2) == []
    # Another restart a minute later repeats nothing.
    assert (await rig.engine().run_due(START + timedelta(hours=1, minutes=1))).sent == 0
    # The next day everybody is back on schedule.
    assert (await rig.engine().run_due(START + timedelta(days=1))).sent == 3


async def test_recap_closes_the_poll_and_names_the_fastest_in_groups(rig: Rig) -> None:
    group = -555
    await rig.subscribe(group)
    await rig.subscribe(7)
    engine = rig.engine()
    await engine.run_due(START)
    poll_msg = rig.polls_to(group)[0]
    stored = await rig.store.get_poll(poll_msg["poll"]["id"])
    assert stored is not None and stored.kind == "daily" and stored.delivery_id is not None
    right = stored.correct_option
    wrong = (right + 1) % len(poll_msg["poll"]["options"])
    for uid, name in ((21, "<Budi & Ani>"), (22, "Citra"), (23, "Dewi"), (24, "Eko")):
        await rig.store.upsert_user(uid, name, None, "id")
    for minute, (uid, option) in enumerate(((23, wrong), (21, right), (22, right), (24, right))):
        assert await rig.store.record_answer(stored.poll_id, uid, option, START + timedelta(minutes=minute + 1))

    assert (await engine.run_recaps(START + timedelta(hours=11))).recapped == 0  # not yet (12 h)
    report = await engine.run_recaps(START + timedelta(hours=12))
    assert report.recapped == 2 and report.failed == 0
    assert rig.api.polls[stored.poll_id].is_closed
    text = rig.api.calls_of("sendMessage", chat_id=group)[-1].text or ""
    assert "4 orang menjawab, 3 benar" in text
    assert "1. &lt;Budi &amp; Ani&gt;\n2. Citra\n3. Eko" in text
    question = rig.bank.quiz[stored.question_id]
    assert question.options[question.answer].split()[0] in text
    private_text = rig.api.calls_of("sendMessage", chat_id=7)[-1].text or ""
    assert "Belum ada yang menjawab" in private_text and "Tercepat" not in private_text
    assert (await engine.run_recaps(START + timedelta(hours=13))).recapped == 0  # once only


async def test_recap_is_posted_at_the_next_quiz_at_the_latest(rig: Rig) -> None:
    await rig.subscribe(7)
    engine = rig.engine()
    await engine.run_due(START)
    # The chat moves its quiz to 10:00 and recaps wait 24 h: the next quiz (10:00 the next day) comes
    # first, so yesterday's recap is posted right before it.
    await rig.store.set_subscription(7, time(10, 0), "Asia/Jakarta", True)
    slow = rig.engine(config=replace(engine.config, recap_delay_hours=24))
    await slow.run_due(START + timedelta(days=1, hours=3))
    calls = [c.method for c in rig.api.calls if c.chat_id == 7 and c.ok]
    assert calls == ["sendPoll", "stopPoll", "sendMessage", "sendPoll"]


async def test_daily_answers_count_for_streaks_and_scores(rig: Rig) -> None:
    await rig.subscribe(7)
    engine = rig.engine()
    for day in range(3):
        now = START + timedelta(days=day)
        await engine.run_due(now)
        poll_id = rig.polls_to(7)[-1]["poll"]["id"]
        stored = await rig.store.get_poll(poll_id)
        assert stored is not None
        await rig.store.record_answer(poll_id, 7, stored.correct_option, now + timedelta(minutes=5))
    stats = await rig.store.user_stats(7, (START + timedelta(days=2, hours=1)).date())
    assert (stats.answered, stats.correct, stats.current_streak) == (3, 3, 3)


async def test_blocked_user_and_kicked_bot_turn_the_subscription_off(rig: Rig) -> None:
    for chat_id in (1, 2, -300):
        await rig.subscribe(chat_id)
    rig.api.block(2)
    rig.api.kick(-300)
    engine = rig.engine()
    report = await engine.run_due(START)
    assert (report.sent, report.deactivated, report.failed) == (1, 2, 0)
    for gone in (2, -300):
        chat = await rig.store.get_chat(gone)
        sub = await rig.store.get_subscription(gone)
        assert chat is not None and not chat.active and sub is not None and not sub.enabled
    before = len(rig.api.calls)
    assert (await engine.run_due(START + timedelta(days=1))).sent == 1
    assert all(c.chat_id == 1 for c in rig.api.calls[before:])  # nobody retries the gone chats


async def test_migrated_group_gets_its_quiz_in_the_supergroup(rig: Rig) -> None:
    old, new = -4001, -1_000_000_004_001
    await rig.subscribe(old)
    rig.api.migrate(old, new)
    report = await rig.engine().run_due(START)
    assert (report.sent, report.migrated) == (1, 1)
    assert len(rig.polls_to(new)) == 1
    sub = await rig.store.get_subscription(new)
    assert sub is not None and sub.enabled and await rig.store.get_subscription(old) is None
    poll = await rig.store.get_poll(rig.polls_to(new)[0]["poll"]["id"])
    assert poll is not None and poll.chat_id == new
    assert (await rig.engine().run_due(START + timedelta(minutes=5))).sent == 0


async def test_429_storm_and_server_errors_are_waited_out(rig: Rig) -> None:
    for chat_id in range(1, 31):
        await rig.subscribe(chat_id)
    rig.api.fail_next("sendPoll", 429, count=6, retry_after=1)
    rig.api.fail_next("*", 502, count=2)
    report = await rig.engine().run_due(START)
    assert report.sent == 30 and report.failed == 0
    assert report.rate_limited >= 6
    assert all(len(rig.polls_to(c)) == 1 for c in range(1, 31))
    assert sum(rig.api.duplicate_texts(c).get(rig.polls_to(c)[0]["poll"]["question"], 0) for c in range(1, 31)) == 0


async def test_flood_limits_hold_at_the_configured_rate(rig: Rig) -> None:
    # Engine at its default share (28/s) of a fake that enforces Telegram's real 30/s.
    rig.api.flood_limits(True, per_second=30, per_group_per_minute=20)
    for chat_id in range(1, 46):
        await rig.subscribe(chat_id)
    config = type(rig.engine().config)()
    report = await rig.engine(config=config).run_due(START)
    assert report.sent == 45 and rig.api.stats.too_many_requests == 0
    times = [c.at for c in rig.api.calls_of("sendPoll")]
    assert max(sum(1 for t in times if s <= t < s + 1.0) for s in times) <= 30


async def test_crash_mid_broadcast_then_restart_sends_the_rest_once(rig: Rig) -> None:
    chats = list(range(1, 81))
    for chat_id in chats:
        await rig.subscribe(chat_id)
    slow = type(rig.engine().config)(rate=60.0, concurrency=8, backoff=0.01)
    crashing = rig.engine(config=slow)
    task = asyncio.create_task(crashing.run_due(START))
    await rig.api.wait_for_method("sendPoll", count=20)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    delivered = sum(1 for c in chats if rig.polls_to(c))
    assert 20 <= delivered < len(chats)
    # A kill -9 between claim and send leaves 'pending' rows; the restart must send those too.
    untouched = [c for c in chats if not rig.polls_to(c)]
    for chat_id in untouched[:5]:
        assert await rig.store.claim_delivery(chat_id, START.date()) is not None

    report = await rig.engine().run_due(START + timedelta(minutes=3))
    assert report.sent == len(chats) - delivered
    assert all(len(rig.polls_to(c)) == 1 for c in chats)


async def test_two_engines_on_one_database_only_the_lease_holder_sends(rig: Rig) -> None:
    chats = list(range(1, 41))
    for chat_id in chats:
        await rig.subscribe(chat_id)
    config = replace(TEST_CONFIG, lease_ttl=60)
    a = rig.engine(config=config, holder="process-a")
    b = rig.engine(config=config, store=await rig.second_store(), holder="process-b")
    reports = await asyncio.gather(a.tick(START), b.tick(START))
    assert sorted(r is None for r in reports) == [False, True]
    assert rig.total_polls() == len(chats)
    assert all(len(rig.polls_to(c)) == 1 for c in chats)
    leader, follower = (a, b) if reports[0] is not None else (b, a)
    # The follower keeps out while the lease lives; when the leader dies silently, it takes over after the TTL.
    assert await follower.tick(START + timedelta(seconds=30)) is None
    next_day = START + timedelta(days=1)
    taken = await follower.tick(next_day)
    assert taken is not None and taken.sent == len(chats)
    assert await leader.tick(next_day + timedelta(seconds=1)) is None
    assert all(len(rig.polls_to(c)) == 2 for c in chats)


async def test_stop_finishes_in_flight_and_leaves_the_rest_for_later(rig: Rig) -> None:
    chats = list(range(1, 61))
    for chat_id in chats:
        await rig.subscribe(chat_id)
    engine = rig.engine(config=type(rig.engine().config)(rate=60.0, concurrency=4, backoff=0.01))
    task = asyncio.create_task(engine.run_due(START))
    await rig.api.wait_for_method("sendPoll", count=10)
    engine.stop()
    report = await task
    assert report.stopped_early and report.sent < len(chats)
    later = await rig.engine().run_due(START + timedelta(minutes=10))
    assert report.sent + later.sent == len(chats)
    assert all(len(rig.polls_to(c)) == 1 for c in chats)


async def test_siarkan_sends_today_to_those_who_have_not_had_it(rig: Rig) -> None:
    await rig.subscribe(1)
    await rig.subscribe(2, at=time(20, 0))
    await rig.subscribe(-9)
    rig.api.block(1)
    engine = rig.engine()
    first = await engine.send_today(START + timedelta(hours=1))
    assert (first.sent, first.skipped, first.deactivated) == (2, 0, 1)
    again = await engine.send_today(START + timedelta(hours=2))
    assert (again.sent, again.skipped) == (0, 2)
    # The 20:00 run of chat 2 does not send a second quiz today.
    assert (await engine.run_due(START + timedelta(hours=13))).sent == 0


async def test_stop_during_a_long_flood_wait_ends_at_once_and_a_restart_sends_the_rest_once(rig: Rig) -> None:
    chats = list(range(1, 61))
    for chat_id in chats:
        await rig.subscribe(chat_id)
    engine = rig.engine(config=replace(TEST_CONFIG, rate=100.0, concurrency=8))
    task = asyncio.create_task(engine.run_due(START))
    await rig.api.wait_for_method("sendPoll", count=10)
    # A 429 storm: Telegram answers "retry after 20" to all but one message per second.
    rig.api.flood_limits(True, per_second=1, retry_after=20)
    await rig.api.wait_for_method("sendPoll", ok=False)

    engine.stop()
    done, _ = await asyncio.wait({task}, timeout=0.3)
    assert not done  # stopping alone would wait out the 20 s: the sends under way sit in the flood wait
    loop = asyncio.get_running_loop()
    started = loop.time()
    engine.abandon_waits()
    report = await asyncio.wait_for(task, timeout=5)
    assert loop.time() - started < 5  # generous; the flood wait alone is 20 s
    assert report.stopped_early and report.abandoned >= 1 and report.failed == 0
    delivered = [c for c in chats if rig.polls_to(c)]
    assert report.sent == len(delivered) < len(chats)

    # Restart once Telegram lets up: the abandoned claims (still 'pending') and the chats never
    # claimed are sent, nobody twice.
    rig.api.flood_limits(True, per_second=300, per_group_per_minute=20)
    later = await rig.engine().run_due(START + timedelta(minutes=10))
    assert later.sent == len(chats) - len(delivered) and later.failed == 0
    assert all(len(rig.polls_to(c)) == 1 for c in chats)
    for chat_id in chats:
        claim = await rig.store.claim_delivery(chat_id, START.date())
        assert claim is None  # every delivery of the day ended 'sent'


async def test_sent_poll_delivery_and_rotation_are_recorded_together(rig: Rig) -> None:
    await rig.subscribe(5)
    report = await rig.engine().run_due(START)
    assert report.sent == 1
    poll_json = rig.polls_to(5)[0]
    poll = await rig.store.get_poll(poll_json["poll"]["id"])
    assert poll is not None and poll.delivery_id is not None and poll.kind == "daily"
    delivery = await rig.store.get_delivery(poll.delivery_id)
    assert delivery is not None
    assert (delivery.state, delivery.poll_id, delivery.message_id) == ("sent", poll.poll_id, poll_json["message_id"])
    assert await rig.store.daily_seen(5) == {poll.question_id: 1}


async def test_a_failed_send_does_not_use_up_its_question(rig: Rig) -> None:
    await rig.subscribe(5)
    engine = rig.engine()
    picked = await rig.store.pick_daily_question(5, sorted(rig.bank.quiz), engine.config.question_seed)
    rig.api.fail_next("sendPoll", 400, description="Bad Request: something Telegram refused once")
    first = await engine.run_due(START)
    assert (first.sent, first.failed) == (0, 1)
    assert await rig.store.daily_seen(5) == {}  # not sent, so not seen
    retry = await engine.send_today(START + timedelta(minutes=5))  # e.g. the owner's /siarkan
    assert retry.sent == 1
    poll = await rig.store.get_poll(rig.polls_to(5)[0]["poll"]["id"])
    assert poll is not None and poll.question_id == picked.question_id
    assert await rig.store.daily_seen(5) == {picked.question_id: 1}


async def test_a_migrated_group_sees_only_the_question_it_was_sent(rig: Rig) -> None:
    old, new = -4002, -1_000_000_004_002
    await rig.subscribe(old)
    rig.api.migrate(old, new)
    report = await rig.engine().run_due(START)
    assert (report.sent, report.migrated) == (1, 1)
    poll = await rig.store.get_poll(rig.polls_to(new)[0]["poll"]["id"])
    assert poll is not None
    # The attempt in the old group was refused: its pick does not count, in either chat.
    assert await rig.store.daily_seen(new) == {poll.question_id: 1}
    assert await rig.store.daily_seen(old) == {}


async def test_a_holder_killed_on_this_host_is_replaced_at_once_a_live_one_is_not(rig: Rig) -> None:
    gone = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await gone.wait()  # exited and reaped: its pid names no process
    host = socket.gethostname()
    dead = f"{host}:{gone.pid}:deadbeef"
    assert holder_is_gone(dead)
    assert not holder_is_gone(f"{host}:{os.getppid()}:alive123")  # a live process on this host
    assert not holder_is_gone(f"{host}:{os.getpid()}:previous")  # our own pid: a restarted container
    assert not holder_is_gone(f"elsewhere-{host}:{gone.pid}:deadbeef")  # another host: cannot tell

    assert await rig.store.acquire_lease("daily-broadcast", dead, 90, START)
    heir = rig.engine(holder=f"{host}:{os.getpid()}:heir0001")
    assert await heir.ensure_lease(START + timedelta(seconds=10))
    assert await rig.store.lease_holder("daily-broadcast", START + timedelta(seconds=11)) == heir.holder

    await heir.release_lease()
    alive = f"{host}:{os.getppid()}:alive123"
    assert await rig.store.acquire_lease("daily-broadcast", alive, 90, START + timedelta(seconds=20))
    waiting = rig.engine(holder=f"{host}:{os.getpid()}:waits001")
    assert not await waiting.ensure_lease(START + timedelta(seconds=30))
