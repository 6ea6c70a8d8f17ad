"""`make run`'s first install is quiet: setuptools' "BuildBackendWarning: Editable installation" block is
filtered out (it warns about folders named like the package, which is how this repo is laid out)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".ruff_cache", "data", "tests", "bench", ".env")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_run_install_prints_no_build_backend_warning(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=SKIP)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    planned = subprocess.run(["make", "-n", "-B", ".venv/.stamp-run", f"PY={python}"], cwd=source,
                             capture_output=True, text=True, check=True, timeout=60).stdout
    installs = [line.replace(" >&2", "") for line in planned.splitlines() if "pip install" in line]
    assert installs and " -e " in installs[-1], planned  # the pip upgrade, then the tutor itself
    for line in installs[:-1]:
        subprocess.run(["bash", "-c", line], cwd=source, capture_output=True, check=True, timeout=600)
    # the recipe as make runs it; dependencies left out, the warning comes from building the package itself
    done = subprocess.run(["bash", "-c", installs[-1] + " --no-deps"], cwd=source,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "BuildBackendWarning" not in done.stderr and "Editable installation" not in done.stderr, done.stderr
