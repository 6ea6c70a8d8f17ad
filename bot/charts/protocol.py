"""The framing between the bot and its picture worker (bot.charts.serve): see serve.py's docstring.

Its own module so that `python -m bot.charts.serve` does not find serve already imported by the package.
"""

from __future__ import annotations

import struct
from typing import IO

HEADER = struct.Struct(">Q")
READY = b"R"
OK = b"+"
FAILED = b"-"


def read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    """`size` bytes, or None at end of stream (the bot closed the pipe: time to exit)."""
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
