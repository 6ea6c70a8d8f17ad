"""Which kind a cooperation is (and which field an activity is in), reasoned instead of looked up.

"Kerja sama Indonesia dan Malaysia termasuk kerja sama apa?" is in no entry as such, and the matcher
finds the right subject (kinds of cooperation) but not the answer. The textbook definition decides it:
a cooperation between exactly two named countries is bilateral. With three or more countries the kind
depends on more than a count (regional or multilateral), so no kind is claimed then. Likewise a
worksheet's "manfaat kerja sama bidang pendidikan, kecuali …" is decided by which field each option's
words belong to ("latihan perang" is defence), when all but one option clearly belong to the field asked.
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


# The fields of cooperation school books name, each with the words that place an activity in it. Only
# plain subject words: an activity is placed by what it is about ("latihan perang" is defence,
# "menghapus tarif" is economy), not by who does it.
FIELD_ENTRY = "kerja-sama-bidang"  # the entry listing the fields with examples (its source is shown)
_FIELDS: dict[str, tuple[str, ...]] = {
    "pendidikan": (r"pendidikan", r"pelajar\w*", r"mahasiswa", r"beasiswa", r"guru", r"dosen", r"sekolah",
                   r"universitas", r"kampus", r"kuliah", r"belajar", r"education", r"students?", r"scholarships?"),
    "pertahanan keamanan": (r"pertahanan", r"keamanan", r"militer", r"perang", r"senjata", r"pasukan", r"tentara",
                            r"teroris\w*", r"narkoba", r"narkotika", r"perompak\w*", r"bajak laut", r"penyelundupan",
                            r"defen[cs]e", r"security", r"military", r"terroris\w*", r"arf", r"regional forum",
                            r"zopfan", r"seanwfz"),
    "ekonomi": (r"ekonomi", r"perdagangan", r"dagang", r"tarif", r"bea masuk", r"ekspor", r"impor", r"investasi",
                r"investor", r"pasar", r"modal", r"pajak", r"industri", r"economy", r"economic", r"trade", r"tariffs?",
                r"afta", r"mea"),
    "sosial budaya": (r"budaya", r"kebudayaan", r"seni", r"kesenian", r"olahraga", r"pariwisata", r"wisata",
                      r"festival", r"tarian?", r"culture", r"cultural", r"sports?", r"games"),
    "kesehatan": (r"kesehatan", r"penyakit", r"vaksin\w*", r"obat", r"pandemi", r"dokter", r"rumah sakit", r"health"),
    "lingkungan": (r"lingkungan", r"pemanasan global", r"iklim", r"polusi", r"pencemaran", r"environment\w*"),
}
_FIELD_WORDS = {name: re.compile(r"\b(?:" + "|".join(words) + r")\b") for name, words in _FIELDS.items()}
# the field a stem names: "kerja sama (di) bidang pendidikan", "bidang pertahanan dan keamanan", "sektor ekonomi"
_FIELD_NAMES = {"pendidikan": "pendidikan", "pertahanan": "pertahanan keamanan", "keamanan": "pertahanan keamanan",
                "hankam": "pertahanan keamanan", "ekonomi": "ekonomi", "sosial": "sosial budaya",
                "budaya": "sosial budaya", "sosbud": "sosial budaya", "kesehatan": "kesehatan",
                "lingkungan": "lingkungan"}
_FIELD_ASKED = re.compile(r"\b(?:bidang|sektor)\s+(" + "|".join(_FIELD_NAMES) + r")\b")


@dataclass(frozen=True)
class FieldPick:
    index: int  # the option that alone belongs (or alone does not belong) to the field asked
    field: str  # the field it belongs to
    asked: str  # the field the stem names


def fields_of(text: str) -> frozenset[str]:
    """The fields whose words the text uses."""
    folded = " ".join(fold(text).split())
    return frozenset(name for name, pattern in _FIELD_WORDS.items() if pattern.search(folded))


def field_asked(stem: str) -> str | None:
    """The field of cooperation a stem names ("… di bidang sosial budaya"), if any."""
    found = _FIELD_ASKED.search(" ".join(fold(stem).split()))
    return _FIELD_NAMES[found.group(1)] if found else None


def field_pick(stem: str, options: list[str], negated: bool) -> FieldPick | None:
    """"Manfaat kerja sama bidang pendidikan, kecuali …": the one option that belongs to another field
    while every other option belongs to the field asked (or, for a stem that is not negated, the one
    option of the field asked among options of other fields). None when the words do not decide it."""
    asked = field_asked(stem)
    if asked is None:
        return None
    fields = [fields_of(text) for text in options]
    inside = [i for i, f in enumerate(fields) if asked in f]
    outside = [i for i, f in enumerate(fields) if f and asked not in f]
    if negated and len(outside) == 1 and len(inside) >= 2 and len(inside) + 1 >= len(options) - 1:
        pick = outside[0]
    elif not negated and len(inside) == 1 and len(outside) == len(options) - 1:
        pick = inside[0]
    else:
        return None
    field = asked if not negated else min(fields[pick])
    return FieldPick(pick, field, asked)
