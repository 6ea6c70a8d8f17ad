"""A YAML syntax error in one content file: `run` says so in one line (file, line, what is wrong) and
exits 1 before contacting Telegram; `check` names that one cause, not the dozens of entries elsewhere
that refer to the broken file's FAQ ids."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.settings import REPO_CONTENT
from tests.fakes.bot_api import FakeBotApi
from tests.test_runner import _OURS, REPO, free_port

BROKEN_FILE = "faq/asean.yaml"


def broken_content(tmp_path: Path) -> Path:
    """The shipped content with line 7 of faq/asean.yaml turned into an unclosed `[`: other files
    name many of its FAQ ids, so every one of those would become a knock-on error."""
    content = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, content)
    path = content / BROKEN_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[6].strip() == "variants:"
    lines[6] = "    variants: [unclosed"
    path.write_text("\n".join(lines), encoding="utf-8")
    return content


def expected_line(line: str) -> bool:
    return (line.startswith(f"content is invalid: {BROKEN_FILE}: YAML syntax error (line 8): ")
            and "expected ',' or ']'" in line and "line 7" in line)


async def test_run_with_broken_content_says_why_in_one_line_and_never_contacts_telegram(tmp_path: Path) -> None:
    content = broken_content(tmp_path)
    async with FakeBotApi() as api:
        env = {k: v for k, v in os.environ.items() if k not in _OURS}
        env.update(TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url, CONTENT_DIR=str(content),
                   DATABASE_URL=f"sqlite:///{tmp_path}/tutor.db", PYTHONPATH=str(REPO), PORT=str(free_port()))
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 1, err.decode()
        lines = err.decode().splitlines()
        assert len(lines) == 1 and expected_line(lines[0]), lines
        assert "more problem" not in lines[0] and len(lines[0]) < 300
        assert not out
        assert api.calls == []  # not even getMe: the content is checked first
    assert not (tmp_path / "tutor.db").exists()


def test_check_names_the_one_cause_and_leaves_out_its_knock_on_errors(tmp_path: Path) -> None:
    content = broken_content(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in _OURS}
    result = subprocess.run([sys.executable, "-m", "bot", "check", "--dir", str(content)], capture_output=True,
                            text=True, cwd=REPO, env=env, timeout=60)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if not line.startswith("warning:")]
    assert len(problems) == 2, problems  # the cause, then the summary
    assert expected_line("content is invalid: " + problems[0])
    assert problems[1].endswith(": 1 problem(s)") or ": 1 problem(s)," in problems[1]
