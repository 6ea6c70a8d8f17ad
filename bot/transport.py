"""The bot's HTTP requests to Telegram, watched: is Telegram reachable, are updates being fetched,
and updates the library cannot read.

`WatchedRequest` wraps PTB's `HTTPXRequest` through the public `BaseRequest` interface (given to
`ApplicationBuilder.request` and `.get_updates_request`). It notes when Telegram last answered
(any HTTP answer below 500) and, for getUpdates, when a fetch last succeeded or started failing.

Unreadable updates. python-telegram-bot parses a whole getUpdates batch at once; one update it
cannot read (e.g. a poll_answer without `option_persistent_ids`, which PTB 22.8 requires, from an
older local Bot API server) makes every getUpdates fail, forever. The wrapper reads each update of
the answer on its own (`Update.de_json`); one that fails is replaced by a bare `{"update_id": N}`.
So the Updater still advances its offset past it (Telegram forgets it), the rest of the batch is
handled, and the placeholder reaches no handler (bot.handlers.registry drops updates with nothing in them).
It is logged once per kind (its type and update id, never its content) and counted.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, HTTPXRequest, RequestData

log = logging.getLogger(__name__)

UNREADABLE_WINDOW = 600.0  # unreadable updates this recent count as "still happening"
UNREADABLE_REPEATED = 3  # that many within the window: the bot cannot do its job (health check)


class Vitals:
    """What the health check needs to know about Telegram and updates (monotonic times)."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.clock = monotonic
        self.started = monotonic()
        self.telegram_ok_at: float | None = None
        self.fetch_ok_at: float | None = None
        self.fetch_failing_since: float | None = None
        self.unreadable: Counter[str] = Counter()
        self._unreadable_times: deque[float] = deque(maxlen=UNREADABLE_REPEATED)

    def age(self, at: float | None) -> float | None:
        return None if at is None else round(max(0.0, self.clock() - at), 1)

    def telegram_answered(self) -> None:
        self.telegram_ok_at = self.clock()

    def fetched(self) -> None:
        self.fetch_ok_at = self.clock()
        self.fetch_failing_since = None

    def fetch_failed(self) -> None:
        if self.fetch_failing_since is None:
            self.fetch_failing_since = self.clock()

    def unreadable_update(self, kind: str, update_id: object, error: BaseException, *, source: str) -> None:
        """Count it; log the first of each kind (type and id only: the content is students' words)."""
        self.unreadable[kind] += 1
        self._unreadable_times.append(self.clock())
        if self.unreadable[kind] == 1:
            log.error("%s: an update of kind %s (update_id %s) could not be read (%s); skipped. Further "
                      "unreadable %s updates are counted, not logged", source, kind, update_id,
                      type(error).__name__, kind)

    @property
    def unreadable_repeating(self) -> bool:
        """Several unreadable updates lately: students' answers are being lost."""
        times = self._unreadable_times
        return len(times) >= UNREADABLE_REPEATED and self.clock() - times[0] <= UNREADABLE_WINDOW


def update_kind(data: object) -> str:
    """An update dict's type (its first key besides update_id), for logs; never its content."""
    if isinstance(data, dict):
        for key in data:
            if key != "update_id":
                return str(key)[:40]
    return "unknown"


def readable_updates(results: list[Any], vitals: Vitals) -> tuple[list[Any], bool]:
    """The getUpdates results with every update PTB cannot read replaced by `{"update_id": N}`."""
    cleaned: list[Any] = []
    changed = False
    for item in results:
        try:
            Update.de_json(item, None)
        except Exception as exc:
            update_id = item.get("update_id") if isinstance(item, dict) else None
            vitals.unreadable_update(update_kind(item), update_id, exc, source="getUpdates")
            if isinstance(update_id, int):
                cleaned.append({"update_id": update_id})
            changed = True
            continue
        cleaned.append(item)
    return cleaned, changed


class WatchedRequest(BaseRequest):
    """HTTPXRequest that tells `vitals` how Telegram answers; for getUpdates, also skips unreadable updates."""

    def __init__(self, vitals: Vitals, *, updates: bool = False, **httpx_kwargs: Any) -> None:
        self._inner = HTTPXRequest(**httpx_kwargs)
        self._vitals = vitals
        self._updates = updates

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        fetching = self._updates and url.rstrip("/").endswith("/getUpdates")
        try:
            code, payload = await self._inner.do_request(
                url, method, request_data, read_timeout=read_timeout, write_timeout=write_timeout,
                connect_timeout=connect_timeout, pool_timeout=pool_timeout,
            )
        except Exception:
            if fetching:
                self._vitals.fetch_failed()
            raise
        if code < 500:
            self._vitals.telegram_answered()
        if not fetching:
            return code, payload
        if code != 200:
            self._vitals.fetch_failed()
            return code, payload
        self._vitals.fetched()
        return code, self._readable(payload)

    def _readable(self, payload: bytes) -> bytes:
        try:
            body = json.loads(payload)
        except ValueError:
            return payload  # PTB reports a broken answer itself
        results = body.get("result") if isinstance(body, dict) else None
        if not isinstance(results, list):
            return payload
        cleaned, changed = readable_updates(results, self._vitals)
        if not changed:
            return payload
        return json.dumps({**body, "result": cleaned}).encode()
