"""What to do with the text read from a photo: clean it, judge whether it is text at all, and find
the numbered questions in it.

OCR output of a worksheet photo has broken lines, words hyphenated at line ends, stray symbols
from the paper's edge and, in a meme or a selfie, no real words at all. This module holds the
decisions (pure functions over strings, no imaging, no Telegram), so they are tested on their own
and shared by Telegram and `python -m bot ask --image`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.core.conversation import Reply, Tutor
from bot.core.i18n import t
from bot.core.markup import escape, html_problem, strip_tags

MAX_BRIEF_QUESTIONS = 5  # "answer up to five briefly, each under its number"
MAX_BRIEF_CHARS = 1500  # more text than this across the numbered questions: ask which number
MAX_SHOWN_CHARS = 300  # "Aku membaca: «…»" shows at most this much
MIN_WORDS = 2  # "bilateral artinya" is a whole question
MIN_WORD_SHARE = 0.55

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "ﬁ": "fi", "ﬂ": "fl"})
_HYPHEN_BREAK = re.compile(r"(\w+)-\n(\w+)")
_BARS = re.compile(r"(?<!\w)[|¦]+(?!\w)")  # page edges and table rules read as "|"
_SPACES = re.compile(r"[ \t\f\v]+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
_VOWEL = re.compile(r"[aiueoAIUEO]")
# "1." "2)" "3 ." at a line start: a numbered question (not an option, which uses letters)
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(?=\S)", re.MULTILINE)

PhotoKind = Literal["unreadable", "single", "several", "choose"]


@dataclass(frozen=True)
class PhotoRead:
    """The decision for one photo: its cleaned text and the questions to answer."""

    kind: PhotoKind
    text: str  # the whole cleaned text ("" when unreadable)
    questions: tuple[tuple[int, str], ...] = ()  # (number, question) for "several" and "choose"


def _join_hyphenated(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    # "negara-\nnegara" is a real reduplication; "kerja-\nsama" style breaks join without the hyphen
    return f"{left}-{right}" if left.lower() == right.lower() else f"{left}{right}"


def _noise_line(line: str) -> bool:
    """A line with no word of two letters or more: page edges, underlines, bullets, shadows."""
    return not any(len(w) >= 2 for w in _WORD.findall(line))


def clean(raw: str) -> str:
    """OCR text made readable: quotes and ligatures fixed, hyphenated line breaks joined, noise lines
    and repeated spaces dropped. Line breaks stay, since options "A. … B. …" are often one a line."""
    text = raw.translate(_QUOTES).replace("\r\n", "\n").replace("\r", "\n")
    text = _BARS.sub(" ", _HYPHEN_BREAK.sub(_join_hyphenated, text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    kept = [line for line in lines if line and not _noise_line(line)]
    return "\n".join(kept)


def _wordlike(token: str) -> bool:
    """A token that looks like a word of a language (letters with a vowel, or a short acronym);
    "negara-negara" and "G-20" are words made of such parts."""
    if "-" in token.strip("-"):
        return all(_wordlike(part) for part in token.split("-") if part)
    letters = _WORD.fullmatch(token)
    if letters is None:
        return token.isdigit() and len(token) <= 4  # years and numbers count as words
    if token.isupper() and 1 <= len(token) <= 6:
        return True  # ASEAN, PBB, OKI
    return len(token) >= 2 and _VOWEL.search(token) is not None and len(token) <= 20


def is_readable(text: str) -> bool:
    """Enough real words to be a question: a photo of a face or a meme yields scraps, not words."""
    tokens = [t.strip(".,;:!?()[]\"'«»-–—/") for t in text.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return False
    words = [t for t in tokens if _wordlike(t)]
    long_words = [w for w in words if len(w) >= 3]
    return len(long_words) >= MIN_WORDS and len(words) / len(tokens) >= MIN_WORD_SHARE


def numbered_questions(text: str) -> list[tuple[int, str]]:
    """The numbered questions in the text, in order, each with its own lines (options included).

    Only a run of two or more that counts up by one is a list of questions: a lone "1." or a year
    at a line start is not."""
    marks = list(_NUMBERED.finditer(text))
    best: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for mark in marks:
        if run and int(mark.group(1)) == int(run[-1].group(1)) + 1:
            run.append(mark)
        else:
            run = [mark]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 2:
        return []
    found: list[tuple[int, str]] = []
    for i, mark in enumerate(best):
        end = best[i + 1].start() if i + 1 < len(best) else len(text)
        body = text[mark.end():end].strip()
        if body:
            found.append((int(mark.group(1)), body))
    return found if len(found) >= 2 else []


def read_photo_text(raw: str) -> PhotoRead:
    """Decide what a photo's OCR text asks: nothing readable, one question, a few numbered ones
    (answered briefly), or many or long ones (the student picks a number)."""
    text = clean(raw)
    if not is_readable(text):
        return PhotoRead("unreadable", "")
    questions = numbered_questions(text)
    if not questions:
        return PhotoRead("single", text)
    if len(questions) <= MAX_BRIEF_QUESTIONS and sum(len(q) for _, q in questions) <= MAX_BRIEF_CHARS:
        return PhotoRead("several", text, tuple(questions))
    return PhotoRead("choose", text, tuple(questions))


def shown(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """The read text on one line, cut at a word boundary, for "Aku membaca: «…»"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return f"{cut} …"


_TITLE = re.compile(r"^<b>[^<]*</b>$")


def first_paragraph(html: str) -> str:
    """The first paragraph of an answer's HTML after its bold title: the brief form used when one
    photo holds several questions.

    Answers keep their tags inside one paragraph; should a tag ever span the cut, the paragraph
    goes out as plain text rather than as HTML Telegram would reject."""
    paragraphs = [p.strip() for p in html.strip().split("\n\n") if p.strip()]
    if len(paragraphs) > 1 and _TITLE.match(paragraphs[0]):
        paragraphs = paragraphs[1:]
    paragraph = paragraphs[0] if paragraphs else ""
    return paragraph if html_problem(paragraph) is None else escape(strip_tags(paragraph))


@dataclass(frozen=True)
class PhotoAnswer:
    """The reply to a photo: its HTML text and the tutor's replies behind it (for buttons and for
    logging the questions that went unanswered)."""

    read: PhotoRead
    text: str
    replies: tuple[tuple[int | None, Reply], ...] = ()  # (question number or None, reply)


def answer_photo(read: PhotoRead, tutor: Tutor, lang: str = "id") -> PhotoAnswer:
    """What the student sees: what was read, then the answer exactly as for typed text; brief
    numbered answers for a few questions; a question "which number?" for many or long ones."""
    if read.kind == "unreadable":
        return PhotoAnswer(read, t("photo.unreadable", lang))
    heard = t("photo.read", lang, text=escape(shown(read.text)))
    if read.kind == "single":
        reply = tutor.reply(read.text, lang)
        return PhotoAnswer(read, f"{heard}\n\n{reply.text}", ((None, reply),))
    if read.kind == "several":
        parts = [heard, t("photo.several", lang, count=len(read.questions))]
        replies = []
        for number, question in read.questions:
            reply = tutor.reply(question, lang)
            replies.append((number, reply))
            brief = first_paragraph(reply.text) if reply.kind == "answer" else t("photo.brief_unknown", lang)
            parts.append(f"<b>{number}.</b> {brief}")
        return PhotoAnswer(read, "\n\n".join(parts), tuple(replies))
    return PhotoAnswer(read, f"{heard}\n\n{t('photo.choose', lang, count=len(read.questions))}")
