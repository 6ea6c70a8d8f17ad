"""A busy class slows only itself: the issue's black-box scenario through the fake Bot API with
Telegram's limits enforced (bench/busy.py runs it; `make bench` prints the same figures).

30 students ask in one supergroup within 10 s while 20 private students ask one question a second.
Sequentially, with a flood wait for the group pausing everybody, private replies took 28–54 s; the
bounds below are generous for a loaded machine and still far from that.
"""

from __future__ import annotations

import json

import pytest

from bench import busy

pytestmark = pytest.mark.e2e


@pytest.mark.timeout(240)
async def test_a_busy_group_slows_only_itself() -> None:
    figures = await busy.run(groups=1, askers=30, privates=20, seconds=10)
    shown = json.dumps(figures)
    assert figures["private_p99_s"] < 2.0, shown
    assert figures["private_429"] == 0, shown
    assert figures["group_heard_max_s"] < 5.0, shown  # every asker answered or told they were heard
    assert figures["group_answered_max_s"] < 60.0, shown  # and every one answered, not dropped
    assert figures["group_messages"] <= 20, shown  # inside the group's 20 messages a minute
