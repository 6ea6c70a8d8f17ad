"""A busy class slows only itself: the issue's black-box scenario through the fake Bot API with
Telegram's limits enforced (bench/busy.py runs it; `make bench` prints the same figures).

30 students ask in one supergroup within 10 s while 20 private students ask one question a second.
What is asserted is the design, not the machine's speed: no 429 at all, the group within its 20
messages a minute, everyone answered, and nobody waiting on the group's pacing. The old design,
sequential handling with the group's flood wait (up to ~54 s) pausing every chat, made private
students wait 28-54 s and askers 21-30 wait ~54 s to hear anything; the bounds below sit far from
those and far above what this design takes on a loaded machine.

The issue's targets, a private p99 under 2 s and every asker heard within 5 s, are speed figures and
are measured by `make bench` (`python -m bench busy`): 2026-12-06, p99 0.02 s, heard within 3.4 s; on
a CI machine under load one run gave p99 2.4 s and 5.5 s, which is why a test does not assert them.
"""

from __future__ import annotations

import json

import pytest

from bench import busy

pytestmark = pytest.mark.e2e

PRIVATE_P99_BOUND = 12.0  # seconds; the old design: 28-54 (the target, 2 s, is a bench figure)
HEARD_BOUND = 20.0  # seconds; the old design: askers 21-30 waited ~54 s (the target, 5 s, is a bench figure)


@pytest.mark.timeout(240)
async def test_a_busy_group_slows_only_itself() -> None:
    figures = await busy.run(groups=1, askers=30, privates=20, seconds=10)
    shown = json.dumps(figures)
    assert figures["all_429"] == 0, shown  # Telegram's limits kept: no flood wait for anybody
    assert figures["private_p99_s"] < PRIVATE_P99_BOUND, shown
    assert figures["group_heard_max_s"] < HEARD_BOUND, shown  # every asker answered or told they were heard
    assert figures["group_answered_max_s"] < 60.0, shown  # and every one answered, not dropped
    assert figures["group_messages"] <= 20, shown  # inside the group's 20 messages a minute
