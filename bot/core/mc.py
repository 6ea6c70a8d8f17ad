"""Pasted multiple-choice questions: choosing an option from evidence (`bot.core.pasted` reads them).

`choose()` scores every option against evidence texts (a card's fact, the best FAQ answers for
the stem): the share of the option's meaningful words found in the evidence, with a whole-phrase
bonus, and numbers (years, dates, counts) that must appear exactly. It picks an option only with a
clear lead; otherwise it says which options the evidence rules out, or that it does not know.
Negated stems ("yang bukan …", "kecuali") choose the option the evidence does not support.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from bot.core.markup import strip_tags
from bot.core.mc_ties import by_position, named_term, own_clause_decides
from bot.core.normalize import Normalizer, fold_accents
from bot.core.pasted import Option, Pasted

_NUMBER = re.compile(r"\d+")
_DENIED = re.compile(r"\b(?:tidak|tak|bukan|belum)\b(?:\s+\S+){0,3}\s*$")  # a denial just before a word
_HONORIFIC = re.compile(r"^(?:(?:haji|h\.|kh\.?|drs\.?|dr\.?|ir\.?|prof\.?|mr\.?|sir|tun|raden|r\.|presiden|"
                        r"perdana menteri|pm)\s+)+")
_NEGATION = re.compile(r"\b(?:tidak|tak|bukan|tanpa|belum|non(?![-\w])|not|no)\b")  # not the "Non" of "Non-Blok"
_LEAD, _LEAD_MARGIN = 1.15, 0.03  # the lead over the runner-up that chooses an option (dev half and tuning sets)
_STRONG, _STRONG_LEAD = 0.7, 0.1  # a near-certain option needs a smaller relative lead (dev half)
MIN_SCORE = 0.4  # the least an option must score to be chosen, for a stem whose words the bank knows
# An option that scores less may still win by a wide margin (options that paraphrase the evidence:
# "perjanjian harus didasari itikad baik"), but not for a stem about words the bank does not know.
_WIDE_SLACK, _WIDE_LEAD = 0.12, 1.8
_SPELLING_MIN, _SPELLING_RATIO = 5, 80  # a name spelled another way: "Syahrir"/"Sjahrir", "Gali"/"Ghali"
_NEAR_COMPLETE = 0.85  # share of a long option's words the evidence must state to count as stating it
_ONE_WORD = 0.9  # a one-word option the sentence states in another form (translated, stemmed): below word for word
_LISTED = 0.7  # a list states an option whose words it mostly has ("President Josip Broz Tito of Yugoslavia")
_CLAUSE = re.compile(r";\s*|,\s+|\s+\(|\)\s*")
# an option's own clause keeps its parenthesis: "2010 (ekonomi maju) dan 2020 (ekonomi berkembang)"
_OWN_CLAUSE = re.compile(r";\s*|,\s+|(?<=\))\s+dan\s+")
_AFTER_BLANK = re.compile(r"(?:\.{2,}|…|_{2,})\s*([a-z]{3,})")  # "berjumlah ... negara": the unit after the blank
# Words the normalizer keeps apart for matching but that are about the same event for relevance.
_ALIKE = {"pendiri": "diri", "gerakan": "gerak"}
# Stem words about the question's form, not its subject ("yang bukan … berikut ini").
_UNSAID = 0.1  # a stem word no evidence uses ("mulai", "akhir") cannot tell options apart: it counts less
_STEM_NOISE = "bukan kecuali berikut pernyataan jawaban tepat termasuk"  # not "pilihan": its stem is that of "dipilih"


@dataclass(frozen=True)
class Choice:
    option: Option | None  # the chosen option, or None when undecided
    evidence: int = -1  # index of the evidence that decided it
    ruled_out: tuple[Option, ...] = ()  # options the evidence contradicts (when undecided)
    remaining: tuple[Option, ...] = ()  # options still possible (when undecided)


@lru_cache(maxsize=4096)
def _folded(text: str) -> tuple[str, frozenset[str]]:
    """A sentence casefolded with spaces folded, and its numbers (evidence sentences repeat: cached)."""
    folded = " ".join(fold_accents(text.casefold()).split())
    return folded, frozenset(_NUMBER.findall(folded))


def _support(option: Option, evidence: str, ev_tokens: frozenset[str], option_tokens: frozenset[str],
             unit: str | None = None, words: tuple[str, ...] = (), translated: bool = False,
             in_order: tuple[str, ...] = ()) -> float:
    """How much of the option the evidence states (0..1): the whole phrase, or a share of its words
    (at most 0.75: "persona grata" is not stated by "persona non grata"). A bare number option
    ("29") before a unit in the stem ("… negara") must appear with that unit. `words`: the evidence's
    normalized words in order, where an option translated word for word ("Security Council") counts as stated.
    `translated`: the option is one word the lexicon rewrote ("Rome" → roma), which the sentence may state.
    `in_order`: an option in the bank's own language, whose words must stand in its order ("politik aktif"
    is not stated by "aktif dalam politik luar negeri"); empty for a translated option, whose order may differ."""
    text = fold_accents(option.text.casefold()).strip(" .")
    ev_folded, ev_numbers = _folded(evidence)
    numbers = _NUMBER.findall(text)
    counted = {t for t in option_tokens if t.isdigit()}  # also "World War I" (1), "dua tahun" (2)
    if (numbers or counted) and not ((numbers and all(n in ev_numbers for n in numbers))
                                     or (counted and counted <= ev_tokens)):
        return 0.0
    if unit and text.isdigit():
        return 1.0 if re.search(rf"(?<![\d.]){text}\s+{re.escape(unit)}", ev_folded) else 0.3
    found = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", ev_folded)
    if found and (len(text) >= 3 or text.isdigit()):
        if _DENIED.search(ev_folded[max(0, found.start() - 30):found.start()]) and not _NEGATION.search(text):
            return 0.3  # "… yang tidak berkantor di New York": the sentence names the option to deny it
        return 1.0
    name = _HONORIFIC.sub("", text).strip()
    if name != text and len(name) >= 5 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", ev_folded):
        return 1.0  # "Haji Agus Salim" is the "Agus Salim" of the evidence
    if not option_tokens:
        return 0.0
    said = option_tokens & ev_tokens
    said |= {t for t in option_tokens - said if _spelled_otherwise(t, ev_tokens)}
    share = len(said) / len(option_tokens)
    if bool(_NEGATION.search(text)) != bool(_NEGATION.search(ev_folded)):
        return 0.3 * share  # "tidak dipakai" is not what "dipakai" states, though the words are the same
    if share == 1.0 and (_contains(words, in_order) if in_order else _as_one_phrase(option_tokens, words)):
        return 1.0  # "Security Council" is the sentence's "Dewan Keamanan"
    if share == 1.0 and translated:
        return _ONE_WORD  # "Rome" is the sentence's "Roma", "Six" its "6", "United Nations" its "PBB"
    if share >= _NEAR_COMPLETE and len(option_tokens) >= 5:
        return 0.95  # a long option restated with a word changed: "diangkat menjadi anggota tidak tetap …"
    return 0.75 * share


_YEAR = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?!\d|[.,]\d)")
_ORDINAL_MARK = re.compile(r"\bke-?\s?(\d{1,3})\b")
# the words (normalized) for an event's start and for its end: "terjadi", "dimulai", "pecah" against
# "berakhir", "selesai", "bubar", "dihentikan"
_STARTED = frozenset({"jadi", "mulai", "pecah", "letus", "began", "start", "started"})
_ENDED = frozenset({"akhir", "selesai", "bubar", "henti", "ended", "end"})
_EVENT_ENDS = ((_STARTED, _ENDED), (_ENDED, _STARTED))
_COOPERATION_KINDS = frozenset({"bilateral", "trilateral", "regional", "subregional", "multilateral"})
_SPREAD_WORDS = 3  # an option this long may be stated across sentences
_SPREAD = 0.8  # what stating it across sentences is worth against stating it in one
_OTHER_OCCASION = 0.6  # a sentence dated or numbered otherwise than the stem is about another occasion


def _other_occasion(stem_years: frozenset[str], stem_small: frozenset[str], sentence: str) -> bool:
    """The sentence is about another occasion than the stem: the stem names a year and the sentence
    only other years ("KTT GNB I tahun 1961" against "KTT ke-10 … 1992"), or the stem an ordinal
    and the sentence another ("ke-10" against "KTT GNB I")."""
    folded, _ = _folded(sentence)
    years = set(_YEAR.findall(folded))
    if stem_years and years and not years & stem_years:
        return True
    ordinals = set(_ORDINAL_MARK.findall(folded))
    return bool(stem_small and ordinals and not ordinals & stem_small)


def _only_within(short: str, long: str, sentence: str) -> bool:
    """The sentence names the option `short` only as part of the longer option `long` that contains it."""
    short_f, long_f = (fold_accents(o.casefold()).strip(" .") for o in (short, long))
    if short_f == long_f or not re.search(rf"(?<!\w){re.escape(short_f)}(?!\w)", long_f):
        return False
    rest = re.sub(rf"(?<!\w){re.escape(long_f)}(?!\w)", " ", _folded(sentence)[0])
    return not re.search(rf"(?<!\w){re.escape(short_f)}(?!\w)", rest)


def _clause_of(option: Option, sentence: str) -> str:
    """The clause of the sentence that names the option (the whole sentence when none does alone)."""
    text = option.text.casefold().strip(" .")
    return next((c for c in _OWN_CLAUSE.split(sentence) if text in c.casefold()), "")


@lru_cache(maxsize=4096)
def _part_words(sentence: str, option: str, normalizer: Normalizer) -> frozenset[str]:
    """The words of the semicolon-separated part of a sentence that names the option, with the lead
    before a colon; empty when no single part names it."""
    lead, colon, body = sentence.partition(": ")
    if not colon:
        lead, body = "", sentence
    text = option.casefold().strip(" .")
    parts = [p for p in body.split(";") if text in p.casefold()]
    return frozenset(normalizer.tokens(f"{lead} {parts[0]}")) if len(parts) == 1 else frozenset()


@lru_cache(maxsize=4096)
def _token_set(text: str, normalizer: Normalizer) -> frozenset[str]:
    return frozenset(normalizer.tokens(text))


@lru_cache(maxsize=4096)
def _sequence(text: str, normalizer: Normalizer) -> tuple[str, ...]:
    """A text's meaningful normalized words in order (the lexicon applied: "years" is "tahun")."""
    return tuple(t for t in normalizer.tokens(text) if t not in normalizer.filler)


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """`part` occurs in `words` as one run."""
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _own_words(text: str, normalizer: Normalizer) -> tuple[str, ...]:
    """The normalized words of an option of two or more words the lexicon rewrote none of, else empty:
    "Security Council" becomes "dewan aman" in another order, "politik aktif" keeps its order."""
    words = _sequence(text, normalizer)
    stems = tuple(t for t in (normalizer.stem(w) for w in normalizer.surface(text)) if t not in normalizer.filler)
    return words if words == stems and len(words) >= 2 else ()


def _translated(text: str, normalizer: Normalizer) -> bool:
    """The option is one word after the lexicon, and not the stem of its own word: "Rome" (roma), "Six" (6),
    "United Nations" (pbb), but not "regional" or "Kongo"."""
    words = _sequence(text, normalizer)
    if len(words) != 1:
        return False
    surface = text.casefold().strip(" .")
    return " " in surface or normalizer.stem(surface) != words[0]


def _affirmed_part(sentence: str) -> str:
    """The sentence without its negated clauses ("…, bukan di New York"); empty when every clause is negated."""
    parts = [p for p in _CLAUSE.split(sentence) if p.strip()]
    kept = [p for p in parts if not _NEGATION.search(p.casefold())]
    return ", ".join(kept) if len(kept) < len(parts) else ""


def _as_one_phrase(option: frozenset[str], words: tuple[str, ...]) -> bool:
    """The option's words (two or more, translated by the lexicon) stand together in the sentence,
    in any order: "Security Council" states "Dewan Keamanan", "General Assembly" "Majelis Umum"."""
    n = len(option)
    return n >= 2 and option <= set(words) and any(set(words[i:i + n]) == option for i in range(len(words) - n + 1))


def _counted(text: str, normalizer: Normalizer) -> tuple[str, ...]:
    """An option that is a number and the word it counts ("9 years", "dua tahun"), as normalized words;
    empty for any other option."""
    words = _sequence(text, normalizer)
    return words if len(words) == 2 and words[0].isdigit() and not words[1].isdigit() else ()


def _spelled_otherwise(word: str, ev_tokens: frozenset[str]) -> bool:
    """The evidence has the word in another spelling (same first letter, a close match): old Indonesian
    spelling ("Sjahrir"), transliterations ("Boutros-Ghali"). Not "bilateral"/"multilateral" (first letter)."""
    if len(word) < _SPELLING_MIN or word.isdigit():
        return False
    return any(len(t) >= _SPELLING_MIN - 1 and t[0] == word[0] and fuzz.ratio(word, t) >= _SPELLING_RATIO
               for t in ev_tokens)


@lru_cache(maxsize=4096)
def _clauses(sentence: str, normalizer: Normalizer) -> tuple[tuple[str, frozenset[str]], ...]:
    """A sentence's clauses with their words: "Australia yang dipilih Indonesia; Belgia yang dipilih Belanda".
    A lead before a colon ("Anggota komisi: …") belongs to every clause after it."""
    lead, colon, body = sentence.partition(": ")
    if not colon:
        lead, body = "", sentence
    shared = frozenset(normalizer.tokens(lead))
    return tuple((c, shared | frozenset(normalizer.tokens(c))) for c in _OWN_CLAUSE.split(body) if c.strip())


_LIST_WORD = re.compile(r"^\s*(?:dan|serta|atau|and|or)\s+")


def _with_shared_lead(clauses: tuple[tuple[str, frozenset[str]], ...], options: list[str],
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


@dataclass(frozen=True)
class Evidence:
    plain: str  # plain text (no HTML)
    sentences: tuple[tuple[str, frozenset[str]], ...]  # its sentences with their normalized words
    weight: float  # 0..1: how much this text is about the stem
    about: frozenset[str] = frozenset()  # words naming the text's subject (a card's names), in every sentence
    blocks: tuple[tuple[str, frozenset[str]], ...] = ()  # sentences with their list items joined (negated stems)
    leads: tuple[frozenset[str], ...] = ()  # per sentence: the words of the lead-in a list item sits under
    # the subject its first sentence names ("Dag Hammarskjöld dari Swedia"), whom a later "Ia meninggal …
    # saat pesawatnya jatuh" or "Jasanya yang terbesar: …" is about
    subject: str = ""


# sentence ends, but not after "No." / "Dr." or an initial ("S. Rajaratnam")
_SENTENCE = re.compile(r"(?<!\b\d\.)(?<!\b\d\d\.)(?<!\bNo\.)(?<!\bno\.)(?<!\bDr\.)(?<!\bIr\.)(?<!\bMr\.)(?<!\b[A-Z]\.)(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+")


_PRONOUN = re.compile(r"(?:Ia|Dia|Beliau|He|She)\b")
_SUBJECT_END = re.compile(r",|\s(?:adalah|ialah|merupakan|menjadi|is|was)\s")
_LEAD_SHARE = 0.3  # a stem word only the list's lead-in states counts this much for its items
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")
_ITEM = re.compile(r"(?:[•\-–*]|\d{1,2}[.)])\s")
_LIST_BREAK = re.compile(r"[:;,]?\s*\n\s*(?=(?:[•\-–*]|\d{1,2}[.)])\s)")  # a list stays one sentence with its lead


def evidence(text: str, weight: float, normalizer: Normalizer) -> Evidence:
    plain = strip_tags(text)

    def split(body: str) -> tuple[tuple[str, frozenset[str]], ...]:
        parts = [p.strip(" •-\t") for p in _SENTENCE.split(body)]
        return tuple((p, frozenset(normalizer.tokens(p))) for p in parts if p)

    # one pass over the sentences, keeping for each list item the words of the lead-in it sits under:
    # "Faktor pendorongnya antara lain:" then "• Perbedaan sumber daya alam"
    sentences: list[tuple[str, frozenset[str]]] = []
    leads: list[frozenset[str]] = []
    lead: frozenset[str] = frozenset()
    for raw in _SENTENCE.split(plain):
        sentence = _NUMBERED.sub("", raw.strip(" •-\t"))  # "5. Mahkamah Internasional …" states no number 5
        if not sentence:
            continue
        toks = frozenset(normalizer.tokens(sentence))
        is_item = bool(_ITEM.match(raw.strip(" \t")))
        sentences.append((sentence, toks))
        leads.append(lead if is_item else frozenset())
        if sentence.endswith(":"):
            lead = toks
        elif not is_item:
            lead = frozenset()
    subject = _SUBJECT_END.split(sentences[0][0], maxsplit=1)[0] if sentences else ""  # "Dag Hammarskjöld … adalah"
    return Evidence(plain, tuple(sentences), weight, blocks=split(_LIST_BREAK.sub(" ; ", plain)), leads=tuple(leads),
                    subject=subject)


def choose(pasted: Pasted, evidence: list[Evidence], normalizer: Normalizer,
           stem_weights: dict[str, float] | None = None, trace: list[str] | None = None,
           min_score: float = MIN_SCORE) -> Choice:
    """The option the evidence supports, or what it rules out.

    Each option is scored in each evidence sentence: how much of the option the sentence states,
    times how much of the stem the sentence is about (so "Markas besar PBB ada di New York" beats
    "Mahkamah Internasional berkantor di Den Haag" for a question on the UN's headquarters).
    """
    after = _AFTER_BLANK.search(pasted.stem.casefold())
    unit = after.group(1) if after else None
    skip = frozenset(normalizer.tokens(_STEM_NOISE))
    stem = {t: w ** 2 for t, w in (stem_weights or {}).items() if t not in skip}
    said = frozenset().union(*(toks for ev in evidence for _, toks in ev.sentences), *(ev.about for ev in evidence))
    stem = {t: w if t in said or _ALIKE.get(t, "") in said else w * _UNSAID for t, w in stem.items()}
    stem_total = sum(stem.values()) or 1.0
    option_tokens = [frozenset(_sequence(o.text, normalizer)) for o in pasted.options]
    option_counts = [_counted(o.text, normalizer) for o in pasted.options]
    translated = [_translated(o.text, normalizer) for o in pasted.options]
    in_order = [_own_words(o.text, normalizer) for o in pasted.options]
    stem_toks = frozenset(normalizer.tokens(pasted.stem))
    stem_numbers = {t for t in stem_toks if t.isdigit()}
    stem_years = frozenset(n for n in stem_numbers if _YEAR.fullmatch(n))
    stem_small = frozenset(n for n in stem_numbers if len(n) <= 2)
    # a stem about how an event began reads sentences about how it ended as another occasion, and back
    stem_kind = stem_toks & _COOPERATION_KINDS  # the kind of cooperation the stem asks about
    stem_end, other_end = next(((mine & stem_toks, theirs) for mine, theirs in _EVENT_ENDS
                                if mine & stem_toks and not theirs & stem_toks), (frozenset(), frozenset()))
    scores = [(0.0, -1)] * len(pasted.options)
    # per sentence naming several options: the stem words of each option's own clause
    clause_words: dict[str, dict[int, frozenset[str]]] = defaultdict(dict)
    said_in: dict[int, str] = {}  # the sentence behind each option's score
    list_sentence: tuple[float, frozenset[int], int] = (0.0, frozenset(), -1)  # for negated stems
    # the items of a list are what its lead-in names: for "yang bukan fungsi X", every item under
    # "fungsi X adalah:" is one of them
    lead_share = 1.0 if pasted.negated else _LEAD_SHARE
    for i, ev in enumerate(evidence):
        for j, (sentence, toks) in enumerate(ev.sentences):
            lead = ev.leads[j] if j < len(ev.leads) else frozenset()
            words = _sequence(sentence, normalizer)
            sups = [_support(opt, sentence, toks, option_tokens[k], unit, words, translated[k], in_order[k])
                    for k, opt in enumerate(pasted.options)]
            affirmed = _affirmed_part(sentence) if _NEGATION.search(sentence) else None
            if affirmed:  # "Letaknya di Den Haag, Belanda, bukan di New York": the first part states "Den Haag"
                affirmed_toks = frozenset(normalizer.tokens(affirmed))
                affirmed_words = _sequence(affirmed, normalizer)
                sups = [max(sup, _support(opt, affirmed, affirmed_toks, option_tokens[k], unit, affirmed_words,
                                          translated[k]))
                        if 0.0 < sup < 1.0 and not _NEGATION.search(opt.text.casefold()) else sup
                        for k, (opt, sup) in enumerate(zip(pasted.options, sups, strict=True))]
            # a later sentence that opens with a pronoun, or names no option, speaks of the text's subject
            if j > 0 and ev.subject and (_PRONOUN.match(sentence) or not any(sup >= 1.0 for sup in sups)):
                subject_toks = _token_set(ev.subject, normalizer)
                sups = [1.0 if sup < 1.0 and _support(opt, ev.subject, subject_toks, option_tokens[k], unit) >= 1.0
                        else sup
                        for k, (opt, sup) in enumerate(zip(pasted.options, sups, strict=True))]
            for k, sup in enumerate(sups):
                if 0.0 < sup < 1.0 and option_counts[k]:  # "9 years": the number beside its word ("9 tahun")
                    together = _contains(_sequence(sentence, normalizer), option_counts[k])
                    sups[k] = 1.0 if together else sup * 0.5
            exact = {k for k, sup in enumerate(sups) if sup >= 1.0}
            for k, sup in enumerate(sups):
                if 0.0 < sup < 1.0 and any(option_tokens[k] < option_tokens[j] for j in exact):
                    sups[k] = 0.0  # "persona grata" is only part of the "persona non grata" this sentence states
                elif sup >= 1.0 and any(_only_within(pasted.options[k].text, pasted.options[j].text, sentence)
                                        for j in exact if j != k):
                    sups[k] = 0.0  # "Duta" is only the start of the "Duta Besar Luar Biasa …" this sentence states
            clauses = (_with_shared_lead(_clauses(sentence, normalizer), [pasted.options[k].text for k in exact],
                                         normalizer) if len(exact) >= 2 else ())
            for k, sup in enumerate(sups):
                if sup <= 0.0:
                    continue
                where = toks
                if k in exact and clauses:  # several options in one sentence: each is judged by its own clause
                    clause = next((c for text, c in clauses
                                   if _support(pasted.options[k], text, c, option_tokens[k], unit,
                                               _sequence(text, normalizer)) >= 1.0), None)
                    if clause is not None:
                        clause_words[sentence][k] = frozenset(clause & stem.keys())
                        where = clause
                elif sup >= 1.0 and ";" in sentence:  # "Pendiri (Soekarno, 1961); tuan rumah KTT ke-10 Jakarta 1992"
                    where = _part_words(sentence, pasted.options[k].text, normalizer) or toks
                rel = sum(w if t in where or t in ev.about or _ALIKE.get(t, "") in where else w * lead_share
                          for t, w in stem.items() if t in where or t in ev.about or t in lead
                          or _ALIKE.get(t, "") in where) / stem_total if stem else 0.5
                value = ev.weight * sup * (rel * rel if pasted.negated else 0.3 + 0.7 * rel)
                if _other_occasion(stem_years, stem_small, sentence) or (
                        sup >= 1.0 and _other_occasion(stem_years, stem_small, _clause_of(pasted.options[k], sentence))):
                    value *= _OTHER_OCCASION  # "Pendiri (Soekarno, 1961); tuan rumah KTT ke-10 Jakarta 1992"
                if other_end and toks & other_end and not toks & stem_end:
                    value *= _OTHER_OCCASION  # "… terjadi pada masa …" against "Konfrontasi berakhir pada masa Orde Baru"
                if stem_kind and toks & (_COOPERATION_KINDS - stem_kind) and not toks & stem_kind:
                    value *= _OTHER_OCCASION  # "contoh kerja sama bilateral" against "ASEAN adalah contoh kerja sama regional"
                if value > scores[k][0]:
                    scores[k] = (value, i)
                    said_in[k] = sentence
                    if trace is not None:
                        trace.append(f"{pasted.options[k].letter} {value:.2f} ev{i} sup={sup:.2f} rel={rel:.2f}: {sentence[:90]}")
        for block, toks in ev.blocks if pasted.negated else ():
            block_sups = [_support(opt, block, toks, option_tokens[k], unit) for k, opt in enumerate(pasted.options)]
            exact = {k for k, sup in enumerate(block_sups) if sup >= _LISTED}
            if len(exact) >= 2:
                # "Gamal Abdul Nasser" is listed as "Gamal Abdel Nasser": mostly stated counts as listed
                exact |= {k for k, sup in enumerate(block_sups) if sup >= 0.5}
                rel_all = sum(w for t, w in stem.items() if t in toks or t in ev.about or _ALIKE.get(t, "") in toks)
                rel_all = ev.weight * rel_all / stem_total
                if rel_all > list_sentence[0]:
                    list_sentence = (rel_all, frozenset(exact), i)
    if pasted.negated and list_sentence[0] >= 0.4 and len(list_sentence[1]) == len(pasted.options) - 1:
        missing = next(k for k in range(len(pasted.options)) if k not in list_sentence[1])
        return Choice(pasted.options[missing], list_sentence[2])  # the one option the list leaves out
    ranked = sorted(range(len(pasted.options)), key=lambda i: scores[i][0], reverse=True)
    top, second = ranked[0], ranked[1]
    if pasted.negated:
        low = ranked[-1]
        others = [scores[i][0] for i in ranked[:-1]]
        if scores[low][0] <= 0.5 * min(others) and min(others) >= 0.3:
            return Choice(pasted.options[low], scores[ranked[0]][1])
    elif _leads(scores[top][0], scores[second][0], min_score):
        return Choice(pasted.options[top], scores[top][1])
    elif scores[top][0] >= min_score and (picked := own_clause_decides(ranked, scores, said_in, clause_words, stem)) is not None:
        return Choice(pasted.options[picked], scores[picked][1])
    elif scores[top][0] >= min_score and (picked := by_position(pasted, ranked, scores, said_in)) is not None:
        return Choice(pasted.options[picked], scores[picked][1])
    elif scores[top][0] >= min_score and (picked := named_term(pasted, ranked, scores, said_in)) is not None:
        return Choice(pasted.options[picked], scores[picked][1])
    if pasted.negated or scores[top][0] < 0.2:
        return Choice(None)
    # every option is either ruled out (nothing the bank says about the stem names it) or still possible:
    # "C, D do not fit; A remains" must not leave the student wondering about B and E
    remaining = tuple(pasted.options[i] for i in ranked if scores[i][0] > 0.0)
    ruled_out = tuple(o for i, o in enumerate(pasted.options) if scores[i][0] == 0.0)
    return Choice(None, ruled_out=ruled_out, remaining=remaining)


def _leads(best: float, runner_up: float, min_score: float) -> bool:
    """The best option's score is high enough and far enough ahead of the runner-up's to choose it."""
    if best >= min_score and (best >= _LEAD * runner_up + _LEAD_MARGIN or (best >= _STRONG and best - runner_up >= _STRONG_LEAD)):
        return True
    return (min_score <= MIN_SCORE + _WIDE_SLACK / 2 and best >= min_score - _WIDE_SLACK
            and best >= _WIDE_LEAD * runner_up + 0.04)


def stated_once(pasted: Pasted, ev: Evidence, normalizer: Normalizer) -> Option | None:
    """The one option a card fact's sentence states word for word ("Sekjen PBB pertama adalah Trygve
    Lie"), when it states no other: the fact answers exactly the attribute the stem asks about."""
    if pasted.negated:
        return None
    stated = {k for k, opt in enumerate(pasted.options) for sentence, toks in ev.sentences
              if _support(opt, sentence, toks, frozenset(_sequence(opt.text, normalizer))) >= 1.0}
    return pasted.options[stated.pop()] if len(stated) == 1 else None


def option_with_count(pasted: Pasted, count: int, normalizer: Normalizer, fact: str = "") -> Option | None:
    """The one option whose only number is the card's count ("5 negara", "lima"), for a "berapa" stem.

    A sentence that gives a whole and its parts ("15 negara: 5 anggota tetap dan 10 tidak tetap")
    states every option; the card fact's count says which of them the question asks. An option that
    names what it counts ("15 years") must count what the fact counts ("15 hakim" is no term of office)."""
    if pasted.negated:
        return None
    fact_words = _sequence(fact, normalizer)
    holders = [o for o in pasted.options
               if {t for t in normalizer.tokens(o.text) if t.isdigit()} == {str(count)}
               and (not fact or not (counted := _counted(o.text, normalizer)) or _contains(fact_words, counted))]
    return holders[0] if len(holders) == 1 else None


def states(option: Option, ev: Evidence, normalizer: Normalizer) -> float:
    """How much of the option the text states at best (0..1), over its sentences; a long option the text
    states across its sentences ("pertukaran pelajar" in one, "beasiswa" in the next) nearly as much."""
    option_tokens = frozenset(_sequence(option.text, normalizer))
    best = max((_support(option, sentence, toks, option_tokens) for sentence, toks in ev.sentences), default=0.0)
    if len(option_tokens) >= _SPREAD_WORDS and not _NEGATION.search(option.text.casefold()):
        said = frozenset().union(*(toks for _, toks in ev.sentences))
        share = len(option_tokens & said) / len(option_tokens)
        if share >= _NEAR_COMPLETE:
            best = max(best, _SPREAD * share)
    return best


def best_sentence(ev: Evidence, option: Option, normalizer: Normalizer) -> str:
    """The sentence of the evidence that states the option (plain text), for the explanation."""
    sentences = [sentence for sentence, _ in ev.sentences]
    if not sentences:
        return ""
    opt = set(normalizer.tokens(option.text)) - normalizer.filler
    folded = option.text.casefold().strip(" .")

    def score(sentence: str) -> tuple[float, bool]:
        # a lead-in that announces a list ("… ada dua percobaan:") explains nothing on its own
        complete = not sentence.rstrip().endswith(":")
        if folded and folded in sentence.casefold():
            return 10.0, complete
        return len(opt & set(normalizer.tokens(sentence))), complete

    return max(sentences, key=score)
