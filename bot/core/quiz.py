"""The quiz engine: which questions to ask, shuffled options with the correct index tracked.

Shared by Telegram (native quiz polls), the console (options lettered A, B, … as on a worksheet) and the daily quiz.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bot.core.content import ContentBank, QuizQuestion
from bot.core.limits import MAX_POLL_QUESTION
from bot.core.lint import conflicts
from bot.core.topic_names import match_topic

DEFAULT_COUNT = 5
MAX_COUNT = 20


@dataclass(frozen=True)
class PreparedPoll:
    """One question ready to send: options in sending order, `option_order[i]` = content index."""

    question_id: str
    topic: str
    question: str
    options: tuple[str, ...]
    correct_option: int
    option_order: tuple[int, ...]
    explanation: str


@dataclass(frozen=True)
class QuizRequest:
    topic: str | None
    count: int


@dataclass(frozen=True)
class TopicChoice:
    """`/kuis <name>` named no single topic: ask which one, among `candidates` (none: every topic)."""

    typed: str
    candidates: tuple[str, ...]
    count: int


def parse_quiz_args(args: list[str], bank: ContentBank,
                    default_count: int = DEFAULT_COUNT) -> QuizRequest | TopicChoice | str:
    """`/kuis [topik] [jumlah]` → a request, the topics to choose from, or "bad_count"."""
    count = default_count
    words: list[str] = []
    for arg in args:
        if arg.isdecimal():  # "²" is a digit to isdigit() but not to int()
            count = int(arg)
        else:
            words.append(arg)
    if not 1 <= count <= MAX_COUNT:
        return "bad_count"
    if not words:
        return QuizRequest(None, count)
    typed = " ".join(words)
    found = match_topic(bank, typed)
    if found.topic is not None:
        return QuizRequest(found.topic, count)
    return TopicChoice(typed, found.candidates, count)


_CONFLICTS: dict[int, tuple[ContentBank, dict[str, set[str]]]] = {}


def session_conflicts(bank: ContentBank) -> dict[str, set[str]]:
    """Which questions must not meet in one session (one's stem names the other's answer); cached per bank."""
    cached = _CONFLICTS.get(id(bank))
    if cached is None or cached[0] is not bank:
        if len(_CONFLICTS) > 8:  # a bank is reloaded rarely; keep the cache small anyway
            _CONFLICTS.clear()
        cached = _CONFLICTS[id(bank)] = (bank, conflicts(bank))
    return cached[1]


def pick_questions(bank: ContentBank, topic: str | None, count: int, rng: random.Random,
                   avoid: set[str] | None = None) -> list[QuizQuestion]:
    """`count` different questions of the topic, easier first, avoiding `avoid` when possible.

    Never two questions where one's stem names the other's answer: the second would be a gift.
    """
    pool = bank.quiz_in_topic(topic)
    fresh = [q for q in pool if not avoid or q.id not in avoid]
    rest = [q for q in pool if avoid and q.id in avoid]
    clash = session_conflicts(bank)
    chosen: list[QuizQuestion] = []
    taken: set[str] = set()
    for group in (fresh, rest):  # unseen questions first, then seen ones if the topic runs short
        for q in rng.sample(group, len(group)):
            if len(chosen) == count:
                break
            if not clash.get(q.id, set()) & taken:
                chosen.append(q)
                taken.add(q.id)
    order = {"mudah": 0, "sedang": 1, "sulit": 2}
    chosen.sort(key=lambda q: order.get(q.difficulty, 1))
    return chosen


def without_giveaways(bank: ContentBank, question_ids: list[str]) -> list[str]:
    """`question_ids` in order, leaving out any that would meet a question whose stem names its answer.

    For sessions built from a list (the /ulang review): the questions left out stay due for next time.
    """
    clash = session_conflicts(bank)
    kept: list[str] = []
    for qid in question_ids:
        if not clash.get(qid, set()) & set(kept):
            kept.append(qid)
    return kept


def prepare_poll(question: QuizQuestion, rng: random.Random, prefix: str = "") -> PreparedPoll:
    """Shuffle the options and keep track of where the correct one went."""
    order = list(range(len(question.options)))
    rng.shuffle(order)
    text = f"{prefix}{question.question}" if prefix else question.question
    if len(text) > MAX_POLL_QUESTION:
        text = question.question  # the prefix is optional; the question itself always fits
    return PreparedPoll(
        question_id=question.id,
        topic=question.topic,
        question=text,
        options=tuple(question.options[i] for i in order),
        correct_option=order.index(question.answer),
        option_order=tuple(order),
        explanation=question.explanation,
    )


def is_correct(option_order: list[int] | tuple[int, ...], chosen: int, content_answer: int) -> bool:
    """Whether the sent option `chosen` is the content's correct option."""
    return 0 <= chosen < len(option_order) and option_order[chosen] == content_answer


_SAY_ANSWER = re.compile(  # "jawabannya", "jawabanku adalah", "aku pilih", "pilihan:", "the answer is"
    r"^(?:(?:aku|saya|gue|gw|aq)\s+)?(?:jawab(?:an)?(?:nya|ku)?(?:\s+(?:saya|aku|gue|gw))?|pilih(?:an)?(?:nya|ku)?|opsi|option|"
    r"(?:the\s+)?answer)(?:\s+(?:adalah|yaitu|ialah|is))?\s*[:=]?\s*"
)
_CHOICE = re.compile(r"^[(\[]?\s*([a-z]|\d{1,2})\s*[)\].:]?$")
_AROUND_CHOICE = frozenset({"kak", "ka", "ya", "yah", "deh", "dong", "sih", "kayaknya", "mungkin", "aja", "saja"})


def parse_choice(text: str, count: int) -> int | None:
    """The option a student picked as on a worksheet: "2", "B", "b.", "(c)", "jawabannya D" → its
    0-based index; None when the text picks none of the `count` options."""
    words = text.strip().casefold().split()
    while words and words[0] in _AROUND_CHOICE:
        words.pop(0)
    while words and words[-1].strip(".!") in _AROUND_CHOICE:
        words.pop()
    said = _CHOICE.match(_SAY_ANSWER.sub("", " ".join(words), count=1).strip())
    if said is None:
        return None
    token = said[1]
    index = int(token) - 1 if token.isdecimal() else ord(token) - ord("a")
    return index if 0 <= index < count else None


def option_letter(index: int) -> str:
    """"A" for the first option, as worksheets number them."""
    return chr(ord("A") + index)

