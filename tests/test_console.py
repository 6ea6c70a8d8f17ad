"""The console tutor, driven line by line: quizzes answered as on a worksheet, and a quiz that
explains itself when a student types something else."""

from __future__ import annotations

import io
import random

import pytest

from bot.cli import build_parser
from bot.console import Console
from bot.core.content import load_bank
from bot.core.conversation import Tutor
from bot.settings import REPO_CONTENT

TUTOR = Tutor(load_bank(REPO_CONTENT))
OLD_DEAD_END = "Jawab dengan nomor pilihan"


async def talk(*lines: str, lang: str = "id") -> tuple[str, Console]:
    """Run a console over `lines` (then end of input); everything it printed, and the console."""
    out = io.StringIO()
    console = Console(TUTOR, out, lang, rng=random.Random(7))
    pending = list(lines)

    async def read_line() -> str | None:
        return pending.pop(0) + "\n" if pending else None

    await console.run(read_line)
    return out.getvalue(), console


def _correct_letter(printed: str, question_number: int, total: int) -> str:
    """The letter of the right option of the question printed as "Soal n/total"."""
    block = printed.split(f"Soal {question_number}/{total}: ")[1]
    stem = block.splitlines()[0]
    question = next(q for q in TUTOR.bank.quiz.values() if q.question == stem)
    right = question.options[question.answer]
    line = next(ln for ln in block.splitlines()[1:] if ln.strip().endswith(f". {right}") or ln.strip()[3:] == right)
    return line.strip()[0]


@pytest.mark.parametrize("style", ["{}", "{lower}", "{lower}.", "({lower})", "jawabannya {}"])
async def test_letters_answer_quiz_questions(style: str) -> None:
    first, _ = await talk("/kuis asean 1")
    letter = _correct_letter(first, 1, 1)
    answer = style.format(letter, lower=letter.lower())
    printed, _ = await talk("/kuis asean 1", answer)  # the same seed asks the same question
    assert "✅ Benar!" in printed, answer
    assert "Skor kamu 1/1" in printed


async def test_numbers_still_answer() -> None:
    printed, _ = await talk("/kuis asean 2", "1", "2")
    assert "Soal 2/2" in printed and "Skor kamu" in printed


async def test_quiz_start_says_how_to_stop() -> None:
    printed, _ = await talk("/kuis asean 1")
    assert "/batal" in printed.split("Soal 1/1")[0]


async def test_keluar_in_a_quiz_cancels_only_the_quiz() -> None:
    printed, console = await talk("/kuis asean 3", "/keluar", "apa itu asean", "/keluar", "apa itu pbb")
    assert "Kuis dibatalkan" in printed and "/keluar sekali lagi" in printed
    after = printed.split("Kuis dibatalkan")[1]
    assert "Association of Southeast Asian Nations" in after or "ASEAN" in after  # still answering
    assert "Soal 2/3" not in printed
    assert "Perserikatan Bangsa-Bangsa adalah" not in printed  # the second /keluar left
    assert printed.rstrip().endswith("Sampai jumpa! 👋") and not console.done


async def test_commands_in_a_quiz_are_carried_out_or_explained() -> None:
    printed, _ = await talk("/kuis asean 1", "/topik", "/bantuan", "/foo", "apa itu pbb", "9", "a")
    assert OLD_DEAD_END not in printed
    assert "/kuis kaa" in printed  # /topik was shown, with what to type
    assert printed.count("Soal 1/1: ") == 3  # shown again after /topik and /bantuan: the quiz waits
    assert "/batal untuk berhenti" in printed
    assert "Perintah itu tidak ada di konsol" in printed
    assert "Mau bertanya dulu? Ketik /batal" in printed  # a question mid-quiz is explained
    assert "Jawab dengan huruf A–D" in printed  # "9" is out of range
    assert "Skor kamu" in printed  # and "a" still answered


async def test_kuis_in_a_quiz_replaces_it() -> None:
    printed, _ = await talk("/kuis asean 3", "/kuis kaa 1", "a")
    assert "Kuis tadi kuhentikan" in printed
    assert "Soal 1/1" in printed and "Skor kamu" in printed and "Soal 2/3" not in printed


async def test_topic_names_and_unknown_topics() -> None:
    printed, _ = await talk("/kuis kaa 1", "a", "/kuis gnb 1", "a", "/kuis astronomi", "/kuis indonesia")
    assert printed.count("Skor kamu") == 2
    assert "belum kenal topik «astronomi»" in printed
    unknown = printed.split("«astronomi»")[1].split("«indonesia»")[0]
    assert unknown.count("/kuis ") == len(TUTOR.bank.topics)  # every topic, with what to type
    which = printed.split("«indonesia» cocok dengan beberapa topik")[1]
    assert "/kuis indonesia pbb" in which and "/kuis tokoh diplomasi" in which


async def test_topik_and_help_show_what_to_type() -> None:
    printed, _ = await talk("/topik")
    assert "KAA dan Gerakan Non-Blok – /kuis kaa" in printed
    english, _ = await talk("/topik", lang="en")
    assert "Asia-Africa Conference and the Non-Aligned Movement – /kuis kaa" in english


async def test_batal_without_a_quiz_says_so() -> None:
    printed, _ = await talk("/batal")
    assert "Tidak ada kuis" in printed and "Perintah itu tidak ada" not in printed


async def test_english_interface_says_answers_stay_indonesian() -> None:
    printed, _ = await talk("apa itu asean", lang="en")
    assert "answers and quiz questions stay in Indonesian" in printed.splitlines()[1]


def test_lang_option_help_says_answers_stay_indonesian() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices
    for command in ("console", "ask"):
        lang = next(a for a in sub[command]._actions if a.dest == "lang")
        assert lang.help is not None and "stay in Indonesian" in lang.help

