"""Replies must not depend on Python's per-process hash seed: the bench figures and a student's answer
would otherwise change from one run (or one bot process) to the next."""

import json
import os
import subprocess
import sys
from pathlib import Path

QUESTIONS = [
    # two subject names of equal length ("permanent members", "Security Council"): ties are broken by the text
    "How many permanent members are there in the UN Security Council? a) 5 b) 6 c) 10 d) 15",
    "How many non-permanent members are there in the UN Security Council? a) 10 b) 15 c) 6 d) 5",
    "kapan dan di mana ASEAN didirikan",
    "Negara berikut yang bukan pendiri ASEAN adalah ... A. Filipina B. Singapura C. Vietnam D. Thailand",
    "apa bedanya bilateral sama multilateral",
    "OKI markasnya dimana",
]


def _ask_all(seed: str, tmp_path: Path) -> str:
    lines = "\n".join(json.dumps({"question": q}) for q in QUESTIONS) + "\n"
    # the content cache off: each process builds its own tutor under its own seed
    env = {**os.environ, "PYTHONHASHSEED": seed, "DATABASE_URL": f"sqlite:///{tmp_path}/none.db",
           "CONTENT_CACHE_DIR": "off"}
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "-"], input=lines, capture_output=True,
                          text=True, env=env, check=True, cwd=Path(__file__).parents[2], timeout=120)
    return done.stdout


def test_replies_are_the_same_under_different_hash_seeds(tmp_path: Path) -> None:
    first, second = _ask_all("1", tmp_path), _ask_all("2", tmp_path)
    assert len(first.splitlines()) == len(QUESTIONS)
    assert first == second
