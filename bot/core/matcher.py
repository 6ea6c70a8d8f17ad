"""Decides which FAQ entry a student meant, or that none fits.

Three signals, all over normalized tokens (see normalize.py):
- coverage: the IDF-weighted share of the question's words that the entry knows, so rare,
  meaningful words (bilateral, veto, OKI) count and an unknown word ("fotosintesis") pulls
  the score down instead of being ignored;
- phrase overlap: weighted Dice overlap with the entry's best single phrasing (question or
  variant), which tells near-twins apart (bilateral vs multilateral, pengertian vs contoh);
- rapidfuzz `token_sort_ratio` on the meaningful words, for word order and leftover typos.
  WRatio and the partial_* scorers are avoided on purpose: they give high scores to any long
  phrase that shares a single word; token_set_ratio gives 100 to any subset.
When the question's intent is known (bot/core/intent.py), entries that declare it (`asks:`) get a
small bonus and entries that do not get a penalty for the strict intents (when, where, who, why,
count …); an entry that does not declare a strict intent is never a confident answer to it.
Typos are first corrected word by word against the content's vocabulary with `fuzz.ratio`.
Only the best 30 entries by coverage get the more expensive phrase and fuzzy scores, which
keeps a question under a couple of milliseconds even with thousands of entries.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import chain
from typing import Literal

from rapidfuzz import fuzz, process

from bot.core.content import ContentBank, ContentProblem
from bot.core.intent import KINDRED, STRICT, answer_signs
from bot.core.lru import BoundedCache
from bot.core.markup import strip_tags
from bot.core.normalize import Normalizer, is_root_word

Decision = Literal["answer", "suggest", "unknown"]
_LETTERS = re.compile(r"[a-z]+")
COMMON_IDF = 1.5  # words in this many entries ("berapa", "negara") say nothing about a subject
_QUESTION_WORDS = "apa berapa siapa kapan mana bagaimana mengapa kenapa what how who when where which why"


@dataclass(frozen=True)
class Candidate:
    faq_id: str
    score: float
    exact: bool = False  # the question's meaningful words are exactly one of the entry's phrasings
    agrees: bool = True  # the entry declares the question's intent (or the intent is not strict)
    declares: bool = False  # the entry declares the question's (explicit) intent in `asks`
    raw: float | None = None  # the score before capping at 1.0: two entries over 1.0 still differ in lead


@dataclass(frozen=True)
class MatchResult:
    decision: Decision
    candidates: tuple[Candidate, ...]  # best first, at most 5
    confidence: float
    content_words: int  # meaningful words in the question (0: nothing to match)
    intent: str | None = None
    intent_miss: bool = False  # the best entry fits the subject but not what is asked about it

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


RARE_COMMON = 2  # a function word in at most this many entries' phrasings is dropped like an unknown one


@dataclass(frozen=True)
class Thresholds:
    """First chosen by `python -m bench.tune` on held-out variants and a separate off-topic list; `answer`
    and `margin` were then lowered on the dev half of the blind/real sets (0.70 → 0.68, 0.08 → 0.02: more
    right answers, confident-wrong 0.6% → 0.8%), never on their test half or on tests/data/eval.yaml."""

    answer: float = 0.68
    suggest: float = 0.30
    margin: float = 0.02
    clear_answer: float = 0.60
    clear_lead: float = 0.15
    declared_lead: float = 0.08  # clear_answer's lead when only the best declares the asked intent (dev and tuning: +2, none wrong)
    certain: float = 0.85
    coverage: float = 0.55
    suggest_coverage: float = 0.34
    tie: float = 0.02
    agree_bonus: float = 0.0  # an absolute bonus would lift vague questions over the answer threshold
    disagree_penalty: float = 0.12
    sign_penalty: float = 0.0  # the entry does not declare the intent, but its answer shows signs of it (dev half: no penalty is best)
    kindred_penalty: float = 0.05  # the entry declares a kindred intent (benefit for impact, purpose for why)
    conflict_penalty: float = 0.2  # the question names one organisation, the entry is about another
    ordinal_penalty: float = 0.1  # the question numbers an event ("KTT ke-10"), the entry's question another


@dataclass
class _Phrase:
    entry: int
    tokens: frozenset[str]
    text: str
    weight: float


def decide(cands: list[Candidate], coverage: float, th: Thresholds) -> Decision:
    """A confident answer needs a high score, most of the question explained and a clear lead.

    A very high score may answer with a smaller lead, but never when the runner-up is within `tie`
    ("kerja sama negara" fits several entries equally), unless only the best is an exact phrasing.
    """
    if not cands:
        return "unknown"
    top = cands[0]
    best = top.score
    runner_up = cands[1] if len(cands) > 1 else None
    second = runner_up.score if runner_up else 0.0
    lead = best - second
    if top.raw is not None and runner_up is not None and runner_up.raw is not None:
        lead = top.raw - runner_up.raw  # 1.0 against 0.98 may be 1.03 against 0.98
    only_exact = top.exact and not (runner_up and runner_up.exact)
    certain = best >= th.certain and (lead >= th.tie or only_exact)
    # a near tie between an entry that answers what is asked and one that does not ("Landas kontinen
    # adalah …": its definition, or the difference between it and the ZEE) is no tie
    only_declares = top.declares and runner_up is not None and not runner_up.declares
    if best >= th.answer and coverage >= th.coverage and (lead >= th.margin or certain or only_declares):
        return "answer"
    if best >= th.clear_answer and coverage >= th.coverage and (
            lead >= th.clear_lead or (only_declares and top.agrees and lead >= th.declared_lead)):
        return "answer"  # a little lower, but far ahead of every other entry (or of every one that answers what is asked)
    if best >= th.suggest and coverage >= th.suggest_coverage:
        return "suggest"
    return "unknown"


class Matcher:
    """Ranks FAQ entries for a question and decides answer / suggest / unknown."""

    SHORTLIST = 30
    CACHE_LIMIT = 50_000

    def __init__(self, bank: ContentBank, normalizer: Normalizer | None = None,
                 thresholds: Thresholds | None = None) -> None:
        self.normalizer = normalizer or Normalizer(bank.lexicon)
        self.thresholds = thresholds or Thresholds()
        self.ids: list[str] = list(bank.faq)
        self.index = {fid: i for i, fid in enumerate(self.ids)}
        self.filler = self.normalizer.filler
        self.phrases: list[_Phrase] = []
        self.entry_phrases: list[list[int]] = [[] for _ in self.ids]
        entry_tokens: list[set[str]] = [set() for _ in self.ids]
        self.keyword_tokens: list[set[str]] = [set() for _ in self.ids]
        self.asks: list[frozenset[str]] = [frozenset(bank.faq[fid].asks) for fid in self.ids]
        # intents the answer text shows signs of answering (a year: when), a weaker agreement than `asks`
        self.signs: list[frozenset[str]] = [answer_signs(strip_tags(bank.faq[fid].answer)) for fid in self.ids]
        # the words that name an entry's subject: its canonical question and keywords (not its variants,
        # which carry everyday words such as "cara", "hari", "sekarang")
        self.subject_words: list[frozenset[str]] = [
            frozenset(t for text in (bank.faq[fid].question, *bank.faq[fid].keywords)
                      for t in self.normalizer.tokens(text) if t not in self.filler) for fid in self.ids]
        # the ordinals an entry's canonical question uses ("Agresi Militer I", "KTT GNB ke-17")
        self.entry_ordinals: list[frozenset[str]] = [self.normalizer.ordinals(bank.faq[fid].question) for fid in self.ids]
        # the articles an entry mentions anywhere ("Pasal 13", "Article 29" of the Vienna Convention)
        self.entry_articles: list[frozenset[str]] = [
            self.normalizer.articles(" ".join((e.question, *e.variants, *e.keywords, strip_tags(e.answer))))
            for e in (bank.faq[fid] for fid in self.ids)]
        surface: dict[str, str] = {}
        owner: dict[frozenset[str], int] = {}
        # (entry id, phrasing, other entry id): phrasings that read the same as another entry's
        self.indistinct: list[tuple[str, str, str]] = []
        for idx, fid in enumerate(self.ids):
            entry = bank.faq[fid]
            for text in (entry.question, *entry.variants):
                toks = [t for t in self.normalizer.tokens(text) if t not in self.filler]
                if not toks:
                    continue
                first = owner.setdefault(frozenset(toks), idx)
                if first != idx:
                    self.indistinct.append((fid, text, self.ids[first]))
                self.entry_phrases[idx].append(len(self.phrases))
                self.phrases.append(_Phrase(idx, frozenset(toks), " ".join(sorted(toks)), 0.0))
                entry_tokens[idx].update(toks)
                for word in text.lower().split():
                    word = "".join(c for c in word if c.isalnum())
                    if len(word) >= 5:
                        stem = self.normalizer.tokens(word)
                        if len(stem) == 1 and stem[0] not in self.filler:
                            surface.setdefault(word, stem[0])
            for kw in entry.keywords:
                toks = [t for t in self.normalizer.tokens(kw) if t not in self.filler]
                entry_tokens[idx].update(toks)
                self.keyword_tokens[idx].update(toks)
        n = len(self.ids)
        df: dict[str, int] = defaultdict(int)
        for tokens_of_entry in entry_tokens:
            for tok in tokens_of_entry:
                df[tok] += 1
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.unknown_weight = math.log(1 + (n + 0.5) / 0.5) * 0.9
        self.postings: dict[str, list[int]] = defaultdict(list)
        for idx, tokens_of_entry in enumerate(entry_tokens):
            for tok in tokens_of_entry:
                self.postings[tok].append(idx)
        self.entry_tokens = [frozenset(t) for t in entry_tokens]
        for ph in self.phrases:
            ph.weight = sum(self.idf[t] for t in ph.tokens)
        self.canonical = [self.phrases[p[0]].text if p else "" for p in self.entry_phrases]
        self.entry_texts = [tuple(self.phrases[p].text for p in ps) for ps in self.entry_phrases]
        self.entry_owners = [(idx,) * len(ps) for idx, ps in enumerate(self.entry_phrases)]
        # "berapa", "negara", "apa": the question words always, whatever share of entries happens to use them
        self.common = (frozenset(t for t, v in self.idf.items() if v < COMMON_IDF)
                       | frozenset(self.normalizer.tokens(_QUESTION_WORDS)))
        self.canonical_tokens = [self.phrases[p[0]].tokens if p else frozenset() for p in self.entry_phrases]
        # named subjects (PBB, ASEAN, OKI, WHO …: the lexicon's protected words) each entry is about
        self.named = frozenset(self.normalizer.protected) & frozenset(self.idf)
        self.entry_named = [self.subject_words[i] & self.named for i in range(len(self.ids))]
        # countries by their one-word spellings ("jepang", "thailand"), Indonesia aside (every entry is about
        # it), and the countries each entry names anywhere, its answer included (a list of members' capitals)
        # (answers are scanned word by word, not normalized: stemming every answer would double start-up)
        by_surface = {spelling: words[0] for spelling, name in bank.lexicon.countries.items()
                      if name != "Indonesia" and len(words := self.normalizer.tokens(spelling)) == 1}
        self.countries = frozenset(by_surface.values())
        self.entry_countries = [(self.entry_tokens[i] & self.countries)
                                | {by_surface[w] for w in _LETTERS.findall(strip_tags(bank.faq[fid].answer).casefold())
                                   if w in by_surface} for i, fid in enumerate(self.ids)]
        # typo-correction candidates: every stem (maps to itself) and surface word (maps to its stem)
        self.correction_target = {w: st for w, st in surface.items() if w not in self.idf}
        self.correction_target.update({t: t for t in self.idf})
        self.words_by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(self.correction_target):
            self.words_by_length[len(word)].append(word)
        self._corrections: BoundedCache[str, str | None] = BoundedCache(self.CACHE_LIMIT)  # typos: LRU

    # -- query side ---------------------------------------------------------------------------
    def _correct(self, token: str) -> str | None:
        """The vocabulary word a typo most likely meant, or None.

        Both the stems and the content's surface words are candidates (a typo of "perserikatan"
        is closer to the surface word than to its stem "serikat"). `fuzz.ratio` ≥ 80 needs the
        shorter word to be at least 2/3 of the longer, so only words of a compatible length are
        compared: a third of the vocabulary, which keeps the first sight of a new word cheap.
        """
        if token in self._corrections:
            return self._corrections.get(token)
        fixed: str | None = None
        if len(token) >= 4 and not token.isdigit():
            cutoff = 86 if len(token) <= 5 else 80
            size = len(token)
            first = token[0]  # students rarely mistype the first letter; "trilateral" is not "bilateral"
            choices = [w for n in range(-(-2 * size // 3), size * 3 // 2 + 1)
                       for w in self.words_by_length.get(n, ()) if w[0] == first]
            if is_root_word(token):  # "tubuh" is a word, not a typo of "tumbuh"; "sponsor" may be "sponsored"
                choices = [w for w in choices if w.startswith(token)]
            hit = process.extractOne(token, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            fixed = self.correction_target[hit[0]] if hit else None
        self._corrections.put(token, fixed)  # bounded: students invent typos forever
        return fixed

    def query_tokens(self, text: str) -> dict[str, float]:
        """Meaningful query words with their weights (unknown words weigh heavily)."""
        weights: dict[str, float] = {}
        for tok in self.normalizer.tokens(text):
            if tok in self.filler or (tok in self.normalizer.common_words and len(self.postings.get(tok, ())) <= RARE_COMMON):
                continue  # a function word the bank does not know, or one a phrasing or two happen to use ("sehingga")
            if tok not in self.idf:
                fixed = self._correct(tok)
                if fixed is not None:
                    tok = fixed
            weights[tok] = self.idf.get(tok, self.unknown_weight)
        return weights

    # -- ranking -------------------------------------------------------------------------------
    def rank(self, text: str, limit: int = 5, intent: str | None = None) -> tuple[list[Candidate], int]:
        """Best entries with scores in 0..1, and the number of meaningful words."""
        return self._rank(self.query_tokens(text), limit, intent, self.normalizer.ordinals(text),
                          self.normalizer.articles(text))

    def _rank(self, q: dict[str, float], limit: int, intent: str | None = None,
              asked_ordinals: frozenset[str] = frozenset(),
              asked_articles: frozenset[str] = frozenset()) -> tuple[list[Candidate], int]:
        if not q:
            return [], 0
        total = sum(q.values())
        known = {t: w for t, w in q.items() if t in self.postings}
        cover: dict[int, float] = defaultdict(float)
        for tok, w in known.items():
            for idx in self.postings[tok]:
                cover[idx] += w
        if not cover:
            if not asked_articles:
                return self._fuzzy_only(q, limit), len(q)
            guesses = self._fuzzy_only(q, self.SHORTLIST)
            return [c for c in guesses if asked_articles & self.entry_articles[self.index[c.faq_id]]][:limit], len(q)
        # many entries share a common subject word ("pbb"): among equal covers, those whose own question
        # holds the asked words, and then the shortest such questions ("Apa itu PBB?"), go first
        # (only the entries at or above the shortlist's lowest cover are compared that way: cheap at 5,000 entries)
        if len(cover) > self.SHORTLIST:
            floor = sorted(cover.values(), reverse=True)[self.SHORTLIST - 1]
            contenders = [i for i, c in cover.items() if c >= floor]
        else:
            contenders = list(cover)
        canonical = self.canonical_tokens
        shortlist = sorted(contenders, key=lambda i: (cover[i], sum(w for t, w in q.items() if t in canonical[i]),
                                                      -len(canonical[i])), reverse=True)[: self.SHORTLIST]
        # "Pasal 29 UUD 1945": only an entry that mentions Pasal 29 may answer or be suggested
        if asked_articles:
            shortlist = [i for i in shortlist if asked_articles & self.entry_articles[i]]
        q_text = " ".join(sorted(q))
        qset = set(q)
        asked_named = qset & self.named
        asked_countries = qset & self.countries
        scored: list[tuple[float, bool, int, bool, bool]] = []
        th = self.thresholds
        # the fuzzy part, over every phrasing of the shortlist at once: one call into rapidfuzz instead of
        # hundreds (phrasings keep their words sorted, so `ratio` is `token_sort_ratio`)
        texts = list(chain.from_iterable(self.entry_texts[idx] for idx in shortlist))
        owners = list(chain.from_iterable(self.entry_owners[idx] for idx in shortlist))
        fuzzy = dict.fromkeys(shortlist, 0.0)
        weight_of = q.__getitem__
        for _, ratio, k in process.extract_iter(q_text, texts, scorer=fuzz.ratio):
            if ratio > fuzzy[owners[k]]:
                fuzzy[owners[k]] = ratio
        for idx in shortlist:
            coverage = cover[idx] / total
            best_phrase = 0.0
            best_fuzzy = fuzzy[idx] / 100
            exact = False
            for p_idx in self.entry_phrases[idx]:
                ph = self.phrases[p_idx]
                shared = qset & ph.tokens
                if shared:
                    dice = 2 * sum(map(weight_of, shared)) / (total + ph.weight)
                    if dice > best_phrase:
                        best_phrase = dice
                    exact = exact or ph.tokens == qset
            kw = 0.05 if qset & self.keyword_tokens[idx] else 0.0
            score = 0.45 * best_phrase + 0.35 * coverage + 0.20 * best_fuzzy + kw
            if asked_named and not asked_named & self.entry_tokens[idx] and self.entry_named[idx] - asked_named:
                score -= th.conflict_penalty  # "Sekjen PBB pertama" is not about the ASEAN Secretariat
            if asked_countries and not asked_countries & self.entry_countries[idx]:
                score -= th.conflict_penalty  # "mata uang Jepang" is not in a list of ASEAN members' currencies
            if asked_ordinals and self.entry_ordinals[idx] and not asked_ordinals & self.entry_ordinals[idx]:
                score -= th.ordinal_penalty  # "Agresi Militer II" is not the entry on Agresi Militer I
            agrees = True
            declares = intent is not None and intent in self.asks[idx]
            if intent is not None:
                if declares:
                    score += th.agree_bonus
                elif intent in STRICT and intent in self.signs[idx]:
                    score -= th.sign_penalty
                elif intent in STRICT and KINDRED.get(intent, frozenset()) & self.asks[idx]:
                    score -= th.kindred_penalty
                elif intent in STRICT:
                    agrees = False
                    score -= th.disagree_penalty
            scored.append((score, exact, idx, agrees, declares))
        scored.sort(key=lambda s: s[:2], reverse=True)  # uncapped: entries over 1.0 keep their order
        return [Candidate(self.ids[idx], round(max(0.0, min(score, 1.0)), 4), exact, agrees, declares, round(score, 4))
                for score, exact, idx, agrees, declares in scored[:limit]], len(q)

    def _fuzzy_only(self, q: dict[str, float], limit: int) -> list[Candidate]:
        """No shared word at all: a weak fuzzy guess against the canonical questions only (one per
        entry, so this stays cheap for big banks), never good enough for a confident answer."""
        q_text = " ".join(sorted(q))
        hits = process.extract(q_text, self.canonical, scorer=fuzz.token_sort_ratio, limit=limit, score_cutoff=60)
        return [Candidate(self.ids[idx], round(0.5 * score / 100, 4)) for _, score, idx in hits]

    def match(self, text: str, intent: str | None = None) -> MatchResult:
        """Rank and decide: a confident answer, suggestions, or unknown.

        With an intent, a confident best entry that does not declare a strict intent is not an
        answer: the result is a suggestion flagged `intent_miss` (right subject, other question).
        """
        q = self.query_tokens(text)
        cands, words = self._rank(q, 5, intent, self.normalizer.ordinals(text), self.normalizer.articles(text))
        if not cands:
            return MatchResult("unknown", (), 0.0, words, intent)
        best = cands[0]
        coverage = self._coverage(q, best.faq_id)
        decision = decide(cands, coverage, self.thresholds)
        if (decision == "answer" and intent is None and len(q) == 1 and not set(q) & self.named and len(cands) > 1
                and cands[1].score >= self.thresholds.answer and best.score - cands[1].score < self.thresholds.clear_lead):
            decision = "suggest"  # one plain word several entries answer well ("dewan"): which one is meant?
        shared = {t for t in q if t in self.entry_tokens[self.index[best.faq_id]]}
        # a named subject ("apa pengertian PBB") says what the question is about even when most entries
        # name it (not when all do); but "PBB ada berapa" with nothing else in common does not say what to count
        named = ({t for t in shared & self.named if len(self.postings[t]) < len(self.ids)} if intent != "count"
                 else set())
        if all(t.isdigit() and len(t) < 4 for t in (shared - self.common) | named):
            decision = "unknown"  # "15% dari 200 berapa", "3/4 + 1/2": only small numbers in common with the entry
        miss = False
        if not best.agrees and decision != "unknown":
            plain = decide([replace(c, score=c.score + self.thresholds.disagree_penalty) if not c.agrees else c
                            for c in cands], coverage, self.thresholds)
            miss = plain == "answer" or decision == "answer"
            decision = "suggest"
        return MatchResult(decision, tuple(cands), best.score, words, intent, miss)

    def _knows_heaviest(self, q: dict[str, float], faq_id: str) -> bool:
        heaviest = max(q.values())
        toks = self.entry_tokens[self.index[faq_id]]
        return any(t in toks for t, w in q.items() if w >= heaviest - 0.1)

    def subject_tokens(self, text: str, faq_id: str, min_idf: float) -> set[str]:
        """The question's rarer words (idf ≥ min_idf) that name the entry's subject; empty when the entry does
        not know the question's rarest word ("mahkamah konstitusi" is not "Mahkamah Internasional")."""
        q = self.query_tokens(text)
        if not q:
            return set()
        idx = self.index[faq_id]
        named = {t for t in q if t in self.named and t in self.entry_named[idx]}
        if not named and not self._knows_heaviest(q, faq_id):
            return set()
        return named | {t for t in q if t in self.subject_words[idx] and self.idf.get(t, 0.0) >= min_idf}

    def names_another_country(self, text: str, faq_id: str) -> bool:
        """The question names a country (not Indonesia) that the entry never names, not even in its answer."""
        asked = set(self.query_tokens(text)) & self.countries
        return bool(asked) and not asked & self.entry_countries[self.index[faq_id]]

    def coverage(self, text: str, faq_id: str) -> float:
        """Share of the question's weight the entry explains (0..1)."""
        return self._coverage(self.query_tokens(text), faq_id)

    def _coverage(self, q: dict[str, float], faq_id: str) -> float:
        total = sum(q.values())
        if not total:
            return 0.0
        toks = self.entry_tokens[self.index[faq_id]]
        return sum(w for t, w in q.items() if t in toks) / total


def indistinct_phrasings(bank: ContentBank, matcher: Matcher | None = None) -> list[ContentProblem]:
    """Questions or variants that normalize to the same words as another entry's: the matcher cannot
    tell the two entries apart there, so students asking it would only ever get "Maksud kamu…?"."""
    matcher = matcher or Matcher(bank)
    return [
        ContentProblem(bank.origin.get(fid, "faq/"), fid, "variants",
                       f"{text!r} reads the same as a phrasing of {other!r} once normalized; reword one of them")
        for fid, text, other in matcher.indistinct
    ]
