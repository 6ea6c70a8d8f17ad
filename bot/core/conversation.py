"""One conversation logic for Telegram, the console and `ask`.

`Tutor.reply()` turns a student's message into a `Reply`: what kind of reply it is, the HTML
text to send, and the structured parts (suggestions, related questions) that each front end
shows its own way: inline buttons on Telegram, numbers in the console, JSON for `ask`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.core import smalltalk
from bot.core.content import ContentBank, FaqEntry, load_bank
from bot.core.i18n import t
from bot.core.markup import escape, strip_tags
from bot.core.matcher import Candidate, Matcher
from bot.core.render import format_answer, topic_lines

ReplyKind = Literal["answer", "suggest", "unknown", "smalltalk", "empty"]
MAX_SUGGESTIONS = 3
MAX_RELATED = 2
SUGGESTION_SPREAD = 0.2  # a suggestion far below the best one is noise, not a "maybe"
MAX_QUESTION_CHARS = 1000  # longer messages are not questions; they get a friendly "shorter, please"


@dataclass(frozen=True)
class Suggestion:
    faq_id: str
    question: str


@dataclass(frozen=True)
class Reply:
    kind: ReplyKind
    text: str  # HTML, valid for Telegram's parse mode
    question: str = ""
    faq_id: str | None = None
    confidence: float = 0.0
    topic: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Suggestion, ...] = ()
    candidates: tuple[Candidate, ...] = field(default=(), repr=False)

    @property
    def unanswered(self) -> bool:
        """A real question that got no confident answer: the teacher tools want to see it."""
        return self.kind in ("suggest", "unknown")

    def plain(self) -> str:
        """The reply as plain text (for the terminal and `ask`)."""
        return strip_tags(self.text)

    def as_json(self) -> dict[str, object]:
        """The `ask --json` contract."""
        return {
            "question": self.question,
            "faq_id": self.faq_id if self.kind == "answer" else None,
            "confidence": round(max(0.0, min(1.0, self.confidence)), 4),
            "answer": self.text,
            "suggestions": [{"faq_id": s.faq_id, "question": s.question} for s in self.suggestions],
        }


class Tutor:
    """The tutor's brain: content plus matcher, no I/O."""

    def __init__(self, bank: ContentBank, matcher: Matcher | None = None) -> None:
        self.bank = bank
        self.matcher = matcher or Matcher(bank)

    @classmethod
    def from_dir(cls, directory: Path) -> Tutor:
        return cls(load_bank(directory))

    def reply(self, text: str, lang: str = "id") -> Reply:
        """Answer a free-text message."""
        question = (text or "").strip()
        if not question:
            return Reply("empty", t("empty", lang), question)
        if len(question) > MAX_QUESTION_CHARS:
            return Reply("empty", t("too_long", lang), question)
        kind = smalltalk.classify(question)
        if kind is not None:
            return Reply("smalltalk", t(f"smalltalk.{kind}", lang), question)
        result = self.matcher.match(smalltalk.strip_pleasantries(question))
        if result.content_words == 0:
            return Reply("empty", t("empty", lang), question)
        if result.decision == "answer" and result.best is not None:
            return self.answer(result.best.faq_id, lang, question=question, confidence=result.confidence,
                               candidates=result.candidates)
        if result.decision == "suggest":
            best = result.candidates[0].score
            close = [c for c in result.candidates[:MAX_SUGGESTIONS] if c.score >= best - SUGGESTION_SPREAD]
            suggestions = tuple(self._suggestion(c.faq_id) for c in close)
            lines = "\n".join(f"{i}. {escape(s.question)}" for i, s in enumerate(suggestions, 1))
            return Reply("suggest", f"{t('suggest.header', lang)}\n\n{lines}", question,
                         confidence=result.confidence, suggestions=suggestions, candidates=result.candidates)
        return self.unknown(question, lang, result.confidence, result.candidates)

    def answer(self, faq_id: str, lang: str = "id", *, question: str = "", confidence: float = 1.0,
               candidates: tuple[Candidate, ...] = ()) -> Reply:
        """The reply for one FAQ entry (a confident match, or a suggestion the student picked)."""
        entry = self.bank.faq[faq_id]
        related = tuple(self._suggestion(r) for r in entry.related[:MAX_RELATED] if r in self.bank.faq)
        text = format_answer(entry, lang)
        return Reply("answer", text, question or entry.question, faq_id, confidence, entry.topic,
                     related=related, candidates=candidates)

    def unknown(self, question: str, lang: str = "id", confidence: float = 0.0,
                candidates: tuple[Candidate, ...] = ()) -> Reply:
        topics = topic_lines(list(self.bank.topics.values()), lang)
        text = t("unknown", lang, topics=topics)  # senders split anything over Telegram's limit
        return Reply("unknown", text, question, confidence=confidence, candidates=candidates)

    def entry(self, faq_id: str) -> FaqEntry | None:
        return self.bank.faq.get(faq_id)

    def _suggestion(self, faq_id: str) -> Suggestion:
        return Suggestion(faq_id, self.bank.faq[faq_id].question)
