"""Small talk gets a friendly reply and never an FAQ answer."""

import pytest

from bot.core.smalltalk import classify, strip_pleasantries


@pytest.mark.parametrize(("text", "kind"), [
    ("halo", "greeting"), ("Halooo kak", "greeting"), ("makasih kak!", "thanks"), ("ok", "ack"),
    ("wkwkwk", "laugh"), ("siapa kamu?", "who"), ("ok makasih", "thanks"), ("Terima kasih banyak", "thanks"),
    ("bye", "bye"), ("thank u", "thanks"), ("okk", "ack"), ("you are a bot?", "who"), ("kamu pinter", "praise"),
    ("terus?", "more"), ("lanjut", "more"), ("gk ngerti", "confused"), ("ngga tau", "confused"),
    ("bisa ulangi", "confused"), ("kak kamu tinggal dimana", "about_me"), ("lagi ngapain kak", "about_me"),
    ("kamu umur berapa?", "about_me"), ("makasih kak udh bantu", "thanks"),
    ("what is your name?", "who"), ("kamu siapa sih sebenernya", "who"), ("emang kamu siapa", "who"), ("namamu siapa kak", "who"), ("siapa yg bikin kamu", "who"),
])
def test_small_talk_is_recognised(text: str, kind: str) -> None:
    assert classify(text) == kind


@pytest.mark.parametrize("text", ["apa itu bilateral", "hai, apa itu PBB", "PBB", "siapa pendiri ASEAN", "",
                                  "ngapain indonesia ikut PBB", "dimana markas ASEAN"])
def test_questions_are_not_small_talk(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize(("text", "question"), [
    ("halo kak apa itu pbb", "apa itu pbb"),
    ("permisi kak mau tanya apa itu ASEAN?", "apa itu ASEAN?"),
    ("wkwkwk apa itu asean", "apa itu asean"),
    ("assalamualaikum kak, bilateral itu apa ya makasih kak", "bilateral itu apa"),
    ("selamat pagi kak, apa itu diplomasi", "apa itu diplomasi"),
])
def test_pleasantries_around_a_question_are_removed(text: str, question: str) -> None:
    assert strip_pleasantries(text) == question


@pytest.mark.parametrize("text", [
    "apa itu pbb", "baik buruknya kerja sama internasional", "sudah berapa lama Indonesia di PBB", "halo", "kak",
])
def test_questions_and_pure_small_talk_are_left_alone(text: str) -> None:
    assert strip_pleasantries(text) == text


@pytest.mark.parametrize(("text", "kind"), [
    # religious greetings: each gets its own answer
    ("assalamualaikum", "salam"), ("Assalamu'alaikum kak", "salam"), ("assalamualaikum wr wb", "salam"),
    ("Asalamualaikum warahmatullahi wabarakatuh", "salam"), ("shalom", "shalom"), ("syalom kak", "shalom"),
    ("om swastiastu", "swastiastu"), ("Om Swastiastu kak", "swastiastu"), ("namo buddhaya", "buddhaya"),
    ("salam sejahtera", "sejahtera"), ("salam kebajikan", "kebajikan"),
    # feelings
    ("kak aku sedih", "sad"), ("aku sedih banget", "sad"), ("lagi galau kak", "sad"), ("aku takut ujian", "sad"),
    ("aku bodoh banget", "sad"), ("capek bgt", "tired"), ("aku capek belajar", "tired"), ("ngantuk kak", "tired"),
    ("bosen banget", "tired"),
    # frustration
    ("anjir susah bgt", "frustrated"), ("pusing", "frustrated"), ("pusing banget kak materinya", "frustrated"),
    ("susah banget soalnya", "frustrated"), ("duh sulit", "frustrated"), ("anjir", "frustrated"),
    # thanks and praise, with words about the answer
    ("makasih kak jawabannya membantu bgt", "thanks"), ("makasih banyak penjelasannya jelas banget", "thanks"),
    ("terima kasih atas bantuannya", "thanks"), ("thanks, very helpful", "thanks"),
    ("kamu pinter", "praise"), ("pinter banget kamu", "praise"), ("jawabannya bagus", "praise"),
    ("bot keren", "praise"), ("kamu lucu banget", "praise"), ("materinya seru", "praise"),
    # rudeness gets a calm answer
    ("bot bodoh", "insult"), ("kamu goblok", "insult"), ("dasar bot payah", "insult"), ("anjing lu", "insult"),
    ("gak guna banget", "insult"), ("bodoh", "insult"),
])
def test_tone_is_recognised(text: str, kind: str) -> None:
    assert classify(text) == kind


@pytest.mark.parametrize("text", [
    "assalamualaikum kak, apa itu ASEAN?", "makasih, terus kapan KAA?", "kenapa diplomasi susah",
    "apa yang sulit dari diplomasi multilateral", "shalom, apa itu PBB", "om swastiastu, kapan asean berdiri",
])
def test_real_questions_with_such_words_are_not_small_talk(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize(("text", "question"), [
    ("assalamualaikum kak, apa itu ASEAN?", "apa itu ASEAN?"),
    ("Assalamu'alaikum wr wb, apa itu PBB", "apa itu PBB"),
    ("shalom kak, apa itu diplomasi", "apa itu diplomasi"),
    ("om swastiastu, kapan asean berdiri", "kapan asean berdiri"),
])
def test_religious_greetings_around_a_question_are_removed(text: str, question: str) -> None:
    assert strip_pleasantries(text) == question

