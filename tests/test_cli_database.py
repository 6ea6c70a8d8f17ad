"""Which database the command line uses: read-only commands never create one; `ask` keeps unanswered questions."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNKNOWN = "rumus luas lingkaran"  # off-topic: never answered, always kept for the teacher


def run(*args: str, cwd: Path, database_url: str | None, stdin: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in {"TELEGRAM_BOT_TOKEN", "DATABASE_URL", "PORT"}}
    full_env["PYTHONPATH"] = str(ROOT)
    if database_url is not None:
        full_env["DATABASE_URL"] = database_url
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=full_env, timeout=120)


def rows(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT text, origin FROM unanswered_questions ORDER BY id").fetchall()


def test_stats_from_another_folder_fails_instead_of_creating_a_database(tmp_path: Path) -> None:
    out = run("stats", cwd=tmp_path, database_url=None)  # the default sqlite:///data/tutor.db, here
    assert out.returncode == 1
    assert out.stderr.strip() == (f"no database at {tmp_path / 'data' / 'tutor.db'}; set DATABASE_URL to the "
                                  "bot's database or run this from the bot's folder")
    assert list(tmp_path.iterdir()) == []  # neither data/ nor tutor.db


def test_stats_with_a_mistyped_path_creates_no_folders(tmp_path: Path) -> None:
    out = run("stats", cwd=tmp_path, database_url=f"sqlite:///{tmp_path}/srv/tutr/tutor.db")
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1
    assert "no database at" in out.stderr and not (tmp_path / "srv").exists()


def test_stats_refuses_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "tutor.db").touch()  # e.g. left behind by an older version's `stats`
    out = run("stats", cwd=tmp_path, database_url=f"sqlite:///{tmp_path}/tutor.db")
    assert out.returncode == 1 and "holds no tutor data" in out.stderr


def test_health_creates_no_database(tmp_path: Path) -> None:
    out = run("health", cwd=tmp_path, database_url=None, env={"PORT": "9"})  # nothing listens on port 9
    assert out.returncode == 1 and "127.0.0.1:9" in out.stderr
    assert list(tmp_path.iterdir()) == []


def test_ask_keeps_unanswered_questions_with_their_origin(tmp_path: Path) -> None:
    db = tmp_path / "tutor.db"
    url = f"sqlite:///{db}"
    out = run("ask", UNKNOWN, cwd=tmp_path, database_url=url)
    assert out.returncode == 0 and not db.exists()  # `ask` never creates the database ...
    assert out.stderr.strip() == (f"no database at {db}: unanswered questions are not kept for the teacher "
                                  "(`python -m bot run` or `console` creates the database)")
    assert run("console", cwd=tmp_path, database_url=url, stdin="kenapa langit biru\n").returncode == 0
    out = run("ask", UNKNOWN, cwd=tmp_path, database_url=url)  # ... but uses the one the bot made
    assert out.returncode == 0 and out.stderr == ""
    out = run("ask", "--json", "-", cwd=tmp_path, database_url=url,
              stdin=f"apa itu asean\n{{\"question\": \"{UNKNOWN} kak\"}}\n")
    assert out.returncode == 0, out.stderr
    assert rows(db) == [("kenapa langit biru", "console"), (UNKNOWN, "ask"), (f"{UNKNOWN} kak", "ask")]
    stats = run("stats", cwd=tmp_path, database_url=url)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.splitlines()[0] == f"Database: {db}"
    assert "Asalnya: ask 2, console 1" in stats.stdout
