"""The end-to-end benchmark stays runnable (a tiny run, numbers only sanity-checked)."""

from __future__ import annotations

import pytest

from bench import e2e

pytestmark = pytest.mark.e2e


async def test_bench_e2e_small_run() -> None:
    result = await e2e.run(20)
    assert result["updates_per_s"] > 0 and 0 < result["p50_ms"] <= result["p99_ms"]
    assert result["rejected_calls"] == 0
