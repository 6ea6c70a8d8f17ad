"""`ask -` reads plain lines and JSON Lines; a line that starts like JSON but is not a question object is reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ask(*args: str, stdin: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=f"sqlite:///{tmp_path}/none.db")
    return subprocess.run([sys.executable, "-m", "bot", "ask", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def test_json_lines_and_plain_lines_mix_and_broken_json_gets_an_error_object(tmp_path: Path) -> None:
    lines = [
        json.dumps({"question": "apa itu asean"}),
        '{"question": "apa itu asean"',  # cut off: not taken as a question
        '{"pertanyaan": "apa itu asean"}',  # valid JSON, but no "question"
        "kapan indonesia masuk pbb",
    ]
    out = ask("--json", "-", stdin="\n".join(lines) + "\n", tmp_path=tmp_path)
    assert out.returncode == 1  # the answers are all there, but the input had mistakes
    first, broken, keyless, plain = (json.loads(line) for line in out.stdout.splitlines())
    assert first["question"] == "apa itu asean" and first["faq_id"]
    assert set(broken) == {"line", "error"} and broken["line"] == 2 and broken["error"].startswith("not valid JSON")
    assert keyless["line"] == 3 and '"question"' in keyless["error"]
    assert plain["question"] == "kapan indonesia masuk pbb" and "1950" in plain["answer"]


def test_plain_output_reports_a_broken_json_line_on_stderr(tmp_path: Path) -> None:
    out = ask("-", stdin='{"question": \n' + "apa itu asean\n", tmp_path=tmp_path)
    assert out.returncode == 1
    assert out.stderr.startswith("line 1: not valid JSON")
    assert "ASEAN" in out.stdout and "question" not in out.stdout
