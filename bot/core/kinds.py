"""Which kind a cooperation is, reasoned from the question instead of looked up.

"Kerja sama Indonesia dan Malaysia termasuk kerja sama apa?" is in no entry as such, and the matcher
finds the right subject (kinds of cooperation) but not the answer. The textbook definition decides it:
a cooperation between exactly two named countries is bilateral. With three or more countries the kind
depends on more than a count (regional or multilateral), so no kind is claimed then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.intent import fold

# The FAQ entry whose definition the reasoning rests on (its answer and source are shown with it).
KIND_ENTRIES = {"bilateral": "bilateral-pengertian"}

_COOPERATION = r"(?:kerja ?sama|kerjasama|perjanjian|hubungan|cooperation|agreement|partnership)"
# "… termasuk (bentuk) kerja sama apa / …", "… merupakan contoh kerja sama …", "bilateral atau multilateral?"
_KIND_ASKED = re.compile(
    r"\b(?:termasuk|tergolong|digolongkan|dikategorikan|merupakan|disebut|dinamakan|adalah)\b(?: \w+){0,3}? "
    + _COOPERATION + r"(?: internasional)?(?: (?:yang )?bersifat)?\s*(?:\bapa\b|jenis apa|\.{2,}|…|_{2,}|\?|$)"
    r"|\bbilateral\b.{0,25}\b(?:atau|or)\b.{0,25}\b(?:multilateral|regional)\b"
    r"|\b(?:kind|type) of " + _COOPERATION)
# A question about the field ("kerja sama bidang apa") or a negated stem asks something else.
_OTHER_ASK = re.compile(r"\b(?:bidang|sektor|field|bukan|kecuali|except|not)\b")
_EXAMPLE_OF = re.compile(r"\bcontoh\b.{0,20}\b" + _COOPERATION + r"\b.{0,15}\bbilateral\b|\bexample of\b.{0,20}\bbilateral\b")


@dataclass(frozen=True)
class Kind:
    name: str  # "bilateral"
    countries: tuple[str, ...]  # the countries named, in the order of the question


def countries_named(text: str, spellings: dict[str, str]) -> tuple[str, ...]:
    """The distinct countries the text names, in order ("Korea Selatan" is one country, not Korea twice)."""
    folded = " " + " ".join(fold(text).replace(".", " ").split()) + " "
    found: list[tuple[int, str]] = []
    for spelling in sorted(spellings, key=len, reverse=True):
        for m in re.finditer(rf"(?<=\s){re.escape(spelling)}(?=\s)", folded):
            found.append((m.start(), spellings[spelling]))
            folded = folded[:m.start()] + "#" * len(spelling) + folded[m.end():]
    return tuple(dict.fromkeys(name for _, name in sorted(found)))


def kind_asked(text: str, spellings: dict[str, str]) -> Kind | None:
    """The kind of the cooperation a "termasuk kerja sama apa" question describes, when it follows from it."""
    folded = " ".join(fold(text).split())
    if not _KIND_ASKED.search(folded) or _OTHER_ASK.search(folded):
        return None
    countries = countries_named(text, spellings)
    return Kind("bilateral", countries) if len(countries) == 2 else None


def example_asked(stem: str) -> str | None:
    """"Contoh kerja sama bilateral adalah …": the kind whose example the options must hold."""
    folded = " ".join(fold(stem).split())
    return "bilateral" if _EXAMPLE_OF.search(folded) and not _OTHER_ASK.search(folded) else None
