"""The bounded cache behind every cache keyed by what strangers send."""

import pytest

from bot.core.lru import BoundedCache


def test_least_recently_used_goes_first() -> None:
    cache: BoundedCache[str, int] = BoundedCache(3)
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        cache.put(key, value)
    assert cache.get("a") == 1  # "a" is now the most recent; "b" the least
    cache.put("d", 4)
    assert len(cache) == 3
    assert "b" not in cache
    assert [cache.get(k) for k in ("a", "c", "d")] == [1, 3, 4]


def test_many_keys_stay_bounded() -> None:
    cache: BoundedCache[int, int] = BoundedCache(100)
    for i in range(10_000):
        cache.put(i, i)
        assert len(cache) <= 100
    assert all(i in cache for i in range(9_900, 10_000))


def test_entries_expire_after_ttl() -> None:
    now = [0.0]
    cache: BoundedCache[str, str] = BoundedCache(10, ttl=30.0, clock=lambda: now[0])
    cache.put("chat", "en")
    now[0] = 29.9
    assert cache.get("chat") == "en"
    now[0] = 30.0
    assert cache.get("chat") is None
    assert len(cache) == 0


def test_none_is_a_value_distinct_from_absent() -> None:
    cache: BoundedCache[str, str | None] = BoundedCache(2)
    cache.put("x", None)
    assert "x" in cache
    assert "y" not in cache


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        BoundedCache(0)
