"""The broadcast pacer's per-group windows follow the groups sent to lately, not every group ever."""

from __future__ import annotations

from bot.broadcast.pacer import GROUP_WINDOW, Pacer


async def test_group_windows_stay_bounded_over_many_groups() -> None:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    pacer = Pacer(rate=1000.0, monotonic=lambda: now[0], sleep=sleep)
    largest = 0
    for i in range(20_000):
        now[0] += 0.02
        await pacer.acquire(-1_000_000 - i)
        largest = max(largest, len(pacer._groups))
    # 50 groups a second: 3,000 within a minute's window; the pruning (past 4,096) keeps those only.
    assert int(GROUP_WINDOW / 0.02) < largest <= 4098
