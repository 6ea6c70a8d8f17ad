"""Lines typed into the console, for asyncio, in a way Ctrl-C can always interrupt.

`asyncio.to_thread(sys.stdin.readline)` cannot be cancelled: the executor thread stays blocked in
`readline` and `asyncio.run` waits for it at shutdown, so Ctrl-C did nothing until the next Enter.
Here a daemon thread reads the raw stream (no buffered-reader lock, which a daemon thread would still
hold at interpreter exit) and hands whole lines to an asyncio.Queue; SIGINT ends the input at once.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any, TextIO

CHUNK_BYTES = 65536


class LineReader:
    """Reads `source` line by line in a daemon thread; `readline()` returns None at its end or after `interrupt()`."""

    def __init__(self, source: TextIO) -> None:
        self._source = source
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._ended = False
        self.interrupted = False
        threading.Thread(target=self._pump, name="console-input", daemon=True).start()

    async def readline(self) -> str | None:
        """The next line (with its newline), or None once the input ended or was interrupted."""
        if self._ended:
            return None
        line = await self._queue.get()
        if line is None:
            self._ended = True
        return line

    def interrupt(self) -> None:
        """Ctrl-C: end the input now, whatever the thread is still waiting for."""
        self.interrupted = True
        self._queue.put_nowait(None)

    def _pump(self) -> None:
        try:
            for line in self._lines():
                self._hand_over(line)
        except (OSError, ValueError):  # the stream was closed under us: that is its end
            pass
        finally:
            self._hand_over(None)

    def _hand_over(self, line: str | None) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, line)
        except RuntimeError:  # the loop has closed: the console is over and nobody reads any more
            pass

    def _lines(self) -> Iterator[str]:
        raw = getattr(getattr(self._source, "buffer", None), "raw", None)
        if raw is None:  # an in-memory stream: its readline never blocks
            yield from iter(self._source.readline, "")
            return
        # a stray invalid byte becomes U+FFFD instead of ending the console
        decoder = codecs.getincrementaldecoder(self._source.encoding or "utf-8")(errors="replace")
        pending = ""
        while chunk := raw.read(CHUNK_BYTES):
            pending += decoder.decode(chunk)
            *lines, pending = pending.split("\n")
            for line in lines:
                yield line + "\n"
        pending += decoder.decode(b"", final=True)
        if pending:
            yield pending


@contextlib.contextmanager
def on_interrupt(callback: Callable[[], None]) -> Iterator[None]:
    """Call `callback` on SIGINT (Ctrl-C) inside the block instead of raising KeyboardInterrupt."""
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGINT, callback)
    except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
        yield from _with_plain_handler(loop, callback)
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)


def _with_plain_handler(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> Iterator[None]:
    def handler(_signum: int, _frame: Any) -> None:
        loop.call_soon_threadsafe(callback)

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: Ctrl-C is not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
