"""Small talk gets a friendly reply and never an FAQ answer."""

import pytest

from bot.core.smalltalk import classify, strip_pleasantries


@pytest.mark.parametrize(("text", "kind"), [
    ("halo", "greeting"), ("Halooo kak", "greeting"), ("makasih kak!", "thanks"), ("ok", "ack"),
    ("wkwkwk", "laugh"), ("siapa kamu?", "who"), ("ok makasih", "thanks"), ("Terima kasih banyak", "thanks"),
    ("bye", "bye"), ("thank u", "thanks"), ("okk", "ack"), ("you are a bot?", "who"), ("kamu pinter", "praise"),
    ("terus?", "more"), ("lanjut", "more"), ("gk ngerti", "confused"), ("ngga tau", "confused"),
    ("bisa ulangi", "confused"),
])
def test_small_talk_is_recognised(text: str, kind: str) -> None:
    assert classify(text) == kind


@pytest.mark.parametrize("text", ["apa itu bilateral", "hai, apa itu PBB", "PBB", "siapa pendiri ASEAN", ""])
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
