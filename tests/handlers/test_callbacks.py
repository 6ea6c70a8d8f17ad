"""callback_data codec: every button of the shipped content fits 64 bytes; bad data decodes to None."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.content import ContentBank, load_bank
from bot.core.i18n import LANGUAGES
from bot.handlers.callbacks import (
    MENU_ITEMS,
    ChooseLanguage,
    MenuItem,
    ShowAnswer,
    StartQuiz,
    TopicPage,
    decode,
    encode,
)
from bot.handlers.topics import QUESTIONS_PER_PAGE, topic_list, topic_questions
from bot.settings import Settings


@pytest.fixture(scope="module")
def bank() -> ContentBank:
    return load_bank(Settings(_env_file=None).resolved_content_dir)  # type: ignore[call-arg]


def _every_action(bank: ContentBank) -> list:  # type: ignore[type-arg]
    pages = range(0, 1 + max(len(bank.faq_in_topic(t)) for t in bank.topics) // QUESTIONS_PER_PAGE)
    return [
        *(ShowAnswer(f) for f in bank.faq),
        *(TopicPage(t, p) for t in bank.topics for p in pages),
        *(TopicPage(None, p) for p in pages),
        *(StartQuiz(t) for t in [*bank.topics, None]),
        *(StartQuiz(t, count) for t in [*bank.topics, None] for count in (1, 20)),
        *(MenuItem(m) for m in MENU_ITEMS),
        *(ChooseLanguage(code) for code in LANGUAGES),
    ]


def test_every_callback_fits_64_bytes_and_round_trips(bank: ContentBank) -> None:
    for action in _every_action(bank):
        data = encode(action)
        assert len(data.encode("utf-8")) <= 64, data
        assert decode(data, bank) == action


def test_every_keyboard_the_topic_browser_builds_is_valid(bank: ContentBank) -> None:
    for lang in LANGUAGES:
        for page in range(3):
            _, markup = topic_list(bank, page, lang)
            assert markup is not None
        for topic in bank.topics:
            for page in range(4):
                text, markup = topic_questions(bank, topic, page, lang)
                assert markup is not None and text
                for row in markup.inline_keyboard:
                    for button in row:
                        assert decode(button.callback_data, bank) is not None  # type: ignore[arg-type]
                        assert len(button.text) <= 64


@pytest.mark.parametrize("data", [
    None, "", "a:", "a:not-a-faq", "t:asean", "t:asean:x", "t:nope:0", "t:asean:-1", "T:", "T:99999",
    "q:nope", "m:other", "l:fr", "x:1", "no-colon", "a:" + "x" * 80, "t:asean:1:2",
    "t:asean:²", "T:²", "q:asean:0", "q:asean:21", "q:asean:x", "q:asean:²", "q:asean:", "q::0", "q:nope:5",
])
def test_stale_or_tampered_data_decodes_to_none(bank: ContentBank, data: str | None) -> None:
    assert decode(data, bank) is None


def test_encode_refuses_oversized_data() -> None:
    with pytest.raises(ValueError):
        encode(ShowAnswer("x" * 70))


def test_decode_reads_content_current_at_the_time(tmp_path: Path, bank: ContentBank) -> None:
    faq_id = next(iter(bank.faq))
    smaller = ContentBank(topics=bank.topics, faq={}, quiz=bank.quiz, lexicon=bank.lexicon)
    assert decode(encode(ShowAnswer(faq_id)), smaller) is None  # an entry removed since the button was sent
