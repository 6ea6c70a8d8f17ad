"""The decisions about a photo's text: cleaning, readable or not, numbered questions, the reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.content import load_bank
from bot.core.conversation import Tutor
from bot.core.markup import html_problem
from bot.core.photo_text import (
    MAX_SHOWN_CHARS,
    answer_photo,
    clean,
    first_paragraph,
    is_readable,
    numbered_questions,
    read_photo_text,
    shown,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor(load_bank(CONTENT))


def test_clean_joins_hyphenated_breaks_keeps_reduplication_and_drops_noise_lines() -> None:
    raw = "Salah satu ben-\ntuk kerja sama negara-\nnegara\n~~ — ..\n  dinamakan   dengan “…”  \n|||"
    assert clean(raw) == 'Salah satu bentuk kerja sama negara-negara\ndinamakan dengan "…"'


@pytest.mark.parametrize("text", [
    "Kapan ASEAN didirikan?",
    "Sebutkan 3 manfaat kerja sama bilateral!",
    "PBB berdiri tahun 1945",
])
def test_questions_are_readable(text: str) -> None:
    assert is_readable(text)


@pytest.mark.parametrize("text", ["", "~ ~ | ;", "xq zz kk ttt", "@#$ %^ 123456789 \\\\", "Hi"])
def test_scraps_from_faces_and_memes_are_not(text: str) -> None:
    assert not is_readable(text)


def test_numbered_questions_keep_their_options_and_need_a_run() -> None:
    text = ("1. Kapan ASEAN berdiri?\nA. 1967\nB. 1945\n2. Di mana markas PBB?\n"
            "3) Apa itu kerja sama bilateral?")
    assert numbered_questions(text) == [
        (1, "Kapan ASEAN berdiri?\nA. 1967\nB. 1945"),
        (2, "Di mana markas PBB?"),
        (3, "Apa itu kerja sama bilateral?"),
    ]
    assert numbered_questions("1. Kapan ASEAN berdiri?") == []  # one numbered line is one question
    assert numbered_questions("Tahun\n1945. PBB berdiri\n1967. ASEAN berdiri") == []  # years, not numbers


def test_read_photo_text_decides_unreadable_single_several_and_choose() -> None:
    assert read_photo_text("~~ || ..").kind == "unreadable"
    assert read_photo_text("kapan indonesia masuk PBB? jelaskan!").kind == "single"
    few = read_photo_text("1. Apa itu ASEAN?\n2. Kapan PBB berdiri?")
    assert few.kind == "several" and [n for n, _ in few.questions] == [1, 2]
    many = "\n".join(f"{i}. Jelaskan peran Indonesia dalam organisasi nomor {i}!" for i in range(1, 8))
    assert read_photo_text(many).kind == "choose"


def test_shown_cuts_at_a_word_and_says_so() -> None:
    long_text = "kerja sama " * 60
    cut = shown(long_text)
    assert len(cut) <= MAX_SHOWN_CHARS + 2 and cut.endswith(" …") and "  " not in cut


def test_first_paragraph_of_every_shipped_answer_is_valid_html(tutor: Tutor) -> None:
    for faq_id in tutor.bank.faq:
        brief = first_paragraph(tutor.answer(faq_id).text)
        assert brief and html_problem(brief) is None, faq_id


def test_first_paragraph_falls_back_to_plain_text_when_a_tag_spans_the_cut() -> None:
    assert first_paragraph("<b>awal\n\nakhir</b>") == "awal"


def test_answer_photo_single_is_the_typed_answer_after_what_was_read(tutor: Tutor) -> None:
    question = "kapan indonesia masuk PBB?"
    answer = answer_photo(read_photo_text(question), tutor)
    typed = tutor.reply(question)
    assert answer.text.startswith("📷 Aku membaca: «kapan indonesia masuk PBB?»")
    assert answer.text.endswith(typed.text) and typed.kind == "answer"


def test_answer_photo_several_answers_each_number_briefly(tutor: Tutor) -> None:
    answer = answer_photo(read_photo_text("1. Apa itu kerja sama bilateral?\n2. ikan paus bernapas dengan apa?"),
                          tutor)
    assert "<b>1.</b>" in answer.text and "<b>2.</b>" in answer.text
    first, second = (reply for _, reply in answer.replies)
    assert first.kind == "answer" and first_paragraph(first.text) in answer.text
    assert second.unanswered and "belum bisa kujawab" in answer.text
    assert html_problem(answer.text) is None


def test_unreadable_photo_gets_a_friendly_note_and_no_answer(tutor: Tutor) -> None:
    answer = answer_photo(read_photo_text("|| ~~"), tutor)
    assert answer.replies == () and "tidak menemukan tulisan" in answer.text


def test_first_paragraph_skips_the_bold_title(tutor: Tutor) -> None:
    text = tutor.reply("apa itu kerja sama bilateral?").text
    assert text.startswith("<b>") and "dua negara" in first_paragraph(text)
