"""The broadcast engine against the fake Bot API with flood limits enforced."""

from __future__ import annotations

from datetime import time, timedelta

from tests.broadcast.conftest import START, Rig


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
