"""How much of an option an evidence sentence states, and the sentence's parts (`bot.core.mc` chooses).

Kept apart from the choosing so that each stays readable: this module only reads text (numbers,
negations, clauses, names spelled otherwise); `bot.core.mc` weighs what it finds against the stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from bot.core.intent import NUMBER_WORDS
from bot.core.normalize import Normalizer, fold_accents, is_root_word
from bot.core.pasted import Option

_NUMBER = re.compile(r"\d+")
_DENIED = re.compile(r"\b(?:tidak|tak|bukan|belum)\b(?:\s+\S+){0,3}\s*$")  # a denial just before a word
_HONORIFIC = re.compile(r"^(?:(?:haji|h\.|kh\.?|drs\.?|dr\.?|ir\.?|prof\.?|mr\.?|sir|tun|raden|r\.|presiden|"
                        r"perdana menteri|pm|president|prime minister|marshall?|king|queen|jenderal)\s+)+")
_ORIGIN = re.compile(r"\s+(?:of|from|dari)\s+([^,]+)$")  # "Josip Broz Tito of Yugoslavia": the name before its country
# not the "Non" of "Non-Blok", nor the "No." of "UU No. 24 Tahun 2000"
NEGATION = re.compile(r"\b(?:tidak|tak|bukan|tanpa|belum|non(?![-\w])|not|no(?!\.|\s*\d)|menolak|ditolak|refused|rejected|bebas dari|free from)\b")
_SPELLING_MIN, _SPELLING_RATIO = 5, 80  # a name spelled another way: "Syahrir"/"Sjahrir", "Gali"/"Ghali"
NEAR_COMPLETE = 0.85  # share of a long option's words the evidence must state to count as stating it
_ONE_WORD = 0.9  # a one-word option the sentence states in another form (translated, stemmed): below word for word
_CLAUSE = re.compile(r";\s*|,\s+|\s+\(|\)\s*")
# an option's own clause keeps its parenthesis: "2010 (ekonomi maju) dan 2020 (ekonomi berkembang)"
_OWN_CLAUSE = re.compile(r";\s*|,\s+|(?<=\))\s+dan\s+")


_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-"})  # "1973–1974" in the bank, "1973-1974" as students type


@lru_cache(maxsize=4096)
def fold_sentence(text: str) -> tuple[str, frozenset[str]]:
    """A sentence casefolded with spaces folded, and its numbers (evidence sentences repeat: cached)."""
    folded = " ".join(fold_accents(text.casefold()).translate(_DASHES).split())
    return folded, frozenset(_NUMBER.findall(folded))


def support(option: Option, evidence: str, ev_tokens: frozenset[str], option_tokens: frozenset[str],
             unit: str | None = None, words: tuple[str, ...] = (), translated: bool = False,
             in_order: tuple[str, ...] = ()) -> float:
    """How much of the option the evidence states (0..1): the whole phrase, or a share of its words
    (at most 0.75: "persona grata" is not stated by "persona non grata"). A bare number option
    ("29") before a unit in the stem ("… negara"; several are split by "|") must appear with that unit. `words`: the evidence's
    normalized words in order, where an option translated word for word ("Security Council") counts as stated.
    `translated`: the option is one word the lexicon rewrote ("Rome" → roma), which the sentence may state.
    `in_order`: an option in the bank's own language, whose words must stand in its order ("politik aktif"
    is not stated by "aktif dalam politik luar negeri"); empty for a translated option, whose order may differ."""
    text = fold_accents(option.text.casefold()).translate(_DASHES).strip(" .")
    ev_folded, ev_numbers = fold_sentence(evidence)
    numbers = _NUMBER.findall(text)
    counted = {t for t in option_tokens if t.isdigit()}  # also "World War I" (1), "dua tahun" (2)
    if (numbers or counted) and not ((numbers and all(n in ev_numbers for n in numbers))
                                     or (counted and counted <= ev_tokens)):
        return 0.0
    if unit and text.isdigit():
        units = "|".join(re.escape(one) for one in unit.split("|"))  # "negara|anggota"
        return 1.0 if re.search(rf"(?<![\d.]){text}\s+(?:{units})", ev_folded) else 0.3
    found = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", ev_folded)
    if found and (len(text) >= 3 or text.isdigit()):
        if _DENIED.search(ev_folded[max(0, found.start() - 30):found.start()]) and not NEGATION.search(text):
            return 0.3  # "… yang tidak berkantor di New York": the sentence names the option to deny it
        return 1.0
    name = _HONORIFIC.sub("", text).strip()
    if name != text and len(name) >= 5 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", ev_folded):
        return 1.0  # "Haji Agus Salim" is the "Agus Salim" of the evidence
    origin = _ORIGIN.search(name)
    bare = name[:origin.start()].strip() if origin else ""
    # one word ("Nehru of India") only with its country beside it: "Council of Europe" is no "Security Council"
    if len(bare) >= 4 and re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", ev_folded) and (
            " " in bare or (origin is not None and origin.group(1).strip() in ev_folded)):
        return 1.0  # "President Josip Broz Tito of Yugoslavia" is the evidence's "Josip Broz Tito"
    if not option_tokens:
        return 0.0
    said = option_tokens & ev_tokens
    said |= {t for t in option_tokens - said if spelled_otherwise(t, ev_tokens)}
    share = len(said) / len(option_tokens)
    if bool(NEGATION.search(text)) != bool(NEGATION.search(ev_folded)):
        return 0.3 * share  # "tidak dipakai" is not what "dipakai" states, though the words are the same
    if share == 1.0 and (contains(words, in_order) if in_order else as_one_phrase(option_tokens, words)):
        return 1.0  # "Security Council" is the sentence's "Dewan Keamanan"
    if share == 1.0 and translated:
        return _ONE_WORD  # "Rome" is the sentence's "Roma", "Six" its "6", "United Nations" its "PBB"
    if share >= NEAR_COMPLETE and len(option_tokens) >= 5:
        return 0.95  # a long option restated with a word changed: "diangkat menjadi anggota tidak tetap …"
    return 0.75 * share


YEAR = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?!\d|[.,]\d)")
_ORDINAL_MARK = re.compile(r"\bke-?\s?(\d{1,3})\b")


def other_occasion(stem_years: frozenset[str], stem_small: frozenset[str], sentence: str,
                   ordinals: frozenset[str] | None = None) -> bool:
    """The sentence is about another occasion than the stem: the stem names a year and the sentence
    only other years ("KTT GNB I tahun 1961" against "KTT ke-10 … 1992"), or the stem an ordinal
    and the sentence another ("ke-10" against "KTT GNB I", "Agresi Militer II" against "… I").
    `ordinals`: the sentence's ordinals as the normalizer reads them (Roman numerals too), when known."""
    folded, _ = fold_sentence(sentence)
    years = set(YEAR.findall(folded))
    if stem_years and years and not years & stem_years:
        return True
    if ordinals is None:
        ordinals = frozenset(_ORDINAL_MARK.findall(folded))
    return bool(stem_small and ordinals and not ordinals & stem_small)


_EVENT = re.compile(r"\b(?:Konferensi|Perjanjian|Perundingan|Persetujuan|KTT|Deklarasi|Konvensi|Conference|Agreement|"
                    r"Treaty|Declaration|Summit)\s+((?:[A-Z][\w-]*\s?){1,3})")


def _event_names(text: str) -> list[frozenset[str]]:
    """The names of the meetings and treaties the text names: "Konferensi Bogor" → {"bogor"}."""
    return [frozenset(fold_accents(found.group(1)).casefold().split()) for found in _EVENT.finditer(text)]


def other_event(stem: str, clause: str, option: str) -> bool:
    """The clause that states the option names another meeting or treaty than the one the stem names:
    "… dan Konferensi Bogor (28–29 Desember 1954)" for a stem on the Konferensi Asia Afrika."""
    asked = _event_names(stem)
    named = _event_names(clause.replace(option, " "))
    if not asked or not named:
        return False
    stem_words = set(fold_accents(stem).casefold().split())
    return not any(name & stem_words for name in named)


def between(option: str, sentence: str) -> bool:
    """The sentence names the option as one end of a span ("Tempat netral antara Jakarta dan Yogyakarta",
    "between Jakarta and Yogyakarta"): a reference point, not the place itself."""
    text = re.escape(fold_accents(option.casefold()).strip(" ."))
    folded = fold_accents(sentence.casefold())
    return bool(re.search(rf"\b(?:antara|between)\s+(?:{text}\b|[^,.;]{{1,40}}?\s(?:dan|and)\s+{text}\b)", folded))


def only_within(short: str, long: str, sentence: str) -> bool:
    """The sentence names the option `short` only as part of the longer option `long` that contains it."""
    short_f, long_f = (fold_accents(o.casefold()).strip(" .") for o in (short, long))
    if short_f == long_f or not re.search(rf"(?<!\w){re.escape(short_f)}(?!\w)", long_f):
        return False
    rest = re.sub(rf"(?<!\w){re.escape(long_f)}(?!\w)", " ", fold_sentence(sentence)[0])
    return not re.search(rf"(?<!\w){re.escape(short_f)}(?!\w)", rest)


def clause_of(option: Option, sentence: str) -> str:
    """The clause of the sentence that names the option (the whole sentence when none does alone)."""
    text = option.text.casefold().strip(" .")
    return next((c for c in _OWN_CLAUSE.split(sentence) if text in c.casefold()), "")


@lru_cache(maxsize=4096)
def part_words(sentence: str, option: str, normalizer: Normalizer) -> frozenset[str]:
    """The words of the semicolon-separated part of a sentence that names the option, with the lead
    before a colon; empty when no single part names it."""
    lead, colon, body = sentence.partition(": ")
    if not colon:
        lead, body = "", sentence
    text = option.casefold().strip(" .")
    parts = [p for p in body.split(";") if text in p.casefold()]
    return frozenset(normalizer.tokens(f"{lead} {parts[0]}")) if len(parts) == 1 else frozenset()


@lru_cache(maxsize=4096)
def token_set(text: str, normalizer: Normalizer) -> frozenset[str]:
    return frozenset(normalizer.tokens(text))


@lru_cache(maxsize=4096)
def sequence(text: str, normalizer: Normalizer) -> tuple[str, ...]:
    """A text's meaningful normalized words in order (the lexicon applied: "years" is "tahun")."""
    return tuple(t for t in normalizer.tokens(text) if t not in normalizer.filler)


def first_run(words: tuple[str, ...], part: tuple[str, ...]) -> int | None:
    """Where `part` first occurs in `words` as one run, or None."""
    n = len(part)
    return next((i for i in range(len(words) - n + 1) if words[i:i + n] == part), None)


def contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """`part` occurs in `words` as one run."""
    return first_run(words, part) is not None


def own_words(text: str, normalizer: Normalizer) -> tuple[str, ...]:
    """The normalized words of an option of two or more words the lexicon rewrote none of, else empty:
    "Security Council" becomes "dewan aman" in another order, "politik aktif" keeps its order."""
    words = sequence(text, normalizer)
    stems = tuple(t for t in (normalizer.stem(w) for w in normalizer.surface(text)) if t not in normalizer.filler)
    return words if words == stems and len(words) >= 2 else ()


def translated(text: str, normalizer: Normalizer) -> bool:
    """The option is one word after the lexicon, and not the stem of its own word: "Rome" (roma), "Six" (6),
    "United Nations" (pbb), but not "regional" or "Kongo"."""
    words = sequence(text, normalizer)
    if len(words) != 1:
        return False
    surface = text.casefold().strip(" .")
    return " " in surface or normalizer.stem(surface) != words[0]


def affirmed_part(sentence: str) -> str:
    """The sentence without its negated clauses ("…, bukan di New York"); empty when every clause is negated."""
    parts = [p for p in _CLAUSE.split(sentence) if p.strip()]
    kept = [p for p in parts if not NEGATION.search(p.casefold())]
    return ", ".join(kept) if len(kept) < len(parts) else ""


def as_one_phrase(option: frozenset[str], words: tuple[str, ...]) -> bool:
    """The option's words (two or more, translated by the lexicon) stand together in the sentence,
    in any order: "Security Council" states "Dewan Keamanan", "General Assembly" "Majelis Umum"."""
    n = len(option)
    return n >= 2 and option <= set(words) and any(set(words[i:i + n]) == option for i in range(len(words) - n + 1))


def counted(text: str, normalizer: Normalizer) -> tuple[str, ...]:
    """An option that is a number and the word it counts ("9 years", "dua tahun"), as normalized words;
    empty for any other option."""
    words = sequence(text, normalizer)
    return words if len(words) == 2 and words[0].isdigit() and not words[1].isdigit() else ()


def spelled_otherwise(word: str, ev_tokens: frozenset[str]) -> bool:
    """The evidence has the word in another spelling (same first letter, a close match): old Indonesian
    spelling ("Sjahrir"), transliterations ("Boutros-Ghali"). Not "bilateral"/"multilateral" (first letter), nor
    two words of the language ("tanah"/"tanpa"), which are two words, not two spellings of one."""
    if len(word) < _SPELLING_MIN or word.isdigit():
        return False
    return any(len(t) >= _SPELLING_MIN - 1 and t[0] == word[0] and fuzz.ratio(word, t) >= _SPELLING_RATIO
               and not (is_root_word(word) and is_root_word(t)) for t in ev_tokens)


@lru_cache(maxsize=4096)
def clauses(sentence: str, normalizer: Normalizer) -> tuple[tuple[str, frozenset[str]], ...]:
    """A sentence's clauses with their words: "Australia yang dipilih Indonesia; Belgia yang dipilih Belanda".
    A lead before a colon ("Anggota komisi: …") belongs to every clause after it."""
    lead, colon, body = sentence.partition(": ")
    if not colon:
        lead, body = "", sentence
    shared = frozenset(normalizer.tokens(lead))
    return tuple((c, shared | frozenset(normalizer.tokens(c))) for c in _OWN_CLAUSE.split(body) if c.strip())


_CLAIM_BREAK = re.compile(r";\s*|,\s+|\s+(?:sedangkan|sementara|whereas|while)\s+")


def several_claims(text: str) -> bool:
    """The option makes two or more claims of three words or more ("kedutaan besar mengurus visa, konsulat
    mengurus politik"), not a list of names ("Nehru, Tito, Nasser"): words of each claim spread over a
    text ("visa" in one sentence, "politik" in another) do not state it, since they may state it swapped."""
    return sum(len(part.split()) >= 3 for part in _CLAIM_BREAK.split(text)) >= 2


_ITEM_BREAK = re.compile(r",\s*|;\s*|\s+(?:dan|serta|and|&)\s+")


def names_a_list(text: str) -> bool:
    """The option lists two or more short items ("Nasser, Tito, Nehru"), which a text may well name in
    different sentences or list lines; a claim ("membantu Blok Timur menghadapi Blok Barat") it may not."""
    parts = [part for part in _ITEM_BREAK.split(text.strip(" .")) if part.strip()]
    return len(parts) >= 2 and all(len(part.split()) <= 3 for part in parts)


_LIST_WORD = re.compile(r"^\s*(?:dan|serta|atau|and|or)\s+")


def with_shared_lead(clauses: tuple[tuple[str, frozenset[str]], ...], options: list[str],
                      normalizer: Normalizer) -> tuple[tuple[str, frozenset[str]], ...]:
    """The words before the first option named in a sentence belong to every option's clause:
    in "paling lambat 2010 (ekonomi maju) dan 2020 (ekonomi berkembang)" both years are "paling lambat"."""
    if not clauses:
        return clauses
    first = clauses[0][0].casefold()
    at = {o: first.find(o) for o in (o.casefold().strip() for o in options)}
    starts = [i for i in at.values() if i > 0]
    # only for a list of options, each other option opening its own clause ("2020 (ekonomi berkembang)"),
    # not for a clause that mentions another option in passing ("setelah pertama kali diterima (1950)")
    rest = [o for o, i in at.items() if i < 0]
    if not starts or not all(any(_LIST_WORD.sub("", text.casefold()).startswith(o) for text, _ in clauses[1:])
                             for o in rest):
        return clauses
    lead = frozenset(normalizer.tokens(clauses[0][0][:min(starts)]))
    return tuple((text, toks | lead) for text, toks in clauses)


def stating_clause(option: Option, clauses: tuple[tuple[str, frozenset[str]], ...], option_tokens: frozenset[str],
                   unit: str | None, normalizer: Normalizer, *, exact: bool) -> frozenset[str] | None:
    """The words of the clause that states the option: word for word for an option the sentence states so,
    else the clause that states most of it ("ZEE sampai 200 mil" for "200 mil laut"); None when none does."""
    said = [(support(option, text, words, option_tokens, unit, sequence(text, normalizer)), words)
            for text, words in clauses]
    if exact:
        return next((words for share, words in said if share >= 1.0), None)
    best = max((share for share, _ in said), default=0.0)
    return next((words for share, words in said if share == best), None) if best >= 0.5 else None


_WORDS_OF = {str(value): tuple(word for word, n in NUMBER_WORDS.items() if n == value)
             for value in set(NUMBER_WORDS.values())}  # "6": ("enam", "six")
COUNTED_NOUN = re.compile(r"\b(?:jumlah|banyaknya)\s+([a-z]{3,})")  # "Jumlah organ utama PBB …": counts organs


COUNTED_PHRASE = re.compile(r"\b(?:jumlah|banyaknya)\s+((?:[a-z]{2,}\b\s*){1,4})")  # "jumlah anggota tidak tetap"


def counted_words(number: str, phrase: tuple[str, ...], sentence: str) -> int:
    """How many words of the stem's counted phrase follow the number in the sentence: 3 for "10 anggota
    tidak tetap" against "anggota tidak tetap", 1 for "15 anggota"."""
    forms = [re.escape(number), *_WORDS_OF.get(number, ())]
    best = 0
    for found in re.finditer(rf"(?<![\d.])(?:{'|'.join(forms)})\s+([a-z ]+)", fold_sentence(sentence)[0]):
        after = found.group(1).split()
        same = next((i for i, (a, b) in enumerate(zip(phrase, after, strict=False)) if a != b), min(len(phrase), len(after)))
        best = max(best, same)
    return best


def counts(number: str, noun: str, sentence: str) -> bool:
    """The sentence gives the number as a count of the noun: "6 organ utama", "enam organ utama"."""
    forms = [re.escape(number), *_WORDS_OF.get(number, ())]
    return bool(re.search(rf"(?<![\d.])(?:{'|'.join(forms)})\s+{re.escape(noun)}", fold_sentence(sentence)[0]))
