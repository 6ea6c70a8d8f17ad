"""The command line: `ask` (plain, JSON, JSON Lines), `check`, the console over a pipe, bad usage."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bot.settings import REPO_CONTENT

ROOT = Path(__file__).resolve().parent.parent
DB_DIR = tempfile.mkdtemp(prefix="cli-test-")


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    full_env["DATABASE_URL"] = f"sqlite:///{DB_DIR}/cli.db"
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=full_env, timeout=60)


def test_ask_json_contract() -> None:
    out = run("ask", "--json", "kerjasama yg cuma 2 negara namanya apa sih kak")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"question", "faq_id", "confidence", "answer", "suggestions"}
    assert data["faq_id"] == "bilateral-pengertian"
    assert 0.0 <= data["confidence"] <= 1.0
    assert "<b>" in data["answer"]


def test_ask_json_lines_from_stdin() -> None:
    questions = ["apa itu asean", "rumus luas lingkaran", "halo", "", "kapan indonesia masuk pbb"]
    out = run("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == len(questions)
    rows = [json.loads(line) for line in lines]
    assert [r["question"] for r in rows][:3] == questions[:3]
    assert rows[1]["faq_id"] is None
    assert rows[2]["faq_id"] is None  # small talk
    assert all(isinstance(r["suggestions"], list) for r in rows)


def test_ask_plain_text() -> None:
    out = run("ask", "apa itu kerja sama bilateral")
    assert out.returncode == 0 and "<b>" not in out.stdout and "bilateral" in out.stdout.lower()


def test_check_json_reports_counts() -> None:
    out = run("check", "--json")
    data = json.loads(out.stdout)
    assert out.returncode == 0 and data["errors"] == []
    assert data["faq"] >= 90 and data["quiz"] >= 180 and data["topics"] >= 10


def test_check_fails_on_bad_content(tmp_path: Path) -> None:
    (tmp_path / "topics.yaml").write_text("topics: [", encoding="utf-8")
    out = run("check", "--dir", str(tmp_path))
    assert out.returncode == 1 and "topics.yaml" in out.stdout


def test_check_reports_phrasings_two_entries_share(tmp_path: Path) -> None:
    shutil.copytree(REPO_CONTENT, tmp_path / "content")
    faq = tmp_path / "content" / "faq" / "regional.yaml"
    data = yaml.safe_load(faq.read_text(encoding="utf-8"))
    entry = data["faq"][0]
    entry["variants"].append("apa itu kerja sama bilateral")  # the bilateral entry's own question
    faq.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = run("check", "--json", "--dir", str(tmp_path / "content"))
    errors = json.loads(out.stdout)["errors"]
    assert out.returncode == 1
    assert [(e["file"], e["id"], e["field"]) for e in errors] == [("faq/regional.yaml", entry["id"], "variants")]
    assert "bilateral-pengertian" in errors[0]["message"]


def test_console_over_a_pipe_answers_and_exits() -> None:
    out = run(stdin="apa itu bilateral\n")
    assert out.returncode == 0, out.stderr
    assert "TELEGRAM_BOT_TOKEN" in out.stderr  # the one-line hint
    assert "bilateral" in out.stdout.lower()


def test_console_quiz_with_numbers() -> None:
    out = run("console", stdin="/kuis asean 2\n1\n2\n")
    assert out.returncode == 0, out.stderr
    assert "Soal 1/2" in out.stdout and "Soal 2/2" in out.stdout and "Skor kamu" in out.stdout


def test_console_suggestion_by_number() -> None:
    out = run("console", stdin="kerja sama negara\n1\n")
    assert out.returncode == 0


def test_bad_usage_exits_non_zero_with_one_line() -> None:
    out = run("frobnicate")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1


def test_bad_setting_is_named() -> None:
    out = run("ask", "halo", env={"BOT_TIMEZONE": "Mars/Olympus"})
    assert out.returncode == 2 and "BOT_TIMEZONE" in out.stderr


def test_console_logs_unanswered_questions_for_the_teacher(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    out = run("console", stdin="rumus luas lingkaran\napa itu kerja sama bilateral\n",
              env={"DATABASE_URL": f"sqlite:///{db}"})
    assert out.returncode == 0, out.stderr
    rows = sqlite3.connect(db).execute("SELECT chat_id, text FROM unanswered_questions").fetchall()
    assert rows == [(None, "rumus luas lingkaran")]
