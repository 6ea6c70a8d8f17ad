"""A busy class slows only itself: the issue's black-box scenario through the fake Bot API with
Telegram's limits enforced (bench/busy.py runs it; `make bench` prints the same figures).

30 students ask in one supergroup within 10 s while 20 private students ask one question a second.
The test asserts the issue's targets: a private p99 under 2 s and every group asker answered or told
within 5 s (measured 2026-12-06: p99 0.02 s, heard within 3.4 s; with two CPU-bound processes beside
it, 0.05 s and 3.4 s, since the heard time is set by the group's pacing, not the machine's speed). The
old design, sequential handling with the group's flood wait (up to ~54 s) pausing every chat, made
private students wait 28-54 s. Also asserted: no 429 at all, the group within its 20 messages a
minute, everyone answered.
"""

from __future__ import annotations

import json

import pytest

from bench import busy

pytestmark = pytest.mark.e2e

PRIVATE_P99_BOUND = 2.0  # seconds, the target; the old design: 28-54
HEARD_BOUND = 5.0  # seconds, the target; the old design: askers 21-30 waited ~54 s


@pytest.mark.timeout(240)
async def test_a_busy_group_slows_only_itself() -> None:
    figures = await busy.run(groups=1, askers=30, privates=20, seconds=10)
    shown = json.dumps(figures)
    assert figures["all_429"] == 0, shown  # Telegram's limits kept: no flood wait for anybody
    assert figures["private_p99_s"] < PRIVATE_P99_BOUND, shown
    assert figures["group_heard_max_s"] < HEARD_BOUND, shown  # every asker answered or told they were heard
    assert figures["group_answered_max_s"] < 60.0, shown  # and every one answered, not dropped
    assert figures["group_messages"] <= 20, shown  # inside the group's 20 messages a minute
