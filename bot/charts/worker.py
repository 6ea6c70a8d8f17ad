"""Render pictures in one warm worker process, never on the event loop's thread.

A render is ~0.1–0.2 s of Python and C holding the GIL: in a thread it would stall every other
update for that long. In its own process (`python -m bot.charts.serve`, see there for the framing)
the bot only writes a small pickle and reads the PNG back, in a helper thread that spends its time
blocked in `read` without the GIL. The worker imports matplotlib and loads its fonts once, when it
starts; a started-but-not-ready worker is waited for on the first picture. A fresh interpreter, not a
fork: it inherits no event loop, database connections or sockets of the bot, and needs no
`if __name__ == "__main__"` guard from whoever imported us.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
import subprocess
import sys
import threading
from typing import Any

from bot.charts.protocol import FAILED, HEADER, OK, READY, read_exactly
from bot.charts.records import BotPicture, ClassPicture, StudentPicture

log = logging.getLogger(__name__)

RENDERER_KEY = "renderer"
Picture = ClassPicture | StudentPicture | BotPicture


class RenderError(RuntimeError):
    """The worker could not draw the picture (its message says why) or died."""


class Renderer:
    """One worker process drawing pictures in turn; `render` is awaited, `close` at shutdown."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._ready = False
        self._lock = threading.Lock()  # one exchange on the pipes at a time, from any event loop

    def start(self) -> None:
        """Start the worker (its warm-up runs in the background); `render` starts it too."""
        with self._lock:
            self._spawn()

    def _spawn(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "bot.charts.serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            )
            self._ready = False
        return self._process

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        if not self._ready:
            assert process.stdout is not None
            if read_exactly(process.stdout, 1) != READY:
                raise RenderError(f"picture worker did not start (exit code {process.wait()})")
            self._ready = True

    def _exchange(self, request: bytes) -> bytes:
        with self._lock:
            for attempt in (1, 2):  # a worker that died is replaced once
                process = self._spawn()
                assert process.stdin is not None and process.stdout is not None
                try:
                    self._wait_ready(process)
                    process.stdin.write(HEADER.pack(len(request)) + request)
                    process.stdin.flush()
                    status = read_exactly(process.stdout, 1)
                    header = read_exactly(process.stdout, HEADER.size)
                    payload = read_exactly(process.stdout, HEADER.unpack(header)[0]) if header else None
                except (BrokenPipeError, RenderError):
                    status = payload = None
                if status == OK and payload is not None:
                    return payload
                if status == FAILED and payload is not None:
                    raise RenderError(payload.decode(errors="replace"))
                log.warning("picture worker died (attempt %d); starting a new one", attempt)
                self._stop()
            raise RenderError("picture worker keeps dying")

    def _warmed(self) -> None:
        with self._lock:
            self._wait_ready(self._spawn())

    async def warmed(self) -> None:
        """Wait until the worker has imported matplotlib and loaded its fonts (bench and tests)."""
        await asyncio.to_thread(self._warmed)

    async def render(self, picture: Picture, lang: str) -> bytes:
        """The picture as PNG bytes (RenderError when it cannot be drawn)."""
        request = pickle.dumps((picture, lang), protocol=pickle.HIGHEST_PROTOCOL)
        return await asyncio.to_thread(self._exchange, request)

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            try:
                process.stdin.close()  # the worker exits at end of input
            except OSError:
                pass
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def close(self) -> None:
        """Stop the worker (waits for a render under way, at most a couple of seconds)."""
        with self._lock:
            self._stop()


def renderer_of(extras: dict[str, Any]) -> Renderer:
    """The process's renderer, kept in Services.extras and created on first use."""
    renderer = extras.get(RENDERER_KEY)
    if renderer is None:
        renderer = extras[RENDERER_KEY] = Renderer()
    assert isinstance(renderer, Renderer)
    return renderer
