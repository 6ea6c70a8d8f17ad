"""Quiz checks a good teacher would make: questions that give their answer away.

`python -m bot check` reports these as warnings (file, question id, check name), never as errors:
they are matters of judgement, and a writer may decide a flagged question is fine after all.

- key-length:   the correct option is much longer (or shorter) than every distractor
- key-in-stem:  a rare word of the correct option (not common across its topic) is repeated in the
                question and in no distractor
- mixed-form:   only the correct option has a form of its own (acronym, number, capital, full stop),
                or an option after a stem ending in "…" does not continue the sentence
- duplicate:    two questions ask nearly the same thing with the same answer
- gives-away:   one question's stem names another question's answer (same topic), with its clue
- coverage:     a topic lacks a difficulty, or its correct options sit mostly in one position

`conflicts()` is shared with the quiz builder, which never puts such a pair in one session.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from rapidfuzz import fuzz

from bot.core.content import DIFFICULTIES, ContentBank, ContentProblem, QuizQuestion

_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+", re.UNICODE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # "Washington, D.C." ends with an abbreviation, not a full stop
ELLIPSIS = ("…", "...")

# Indonesian function words (and a few English ones that appear in names) that carry no clue.
STOPWORDS = frozenset("""
a adalah agar akan antar antara apa atas atau bagi bahwa banyak beberapa belum berapa berikut bersama
bisa dalam dan dari dengan di dua ia ini itu jika juga kalau karena ke kecuali lain lebih maka mana manakah
masing menjadi menurut merupakan mereka nya oleh pada para per saat salah sama satu sebagai sebuah
secara sedang sejak semua seperti sesuai setiap siapa suatu tahun tak tanggal tentang tersebut tidak
tiga untuk yaitu yakni yang the of and
""".split())

KEY_LENGTH_RATIO = 1.35     # key ≥ 1.35 × the distractors' mean length …
KEY_LENGTH_MARGIN = 10      # … and ≥ 10 characters longer than the longest distractor (mirrored for short keys)
DUPLICATE_SIMILARITY = 88   # rapidfuzz token_sort_ratio of two stems with the same key
COMMON_SHARE = 0.12         # a word in more than 12% of a topic's questions is no clue
POSITION_SHARE = 0.45       # a topic (≥ 8 questions) with more than 45% of its keys at one index


def tokens(text: str) -> list[str]:
    return [w.casefold() for w in _TOKEN.findall(text)]


def _root(word: str) -> str:
    """A crude Indonesian stem, enough to match "perjanjian" with "perjanjiannya"."""
    for suffix in ("nya", "kan", "an"):
        if len(word) > len(suffix) + 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Words that can carry a clue: not function words; numbers count, one-letter words do not."""
    return {_root(w) for w in tokens(text) if w not in STOPWORDS and (len(w) >= 3 or w.isdigit())}


def _contains_phrase(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def key_of(q: QuizQuestion) -> str:
    return q.options[q.answer]


def distractors(q: QuizQuestion) -> list[str]:
    return [o for i, o in enumerate(q.options) if i != q.answer]


def names_key(stem: str, key: str) -> bool:
    """Whether `stem` contains the whole of `key` (as words), and the key is more than function words."""
    words = tokens(key)
    return bool(content_words(key)) and _contains_phrase(tokens(stem), words)


def conflicts(bank: ContentBank) -> dict[str, set[str]]:
    """Question id → ids it must not share a session with: either one's stem names the other's answer.

    Broader than the `gives-away` warning (which also wants the clue, and looks within a topic): a
    session may mix topics, so two questions are kept apart whenever one so much as names the other's
    key. A key made only of words that run through its whole topic ("PBB" in the PBB topic) is no secret.
    """
    ctx = _Context(bank)
    stems = {q.id: f" {' '.join(tokens(q.question))} " for q in bank.quiz.values()}  # phrase search on words
    keys = {q.id: f" {' '.join(tokens(key_of(q)))} " for q in bank.quiz.values() if ctx.secret_key(q)}
    out: dict[str, set[str]] = {}
    for a, b in combinations(bank.quiz, 2):
        if (b in keys and keys[b] in stems[a]) or (a in keys and keys[a] in stems[b]):
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
    return out


@dataclass
class _Context:
    bank: ContentBank

    def file(self, q: QuizQuestion) -> str:
        return self.bank.origin.get(f"quiz:{q.id}", f"quiz/{q.topic}.yaml")

    @cached_property
    def topic_questions(self) -> dict[str, list[QuizQuestion]]:
        out: dict[str, list[QuizQuestion]] = {}
        for q in self.bank.quiz.values():
            out.setdefault(q.topic, []).append(q)
        return out

    @cached_property
    def common(self) -> dict[str, frozenset[str]]:
        """Per topic, the words so frequent in its questions that they are no clue."""
        out = {}
        for topic, questions in self.topic_questions.items():
            df: Counter[str] = Counter()
            for q in questions:
                df.update(content_words(" ".join((q.question, *q.options))))
            limit = max(3, COMMON_SHARE * len(questions))
            out[topic] = frozenset(w for w, n in df.items() if n > limit)
        return out

    def secret_key(self, q: QuizQuestion) -> bool:
        """Whether the answer of `q` is more than function words and its topic's everyday words."""
        words = content_words(key_of(q))
        return bool(words) and not words <= self.common[q.topic]

    def names_key(self, stem: str, q: QuizQuestion) -> bool:
        """Whether `stem` names the answer of `q`, and that answer is something to keep secret."""
        return self.secret_key(q) and names_key(stem, key_of(q))

    @cached_property
    def lowercase_words(self) -> frozenset[str]:
        """Words the bank writes in lower case inside sentences (so a capital at an option's start is wrong)."""
        lower: Counter[str] = Counter()
        upper: Counter[str] = Counter()
        texts: list[str] = [e.answer for e in self.bank.faq.values()]
        texts += [" ".join((q.question, q.explanation)) for q in self.bank.quiz.values()]
        for text in texts:
            for sentence in re.split(r"[.!?:\n]\s*", re.sub(r"<[^>]+>", " ", text)):
                for word in _TOKEN.findall(sentence)[1:]:
                    (lower if word.islower() else upper)[word.casefold()] += 1
        return frozenset(w for w, n in lower.items() if n >= 2 and upper[w] == 0)


def _warn(ctx: _Context, q: QuizQuestion, check: str, message: str) -> ContentProblem:
    return ContentProblem(ctx.file(q), q.id, check, message)


def check_key_length(ctx: _Context, q: QuizQuestion) -> Iterable[ContentProblem]:
    key, others = len(key_of(q)), [len(o) for o in distractors(q)]
    if not others:
        return
    mean = sum(others) / len(others)
    if key > max(others) and key >= KEY_LENGTH_RATIO * mean and key - max(others) >= KEY_LENGTH_MARGIN:
        yield _warn(ctx, q, "key-length", f"the correct option ({key} chars) is much longer than every "
                                          f"distractor ({min(others)}–{max(others)}); make the options parallel")
    elif key < min(others) and key * KEY_LENGTH_RATIO <= mean and min(others) - key >= KEY_LENGTH_MARGIN:
        yield _warn(ctx, q, "key-length", f"the correct option ({key} chars) is much shorter than every "
                                          f"distractor ({min(others)}–{max(others)}); make the options parallel")


def check_key_in_stem(ctx: _Context, q: QuizQuestion) -> Iterable[ContentProblem]:
    in_distractors: set[str] = set().union(*(content_words(o) for o in distractors(q)))
    shared = (content_words(key_of(q)) & content_words(q.question)) - in_distractors - ctx.common[q.topic]
    if shared:
        yield _warn(ctx, q, "key-in-stem", f"the question repeats {', '.join(sorted(shared))!s} from the correct "
                                           "option and no distractor has it")


def _ends_with_full_stop(option: str) -> bool:
    text = option.rstrip()
    return text.endswith(".") and not text.endswith(ELLIPSIS) and not _ABBREVIATION_END.search(text)


def _form(option: str) -> dict[str, bool]:
    words = option.split()
    return {
        "an acronym": len(words) == 1 and bool(_ACRONYM.match(words[0].strip("()"))),
        "a number": any(ch.isdigit() for ch in option),
        "a capital letter": option[:1].isupper(),
        "a full stop": _ends_with_full_stop(option),
        "brackets": "(" in option,
    }


def check_mixed_form(ctx: _Context, q: QuizQuestion) -> Iterable[ContentProblem]:
    forms = [_form(o) for o in q.options]
    key_form, other_forms = forms[q.answer], [f for i, f in enumerate(forms) if i != q.answer]
    for feature, value in key_form.items():
        if all(f[feature] != value for f in other_forms):
            has = "has" if value else "lacks"
            yield _warn(ctx, q, "mixed-form", f"only the correct option {has} {feature}")
    if q.question.rstrip().endswith(ELLIPSIS):
        for i, option in enumerate(q.options):
            first = _TOKEN.findall(option)[:1]
            if _ends_with_full_stop(option):
                yield _warn(ctx, q, "mixed-form", f"options[{i}] ends with a full stop; after '…' the option "
                                                  "continues the sentence")
            elif first and first[0][:1].isupper() and first[0].casefold() in ctx.lowercase_words \
                    and not first[0].isupper():
                yield _warn(ctx, q, "mixed-form", f"options[{i}] starts with a capital ({first[0]!r}); after '…' "
                                                  "the option continues the sentence in lower case")


def check_duplicates(ctx: _Context) -> Iterable[ContentProblem]:
    questions = sorted(ctx.bank.quiz.values(), key=lambda q: q.id)
    for a, b in combinations(questions, 2):
        if key_of(a).casefold() != key_of(b).casefold():
            continue
        score = fuzz.token_sort_ratio(" ".join(tokens(a.question)), " ".join(tokens(b.question)))
        if score >= DUPLICATE_SIMILARITY:
            yield _warn(ctx, b, "duplicate", f"nearly the same question and answer as {a.id} ({score:.0f}% alike)")


def check_gives_away(ctx: _Context) -> Iterable[ContentProblem]:
    """A's stem names B's key together with one of B's clue words: a student meeting A first knows B."""
    for topic, questions in ctx.topic_questions.items():
        common = ctx.common[topic]
        for a in questions:
            for b in questions:
                if a is b or not ctx.names_key(a.question, b) or names_key(b.question, key_of(b)):
                    continue
                clues = (content_words(b.question) - common - content_words(key_of(b))) & content_words(a.question)
                if clues:
                    yield _warn(ctx, a, "gives-away", f"names {key_of(b)!r}, the answer of {b.id}, next to its clue "
                                                      f"({', '.join(sorted(clues))})")


def check_coverage(ctx: _Context) -> Iterable[ContentProblem]:
    for topic, questions in sorted(ctx.topic_questions.items()):
        where = ctx.file(questions[0])
        have = {q.difficulty for q in questions}
        for level in DIFFICULTIES:
            if level not in have:
                yield ContentProblem(where, topic, "coverage", f"no '{level}' question in this topic")
        if len(questions) >= 8:
            position, count = Counter(q.answer for q in questions).most_common(1)[0]
            if count > POSITION_SHARE * len(questions):
                yield ContentProblem(where, topic, "coverage", f"{count} of {len(questions)} correct options are "
                                                               f"at index {position}; spread them")


def lint_quiz(bank: ContentBank) -> list[ContentProblem]:
    """Every warning for the bank's quiz questions, in file order."""
    ctx = _Context(bank)
    out: list[ContentProblem] = []
    for q in bank.quiz.values():
        for check in (check_key_length, check_key_in_stem, check_mixed_form):
            out.extend(check(ctx, q))
    out.extend(check_duplicates(ctx))
    out.extend(check_gives_away(ctx))
    out.extend(check_coverage(ctx))
    return out
