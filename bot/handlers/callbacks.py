"""Compact callback_data for inline buttons, and its strict decoding.

Telegram allows 64 bytes of callback_data and sends back whatever a client puts there, so every
button carries a short code ("a:<faq_id>", "t:<topic>:<page>", "q:<topic>[:<count>]") and `decode` checks
it against the loaded content: stale or tampered data becomes None, never an exception.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from bot.core.content import ContentBank
from bot.core.i18n import LANGUAGES
from bot.core.limits import MAX_CALLBACK_DATA
from bot.core.quiz import MAX_COUNT

MENU_ITEMS = ("ask", "quiz", "topics")


@dataclass(frozen=True)
class ShowAnswer:
    """Answer one FAQ entry (a suggestion, a related question, a topic's question)."""

    faq_id: str


@dataclass(frozen=True)
class TopicPage:
    """`topic` None: the topic list at `page`; otherwise that topic's questions at `page`."""

    topic: str | None
    page: int


@dataclass(frozen=True)
class StartQuiz:
    """Start a quiz on `topic` (None: all topics) of `count` questions (None: the usual length)."""

    topic: str | None
    count: int | None = None


@dataclass(frozen=True)
class MenuItem:
    """One of the /start buttons: ask, quiz, topics."""

    item: str


@dataclass(frozen=True)
class ChooseLanguage:
    language: str


@dataclass(frozen=True)
class TypeInstead:
    """"Bukan itu, aku ketik saja": the student will type what the photo said."""


@dataclass(frozen=True)
class PhotoQuestion:
    """Answer numbered question `number` of the chat's last photo."""

    number: int


@dataclass(frozen=True)
class ReportMistake:
    """"Laporkan kesalahan" about an answer ("answer"), a fact card ("card") or a quiz question ("quiz")."""

    kind: str
    ref: str


@dataclass(frozen=True)
class CancelReport:
    """The reporter changed their mind before writing what is wrong."""


REPORT_CODES = {"answer": "a", "card": "c", "quiz": "q"}

Action = (ShowAnswer | TopicPage | StartQuiz | MenuItem | ChooseLanguage | TypeInstead | PhotoQuestion
          | ReportMistake | CancelReport)


def encode(action: Action) -> str:
    """The callback_data for an action; raises ValueError if it would not fit Telegram's limit."""
    match action:
        case ShowAnswer(faq_id):
            data = f"a:{faq_id}"
        case TopicPage(None, page):
            data = f"T:{page}"
        case TopicPage(topic, page):
            data = f"t:{topic}:{page}"
        case StartQuiz(topic, None):
            data = f"q:{topic or ''}"
        case StartQuiz(topic, count):
            data = f"q:{topic or ''}:{count}"
        case MenuItem(item):
            data = f"m:{item}"
        case ChooseLanguage(language):
            data = f"l:{language}"
        case TypeInstead():
            data = "o:"
        case PhotoQuestion(number):
            data = f"n:{number}"
        case ReportMistake(kind, ref):
            data = f"r:{REPORT_CODES[kind]}:{ref}"
        case CancelReport():
            data = "x:"
        case _:
            raise TypeError(f"not a callback action: {action!r}")
    if len(data.encode("utf-8")) > MAX_CALLBACK_DATA:
        raise ValueError(f"callback_data over {MAX_CALLBACK_DATA} bytes: {data!r}")
    return data


def _page(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) <= 4 else None  # isdigit() admits "²"


def decode(data: str | None, bank: ContentBank) -> Action | None:
    """The action behind callback_data, or None when it is unknown, stale or malformed."""
    if not data or len(data.encode("utf-8")) > MAX_CALLBACK_DATA:
        return None
    code, sep, rest = data.partition(":")
    if not sep:
        return None
    if code == "a":
        return ShowAnswer(rest) if rest in bank.faq else None
    if code == "T":
        page = _page(rest)
        return TopicPage(None, page) if page is not None else None
    if code == "t":
        topic, sep, page_text = rest.rpartition(":")
        page = _page(page_text)
        if not sep or page is None or topic not in bank.topics:
            return None
        return TopicPage(topic, page)
    if code == "q":
        topic_text, sep, count_text = rest.partition(":")
        count = _page(count_text) if sep else None
        if sep and (count is None or not 1 <= count <= MAX_COUNT):
            return None
        if topic_text == "":
            return StartQuiz(None, count)
        return StartQuiz(topic_text, count) if topic_text in bank.topics else None
    if code == "m":
        return MenuItem(rest) if rest in MENU_ITEMS else None
    if code == "l":
        return ChooseLanguage(rest) if rest in LANGUAGES else None
    if code == "o":
        return TypeInstead() if rest == "" else None
    if code == "n":
        number = _page(rest)
        return PhotoQuestion(number) if number is not None and 1 <= number <= 99 else None
    if code == "r":
        return _report(rest, bank)
    if code == "x":
        return CancelReport() if rest == "" else None
    return None


def _report(rest: str, bank: ContentBank) -> ReportMistake | None:
    letter, sep, ref = rest.partition(":")
    known: dict[str, tuple[str, Container[str]]] = {
        "a": ("answer", bank.faq), "c": ("card", bank.cards), "q": ("quiz", bank.quiz)}
    if not sep or letter not in known:
        return None
    kind, ids = known[letter]
    return ReportMistake(kind, ref) if ref in ids else None
