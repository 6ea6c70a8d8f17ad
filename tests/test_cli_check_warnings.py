"""`python -m bot check` reports quiz-writing warnings and stale facts without failing, in text and JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from bot.settings import REPO_CONTENT
from tests.test_cli import ROOT, cli_env


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", "check", *args], capture_output=True, text=True,
                          cwd=ROOT, env=cli_env(), timeout=120)


def test_shipped_bank_has_no_warnings_and_nothing_stale_today() -> None:
    out = check("--json")
    data = json.loads(out.stdout)
    assert out.returncode == 0
    assert data["errors"] == [] and data["warnings"] == []
    assert isinstance(data["stale"], list)


def test_warnings_and_stale_facts_do_not_fail_the_check(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, content)
    faq_file = content / "faq" / "regional.yaml"
    faq = yaml.safe_load(faq_file.read_text(encoding="utf-8"))
    faq["faq"][0].update(as_of="2020-01-01", review_by="2021-01-01")  # long past its review date
    faq_file.write_text(yaml.safe_dump(faq, allow_unicode=True), encoding="utf-8")
    quiz_file = content / "quiz" / "regional.yaml"
    quiz = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    bad = quiz["quiz"][0]
    bad["options"] = ["PBB", "OKI", "IK-CEPA", "ASEAN, kerja sama negara-negara di kawasan Asia Tenggara"]
    bad["answer"] = 3
    quiz_file.write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")

    out = check("--json", "--dir", str(content))
    data = json.loads(out.stdout)
    assert out.returncode == 0 and data["errors"] == []
    assert {(w["file"], w["id"], w["field"]) for w in data["warnings"]} >= {
        ("quiz/regional.yaml", bad["id"], "key-length"), ("quiz/regional.yaml", bad["id"], "mixed-form")}
    assert [s["id"] for s in data["stale"]] == [faq["faq"][0]["id"]]

    text = check("--dir", str(content))
    assert text.returncode == 0
    assert f"warning: quiz/regional.yaml [{bad['id']}] key-length:" in text.stdout
    assert f"warning: stale faq [{faq['faq'][0]['id']}]: review_by 2021-01-01 has passed" in text.stdout
    assert "1 stale fact(s)" in text.stdout.splitlines()[-1]
