"""Numbered statements in a pasted question, and options that name combinations of them.

Indonesian worksheets often list statements ("Perhatikan pernyataan berikut! 1) … 2) … 3) …") and ask
which of them fit, with options such as "A. 1 dan 2", "B. 1, 2, dan 4"; English ones say "[A] 1 only",
"[C] Both 1 and 2", "[D] Neither 1 nor 2". These are plain-text readers with no knowledge of the bank:
`bot.core.pasted` uses them to keep the statements in the stem, `bot.core.mc_statements` to judge them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "1 dan 2", "1, 2, dan 4", "1), 3) dan 4)", "(2) dan (4)", "1 and 3 only", "Both 1 and 2", "Neither 1 nor 2", "2 saja"
_COMBINATION = re.compile(
    r"^\W*(?:(both|neither|hanya|only|nomor|no\.?)\s+)?"
    r"(\(?[1-9]\)?(?:(?:\s*(?:,|\band\b|\bdan\b|&|\bserta\b|\bnor\b|\bor\b)\s*)+\(?[1-9]\)?)*)"
    r"\s*(only|saja|benar|correct)?\W*$",
    re.IGNORECASE,
)
# the mark of a numbered statement: "1)", "1.", "(1)", "1.Its …", at a line's start or after a space or dash
_ITEM_MARK = re.compile(r"(?:(?<=[\s\-–•])|^)\(?([1-9])[.)]\)?(?=\s*\S)")
# where the question begins after an inline list's last statement: a word that opens such questions, or else
# a capitalized sentence that asks ("… 3) Konferensi Meja Bundar Urutan yang benar …" splits before "Urutan")
_OPENS = re.compile(r"\s(?=(?:Pernyataan|Yang|Urutan|Pelaksanaan|Hal|Manakah|Berdasarkan|Dari|Contoh|Peristiwa|"
                    r"Pasangan|Kelompok|Nomor|Which|Of)\b[^.?!]*?\b(?:ditunjukkan|nomor|pernyataan|statements?|"
                    r"termasuk|tersebut|benar|correct|sesuai|tepat|urutan|kronologis)\b)")
_ASKS = re.compile(r"\s(?=[A-Z][^.?!]*?\b(?:ditunjukkan|nomor|pernyataan|statements?|termasuk|tersebut|benar|correct|"
                   r"sesuai|tepat|urutan)\b)")


def combination(text: str) -> frozenset[int] | None:
    """The statement numbers an option names ("1, 2, dan 4" → {1, 2, 4}; "Neither 1 nor 2" → {}), or None."""
    found = _COMBINATION.match(text.strip())
    if found is None:
        return None
    numbers = frozenset(int(digit) for digit in re.findall(r"[1-9]", found.group(2)))
    return frozenset() if (found.group(1) or "").casefold() == "neither" else numbers


def names_combinations(options: list[str]) -> bool:
    """Every option names statement numbers, and one of them reads as a combination, not a bare count:
    "A. 4 B. 5 C. 6" answers "Jumlah organ utama PBB …", "A. 1 dan 2 B. 2 saja" picks statements."""
    sets = [combination(text) for text in options]
    if len(options) < 2 or any(numbers is None for numbers in sets):
        return False
    return any(len(numbers or ()) != 1 or not text.strip(" .)(").isdigit() for numbers, text in zip(sets, options, strict=True))


@dataclass(frozen=True)
class Listed:
    question: str  # the stem without its statements: the lead-in and what it asks
    items: tuple[str, ...]  # statement 1, 2, … in order


def listed(stem: str) -> Listed | None:
    """The numbered statements of a stem (1, 2, 3 … in order, at least two) and the question around them."""
    marks: list[re.Match[str]] = []
    for mark in _ITEM_MARK.finditer(stem):
        if int(mark.group(1)) == len(marks) + 1:
            marks.append(mark)
    if len(marks) < 2:
        return None
    items = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(stem)
        items.append(stem[mark.end():end])
    last = items[-1].strip()
    tail = ""
    if "\n" in last:  # the question on its own line after the last statement
        last, tail = last.split("\n", 1)
    elif (asks := _OPENS.search(last) or _ASKS.search(last)) is not None:  # "… 4) Poros Jakarta-Peking Pelaksanaan politik … nomor ..."
        last, tail = last[:asks.start()], last[asks.start():]
    items[-1] = last
    cleaned = tuple(" ".join(item.split()).strip(" ;,-–•") for item in items)
    if not all(cleaned):
        return None
    question = " ".join(f"{stem[:marks[0].start()]} {tail}".split())
    return Listed(question, cleaned)
