"""The content as the bot holds it: topics, FAQ entries, fact cards, quiz questions, lexicon, the bank.

Plain frozen dataclasses with no loading logic, so that modules which only read content (rendering,
matching, quizzes) need not import the YAML loader and validator in bot/core/content.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    name_en: str
    short: str
    description: str


@dataclass(frozen=True)
class FaqEntry:
    id: str
    topic: str
    question: str
    variants: tuple[str, ...]
    keywords: tuple[str, ...]
    answer: str
    related: tuple[str, ...]
    source: str
    as_of: dt.date | None = None  # the day a fact that can change was checked (see bot/core/freshness.py)
    review_by: dt.date | None = None
    asks: tuple[str, ...] = ()  # the intents the answer answers (bot/core/intent.py)


# Fact-card attributes and the intent each answers (COMMON.md).
CARD_ATTRS: dict[str, str] = {
    "full_name": "abbreviation", "founded": "when", "founded_place": "where", "founders": "who",
    "headquarters": "where", "members": "count", "member_list": "list", "leader": "who", "first_leader": "who",
    "aim": "purpose", "background": "why", "indonesia_role": "how", "indonesia_joined": "when", "date": "when",
    "place": "where", "participants": "who", "results": "list", "emblem": "definition", "motto": "definition",
    "fields": "list", "predecessor": "other", "office": "who", "term": "when",
    "first_summit": "where",  # where and when the first summit met (ASEAN's: Bali 1976, long after its founding)
}
# Attributes whose value changes while the subject lives (a historical office or a closed list does not):
# a fact about them needs `as_of` and `review_by`.
CHANGING_ATTRS = frozenset({"members", "leader"})


@dataclass(frozen=True)
class CardFact:
    attr: str
    value: str
    say: str  # the whole answer sentence(s), plain text
    source: str
    date: str | None = None  # ISO date or year, for comparisons
    count: int | None = None
    as_of: str | None = None
    review_by: str | None = None


@dataclass(frozen=True)
class Card:
    """One subject (an organisation, conference, treaty, person) and its one-attribute facts."""

    id: str
    name: str
    aliases: tuple[str, ...]
    topic: str
    faq: str | None
    facts: tuple[CardFact, ...]

    def fact(self, attr: str) -> CardFact | None:
        return next((f for f in self.facts if f.attr == attr), None)


@dataclass(frozen=True)
class QuizQuestion:
    id: str
    topic: str
    faq: str
    question: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    difficulty: str
    source: str
    as_of: dt.date | None = None
    review_by: dt.date | None = None


@dataclass(frozen=True)
class Lexicon:
    """Slang/abbreviation → formal word(s), and terms never to rewrite."""

    slang: dict[str, str] = field(default_factory=dict)
    protected: frozenset[str] = frozenset()
    numbers: dict[str, str] = field(default_factory=dict)
    lowercase: dict[str, str] = field(default_factory=dict)  # in English sentences, unless typed in capitals
    capitals: dict[str, str] = field(default_factory=dict)  # acronyms only in capitals ("ASEM"), else this word
    english: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # how students write a country -> its name


@dataclass(frozen=True)
class ContentBank:
    topics: dict[str, Topic]
    faq: dict[str, FaqEntry]
    quiz: dict[str, QuizQuestion]
    lexicon: Lexicon
    origin: dict[str, str] = field(default_factory=dict, compare=False)  # FAQ id (and "quiz:" + id) -> its file
    cards: dict[str, Card] = field(default_factory=dict)

    def faq_in_topic(self, topic: str) -> list[FaqEntry]:
        return [e for e in self.faq.values() if e.topic == topic]

    def quiz_in_topic(self, topic: str | None) -> list[QuizQuestion]:
        return [q for q in self.quiz.values() if topic is None or q.topic == topic]
