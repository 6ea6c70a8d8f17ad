"""ChatOrderedProcessor: each chat's updates in arrival order, chats in parallel, a bound on how many
run, and a wait for a chat's budget (slot_released) that lets other chats run meanwhile."""

from __future__ import annotations

import asyncio
import random
from typing import Any

from telegram import Update

from bot.processor import ChatOrderedProcessor, lane_of, slot_released
from tests.fakes import updates as U


def update(update_id: int, data: dict[str, Any]) -> Update:
    return Update.de_json({"update_id": update_id, **data}, None)


def private(user_id: int, update_id: int, text: str = "halo") -> Update:
    user = U.user(user_id, f"Siswa {user_id}")
    return update(update_id, U.message(U.private_chat(user), user, text))


class Recorder:
    """Handlers that record start/end per update and finish only when the test says so."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.finished: list[int] = []
        self.release: dict[int, asyncio.Event] = {}
        self.running = 0
        self.most_running = 0
        self.changed = asyncio.Condition()

    async def until_started(self, count: int) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: len(self.started) >= count), 5)

    async def handle(self, update_id: int, hold: bool = False) -> None:
        self.started.append(update_id)
        async with self.changed:
            self.changed.notify_all()
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            if hold:
                await self.release.setdefault(update_id, asyncio.Event()).wait()
            else:
                await asyncio.sleep(0)
        finally:
            self.running -= 1
            self.finished.append(update_id)


async def feed(processor: ChatOrderedProcessor, updates: list[Update], recorder: Recorder,
               hold: set[int] = frozenset()) -> list[asyncio.Task[None]]:  # type: ignore[assignment]
    """Hand updates over as PTB's Application does: one task each, created in arrival order."""
    tasks = [asyncio.create_task(processor.process_update(u, recorder.handle(u.update_id, u.update_id in hold)))
             for u in updates]
    await asyncio.sleep(0)
    return tasks


async def test_interleaved_chats_keep_each_chats_order() -> None:
    rng = random.Random(13)
    processor = ChatOrderedProcessor(running=8)
    recorder = Recorder()
    chats = [101, 102, 103, -1001, -1002]
    arrivals: list[Update] = []
    for update_id in range(1, 301):
        chat = rng.choice(chats)
        if chat > 0:
            arrivals.append(private(chat, update_id))
        else:
            user = U.user(rng.randint(1, 50), "Siswa")
            arrivals.append(update(update_id, U.message(U.group_chat(chat, "Kelas"), user, "/tanya apa itu asean")))
    tasks = await feed(processor, arrivals, recorder)
    await asyncio.gather(*tasks)
    for chat in chats:
        ids = [u.update_id for u in arrivals if lane_of(u) == ("chat", chat)]
        assert [i for i in recorder.finished if i in set(ids)] == ids  # in arrival order, none lost
    assert processor.lanes == 0 and processor.processed_through == 300


async def test_a_held_chat_does_not_stop_other_chats() -> None:
    processor = ChatOrderedProcessor(running=4)
    recorder = Recorder()
    group = U.group_chat(-100200, "Kelas 9A", "supergroup")
    busy = [update(i, U.message(group, U.user(i, "S"), "/tanya x")) for i in range(1, 11)]
    others = [private(500 + i, 100 + i) for i in range(20)]
    tasks = await feed(processor, busy + others, recorder, hold={1})
    await asyncio.gather(*tasks[10:])  # every private chat answered while the group's first is stuck
    assert recorder.started[:1] == [1] and 2 not in recorder.started  # the group waits its turn
    assert processor.processed_through == 0 and processor.oldest_unprocessed_age() >= 0
    recorder.release[1].set()
    await asyncio.gather(*tasks[:10])
    assert [i for i in recorder.finished if i <= 10] == list(range(1, 11))


async def test_at_most_running_at_once_and_waiting_for_a_chat_budget_frees_the_slot() -> None:
    processor = ChatOrderedProcessor(running=2)
    budget = asyncio.Event()
    ran: list[int] = []

    async def waits_for_budget(update_id: int) -> None:
        async with slot_released():  # what the rate limiter does around a chat's bucket
            await budget.wait()
        ran.append(update_id)

    recorder = Recorder()
    slow = [asyncio.create_task(processor.process_update(private(700 + i, i), waits_for_budget(i)))
            for i in (1, 2)]
    fast = [asyncio.create_task(processor.process_update(private(800 + i, i),
                                                         recorder.handle(i, hold=True))) for i in (3, 4, 5)]
    await recorder.until_started(2)
    for _ in range(20):  # give a third update every chance to start (it must not)
        await asyncio.sleep(0)
    assert recorder.most_running == 2 and len(recorder.started) == 2  # the bound holds
    for i in (3, 4, 5):
        recorder.release.setdefault(i, asyncio.Event()).set()
    await asyncio.gather(*fast)  # ran although both budget waiters were still waiting
    budget.set()
    await asyncio.gather(*slow)
    assert sorted(ran) == [1, 2]


async def test_a_users_poll_answers_share_the_lane_of_their_private_chat() -> None:
    student = U.user(4242, "Budi")
    answer = update(1, U.poll_answer("p1", student, [0]))
    message = private(4242, 2)
    inline = update(3, U.inline_query(student, "asean"))
    assert lane_of(answer) == lane_of(message) == lane_of(inline) == ("chat", 4242)
    old, new = -5001, -1005001
    moved = update(4, U.migrate_message(U.group_chat(old, "Kelas"), new))
    arrived = update(5, U.migrate_from_message(U.group_chat(new, "Kelas", "supergroup"), old))
    assert lane_of(moved) == lane_of(arrived) == ("chat", new)
    assert lane_of(update(6, {})) == ("none", 0)


async def test_wait_processed_returns_once_the_update_and_all_before_it_are_done() -> None:
    processor = ChatOrderedProcessor(running=4)
    recorder = Recorder()
    tasks = await feed(processor, [private(1, 10), private(2, 11), private(3, 12)], recorder, hold={10})
    waiter = asyncio.create_task(processor.wait_processed(12))
    await asyncio.gather(*tasks[1:])
    assert not waiter.done()  # 12 is done, but 10 is not
    recorder.release[10].set()
    await asyncio.wait_for(waiter, 5)
