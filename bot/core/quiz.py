"""The quiz engine: which questions to ask, shuffled options with the correct index tracked.

Shared by Telegram (native quiz polls), the console (numbered options) and the daily quiz.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bot.core.content import ContentBank, QuizQuestion
from bot.core.limits import MAX_POLL_QUESTION
from bot.core.lint import conflicts

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


def parse_quiz_args(args: list[str], bank: ContentBank, default_count: int = DEFAULT_COUNT) -> QuizRequest | str:
    """`/kuis [topik] [jumlah]` → a request, or the name of the problem ("bad_topic", "bad_count")."""
    count = default_count
    words: list[str] = []
    for arg in args:
        if arg.isdecimal():  # "²" is a digit to isdigit() but not to int()
            count = int(arg)
        else:
            words.append(arg)
    if not 1 <= count <= MAX_COUNT:
        return "bad_count"
    topic = None
    if words:
        topic = resolve_topic(bank, " ".join(words))
        if topic is None:
            return "bad_topic"
    return QuizRequest(topic, count)


def resolve_topic(bank: ContentBank, text: str) -> str | None:
    """A topic id from what a student typed: id, short label or name, typos allowed."""
    wanted = text.strip().lower()
    if wanted in bank.topics:
        return wanted
    choices: dict[str, str] = {}
    for tp in bank.topics.values():
        for label in (tp.id, tp.short, tp.name, tp.name_en):
            choices[label.lower()] = tp.id
    hit = process.extractOne(wanted, list(choices), scorer=fuzz.ratio, processor=utils.default_process,
                             score_cutoff=75)
    return choices[hit[0]] if hit else None


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
