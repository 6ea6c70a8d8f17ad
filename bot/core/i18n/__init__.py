"""Everything the tutor says, in Indonesian (default) and English.

Content (answers, quizzes) stays Indonesian; only the interface text is translated.
Handlers and the console look texts up here so both speak the same words. The texts live in one
module per area; a key defined in two of them is a mistake and stops the import.
"""

from __future__ import annotations

from bot.core.i18n import charts, conversation, daily, quiz, telegram

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = texts.keys() & part.keys()
        if twice:
            raise ValueError(f"texts defined twice: {sorted(twice)}")
        texts.update(part)
    return texts


TEXTS = _merged(conversation.TEXTS, daily.TEXTS, quiz.TEXTS, telegram.TEXTS, charts.TEXTS)


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """The text for `key` in `lang` (falls back to Indonesian), formatted with kwargs."""
    entry = TEXTS[key]
    text = entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]
    return text.format(**kwargs) if kwargs else text


def pick_language(choice: str | None, telegram_code: str | None) -> str:
    """Explicit /bahasa choice wins; else English for English Telegram clients; else Indonesian."""
    if choice in LANGUAGES:
        return choice
    if telegram_code and telegram_code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE
