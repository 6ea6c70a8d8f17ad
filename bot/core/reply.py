"""What the tutor says back: a `Reply`, with the suggestions and related questions each front end shows its way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.core.markup import strip_tags
from bot.core.matcher import Candidate

ReplyKind = Literal["answer", "suggest", "unknown", "smalltalk", "empty"]


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
    intent: str | None = None  # what the question asks (bot/core/intent.py)
    card_id: str | None = None  # answered from this fact card
    pasted: bool = False  # a pasted multiple-choice question
    choice: str | None = None  # the option chosen for it (upper-case letter), None when undecided

    @property
    def unanswered(self) -> bool:
        """A real question that got no confident answer: the teacher tools want to see it."""
        return self.kind in ("suggest", "unknown")

    def plain(self) -> str:
        """The reply as plain text (for the terminal and `ask`)."""
        return strip_tags(self.text)

    def as_json(self) -> dict[str, object]:
        """The `ask --json` contract; "card" only for card answers, "choice" only for pasted multiple choice."""
        data: dict[str, object] = {
            "question": self.question,
            "faq_id": self.faq_id if self.kind == "answer" else None,
            "confidence": round(max(0.0, min(1.0, self.confidence)), 4),
            "answer": self.text,
            "suggestions": [{"faq_id": s.faq_id, "question": s.question} for s in self.suggestions],
            "intent": self.intent,
        }
        if self.card_id is not None:
            data["card"] = self.card_id
        if self.pasted:
            data["choice"] = self.choice
        return data
