"""The interface texts: both languages everywhere, the same placeholders in each, one home per key."""

from __future__ import annotations

import string

import pytest

from bot.core import i18n
from bot.core.i18n import LANGUAGES, TEXTS, pick_language, t


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_is_in_both_languages_with_the_same_placeholders() -> None:
    assert len(TEXTS) > 250  # every area's module is merged in
    one_language = [key for key, texts in TEXTS.items()
                    if set(texts) != set(LANGUAGES) or not all(text.strip() for text in texts.values())]
    # t(key, "en", **kwargs) must format with what the Indonesian text takes
    other_fields = [key for key, texts in TEXTS.items() if placeholders(texts["id"]) != placeholders(texts["en"])]
    assert one_language == [] and other_fields == []


def test_a_key_defined_in_two_modules_stops_the_import() -> None:
    with pytest.raises(ValueError, match=r"quiz\.perfect"):
        i18n._merged({"quiz.perfect": {"id": "a", "en": "b"}}, {"quiz.perfect": {"id": "c", "en": "d"}})


def test_t_formats_and_falls_back_to_indonesian() -> None:
    assert t("quiz.perfect", "en") == "Perfect! 🎉"
    assert t("quiz.perfect", "jv") == t("quiz.perfect") == "Sempurna! 🎉"
    assert t("field.ekonomi", "en") == "the economy"


def test_pick_language_prefers_the_choice_then_the_telegram_client() -> None:
    assert pick_language("id", "en-GB") == "id"
    assert pick_language(None, "en-US") == "en"
    assert pick_language(None, "id") == pick_language("xx", None) == "id"
