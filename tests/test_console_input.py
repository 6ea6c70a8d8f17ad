"""The console in a real terminal (a pseudo-terminal): Ctrl-C ends it at once, like Ctrl-D, with a goodbye."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEADLINE_S = 30.0  # only a guard against a hang: every wait below ends as soon as the output arrives
BYE = "Sampai jumpa!"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Terminal:
    """`python -m bot console` with a pseudo-terminal as its controlling terminal (so ^C is SIGINT)."""

    def __init__(self, tmp_path: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k not in {"TELEGRAM_BOT_TOKEN", "QUIZ_LENGTH"}}
        env.update(DATABASE_URL=f"sqlite:///{tmp_path}/console.db", PYTHONPATH=str(ROOT), TERM="dumb")
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the console
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "bot", "console"], env)
        self.pid, self.fd = pid, fd
        self.output = ""
        self.status: int | None = None

    def wait_for(self, text: str, start: int = 0) -> int:
        """Read until `text` appears after offset `start`; returns the offset just past it."""
        deadline = time.monotonic() + DEADLINE_S
        while (found := self.output.find(text, start)) < 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                pytest.fail(f"{text!r} never came; the terminal showed:\n{self.output}")
        return found + len(text)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            return False
        self.output += chunk.decode("utf-8", "replace")
        return bool(chunk)

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def exit_code(self) -> int:
        """Wait (up to the guard) for the console to exit, reading what it still prints."""
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.5):
                    pass
                return os.waitstatus_to_exitcode(status)
            self._read(0.2)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        pytest.fail(f"the console did not exit after Ctrl-C; the terminal showed:\n{self.output}")

    def close(self) -> None:
        os.close(self.fd)


def test_ctrl_c_ends_the_console_at_once_with_the_goodbye(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    try:
        after_welcome = terminal.wait_for("> ")
        terminal.type(b"apa itu kerja sama bilateral\r")
        answered = terminal.wait_for("> ", terminal.wait_for("bilateral", after_welcome + 30))
        terminal.type(b"\x03")  # Ctrl-C, as the terminal sends it
        assert terminal.exit_code() == 0
        assert BYE in terminal.output[answered:]
        assert "Traceback" not in terminal.output and "KeyboardInterrupt" not in terminal.output
    finally:
        terminal.close()


def test_ctrl_c_in_a_quiz_ends_the_console_like_ctrl_d(tmp_path: Path) -> None:
    outputs = {}
    for name, key in (("ctrl-c", b"\x03"), ("ctrl-d", b"\x04")):
        terminal = Terminal(tmp_path)
        try:
            terminal.wait_for("> ")
            terminal.type(b"/kuis 1\r")
            started = terminal.wait_for("> ", terminal.wait_for("A. "))  # the first option is shown
            terminal.type(key)
            assert terminal.exit_code() == 0, name
            outputs[name] = terminal.output[started:].replace("^C", "").replace("^D", "").strip()
        finally:
            terminal.close()
    assert BYE in outputs["ctrl-c"]
    assert outputs["ctrl-c"] == outputs["ctrl-d"]
