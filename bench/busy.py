"""A busy class: many students ask in a group at once while private students keep asking.

Through the fake Bot API with Telegram's limits enforced (30 messages/s, 20 per group per minute,
3 per chat per second; a 429 asks to wait until the exceeded window frees up, as Telegram does:
up to a minute for a group): `groups` supergroups each get `askers` /tanya
questions spread over `seconds`, while `privates` students each ask one question a second. The
figures: private reply latency (p50/p99/max), how long a group asker waited until the bot answered
them or told them they were heard (max), until the answer itself (max), and 429s.

`python -m bench busy` prints it for 1 and 10 groups; tests/e2e/test_busy.py asserts the issue's
bounds on one run.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.core.content import load_bank
from bot.settings import Settings
from tests.fakes import updates as U
from tests.fakes.bot_api import Call, FakeBotApi

GROUP_BASE = -1_001_500_000_000
PRIVATE_BASE = 40_000
ASKER_BASE = 60_000


@dataclass
class Asked:
    chat_id: int
    user_id: int
    message_id: int
    at: float


@dataclass
class Scenario:
    groups: int = 1
    askers: int = 30
    privates: int = 20
    seconds: float = 10.0
    drain_timeout: float = 120.0
    private_asks: list[Asked] = field(default_factory=list)
    group_asks: list[Asked] = field(default_factory=list)


def _questions(settings: Settings) -> list[str]:
    bank = load_bank(settings.resolved_content_dir)
    return [entry.variants[0] for entry in bank.faq.values() if entry.variants]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _reaches(call: Call, asked: Asked) -> bool:
    """The call answers `asked` (a reply to their message) or names them (a mention in a combined answer)."""
    if not call.ok or call.method != "sendMessage" or call.chat_id != asked.chat_id:
        return False
    reply = call.params.get("reply_parameters") or {}
    return reply.get("message_id") == asked.message_id or f"tg://user?id={asked.user_id}\"" in (call.text or "")


def _answers(call: Call, asked: Asked) -> bool:
    """The call carries the asker's answer: a reply to their message, or a block under their mention."""
    if not _reaches(call, asked):
        return False
    text = call.text or ""
    reply = call.params.get("reply_parameters") or {}
    if reply.get("message_id") == asked.message_id and "tg://user?id=" not in text:
        return True
    marker = f'<a href="tg://user?id={asked.user_id}">'
    for block in text.split("\n\n"):
        if block.startswith(marker):
            return True
    return False


async def run(groups: int = 1, askers: int = 30, privates: int = 20, seconds: float = 10.0) -> dict[str, Any]:
    """Run the scenario once; returns the figures (seconds, counts)."""
    ptb_logger = logging.getLogger("telegram")
    saved = ptb_logger.level
    ptb_logger.setLevel(logging.WARNING)
    try:
        return await _run(Scenario(groups, askers, privates, seconds))
    finally:
        ptb_logger.setLevel(saved)


async def _run(sc: Scenario) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotApi() as api:
            settings = Settings(  # type: ignore[call-arg]
                _env_file=None, telegram_bot_token=api.token, telegram_api_base_url=api.base_url,
                database_url=f"sqlite:///{Path(tmp) / 'busy.db'}",
            )
            questions = _questions(settings)
            app = build_application(settings)
            await app.initialize()
            assert app.post_init is not None and app.updater is not None and app.post_shutdown is not None
            await app.post_init(app)
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            await app.start()
            api.flood_limits(True, per_second=30, per_group_per_minute=20, per_chat_per_second=3, retry_after=None)
            try:
                await _drive(api, sc, questions)
                figures = await _measure(api, sc)
            finally:
                await app.updater.stop()
                await app.stop()
                await app.shutdown()
                await app.post_shutdown(app)
    return figures


async def _drive(api: FakeBotApi, sc: Scenario, questions: list[str]) -> None:
    """Inject the load on schedule: askers spread evenly over `seconds` in every group, and every
    private student asking at the start of each second."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    events: list[tuple[float, int, int]] = []  # (offset, kind 0=group 1=private, index)
    for g in range(sc.groups):
        for i in range(sc.askers):
            events.append((sc.seconds * i / sc.askers + g * 0.01, 0, g * sc.askers + i))
    for second in range(int(sc.seconds)):
        for p in range(sc.privates):
            events.append((second + p * (1.0 / sc.privates), 1, second * sc.privates + p))
    events.sort()
    for offset, kind, index in events:
        delay = start + offset - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)  # the load's own schedule, not a wait for the bot
        question = questions[index % len(questions)]
        if kind == 0:
            group_index, asker = divmod(index, sc.askers)
            chat = U.group_chat(GROUP_BASE - group_index, f"Kelas {group_index}", "supergroup")
            student = U.user(ASKER_BASE + index, f"Siswa {asker}")
            update = U.message(chat, student, f"/tanya {question}")
            api.inject(update)
            sc.group_asks.append(Asked(chat["id"], student["id"], update["message"]["message_id"], time.monotonic()))
        else:
            student = U.user(PRIVATE_BASE + index % sc.privates, f"Murid {index % sc.privates}")
            api.inject(U.message(U.private_chat(student), student, question))
            sc.private_asks.append(Asked(student["id"], student["id"], 0, time.monotonic()))


async def _measure(api: FakeBotApi, sc: Scenario) -> dict[str, Any]:
    # Private: the k-th reply to a student answers their k-th question (each chat in order).
    per_student: dict[int, list[Asked]] = {}
    for asked in sc.private_asks:
        per_student.setdefault(asked.chat_id, []).append(asked)
    private_latency: list[float] = []
    for chat_id, asks in per_student.items():
        replies = await api.wait_for_method("sendMessage", chat_id=chat_id, count=len(asks), timeout=sc.drain_timeout)
        assert replies is not None
        sent = api.calls_of("sendMessage", chat_id=chat_id)[: len(asks)]
        private_latency += [call.at - asked.at for call, asked in zip(sent, asks, strict=True)]
    heard: list[float] = []
    answered: list[float] = []
    for asked in sc.group_asks:
        first = await api.wait_for(lambda c, a=asked: _reaches(c, a), timeout=sc.drain_timeout)
        heard.append(first.at - asked.at)
        answer = await api.wait_for(lambda c, a=asked: _answers(c, a), timeout=sc.drain_timeout)
        answered.append(answer.at - asked.at)
    private_chats = {a.chat_id for a in sc.private_asks}
    group_chats = {a.chat_id for a in sc.group_asks}
    too_many = [c for c in api.calls if c.error_code == 429]
    group_messages = [c for c in api.calls_of("sendMessage") if c.chat_id in group_chats]
    return {
        "private_p50_s": round(statistics.median(private_latency), 3),
        "private_p99_s": round(_percentile(private_latency, 0.99), 3),
        "private_max_s": round(max(private_latency), 3),
        "group_heard_max_s": round(max(heard), 3),
        "group_answered_max_s": round(max(answered), 3),
        "group_askers": len(sc.group_asks),
        "group_messages": len(group_messages),
        "private_429": sum(1 for c in too_many if c.chat_id in private_chats),
        "all_429": len(too_many),
    }


if __name__ == "__main__":
    print(asyncio.run(run()))
