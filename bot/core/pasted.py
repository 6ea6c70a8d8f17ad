"""Reading a pasted multiple-choice question: its stem and its options.

Students paste homework as it stands: a stem, then options "A. … B. … C. …" on one line or
several, with letters a–e/A–E or numbers 1–5, followed by "." or ")" or inside brackets "(a)" "[A]", or
on bullet lines with or without letters. `parse()` returns the stem and the options, or None when
the text is not such a question; `bot.core.mc` chooses among the options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.numbered import listed, names_combinations

LETTERS = "ABCDE"
_LINE_OPTION = re.compile(r"^\s*(?:[(\[]([A-Ea-e1-5])[)\]]|([A-Ea-e1-5])\s*[.)]|([A-Ea-e])\s*[:\-])\s*(\S.*)$")
_ASKS_A_LIST = re.compile(r"\s*(?:sebutkan|jelaskan|tuliskan|name|list)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•●▪◦*\-–]\s+")
_INLINE_MARK = re.compile(r"(?:(?<=\s)|^)(?:[(\[]([A-Ea-e1-5])[)\]]|([A-Ea-e1-5])[.)])\s*(?=\S)")
# a stem that breaks off mid-sentence before its colon ("elected for a term of:") waits for an option;
# "Contoh kerja sama:" or "Jawabanku:" before bullets is the student's own list
_UNFINISHED = re.compile(r"\b(?:of|is|are|was|were|in|at|by|adalah|yaitu|ialah|sebagai|oleh|pada|selama)\s*:\s*$",
                         re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:bukan|kecuali|tidak termasuk|tidak benar|yang salah|except|not|"
                      r"berikut(?: ini)? yang tidak|yang tidak (?:memiliki|mempunyai|menjadi|ikut|tergabung|merupakan))\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Option:
    letter: str  # upper case A–E (numbers 1–5 become A–E)
    text: str
    label: str = ""  # the mark as the student wrote it, when it was a number ("3")

    @property
    def shown(self) -> str:
        """The mark to answer with: "3. 1969" for a worksheet that numbers its options, else the letter."""
        return self.label or self.letter


@dataclass(frozen=True)
class Pasted:
    stem: str
    options: tuple[Option, ...]

    @property
    def negated(self) -> bool:
        return bool(_NEGATED.search(self.stem))


def _letter(mark: str) -> str:
    return LETTERS[int(mark) - 1] if mark.isdigit() else mark.upper()


def _option(mark: str, text: str) -> Option:
    return Option(_letter(mark), text, mark if mark.isdigit() else "")


def parse(text: str) -> Pasted | None:
    """Stem and options of a pasted multiple-choice question, or None."""
    lines = [_BULLET.sub("", line) for line in text.replace("\r", "").split("\n")]  # "• A. Six" is "A. Six"
    if (numbered := _statements(text)) is not None:
        return numbered
    if (bulleted := _bulleted(text)) is not None:
        return bulleted
    if (columns := _columns(lines)) is not None:
        return columns
    options: list[Option] = []
    stem_lines: list[str] = []
    for n, line in enumerate(lines):
        m = _LINE_OPTION.match(line)
        if m and (options or stem_lines):
            mark = m.group(1) or m.group(2) or m.group(3)
            if len(options) < len(LETTERS) and _letter(mark) == LETTERS[len(options)]:
                options.append(_option(mark, m.group(4).strip()))
                continue
        if options:
            if line.strip():  # text after the options
                after = [ln.strip() for ln in lines[n:] if ln.strip()]
                if len(options) >= 3 and not any(_LINE_OPTION.match(ln) for ln in after) and _looks_like_stem(after[-1]):
                    # "Perundingan berikut: A. … D. …" then the question itself: the stem is both parts
                    return Pasted(" ".join(stem_lines + after), tuple(options))
                return _inline(" ".join(stem_lines + [o.shown + ". " + o.text for o in options] + [line]))
            continue
        if line.strip():
            stem_lines.append(line.strip())
    if len(options) >= 2 and stem_lines:
        if len(options) == 2 and not _looks_like_stem(" ".join(stem_lines)):
            return None
        return Pasted("\n".join(stem_lines), tuple(options))  # lines kept: a chatty first line can be cut
    return _inline(" ".join(ln.strip() for ln in lines if ln.strip())) or _unmarked(lines)


_BARE_LETTER = re.compile(r"^\s*([A-E])\s+(\S.*)$")  # "A An unwelcome person"
_QUESTION_WORD = re.compile(r"^\s*(?:apa|apakah|kapan|siapa|siapakah|bagaimana|mengapa|kenapa|berapa|di ?mana|"
                            r"sebutkan|jelaskan|tuliskan|what|when|who|where|why|how|which|name|list)\b",
                            re.IGNORECASE)
_OPTION_CHARS = 80  # an option line is short; a longer line is a sentence of the question
# a chat line ("makasih kak", "tolong ya") is no option, and a stem asking for an essay has none
_CHAT = re.compile(r"\b(?:makasih|terima ?kasih|thanks?|thx|hehe\w*|wkwk\w*|kak|kakak|dong|tolong|plis|pls|please|"
                   r"ya|yah|deh|nih|lupa|bantu|bantuin|help|hai|halo|hi)\b", re.IGNORECASE)
_ESSAY = re.compile(r"\b(?:jelaskan|sebutkan|tuliskan|uraikan|explain|describe|list)\b", re.IGNORECASE)
_QUIZ_STEM = re.compile(r"(?:\.{2,}|…|_{2,}\.?)\s*$|\b(?:which|what|who|when|where|manakah|siapakah|apakah|kapankah|"
                        r"berapakah|adalah|disebut|dinamakan)\b", re.IGNORECASE)
_UNMARKED_STEM_WORDS = 6


def _unmarked(lines: list[str]) -> Pasted | None:
    """Options without marks, one per line after a stem that asks ("… came into existence from ____."
    then "1st January 1995" …), or marked by a bare capital ("A An unwelcome person"): A, B, C … in order.
    Only 3–5 short lines that ask nothing themselves, under a stem that asks or breaks off."""
    rows = [line.strip() for line in lines if line.strip()]
    for count in range(min(len(LETTERS), len(rows) - 1), 2, -1):
        tail, stem = rows[-count:], " ".join(rows[:-count])
        if (not _looks_like_stem(stem) or len(stem.split()) < _UNMARKED_STEM_WORDS or stem.rstrip().endswith(":")
                or _ESSAY.search(stem) or any(_CHAT.search(row) for row in tail)):
            continue
        lettered = [_BARE_LETTER.match(row) for row in tail]
        if all(lettered) and "".join(m.group(1) for m in lettered if m) == LETTERS[:count]:
            return Pasted(stem, tuple(Option(m.group(1), m.group(2).strip()) for m in lettered if m))
        if any(len(row) > _OPTION_CHARS or "?" in row or _QUESTION_WORD.match(row) for row in tail):
            continue
        if len(rows) - count > 2 or not (_QUIZ_STEM.search(stem) or _BREAKS_OFF.search(stem)):
            continue  # a stem of one or two lines that reads as a quiz's: a chat of many lines is no question
        return Pasted(stem, tuple(Option(LETTERS[i], row) for i, row in enumerate(tail)))
    return None


_LETTER_MARK = re.compile(r"(?:(?<=\s)|^)(?:[(\[]([A-Ea-e])[)\]]|([A-Ea-e])[.)])\s*(?=\S)")  # letters only, no numbers


def _statements(text: str) -> Pasted | None:
    """Numbered statements, then lettered options naming combinations of them ("1) … 2) … 3) …" then
    "A. 1 dan 2 B. 2 dan 3"): the options are the lettered ones, and the statements stay in the stem."""
    marks = list(_LETTER_MARK.finditer(text))
    for start in range(len(marks) - 1, -1, -1):  # the last run A, B, C … that ends the text
        if (marks[start].group(1) or marks[start].group(2)).upper() != "A":
            continue
        run = _run(marks, start)
        bodies = [text[m.end():(run[i + 1].start() if i + 1 < len(run) else len(text))].strip(" \n-–•,;")
                  for i, m in enumerate(run)]
        stem = text[:run[0].start()].strip(" \n-–•")
        statements = listed(stem)
        if not names_combinations(bodies) or statements is None:
            continue
        if max(int(d) for body in bodies for d in re.findall(r"[1-9]", body)) > len(statements.items):
            continue
        return Pasted(stem, tuple(Option(LETTERS[i], body) for i, body in enumerate(bodies)))
    return None


def _bulleted(text: str) -> Pasted | None:
    """A stem followed only by 3–5 bullet lines without letters ("• Trygve Lie"): the options A, B, C … in order."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]
    count = 0
    while count < len(lines) and _BULLET.match(lines[-1 - count]):
        count += 1
    if not 3 <= count <= len(LETTERS) or count == len(lines):
        return None
    texts = [_BULLET.sub("", line).strip() for line in lines[-count:]]
    if any(_LINE_OPTION.match(t) for t in texts):
        return None  # lettered options behind bullets: the lettered reading applies
    stem = " ".join(lines[:-count])
    if (not _looks_like_stem(stem) or (stem.rstrip().endswith(":") and not _UNFINISHED.search(stem))
            or _ASKS_A_LIST.match(stem)):
        return None  # "Sebutkan 3 contoh:" then a bulleted list is the student's own answer, not options
    return Pasted(stem, tuple(Option(LETTERS[i], t) for i, t in enumerate(texts)))


def _columns(lines: list[str]) -> Pasted | None:
    """Options printed in two columns, read across ("A. Malaysia   C. Thailand" then "B. Singapura   D. Brunei"):
    the closing lines each hold two or more options, and their letters together are A, B, C … once each."""
    rows = [line.strip() for line in lines if line.strip()]
    tail = 0
    while tail < len(rows) and _LINE_OPTION.match(rows[-1 - tail]):
        tail += 1
    if not 2 <= tail < len(rows):
        return None
    found: dict[str, Option] = {}
    for row in rows[-tail:]:
        marks = list(_INLINE_MARK.finditer(row))
        if len(marks) < 2 or marks[0].start() != 0:
            return None
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(row)
            mark, body = m.group(1) or m.group(2), row[m.end():end].strip().rstrip(",;")
            if _letter(mark) in found or not body:
                return None
            found[_letter(mark)] = _option(mark, body)
    letters = "".join(sorted(found))
    if len(letters) < 3 or letters != LETTERS[: len(letters)]:
        return None
    return Pasted(" ".join(rows[:-tail]), tuple(found[letter] for letter in letters))


def _looks_like_stem(stem: str) -> bool:
    return bool(re.search(r"(?:\.{2,}|…|_{2,}\.?|\?|:)\s*$|adalah|disebut|dinamakan|yaitu|ialah", stem, re.IGNORECASE)
                or _BREAKS_OFF.search(stem))


# a stem that stops where its answer would follow ("The headquarters of FAO is at", "… ditandatangani di")
_BREAKS_OFF = re.compile(r"\b(?:is|are|was|were|at|in|of|by|the|to|on|from|di|ke|dari|oleh|pada|dengan|sebagai|"
                         r"tahun|tanggal)\s*$", re.IGNORECASE)


def _run(marks: list[re.Match[str]], start: int) -> list[re.Match[str]]:
    """The option marks A, B, C … in order, from the "A" at `start` (marks of options: letter or number in
    group 1 or 2), skipping marks out of sequence."""
    run = [marks[start]]
    for mark in marks[start + 1:]:
        if len(run) < len(LETTERS) and _letter(mark.group(1) or mark.group(2)) == LETTERS[len(run)]:
            run.append(mark)
    return run


def _inline(text: str) -> Pasted | None:
    marks = list(_INLINE_MARK.finditer(text))
    # find the longest run A, B, C … in order
    for start in range(len(marks)):
        if _letter(marks[start].group(1) or marks[start].group(2)) != "A":
            continue
        run = _run(marks, start)
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
            opts.append(_option(m.group(1) or m.group(2), body))
        return Pasted(stem, tuple(opts))
    return None
