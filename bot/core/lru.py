"""`BoundedCache`: a least-recently-used cache with an optional time to live.

Why our own: caches keyed by what strangers send (words, chat ids, user ids) must not grow with
every new key, or a bot exposed to spam grows for months. An LRU keeps the hot keys and forgets
the cold ones one at a time (a clear-all would drop the hot ones too); a time to live lets a
process see, within seconds, what another process changed in the database.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

class BoundedCache(Generic[K, V]):
    """At most `maxsize` entries, least recently used dropped first; entries older than `ttl`
    seconds (by `clock`) count as absent. `ttl=None`: entries stay until evicted."""

    def __init__(self, maxsize: int, *, ttl: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self.ttl = ttl
        self._clock = clock
        self._entries: OrderedDict[K, tuple[V, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: K) -> bool:
        return self._fresh(key) is not None

    def _fresh(self, key: K) -> tuple[V, float] | None:
        """The live entry for `key`, marked recently used; an expired one is dropped."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self.ttl is not None and self._clock() - entry[1] >= self.ttl:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return entry

    def get(self, key: K, default: V | None = None) -> V | None:
        """The value for `key` (and mark it recently used), or `default` when absent or expired."""
        entry = self._fresh(key)
        return default if entry is None else entry[0]

    def put(self, key: K, value: V) -> None:
        """Store `value`, dropping the least recently used entry when full."""
        self._entries[key] = (value, self._clock())
        self._entries.move_to_end(key)
        while len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)

    def pop(self, key: K) -> None:
        """Forget `key` (no error when absent)."""
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()
