"""`python -m bot ask --image FILE`: a photo read from the command line gets the typed question's answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.photos import make_blank, make_photo, with_options
from tests.test_cli import run
from tests.test_ocr import needs_tesseract

QUESTION = "kapan indonesia masuk PBB? jelaskan!"


def typed(question: str) -> dict:
    done = run("ask", "--json", question)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@needs_tesseract
def test_ask_image_json_reads_the_question_and_answers_it_as_typed(tmp_path: Path) -> None:
    image = tmp_path / "soal.jpg"
    image.write_bytes(make_photo(QUESTION, seed=21, tilt=False).data)
    done = run("ask", "--image", str(image), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["photo"] == "single" and report["read"].lower().startswith("kapan indonesia masuk pbb")
    [answer] = report["answers"]
    assert answer["faq_id"] == typed(QUESTION)["faq_id"] == "indonesia-anggota-pbb"


@needs_tesseract
def test_ask_image_plain_text_answers_a_worksheet_question_with_its_option(tmp_path: Path) -> None:
    worksheet = with_options("Organisasi kerja sama regional negara-negara di kawasan Asia Tenggara adalah ....",
                             ["OKI", "ASEAN", "APEC", "OPEC"])
    image = tmp_path / "lks.jpg"
    image.write_bytes(make_photo(worksheet, seed=22, tilt=False).data)
    done = run("ask", "--image", str(image))
    assert done.returncode == 0, done.stderr
    assert "Aku membaca" in done.stdout and "Jawabannya B. ASEAN" in done.stdout and "<b>" not in done.stdout


@needs_tesseract
def test_ask_image_without_text_says_so_and_answers_nothing(tmp_path: Path) -> None:
    image = tmp_path / "selfie.jpg"
    image.write_bytes(make_blank(23))
    done = run("ask", "--image", str(image), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["photo"] == "unreadable" and report["answers"] == []


@needs_tesseract
@pytest.mark.parametrize(("content", "message"), [
    (b"%PDF-1.4 not a picture", "is not an image"),
    (None, "cannot read"),
])
def test_ask_image_bad_files_exit_one_with_one_line(tmp_path: Path, content: bytes | None, message: str) -> None:
    image = tmp_path / "soal.jpg"
    if content is not None:
        image.write_bytes(content)
    done = run("ask", "--image", str(image))
    assert done.returncode == 1 and done.stdout == ""
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_ask_image_without_tesseract_says_photos_cannot_be_read(tmp_path: Path) -> None:
    image = tmp_path / "soal.jpg"
    image.write_bytes(b"\xff\xd8 whatever")
    done = run("ask", "--image", str(image), env={"TESSERACT_CMD": "/nonexistent/tesseract"})
    assert done.returncode == 1 and "cannot read photos here" in done.stderr
