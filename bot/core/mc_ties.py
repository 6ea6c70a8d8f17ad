"""Telling apart options a pasted question's evidence supports equally (`bot.core.mc` scores them).

When two or more options score alike in one sentence, the sentence's structure can still decide:
the option its list names first or last (for a "first"/"last" stem), the term a defining sentence
defines (for "… disebut …"), or the option whose own clause holds more of the stem's words.
"""

from __future__ import annotations

import re

from bot.core.pasted import Pasted

_FIRST = re.compile(r"\b(?:pertama|paling awal|first|earliest)\b", re.IGNORECASE)
_LAST = re.compile(r"\b(?:terakhir|paling akhir|last|final)\b", re.IGNORECASE)


def by_position(pasted: Pasted, ranked: list[int], scores: list[tuple[float, int]], said_in: dict[int, str]) -> int | None:
    """Options tied in one sentence that lists steps or holders in order ("penjajakan, perundingan, …,
    penandatanganan"), for a stem asking the first or the last: the one the sentence names first or last."""
    first, last = bool(_FIRST.search(pasted.stem)), bool(_LAST.search(pasted.stem))
    if first == last:
        return None
    close = [k for k in ranked if scores[k][0] >= _CLOSE * scores[ranked[0]][0]]
    if len(close) < 2 or any(k not in said_in for k in close) or len({said_in[k] for k in close}) != 1:
        return None
    folded = said_in[close[0]].casefold()
    where = {k: folded.find(pasted.options[k].text.casefold().strip(" .")) for k in close}
    if any(pos < 0 for pos in where.values()):
        return None
    return (min if first else max)(close, key=lambda k: where[k])


# a stem that asks for a name ("… diukur sejauh 200 mil disebut ….", "… is called"), and the words
# that, in a defining sentence, put the term before them ("ZEE adalah …") or after them ("… disebut ZEE")
_ASKS_NAME = re.compile(r"\b(?:disebut|dinamakan|dinamai|diistilahkan|dikenal\s+(?:dengan|sebagai)|is\s+called|"
                        r"are\s+called|is\s+known\s+as|are\s+known\s+as|is\s+termed)\b(?:\s+(?:dengan\s+)?istilah)?"
                        r"[\s.…_:]*$", re.IGNORECASE)
_TERM_FIRST = re.compile(r"\b(?:adalah|ialah|merupakan|is|are|means)\b", re.IGNORECASE)
_TERM_AFTER = re.compile(r"\b(?:disebut|dinamakan|dikenal\s+(?:dengan|sebagai)|is\s+called|known\s+as)\b", re.IGNORECASE)


def named_term(pasted: Pasted, ranked: list[int], scores: list[tuple[float, int]], said_in: dict[int, str]) -> int | None:
    """Options tied in one defining sentence, for a stem that asks what something is called: the term the
    sentence defines ("Zona Ekonomi Eksklusif adalah wilayah laut selebar 200 mil … dari garis pangkal laut
    teritorial" names ZEE, not the "laut teritorial" its definition mentions)."""
    if not _ASKS_NAME.search(pasted.stem.strip()):
        return None
    close = [k for k in ranked if scores[k][0] >= _CLOSE * scores[ranked[0]][0]]
    if len(close) < 2 or any(k not in said_in for k in close) or len({said_in[k] for k in close}) != 1:
        return None
    folded = said_in[close[0]].casefold()
    after = _TERM_AFTER.search(folded)
    first = _TERM_FIRST.search(folded)
    where = {k: folded.find(pasted.options[k].text.casefold().strip(" .")) for k in close}
    if any(pos < 0 for pos in where.values()):
        return None
    if after is not None and (first is None or after.start() < first.start()):
        terms = [k for k in close if where[k] >= after.end()]  # "… disebut Zona Ekonomi Eksklusif"
    elif first is not None:
        terms = [k for k in close if where[k] < first.start()]  # "Zona Ekonomi Eksklusif adalah …"
    else:
        return None
    return terms[0] if len(terms) == 1 else None


_CLAUSE_LEAD = 1.4  # an own clause holding this much more of the stem's weight than the others' decides
_CLOSE = 0.85  # options this near the best, stated in the best's sentence, are told apart by their clauses


def own_clause_decides(ranked: list[int], scores: list[tuple[float, int]],
                        said_in: dict[int, str], clause_words: dict[str, dict[int, frozenset[str]]],
                        stem: dict[str, float]) -> int | None:
    """Options tied in one sentence ("Australia yang dipilih Indonesia; Belgia yang dipilih Belanda"):
    the one whose own clause holds more of the stem's words, when the others' clauses hold only fewer.
    The sentence is the best option's, though another option may score best elsewhere."""
    close = [k for k in ranked if scores[k][0] >= _CLOSE * scores[ranked[0]][0]]
    if len(close) < 2 or ranked[0] not in said_in:
        return None
    in_sentence = clause_words.get(said_in[ranked[0]], {})
    if any(k not in in_sentence for k in close):
        return None
    best = max(close, key=lambda k: len(in_sentence[k]))
    if all(in_sentence[k] < in_sentence[best] for k in close if k != best):
        return best
    # "Belgia yang dipilih Belanda" against "Amerika Serikat sebagai pihak netral": more of the stem's
    # weight, and words of the stem the other clauses lack
    weight = {k: sum(stem[t] for t in in_sentence[k]) for k in close}
    best = max(close, key=lambda k: weight[k])
    if all(weight[best] >= _CLAUSE_LEAD * weight[k] and not in_sentence[best] <= in_sentence[k]
           for k in close if k != best):
        return best
    return None
