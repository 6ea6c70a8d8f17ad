"""The wheel the Docker image installs: built from the sources, installed with pip into a fresh virtual
environment outside the repo, and run from a directory without content/, as in the container.

No Docker engine runs in CI, so this is how we know the image's `python -m bot` finds its bundled
content (bot/content, copied in by setup.py) and its migrations.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.content import load_content

REPO = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".ruff_cache", "data", "tests", "bench", ".env")
# The environment the installed bot sees: nothing that could point it back at the repo.
_LEAKS = {"PYTHONPATH", "CONTENT_DIR", "DATABASE_URL", "TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "VIRTUAL_ENV"}


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The python of a fresh venv with only the wheel (and its dependencies from PyPI) installed."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "src"
    shutil.copytree(REPO, source, ignore=SKIP)  # build from a copy: no build/ or egg-info in the repo
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(root / "dist"), str(source)], cwd=root)
    wheels = list((root / "dist").glob("tutor_diplomasi-*.whl"))
    assert len(wheels) == 1, wheels
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheels[0])], cwd=root)
    yield python
    shutil.rmtree(root, ignore_errors=True)  # a venv is large; pytest would keep the last three runs


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _LEAKS}
    env.update(extra)
    return env


def test_wheel_bundles_the_content_and_check_passes_outside_the_repo(installed: Path, tmp_path: Path) -> None:
    where = _run([str(installed), "-c", "import bot, pathlib; print(pathlib.Path(bot.__file__).parent)"],
                 cwd=tmp_path, env=_clean_env()).strip()
    assert Path(where).is_relative_to(installed.parent.parent), where  # the installed copy, not the repo's
    assert not (tmp_path / "content").exists()

    report = json.loads(_run([str(installed), "-m", "bot", "check", "--json"], cwd=tmp_path, env=_clean_env()))
    bank, problems = load_content(REPO / "content")
    assert not problems
    counts = {key: report[key] for key in ("topics", "faq", "quiz", "cards", "errors")}
    assert counts == {"topics": len(bank.topics), "faq": len(bank.faq), "quiz": len(bank.quiz), "cards": len(bank.cards),
                      "errors": []}
    assert report["warnings"] == [] and isinstance(report["stale"], list)  # stale depends on today's date
    assert report["faq"] > 0 and report["quiz"] > 0

    answer = json.loads(_run([str(installed), "-m", "bot", "ask", "--json", "apa itu kerja sama bilateral"],
                             cwd=tmp_path, env=_clean_env()))
    assert answer["faq_id"] is not None


def test_installed_package_migrates_a_database(installed: Path, tmp_path: Path) -> None:
    """The Alembic scripts are package data too: the console creates (and so migrates) a new SQLite
    file, and `stats`, which never creates one, then reads it."""
    db = tmp_path / "data" / "tutor.db"
    env = _clean_env(DATABASE_URL=f"sqlite:///{db}")
    done = subprocess.run([str(installed), "-m", "bot", "console"], cwd=tmp_path, env=env, input="/keluar\n",
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert db.is_file()
    assert f"Database: {db}" in _run([str(installed), "-m", "bot", "stats"], cwd=tmp_path, env=env)


def test_wheel_carries_the_mit_license_its_metadata_names(installed: Path, tmp_path: Path) -> None:
    script = ("import importlib.metadata as m, json; d = m.distribution('tutor-diplomasi'); "
              "print(json.dumps([d.metadata['License-Expression'], d.metadata.get_all('License-File'), "
              "d.read_text('licenses/LICENSE')]))")
    expression, files, text = json.loads(_run([str(installed), "-c", script], cwd=tmp_path, env=_clean_env()))
    assert expression == "MIT" and files == ["LICENSE"]
    assert text == (REPO / "LICENSE").read_text() and text.startswith("MIT License")
