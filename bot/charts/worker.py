"""Render pictures in one warm worker process, never on the event loop's thread.

A render is ~0.1–0.2 s of pure Python and C holding the GIL: in a thread it would stall every other
update for that long. In a process the loop only waits on a pipe. The worker imports matplotlib and
loads its fonts once (`draw.warm_up`, started in the background on first use), and is spawned rather
than forked, so it inherits no event loop, database connections or sockets of the bot.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.charts.records import BotPicture, ClassPicture, StudentPicture

log = logging.getLogger(__name__)

RENDERER_KEY = "renderer"
Picture = ClassPicture | StudentPicture | BotPicture


def _warm_up() -> None:
    from bot.charts import draw

    draw.warm_up()


def _render(picture: Picture, lang: str) -> bytes:
    from bot.charts import draw

    return draw.render(picture, lang)


class Renderer:
    """One worker process drawing pictures in turn; `render` is awaited, `close` at shutdown."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._warm: Future[None] | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_warm_up)
            self._warm = self._pool.submit(int)  # starts the worker (and its warm-up) now
        return self._pool

    def start(self) -> None:
        """Start the worker and its warm-up in the background (optional: `render` starts it too)."""
        self._executor()

    async def warmed(self) -> None:
        """Wait until the worker has imported matplotlib and loaded its fonts (bench and tests)."""
        self._executor()
        assert self._warm is not None
        await asyncio.wrap_future(self._warm)

    async def render(self, picture: Picture, lang: str) -> bytes:
        """The picture as PNG bytes; a worker that died is replaced once."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor(), _render, picture, lang)
        except BrokenProcessPool:
            log.warning("picture worker died; starting a new one")
            self.close()
            return await loop.run_in_executor(self._executor(), _render, picture, lang)

    def close(self) -> None:
        """Stop the worker (without waiting for a render under way)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self._warm = None


def renderer_of(extras: dict[str, Any]) -> Renderer:
    """The process's renderer, kept in Services.extras and created on first use."""
    renderer = extras.get(RENDERER_KEY)
    if renderer is None:
        renderer = extras[RENDERER_KEY] = Renderer()
    assert isinstance(renderer, Renderer)
    return renderer
