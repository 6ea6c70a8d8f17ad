"""Pasted multiple-choice questions: reading the stem and options, and choosing one from evidence.

Students paste homework as it stands: a stem, then options "A. … B. … C. …" on one line or
several, with letters a–e/A–E or numbers 1–5, followed by "." or ")" or inside brackets "(a)".
`parse()` returns the stem and the options, or None when the text is not such a question.

`choose()` scores every option against evidence texts (a card's fact, the best FAQ answers for
the stem): the share of the option's meaningful words found in the evidence, with a whole-phrase
bonus, and numbers (years, dates, counts) that must appear exactly. It picks an option only with a
clear lead; otherwise it says which options the evidence rules out, or that it does not know.
Negated stems ("yang bukan …", "kecuali") choose the option the evidence does not support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.markup import strip_tags
from bot.core.normalize import Normalizer

_LINE_OPTION = re.compile(r"^\s*(?:\(([A-Ea-e1-5])\)|([A-Ea-e1-5])\s*[.)]|([A-Ea-e])\s*[:\-])\s*(\S.*)$")
_INLINE_MARK = re.compile(r"(?:(?<=\s)|^)(?:\(([A-Ea-e1-5])\)|([A-Ea-e1-5])[.)])\s*(?=\S)")
_NEGATED = re.compile(r"\b(?:bukan|kecuali|tidak termasuk|tidak benar|salah|except|not)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
LETTERS = "ABCDE"


@dataclass(frozen=True)
class Option:
    letter: str  # upper case A–E (numbers 1–5 become A–E)
    text: str


@dataclass(frozen=True)
class Pasted:
    stem: str
    options: tuple[Option, ...]

    @property
    def negated(self) -> bool:
        return bool(_NEGATED.search(self.stem))


@dataclass(frozen=True)
class Choice:
    option: Option | None  # the chosen option, or None when undecided
    evidence: int = -1  # index of the evidence that decided it
    ruled_out: tuple[Option, ...] = ()  # options the evidence contradicts (when undecided)
    remaining: tuple[Option, ...] = ()  # options still possible (when undecided)


def _letter(mark: str) -> str:
    return LETTERS[int(mark) - 1] if mark.isdigit() else mark.upper()


def parse(text: str) -> Pasted | None:
    """Stem and options of a pasted multiple-choice question, or None."""
    lines = text.replace("\r", "").split("\n")
    options: list[Option] = []
    stem_lines: list[str] = []
    for line in lines:
        m = _LINE_OPTION.match(line)
        if m and (options or stem_lines):
            mark = m.group(1) or m.group(2) or m.group(3)
            if len(options) < len(LETTERS) and _letter(mark) == LETTERS[len(options)]:
                options.append(Option(_letter(mark), m.group(4).strip()))
                continue
        if options:
            if line.strip():  # text after the options: not a clean pasted question
                inline = _inline(" ".join(stem_lines + [o.letter + ". " + o.text for o in options] + [line]))
                return inline
            continue
        if line.strip():
            stem_lines.append(line.strip())
    if len(options) >= 2 and stem_lines:
        if len(options) == 2 and not _looks_like_stem(" ".join(stem_lines)):
            return None
        return Pasted(" ".join(stem_lines), tuple(options))
    return _inline(" ".join(ln.strip() for ln in lines if ln.strip()))


def _looks_like_stem(stem: str) -> bool:
    return bool(re.search(r"(?:\.{2,}|…|_{2,}|\?|:)\s*$|adalah|disebut|dinamakan|yaitu|ialah", stem, re.IGNORECASE))


def _inline(text: str) -> Pasted | None:
    marks = list(_INLINE_MARK.finditer(text))
    # find the longest run A, B, C … in order
    for start in range(len(marks)):
        if _letter(marks[start].group(1) or marks[start].group(2)) != "A":
            continue
        run = [marks[start]]
        for m in marks[start + 1 :]:
            if len(run) < len(LETTERS) and _letter(m.group(1) or m.group(2)) == LETTERS[len(run)]:
                run.append(m)
        if len(run) < 3 and not (len(run) == 2 and _looks_like_stem(text[: run[0].start()])):
            continue
        stem = text[: run[0].start()].strip()
        if not stem:
            return None
        opts = []
        for i, m in enumerate(run):
            end = run[i + 1].start() if i + 1 < len(run) else len(text)
            body = text[m.end() : end].strip().rstrip(",;")
            if not body:
                return None
            opts.append(Option(LETTERS[i], body))
        return Pasted(stem, tuple(opts))
    return None


def _support(option: Option, evidence: str, ev_tokens: frozenset[str], normalizer: Normalizer,
             filler: frozenset[str]) -> float:
    """How much of the option the evidence states (0..1)."""
    text = option.text.casefold().strip(" .")
    ev_folded = " ".join(evidence.casefold().split())
    numbers = _NUMBER.findall(text)
    ev_numbers = set(_NUMBER.findall(ev_folded))
    if numbers and not all(n in ev_numbers for n in numbers):
        return 0.0
    if len(text) >= 3 and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", ev_folded):
        return 1.0
    toks = [t for t in normalizer.tokens(option.text) if t not in filler]
    if not toks:
        return 0.0
    found = sum(1 for t in toks if t in ev_tokens)
    return found / len(toks)


@dataclass(frozen=True)
class Evidence:
    plain: str  # plain text (no HTML)
    tokens: frozenset[str]  # its normalized words
    weight: float  # 0..1: how much this text is about the stem


def evidence(text: str, weight: float, normalizer: Normalizer) -> Evidence:
    plain = strip_tags(text)
    return Evidence(plain, frozenset(normalizer.tokens(plain)), weight)


def choose(pasted: Pasted, evidence: list[Evidence], normalizer: Normalizer) -> Choice:
    """The option the evidence supports, or what it rules out."""
    filler = normalizer.filler
    scores: list[tuple[float, int]] = []
    for opt in pasted.options:
        best, best_ev = 0.0, -1
        for i, ev in enumerate(evidence):
            value = _support(opt, ev.plain, ev.tokens, normalizer, filler) * ev.weight
            if value > best:
                best, best_ev = value, i
        scores.append((best, best_ev))
    ranked = sorted(range(len(pasted.options)), key=lambda i: scores[i][0], reverse=True)
    top, second = ranked[0], ranked[1]
    if pasted.negated:
        low = ranked[-1]
        others = [scores[i][0] for i in ranked[:-1]]
        if scores[low][0] <= 0.34 and min(others) >= 0.6:
            return Choice(pasted.options[low], scores[ranked[0]][1])
    elif scores[top][0] >= 0.6 and scores[top][0] - scores[second][0] >= 0.2:
        return Choice(pasted.options[top], scores[top][1])
    if pasted.negated or scores[top][0] < 0.5:
        return Choice(None)
    remaining = tuple(pasted.options[i] for i in ranked if scores[i][0] >= scores[top][0] - 0.2)
    ruled_out = tuple(o for i, o in enumerate(pasted.options) if scores[i][0] == 0.0 and o not in remaining)
    return Choice(None, ruled_out=ruled_out, remaining=remaining)


def best_sentence(plain: str, option: Option, normalizer: Normalizer) -> str:
    """The sentence of the evidence that states the option (plain text), for the explanation."""
    sentences = [s.strip(" •-\n") for s in re.split(r"(?<=[.!?])\s+|\n+", plain) if s.strip(" •-\n")]
    if not sentences:
        return ""
    opt = set(normalizer.tokens(option.text)) - normalizer.filler
    folded = option.text.casefold().strip(" .")

    def score(sentence: str) -> float:
        if folded and folded in sentence.casefold():
            return 10.0
        return len(opt & set(normalizer.tokens(sentence)))

    return max(sentences, key=score)
