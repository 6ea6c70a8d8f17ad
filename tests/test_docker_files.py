"""What can be checked about the container without a Docker engine (CI has none).

`make test` lints the Dockerfile with hadolint; these tests pin what the issue asks of the image,
the .dockerignore and compose.yaml, and that the build context still contains what the build copies.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = (REPO / "Dockerfile").read_text()


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def _ignore_patterns() -> list[str]:
    lines = (REPO / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _ignored(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; a pattern also excludes everything under it."""
    verdict = False
    for pattern in _ignore_patterns():
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, pattern.removeprefix("**/")) for p in prefixes):
            verdict = not negate
    return verdict


def test_multi_stage_slim_build_and_non_root_runtime() -> None:
    steps = _instructions()
    froms = [args for kw, args in steps if kw == "FROM"]
    assert len(froms) == 2 and all(f.startswith("python:3.11-slim") for f in froms), froms
    final = steps[max(i for i, (kw, _) in enumerate(steps) if kw == "FROM"):]
    runs = " ".join(args for kw, args in final if kw == "RUN")
    assert "--no-index" in runs and "from=builder" in runs  # installs the builder's wheels, no compilers
    assert not re.search(r"build-essential|gcc|-dev\b", runs)  # no compilers or headers at run time
    installed = re.findall(r"apt-get install ([^&]*)", runs)
    packages = {word for args in installed for word in args.split() if not word.startswith("-")}
    assert packages == {"tesseract-ocr", "tesseract-ocr-ind", "tesseract-ocr-eng"}, packages  # photo questions
    user = [args for kw, args in final if kw == "USER"]
    assert user and user[-1].split(":")[0] not in {"root", "0"}
    assert ("VOLUME", '["/data"]') in final
    env = " ".join(args for kw, args in final if kw == "ENV")
    assert "DATABASE_URL=sqlite:////data/tutor.db" in env


def test_healthcheck_and_command_use_the_bot_cli() -> None:
    steps = dict(_instructions())
    assert steps["CMD"] == '["python", "-m", "bot", "run"]'
    health = steps["HEALTHCHECK"]
    assert health.endswith('CMD ["python", "-m", "bot", "health"]')
    assert "--start-period" in health


def test_dockerignore_keeps_junk_out_and_the_build_inputs_in() -> None:
    for junk in (".venv", ".venv/bin/python", "data/tutor.db", "tests/test_cli.py", ".git/HEAD",
                 "bot/__pycache__/cli.cpython-311.pyc", ".pytest_cache", ".ruff_cache", ".env", "build/lib"):
        assert _ignored(junk), junk
    copied = []
    for keyword, args in _instructions():
        if keyword == "COPY" and "--from" not in args:
            copied.extend(shlex.split(args)[:-1])
    assert {"bot", "content", "setup.py", "pyproject.toml", "README.md"} <= set(copied)
    for source in copied:
        assert (REPO / source).exists(), f"the Dockerfile copies {source}, which is not in the repo"
        assert not _ignored(source), f".dockerignore excludes {source}, which the Dockerfile copies"
    assert not _ignored("content/faq/pbb.yaml") and not _ignored("bot/storage/migrations/env.py")


def test_compose_has_the_bot_a_named_volume_and_postgres_behind_a_profile() -> None:
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    services = compose["services"]
    bot = services["bot"]
    assert "profiles" not in bot  # `docker compose up` starts the bot
    assert bot["build"] == "."
    volume, _, target = bot["volumes"][0].partition(":")
    assert target == "/data" and volume in compose["volumes"]
    postgres = services["postgres"]
    assert postgres["profiles"] == ["postgres"]
    assert postgres["image"].startswith("postgres:")
    assert bot["depends_on"]["postgres"]["required"] is False  # works without the profile
    assert any(v.split(":")[0] in compose["volumes"] for v in postgres["volumes"])
