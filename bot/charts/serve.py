"""The picture worker process: `python -m bot.charts.serve`, spoken to by `bot.charts.worker.Renderer`.

Reads requests from stdin and writes PNGs to stdout, one at a time. Framing: a request is an 8-byte
big-endian length and a pickle of (picture, lang); the answer is one status byte (b"+" PNG follows,
b"-" an error message follows), an 8-byte length and the bytes. It writes b"R" once matplotlib and the
fonts are loaded. Only the bot starts it, over pipes it owns: the pickles never cross a trust boundary.
"""

from __future__ import annotations

import pickle
import sys
from typing import BinaryIO

from bot.charts.protocol import FAILED, HEADER, OK, READY, read_exactly


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer render requests until stdin closes."""
    from bot.charts import draw

    draw.warm_up()
    answers.write(READY)
    answers.flush()
    while True:
        header = read_exactly(requests, HEADER.size)
        if header is None:
            return
        body = read_exactly(requests, HEADER.unpack(header)[0])
        if body is None:
            return
        try:
            picture, lang = pickle.loads(body)  # our own parent, over our own pipe
            status, payload = OK, draw.render(picture, lang)
        except Exception as exc:  # report it and keep serving: one bad picture must not end the worker
            status, payload = FAILED, f"{type(exc).__name__}: {exc}".encode()
        answers.write(status + HEADER.pack(len(payload)) + payload)
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
