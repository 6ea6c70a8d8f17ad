"""The command line: `ask` (plain, JSON, JSON Lines), `check`, the console over a pipe, bad usage."""

import atexit
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bot.core.content import load_bank
from bot.core.markup import strip_tags
from bot.settings import REPO_CONTENT

ROOT = Path(__file__).resolve().parent.parent
DB_DIR = tempfile.mkdtemp(prefix="cli-test-")
atexit.register(shutil.rmtree, DB_DIR, ignore_errors=True)
BANK = load_bank(REPO_CONTENT)
NUMBER_HINT = "Ketik pertanyaanmu, atau nomor dari pilihan yang ada."


def cli_env(env: dict | None = None) -> dict:
    full_env = {k: v for k, v in os.environ.items() if k not in {"TELEGRAM_BOT_TOKEN", "QUIZ_LENGTH"}}
    full_env["DATABASE_URL"] = f"sqlite:///{DB_DIR}/cli.db"
    full_env.update(env or {})
    return full_env


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=cli_env(env), timeout=60)


def run_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=cli_env(), timeout=60)


def unanswered(db: Path) -> list[str]:
    return [row[0] for row in sqlite3.connect(db).execute("SELECT text FROM unanswered_questions")]


def test_ask_json_contract() -> None:
    out = run("ask", "--json", "kerjasama yg cuma 2 negara namanya apa sih kak")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"question", "faq_id", "confidence", "answer", "suggestions", "intent"}
    assert data["intent"] == "definition"
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


def test_ask_reads_json_lines_with_pasted_multiple_choice() -> None:
    pasted = "ASEAN didirikan pada tanggal ...\nA. 17 Agustus 1945\nB. 8 Agustus 1967\nC. 24 Oktober 1945\nD. 1 Mei 1970"
    stdin = json.dumps({"question": pasted}) + "\n" + "kapan asean berdiri\n"
    out = run("ask", "--json", "-", stdin=stdin)
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert first["question"] == pasted and first["choice"] == "B" and "8 Agustus 1967" in first["answer"]
    assert second["intent"] == "when" and "choice" not in second and "1967" in second["answer"]


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
    assert out.returncode == 0, out.stderr
    assert "Maksud kamu" in out.stdout
    first = re.search(r"^1\. (.+)$", out.stdout, re.MULTILINE)
    assert first is not None
    entry = next(e for e in BANK.faq.values() if e.question == first.group(1))
    after = out.stdout[first.end():]
    assert strip_tags(entry.answer).splitlines()[0] in after  # the picked answer, not a new search


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


def test_console_bare_number_without_choices_gets_a_hint(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    out = run("console", stdin="7\n/foo bar\nkerja sama negara\n9\n2\n", env={"DATABASE_URL": f"sqlite:///{db}"})
    assert out.returncode == 0, out.stderr
    assert NUMBER_HINT in out.stdout
    assert "Perintah itu tidak ada di konsol" in out.stdout and "/kuis" in out.stdout
    assert "Pilih nomor 1–3" in out.stdout  # out of range: the list stays, so "2" still picks
    before, after = out.stdout.split("Pilih nomor 1–3", 1)
    second = re.search(r"^2\. (.+)$", before, re.MULTILINE)
    assert second, before  # the suggestion list for "kerja sama negara"
    assert "kerja sama" in second[1] and second[1] in after  # "2" answers the second suggestion
    assert unanswered(db) == ["kerja sama negara"]  # never "7" or "/foo bar"


def test_console_number_after_an_answer_is_not_a_question() -> None:
    out = run("console", stdin="apa itu asean\n5\n")
    assert out.stdout.count(NUMBER_HINT) == 1 and "belum tahu" not in out.stdout


def test_console_quiz_bad_count_and_topic() -> None:
    out = run("console", stdin="/kuis pbb 100\n/kuis 0\n/kuis marsupial\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Jumlah soal harus 1 sampai 20") == 2
    assert "belum kenal topik «marsupial»" in out.stdout and "/kuis asean" in out.stdout
    assert "Belum ada soal kuis" not in out.stdout


def test_console_quiz_length_follows_the_setting() -> None:
    out = run("console", stdin="/kuis asean\n1\n1\n", env={"QUIZ_LENGTH": "2"})
    assert "Soal 2/2" in out.stdout and "Skor kamu" in out.stdout


def test_console_cancel_ends_the_quiz_and_quit_ends_the_console() -> None:
    out = run("console", stdin="/kuis asean 3\n1\n/batal\napa itu asean\n/kuis 2\n/keluar\n/keluar\napa itu pbb\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Kuis dibatalkan.") == 2
    assert "Soal 3/3" not in out.stdout
    assert "ASEAN" in out.stdout.split("Kuis dibatalkan.")[1]  # the console goes on after /batal
    assert "Perserikatan Bangsa-Bangsa adalah" not in out.stdout  # the second /keluar quits
    assert out.stdout.rstrip().endswith("Sampai jumpa! 👋")


def test_console_quiz_summary_numbers_what_to_review() -> None:
    out = run("console", stdin="/kuis 20\n" + "1\n" * 20 + "1\n")  # always "1": some answers are wrong
    assert out.returncode == 0, out.stderr
    summary = out.stdout.split("Skor kamu")[1]
    assert "Yang perlu dipelajari lagi:" in summary and "/ulang" not in summary and "?." not in summary
    first = re.search(r"^1\. (.+)$", summary, re.MULTILINE)
    assert first is not None
    entry = next(e for e in BANK.faq.values() if e.question == first.group(1))
    assert strip_tags(entry.answer).splitlines()[0] in summary  # "1" after the quiz opens that answer


def test_ask_json_into_head_exits_quietly(tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text("apa itu asean\n" * 3000, encoding="utf-8")
    out = subprocess.run(["bash", "-o", "pipefail", "-c", f"'{sys.executable}' -m bot ask --json - < '{questions}' | head -1"],
                         capture_output=True, text=True, cwd=ROOT, env=cli_env(), timeout=120)
    assert out.returncode == 0 and out.stderr == ""
    assert json.loads(out.stdout)["faq_id"] == "asean-pengertian"


def test_ask_json_survives_invalid_utf8_and_echoes_long_questions() -> None:
    long_question = "apa itu asean " * 100
    out = run_bytes("ask", "--json", "-", stdin=b"apa itu \xff asean\n" + long_question.encode() + b"\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]  # strict: valid UTF-8
    assert rows[0]["question"] == "apa itu \ufffd asean"
    assert rows[1]["question"] == long_question.strip()
    assert "panjang sekali" in rows[1]["answer"]


def test_check_reports_undecodable_and_lexicon_mistakes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, content)
    (content / "faq" / "latin1.yaml").write_bytes("faq:\n  - id: kerja\n    question: caf\xe9\n".encode("latin-1"))
    (content / "lexicon.yaml").write_text("slang:\n  gaada:\n  no: tidak\n  salah satu: ''\n"
                                          "protected:\n  - pbb\n  -\n  - [a, b]\n", encoding="utf-8")
    out = run("check", "--json", "--dir", str(content))
    assert out.returncode == 1
    found = {(e["file"], e["id"], e["field"]) for e in json.loads(out.stdout)["errors"]}
    assert found == {("faq/latin1.yaml", None, None), ("lexicon.yaml", "gaada", "slang"),
                     ("lexicon.yaml", "False", "slang"), ("lexicon.yaml", None, "protected[1]"),
                     ("lexicon.yaml", None, "protected[2]")}
    text = run("check", "--dir", str(content)).stdout
    assert "faq/latin1.yaml: is not valid UTF-8" in text and "Traceback" not in text


def test_check_yaml_error_in_lexicon_is_one_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, content)
    (content / "lexicon.yaml").write_text("slang: [\n", encoding="utf-8")
    lines = run("check", "--dir", str(content)).stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("lexicon.yaml: YAML syntax error (line 2)")


def test_missing_or_file_content_dir(tmp_path: Path) -> None:
    missing = run("check", env={"CONTENT_DIR": str(tmp_path / "nope")})
    assert missing.stdout.startswith(f"content directory {tmp_path / 'nope'} does not exist")
    a_file = tmp_path / "content.yaml"
    a_file.write_text("x", encoding="utf-8")
    assert "is not a directory" in run("check", "--dir", str(a_file)).stdout


def test_invalid_content_names_the_first_problem(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, content)
    (content / "lexicon.yaml").write_text("slang:\n  gaada:\n", encoding="utf-8")
    for args in (("ask", "halo"), ("console",)):
        out = run(*args, stdin="", env={"CONTENT_DIR": str(content)})
        assert out.returncode == 1
        assert out.stderr.strip().splitlines() == [
            'content is invalid: lexicon.yaml [gaada] slang: the replacement must be text, not empty; '
            'write "" to drop the word (see `python -m bot check`)']


def test_bad_admin_id_is_named() -> None:
    out = run("ask", "halo", env={"ADMIN_USER_IDS": "12,abc"})
    assert out.returncode == 2
    assert "ADMIN_USER_IDS " in out.stderr and "'abc'" in out.stderr and "ADMIN_USER_IDS_1" not in out.stderr
