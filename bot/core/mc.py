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

from bot.core import mc_support as ms
from bot.core.markup import strip_tags
from bot.core.mc_ties import by_position, named_term, own_clause_decides
from bot.core.normalize import Normalizer
from bot.core.pasted import Option, Pasted

_LEAD, _LEAD_MARGIN = 1.15, 0.03  # the lead over the runner-up that chooses an option (dev half and tuning sets)
_STRONG, _STRONG_LEAD = 0.7, 0.1  # a near-certain option needs a smaller relative lead (dev half)
MIN_SCORE = 0.4  # the least an option must score to be chosen, for a stem whose words the bank knows
# An option that scores less may still win by a wide margin (options that paraphrase the evidence:
# "perjanjian harus didasari itikad baik"), but not for a stem about words the bank does not know.
_WIDE_SLACK, _WIDE_LEAD = 0.15, 1.6  # dev half and tuning sets (0.12, 1.8 until blind-n: +5 right, none wrong)
_WIDE_RELEVANT = 0.1  # and only from a sentence about the stem (dev half and tuning sets: 0.05–0.1 alike)
_NAMED = 0.75  # an option stated with a word changed is named by the sentence, for its own clause
_LIST_RELEVANT = 0.25  # how much a list naming every option but one must be about the stem, for a negated stem
_LISTED = 0.7  # a list states an option whose words it mostly has ("President Josip Broz Tito of Yugoslavia")
_AFTER_BLANK = re.compile(r"(?:\.{2,}|…|_{2,})\s*([a-z]{3,})")  # "berjumlah ... negara": the unit after the blank
# Words the normalizer keeps apart for matching but that are about the same event for relevance.
_ALIKE = {"pendiri": "diri", "gerakan": "gerak"}
_GIVEN = 0.5  # an option the stem itself states is the given, not the asked
# Stem words about the question's form, not its subject ("yang bukan … berikut ini").
_UNSAID = 0.1  # a stem word no evidence uses ("mulai", "akhir") cannot tell options apart: it counts less
# "tahun" and "tanggal" ask when, they name no subject: "In which year did Indonesia become a member" must not
# lean to "PBB didirikan tahun 1945"; not "pilihan": its stem is that of "dipilih"
_STEM_NOISE = "bukan kecuali berikut pernyataan jawaban tepat termasuk not except tahun tanggal year date"
# the words (normalized) for an event's start and for its end: "terjadi", "dimulai", "pecah" against
# "berakhir", "selesai", "bubar", "dihentikan"
_STARTED = frozenset({"jadi", "mulai", "pecah", "letus", "began", "start", "started"})
_ENDED = frozenset({"akhir", "selesai", "bubar", "henti", "ended", "end"})
# and for where an organisation sits against where (or when) it was founded: "Markas besar OKI …" is not
# answered by "OKI berdiri … lewat KTT di Rabat"
_SEATED = frozenset({"markas", "keduduk"})
_FOUNDED = frozenset({"diri", "bentuk", "ktt", "konferensi", "sidang"})
# pairs of word sets a stem and a sentence must not stand on opposite sides of
_CLASHING = ((_STARTED, _ENDED), (_ENDED, _STARTED), (_SEATED, _FOUNDED), (_FOUNDED, _SEATED))
# "… disepakati pada tahun ....": the year asked is the year of that act, not a year the sentence gives for another
_WHEN_ACT = re.compile(r"\b(\w{4,})\s+(?:pada\s+|di\s+)?(?:tahun|tanggal)\s*(?:\.{2,}|…|_{2,})", re.IGNORECASE)
_PLACE_ASKED = re.compile(r"\b(?:tempat|letak|terletak|di ?mana|kota|daerah|where|located|place|city)\b", re.IGNORECASE)
_COOPERATION_KINDS = frozenset({"bilateral", "trilateral", "regional", "subregional", "multilateral"})
# the words (normalized) for a good and for a bad side: a stem asking "manfaat" is not answered by a
# sentence about "dampak negatif", nor one asking "kerugian" by a sentence about "dampak positif"
_GOOD = frozenset({"manfaat", "positif", "untung", "advantage"})
_BAD = frozenset({"negatif", "rugi", "buruk", "hambat", "kendala", "disadvantage"})
_SIDES = ((_GOOD, _BAD), (_BAD, _GOOD))
_UNCOUNTED = 0.6  # a bare number the sentence gives, but not as a count of what the stem counts
_OTHER_SIDE = 0.3  # what a sentence on the other side is worth: what it lists is the opposite of what is asked
_SPREAD_WORDS = 3  # an option this long may be stated across sentences
_SPREAD = 0.8  # what stating it across sentences is worth against stating it in one
_OTHER_OCCASION = 0.6  # a sentence dated or numbered otherwise than the stem is about another occasion


@dataclass(frozen=True)
class Choice:
    option: Option | None  # the chosen option, or None when undecided
    evidence: int = -1  # index of the evidence that decided it
    ruled_out: tuple[Option, ...] = ()  # options the evidence contradicts (when undecided)
    remaining: tuple[Option, ...] = ()  # options still possible (when undecided)
    # when undecided after scoring: each option's score and the evidence behind it, as `option_scores` gives them
    scores: tuple[tuple[float, int], ...] = ()


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
    asked: frozenset[str] = frozenset()  # the words of the question the text answers (an entry's question, variants)
    # the words of the occasion every sentence speaks of: a card fact's sentence, for its bare value ("Beograd,
    # Yugoslavia" after "GNB lahir dalam KTT I di Beograd …" is where GNB was founded, not where it sits)
    occasion: frozenset[str] = frozenset()


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


@dataclass(frozen=True)
class _Scored:
    scores: list[tuple[float, int]]  # per option: its best value and the evidence behind it
    said_in: dict[int, str]  # the sentence behind each option's score
    clause_words: dict[str, dict[int, frozenset[str]]]  # per sentence naming several options: each one's stem words
    list_sentence: tuple[float, frozenset[int], int]  # for negated stems: the list naming all options but one
    stem: dict[str, float]  # the stem's words with their weights
    relevance: dict[int, float]  # per option: how much of the stem the sentence behind its score is about


def option_scores(pasted: Pasted, evidence: list[Evidence], normalizer: Normalizer,
                  stem_weights: dict[str, float] | None = None) -> list[tuple[float, int]]:
    """How well the evidence supports each option (0..1), as `choose` weighs them before deciding, and the
    index of the evidence that supports it best (-1 for none)."""
    return _score(pasted, evidence, normalizer, stem_weights).scores


def _score(pasted: Pasted, evidence: list[Evidence], normalizer: Normalizer,
           stem_weights: dict[str, float] | None = None, trace: list[str] | None = None) -> _Scored:
    """Each option scored in each evidence sentence (see `choose`), at its best."""
    after = _AFTER_BLANK.search(pasted.stem.casefold())
    unit = after.group(1) if after else None
    counted = ms.COUNTED_NOUN.search(pasted.stem.casefold())
    if unit and counted:  # "Jumlah anggota tidak tetap … adalah … negara": "10 anggota tidak tetap" counts them too
        unit, counted = f"{unit}|{counted.group(1)}", None
    phrase_found = ms.COUNTED_PHRASE.search(pasted.stem.casefold())
    counted_phrase = tuple(phrase_found.group(1).split()) if phrase_found else ()
    noun = counted.group(1) if counted else None  # "Jumlah organ utama PBB adalah …": the options count organs
    skip = frozenset(normalizer.tokens(_STEM_NOISE))
    stem = {t: w ** 2 for t, w in (stem_weights or {}).items() if t not in skip}
    said = frozenset().union(*(toks for ev in evidence for _, toks in ev.sentences), *(ev.about for ev in evidence))
    stem = {t: w if t in said or _ALIKE.get(t, "") in said else w * _UNSAID for t, w in stem.items()}
    stem_total = sum(stem.values()) or 1.0
    option_tokens = [frozenset(ms.sequence(o.text, normalizer)) for o in pasted.options]
    option_counts = [ms.counted(o.text, normalizer) for o in pasted.options]
    option_has_number = [any(c.isdigit() for c in o.text) for o in pasted.options]
    translated = [ms.translated(o.text, normalizer) for o in pasted.options]
    in_order = [ms.own_words(o.text, normalizer) for o in pasted.options]
    # "Bank Dunia (IBRD)" is stated by a sentence naming either "Bank Dunia" or "IBRD"
    # and "asas pacta sunt servanda", among options that all begin "asas …", by the "Pacta sunt servanda" of the bank
    shared = shared_lead(pasted.options)
    aliases = [[(part, frozenset(ms.sequence(part.text, normalizer)), ms.translated(part.text, normalizer),
                 ms.own_words(part.text, normalizer))
                for part in (*_named_twice(o), *((Option(o.letter, o.text[shared:].strip()),) if shared else ()))]
               for o in pasted.options]
    stem_toks = frozenset(normalizer.tokens(pasted.stem))
    stem_numbers = {t for t in stem_toks if t.isdigit()}
    stem_years = frozenset(n for n in stem_numbers if ms.YEAR.fullmatch(n))
    stem_small = frozenset(n for n in stem_numbers if len(n) <= 2)
    # a stem about how an event began reads sentences about how it ended as another occasion, and back
    stem_kind = stem_toks & _COOPERATION_KINDS  # the kind of cooperation the stem asks about
    asks_place = bool(_PLACE_ASKED.search(pasted.stem))
    act = _WHEN_ACT.search(pasted.stem)
    act_words = frozenset(normalizer.tokens(act.group(1))) - normalizer.filler if act else frozenset()
    stem_side, other_side = sides(stem_toks)
    stem_end, other_end = next(((mine & stem_toks, theirs) for mine, theirs in _CLASHING
                                if mine & stem_toks and not theirs & stem_toks), (frozenset(), frozenset()))
    scores = [(0.0, -1)] * len(pasted.options)
    # per sentence naming several options: the stem words of each option's own clause
    clause_words: dict[str, dict[int, frozenset[str]]] = defaultdict(dict)
    said_in: dict[int, str] = {}  # the sentence behind each option's score
    relevance: dict[int, float] = {}  # how much of the stem that sentence is about
    list_sentence: tuple[float, frozenset[int], int] = (0.0, frozenset(), -1)  # for negated stems
    # the items of a list are what its lead-in names: for "yang bukan fungsi X", every item under
    # "fungsi X adalah:" is one of them
    lead_share = 1.0 if pasted.negated else _LEAD_SHARE
    for i, ev in enumerate(evidence):
        for j, (sentence, toks) in enumerate(ev.sentences):
            lead = ev.leads[j] if j < len(ev.leads) else frozenset()
            words = ms.sequence(sentence, normalizer)
            # a stem that numbers no event ("KTT ke-10", "Agresi Militer I") needs no ordinals read
            sentence_ordinals = normalizer.ordinals(sentence) if stem_small else frozenset()
            sups = [max([ms.support(opt, sentence, toks, option_tokens[k], unit, words, translated[k], in_order[k])]
                        + [ms.support(part, sentence, toks, part_tokens, unit, words, part_translated, part_order)
                           for part, part_tokens, part_translated, part_order in aliases[k]])
                    for k, opt in enumerate(pasted.options)]
            affirmed = ms.affirmed_part(sentence) if ms.NEGATION.search(sentence) else None
            if affirmed:  # "Letaknya di Den Haag, Belanda, bukan di New York": the first part states "Den Haag"
                affirmed_toks = frozenset(normalizer.tokens(affirmed))
                affirmed_words = ms.sequence(affirmed, normalizer)
                sups = [max(sup, ms.support(opt, affirmed, affirmed_toks, option_tokens[k], unit, affirmed_words,
                                          translated[k]))
                        if 0.0 < sup < 1.0 and not ms.NEGATION.search(opt.text.casefold()) else sup
                        for k, (opt, sup) in enumerate(zip(pasted.options, sups, strict=True))]
            # a later sentence that opens with a pronoun, or names no option, speaks of the text's subject
            subject_toks: frozenset[str] = frozenset()
            by_subject: set[int] = set()  # the options only the text's subject states, in this sentence
            if j > 0 and ev.subject and (_PRONOUN.match(sentence) or not any(sup >= 1.0 for sup in sups)):
                subject_toks = ms.token_set(ev.subject, normalizer)
                by_subject = {k for k, opt in enumerate(pasted.options) if sups[k] < 1.0
                              and ms.support(opt, ev.subject, subject_toks, option_tokens[k], unit) >= 1.0}
                sups = [1.0 if k in by_subject else sup for k, sup in enumerate(sups)]
            for k, sup in enumerate(sups):
                if 0.0 < sup < 1.0 and option_counts[k]:  # "9 years": the number beside its word ("9 tahun")
                    together = ms.contains(ms.sequence(sentence, normalizer), option_counts[k])
                    sups[k] = 1.0 if together else sup * 0.5
            if noun:  # "enam organ utama" counts organs; the "7" of "Pasal 7" in the same sentence does not
                sups = [sup * _UNCOUNTED if sup >= 1.0 and opt.text.strip(" .").isdigit()
                        and not ms.counts(opt.text.strip(" ."), noun, sentence) else sup
                        for opt, sup in zip(pasted.options, sups, strict=True)]
            if len(counted_phrase) >= 2:  # "10 anggota tidak tetap", not "15 anggota", counts "anggota tidak tetap"
                numbers = {k: ms.counted_words(opt.text.strip(" ."), counted_phrase, sentence)
                           for k, opt in enumerate(pasted.options) if sups[k] >= 1.0 and opt.text.strip(" .").isdigit()}
                most = max(numbers.values(), default=0)
                if most >= 2:
                    sups = [sup * _UNCOUNTED if k in numbers and numbers[k] < most else sup for k, sup in enumerate(sups)]
            exact = {k for k, sup in enumerate(sups) if sup >= 1.0}
            for k, sup in enumerate(sups):
                if 0.0 < sup < 1.0 and any(option_tokens[k] < option_tokens[j] for j in exact):
                    sups[k] = 0.0  # "persona grata" is only part of the "persona non grata" this sentence states
                elif sup >= 1.0 and any(ms.only_within(pasted.options[k].text, pasted.options[j].text, sentence)
                                        for j in exact if j != k):
                    sups[k] = 0.0  # "Duta" is only the start of the "Duta Besar Luar Biasa …" this sentence states
            # options the sentence names, if with a word changed ("ZEE sampai 200 mil" names "200 mil laut")
            named = {k for k, sup in enumerate(sups) if sup >= _NAMED}  # holds `exact`
            clauses = (ms.with_shared_lead(ms.clauses(sentence, normalizer), [pasted.options[k].text for k in named],
                                         normalizer) if len(named) >= 2 else ())
            for k, sup in enumerate(sups):
                if sup <= 0.0:
                    continue
                where = toks
                if k in named and clauses:  # several options in one sentence: each is judged by its own clause
                    clause = ms.stating_clause(pasted.options[k], clauses, option_tokens[k], unit, normalizer,
                                               exact=k in exact)
                    if clause is not None:
                        clause_words[sentence][k] = frozenset(clause & stem.keys())
                        where = clause
                elif sup >= 1.0 and ";" in sentence:  # "Pendiri (Soekarno, 1961); tuan rumah KTT ke-10 Jakarta 1992"
                    where = ms.part_words(sentence, pasted.options[k].text, normalizer) or toks
                rel = sum(w if t in where or t in ev.about or _ALIKE.get(t, "") in where else w * lead_share
                          for t, w in stem.items() if t in where or t in ev.about or t in lead
                          or _ALIKE.get(t, "") in where) / stem_total if stem else 0.5
                value = ev.weight * sup * (rel * rel if pasted.negated else 0.3 + 0.7 * rel)
                if ms.other_occasion(stem_years, stem_small, sentence, sentence_ordinals) or (
                        sup >= 1.0 and ms.other_occasion(stem_years, stem_small, ms.clause_of(pasted.options[k], sentence))):
                    value *= _OTHER_OCCASION  # "Pendiri (Soekarno, 1961); tuan rumah KTT ke-10 Jakarta 1992"
                occasion = toks | ev.occasion | (subject_toks if k in by_subject else frozenset())
                if act_words and option_has_number[k] and not act_words & toks:
                    value *= _OTHER_OCCASION  # "… paling lambat tahun 2020" for a stem asking when the goals were agreed
                if asks_place and sup >= 1.0 and ms.between(pasted.options[k].text, sentence):
                    value *= _OTHER_OCCASION  # "Tempat netral antara Jakarta dan Yogyakarta" is not in Yogyakarta
                if sup >= 1.0 and ms.other_event(pasted.stem, ms.clause_of(pasted.options[k], sentence),
                                                 pasted.options[k].text):
                    value *= _OTHER_OCCASION  # "… dan Konferensi Bogor (28–29 Desember 1954)" for a stem on the KAA
                if other_end and occasion & other_end and not occasion & stem_end:
                    value *= _OTHER_OCCASION  # "… terjadi pada masa …" against "Konfrontasi berakhir pada masa Orde Baru"
                # a sentence naming no side is on the side of the question its text answers
                if _on_side(toks if toks & (stem_side | other_side) else ev.asked, other_side, stem_side):
                    value *= _OTHER_SIDE  # "manfaat …" against "Dampak negatif kerja sama di bidang ekonomi: …"
                if stem_kind and toks & (_COOPERATION_KINDS - stem_kind) and not toks & stem_kind:
                    value *= _OTHER_OCCASION  # "contoh kerja sama bilateral" against "ASEAN adalah contoh kerja sama regional"
                if value > scores[k][0]:
                    scores[k] = (value, i)
                    said_in[k] = sentence
                    relevance[k] = rel
                    if trace is not None:
                        trace.append(f"{pasted.options[k].letter} {value:.2f} ev{i} sup={sup:.2f} rel={rel:.2f}: {sentence[:90]}")
        for block, toks in ev.blocks if pasted.negated else ():
            block_sups = [ms.support(opt, block, toks, option_tokens[k], unit) for k, opt in enumerate(pasted.options)]
            exact = {k for k, sup in enumerate(block_sups) if sup >= _LISTED}
            if len(exact) >= 2:
                # "Gamal Abdul Nasser" is listed as "Gamal Abdel Nasser": mostly stated counts as listed
                exact |= {k for k, sup in enumerate(block_sups) if sup >= 0.5}
                rel_all = sum(w for t, w in stem.items() if t in toks or t in ev.about or _ALIKE.get(t, "") in toks)
                rel_all = ev.weight * rel_all / stem_total
                if rel_all > list_sentence[0]:
                    list_sentence = (rel_all, frozenset(exact), i)
    return _Scored(scores, said_in, clause_words, list_sentence, stem, relevance)


def choose(pasted: Pasted, evidence: list[Evidence], normalizer: Normalizer,
           stem_weights: dict[str, float] | None = None, trace: list[str] | None = None,
           min_score: float = MIN_SCORE) -> Choice:
    """The option the evidence supports, or what it rules out.

    Each option is scored in each evidence sentence: how much of the option the sentence states,
    times how much of the stem the sentence is about (so "Markas besar PBB ada di New York" beats
    "Mahkamah Internasional berkantor di Den Haag" for a question on the UN's headquarters).
    """
    ordered = by_order(pasted, evidence, normalizer)
    if ordered is not None:
        return ordered
    scored = _score(pasted, evidence, normalizer, stem_weights, trace)
    scores, said_in, clause_words, list_sentence, stem = (scored.scores, scored.said_in, scored.clause_words,
                                                          scored.list_sentence, scored.stem)
    if pasted.negated and list_sentence[0] >= _LIST_RELEVANT and len(list_sentence[1]) == len(pasted.options) - 1:
        missing = next(k for k in range(len(pasted.options)) if k not in list_sentence[1])
        return Choice(pasted.options[missing], list_sentence[2])  # the one option the list leaves out
    if not pasted.negated:  # "Sebelumnya … hanya 3 mil …, lalu ditetapkan menjadi …": the stem's own fact is not asked
        given = pasted.stem.casefold()
        scores = [(score * _GIVEN, at) if _stated_in(option.text, given) else (score, at)
                  for option, (score, at) in zip(pasted.options, scores, strict=True)]
    ranked = sorted(range(len(pasted.options)), key=lambda i: scores[i][0], reverse=True)
    top, second = ranked[0], ranked[1]
    if pasted.negated:
        low = ranked[-1]
        others = [scores[i][0] for i in ranked[:-1]]
        if scores[low][0] <= 0.5 * min(others) and min(others) >= 0.3:
            return Choice(pasted.options[low], scores[ranked[0]][1])
    elif _leads(scores[top][0], scores[second][0], min_score, scored.relevance.get(top, 0.0)):
        return Choice(pasted.options[top], scores[top][1])
    elif scores[top][0] >= min_score and (picked := own_clause_decides(ranked, scores, said_in, clause_words, stem)) is not None:
        return Choice(pasted.options[picked], scores[picked][1])
    elif scores[top][0] >= min_score and (picked := by_position(pasted, ranked, scores, said_in)) is not None:
        return Choice(pasted.options[picked], scores[picked][1])
    elif scores[top][0] >= min_score and (picked := named_term(pasted, ranked, scores, said_in)) is not None:
        return Choice(pasted.options[picked], scores[picked][1])
    if pasted.negated or scores[top][0] < 0.2:
        return Choice(None, scores=tuple(scored.scores))
    # every option is either ruled out (nothing the bank says about the stem names it) or still possible:
    # "C, D do not fit; A remains" must not leave the student wondering about B and E
    remaining = tuple(pasted.options[i] for i in ranked if scores[i][0] > 0.0)
    ruled_out = tuple(o for i, o in enumerate(pasted.options) if scores[i][0] == 0.0)
    return Choice(None, ruled_out=ruled_out, remaining=remaining, scores=tuple(scored.scores))


_ORDER_ASKED = re.compile(r"urut|tahap|langkah|proses|kronolog|\border\b|sequence|\bsteps?\b")
_STEP = re.compile(r"\s*(?:[–—>→,;]|-\s|\s-|\blalu\b|\bkemudian\b|\bthen\b)\s*")  # "perundingan – penandatanganan"


def by_order(pasted: Pasted, evidence: list[Evidence], normalizer: Normalizer) -> Choice | None:
    """For options that put the same steps in different orders ("ratifikasi – perundingan – …"): the
    option in the order the evidence names them, in the first text (best first) that names them all."""
    if pasted.negated or not _ORDER_ASKED.search(pasted.stem.casefold()):
        return None
    steps = [tuple(ms.sequence(part, normalizer) for part in _STEP.split(o.text) if part.strip()) for o in pasted.options]
    if (len(steps[0]) < 2 or any(not part for part in steps[0]) or len(set(steps)) != len(steps)
            or any(sorted(s) != sorted(steps[0]) for s in steps)):
        return None
    for ev in sorted(range(len(evidence)), key=lambda j: -evidence[j].weight):
        words = ms.sequence(evidence[ev].plain, normalizer)
        at = {part: ms.first_run(words, part) for part in steps[0]}
        if all(where is not None for where in at.values()):
            order = tuple(sorted(steps[0], key=lambda part: at[part] or 0))
            return Choice(pasted.options[steps.index(order)], ev) if order in steps else None
    return None


def sides(stem_tokens: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the side a stem asks about ("manfaat": the good side) and of the other side; both
    empty for a stem that asks about neither or both."""
    return next(((mine, theirs) for mine, theirs in _SIDES if mine & stem_tokens and not theirs & stem_tokens),
                (frozenset(), frozenset()))


def on_other_side(stem_tokens: frozenset[str], tokens: frozenset[str]) -> bool:
    """The text (its words) is about the other side than the stem asks: "Dampak negatif …" for a "manfaat" stem."""
    mine, theirs = sides(stem_tokens)
    return _on_side(tokens, theirs, mine)


def _on_side(tokens: frozenset[str], side: frozenset[str], other: frozenset[str]) -> bool:
    """The words name `side` and not `other`."""
    return bool(tokens & side) and not tokens & other


_ALIAS = re.compile(r"^([^()]{2,}?)\s*\(([^()]{2,})\)$")


def _named_twice(option: Option) -> tuple[Option, ...]:
    """The two names of an option written "Bank Dunia (IBRD)", else none."""
    found = _ALIAS.match(option.text.strip(" ."))
    return (Option(option.letter, found.group(1)), Option(option.letter, found.group(2))) if found else ()


def shared_lead(options: tuple[Option, ...]) -> int:
    """The length of the word every option begins with ("asas" of "asas pacta sunt servanda", "asas
    rebus …"), when each has more after it; else 0."""
    firsts = {o.text.split(maxsplit=1)[0].casefold() if len(o.text.split()) >= 2 else "" for o in options}
    lead = firsts.pop() if len(firsts) == 1 else ""
    if any(not re.search(r"[^\W\d_]", o.text[len(lead):]) for o in options):
        return 0  # "Article 29" is no "29": a number needs the word it numbers
    return len(lead) if len(lead) >= 3 and lead.isalpha() and len(options) >= 3 else 0


def _stated_in(option: str, stem: str) -> bool:
    """The stem itself states the option's text, as a phrase of its own."""
    text = option.casefold().strip(" .")
    return len(text) >= 2 and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", stem) is not None


def _leads(best: float, runner_up: float, min_score: float, relevance: float) -> bool:
    """The best option's score is high enough and far enough ahead of the runner-up's to choose it. A wide
    lead chooses a lower score only from a sentence about the stem: "negotiation" is stated by "Yang berunding
    … adalah Presiden", which says nothing of "mengesahkan … persetujuan DPR"."""
    if best >= min_score and (best >= _LEAD * runner_up + _LEAD_MARGIN or (best >= _STRONG and best - runner_up >= _STRONG_LEAD)):
        return True
    return (min_score <= MIN_SCORE + _WIDE_SLACK / 2 and best >= min_score - _WIDE_SLACK and relevance >= _WIDE_RELEVANT
            and best >= _WIDE_LEAD * runner_up + 0.04)


def stated_once(pasted: Pasted, ev: Evidence, normalizer: Normalizer) -> Option | None:
    """The one option a card fact's sentence states word for word ("Sekjen PBB pertama adalah Trygve
    Lie"), when it states no other: the fact answers exactly the attribute the stem asks about."""
    if pasted.negated:
        return None
    stated = {k for k, opt in enumerate(pasted.options) for sentence, toks in ev.sentences
              if ms.support(opt, sentence, toks, frozenset(ms.sequence(opt.text, normalizer))) >= 1.0}
    return pasted.options[stated.pop()] if len(stated) == 1 else None


def option_with_count(pasted: Pasted, count: int, normalizer: Normalizer, fact: str = "") -> Option | None:
    """The one option whose only number is the card's count ("5 negara", "lima"), for a "berapa" stem.

    A sentence that gives a whole and its parts ("15 negara: 5 anggota tetap dan 10 tidak tetap")
    states every option; the card fact's count says which of them the question asks. An option that
    names what it counts ("15 years") must count what the fact counts ("15 hakim" is no term of office)."""
    if pasted.negated:
        return None
    fact_words = ms.sequence(fact, normalizer)
    holders = [o for o in pasted.options
               if {t for t in normalizer.tokens(o.text) if t.isdigit()} == {str(count)}
               and (not fact or not (counted := ms.counted(o.text, normalizer)) or ms.contains(fact_words, counted))]
    return holders[0] if len(holders) == 1 else None


def states(option: Option, ev: Evidence, normalizer: Normalizer, spread: bool = True) -> float:
    """How much of the option the text states at best (0..1), over its sentences; a long option the text
    states across its sentences ("pertukaran pelajar" in one, "beasiswa" in the next) nearly as much.
    `spread=False`: only a list of names counts as stated across sentences (the option-by-option reading,
    where "membantu Blok Timur menghadapi Blok Barat" must not be read out of "Blok Barat dan Blok Timur")."""
    option_tokens = frozenset(ms.sequence(option.text, normalizer))
    best = max((ms.support(option, sentence, toks, option_tokens) for sentence, toks in ev.sentences), default=0.0)
    if ((spread or ms.names_a_list(option.text)) and len(option_tokens) >= _SPREAD_WORDS
            and not ms.NEGATION.search(option.text.casefold()) and not ms.several_claims(option.text)):
        said = frozenset().union(*(toks for _, toks in ev.sentences))
        share = len(option_tokens & said) / len(option_tokens)
        if share >= ms.NEAR_COMPLETE:
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
