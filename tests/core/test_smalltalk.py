"""Small talk gets a friendly reply and never an FAQ answer."""

import pytest

from bot.core.smalltalk import classify


@pytest.mark.parametrize(("text", "kind"), [
    ("halo", "greeting"), ("Halooo kak", "greeting"), ("makasih kak!", "thanks"), ("ok", "ack"),
    ("wkwkwk", "laugh"), ("siapa kamu?", "who"), ("ok makasih", "thanks"), ("Terima kasih banyak", "thanks"),
    ("bye", "bye"),
])
def test_small_talk_is_recognised(text: str, kind: str) -> None:
    assert classify(text) == kind


@pytest.mark.parametrize("text", ["apa itu bilateral", "hai, apa itu PBB", "PBB", "siapa pendiri ASEAN", ""])
def test_questions_are_not_small_talk(text: str) -> None:
    assert classify(text) is None
