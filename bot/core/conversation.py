"""One conversation logic for Telegram, the console and `ask`.

`Tutor.reply()` turns a student's message into a `Reply`: what kind of reply it is, the HTML
text to send, and the structured parts (suggestions, related questions) that each front end
shows its own way: inline buttons on Telegram, numbers in the console, JSON for `ask`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from bot.core import intent as intents
from bot.core import kinds, mc, mc_statements, numbered, smalltalk
from bot.core.cards import CardHit, CardIndex, cue_words, pick_from, render_facts, second_fact
from bot.core.content import Card, CardFact, ContentBank, FaqEntry, load_bank
from bot.core.i18n import t
from bot.core.markup import escape, strip_tags
from bot.core.matcher import Candidate, Matcher, MatchResult
from bot.core.pasted import Option, Pasted
from bot.core.pasted import parse as parse_pasted
from bot.core.render import format_answer, public_source, topic_lines

ReplyKind = Literal["answer", "suggest", "unknown", "smalltalk", "empty"]
MAX_SUGGESTIONS = 3
MAX_RELATED = 2
SUGGESTION_SPREAD = 0.2  # a suggestion far below the best one is noise, not a "maybe"
MAX_QUESTION_CHARS = 1000  # longer messages are not questions; they get a friendly "shorter, please"
SUGGEST_COVERAGE = 0.6  # a suggestion must explain most of the question, or share a named subject (PBB, OKI …)
KNOWS_ALL = 0.95  # an entry that knows (nearly) every word of a vague question is about it
SUBJECT_IDF = 2.0  # a word this rare in the bank names a subject; "negara" or "anggota" do not
MC_UNKNOWN_STRICTNESS = 0.5  # how much a stem's unknown words raise the bar for choosing an option (dev half)
# an undecided option question asked once per option, with the option filled in: the least the best
# (match score times how much of the option its entry states) must reach, and how far ahead of the next
# an option whose own best entry scores this much, and is not about the stem's subject, is about something else
# (dev half and tuning sets: 0.5–0.6 alike, 0.7 finds fewer)
ELSEWHERE = 0.6
HYPOTHESIS_MIN = 0.3
HYPOTHESIS_LEAD = 1.8
_ARITHMETIC = re.compile(r"\d\s*[+×÷=*^]\s*\d|\d\s*%\s*(?:dari|of)\s*\d", re.IGNORECASE)  # not "dibagi": "dibagi jadi"
CARD_INTENTS = frozenset({"when", "where", "who", "count", "abbreviation"})  # one-fact questions a card answers first


@dataclass(frozen=True)
class Suggestion:
    faq_id: str
    question: str


@dataclass(frozen=True)
class Reply:
    kind: ReplyKind
    text: str  # HTML, valid for Telegram's parse mode
    question: str = ""
    faq_id: str | None = None
    confidence: float = 0.0
    topic: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Suggestion, ...] = ()
    candidates: tuple[Candidate, ...] = field(default=(), repr=False)
    intent: str | None = None  # what the question asks (bot/core/intent.py)
    card_id: str | None = None  # answered from this fact card
    pasted: bool = False  # a pasted multiple-choice question
    choice: str | None = None  # the option chosen for it (upper-case letter), None when undecided

    @property
    def unanswered(self) -> bool:
        """A real question that got no confident answer: the teacher tools want to see it."""
        return self.kind in ("suggest", "unknown")

    def plain(self) -> str:
        """The reply as plain text (for the terminal and `ask`)."""
        return strip_tags(self.text)

    def as_json(self) -> dict[str, object]:
        """The `ask --json` contract; "card" only for card answers, "choice" only for pasted multiple choice."""
        data: dict[str, object] = {
            "question": self.question,
            "faq_id": self.faq_id if self.kind == "answer" else None,
            "confidence": round(max(0.0, min(1.0, self.confidence)), 4),
            "answer": self.text,
            "suggestions": [{"faq_id": s.faq_id, "question": s.question} for s in self.suggestions],
            "intent": self.intent,
        }
        if self.card_id is not None:
            data["card"] = self.card_id
        if self.pasted:
            data["choice"] = self.choice
        return data


class Tutor:
    """The tutor's brain: content plus matcher, no I/O."""

    def __init__(self, bank: ContentBank, matcher: Matcher | None = None) -> None:
        self.bank = bank
        self.matcher = matcher or Matcher(bank)
        self.cards = CardIndex(bank, self.matcher.normalizer)
        self._evidence: dict[str, mc.Evidence] = {}  # answers and card facts as multiple-choice evidence, made once

    @classmethod
    def from_dir(cls, directory: Path) -> Tutor:
        return cls(load_bank(directory))

    def reply(self, text: str, lang: str = "id") -> Reply:
        """Answer a free-text message; a question opened with a religious greeting gets it returned first."""
        reply = self._reply(text, lang)
        if reply.kind in ("answer", "suggest", "unknown"):
            greeting = smalltalk.opening_greeting(reply.question)
            if greeting is not None:
                reply = replace(reply, text=f"{t(f'smalltalk.return.{greeting}', lang)}\n\n{reply.text}")
        return reply

    def _reply(self, text: str, lang: str) -> Reply:
        question = (text or "").strip()
        if not question:
            return Reply("empty", t("empty", lang), question)
        if len(question) > MAX_QUESTION_CHARS:
            return Reply("empty", t("too_long", lang), question)
        kind = smalltalk.classify(question)
        if kind is not None:
            return Reply("smalltalk", t(f"smalltalk.{kind}", lang), question)
        if _ARITHMETIC.search(question):  # "hasil dari 3/4 + 1/2 brp": another subject, never a diplomacy entry
            return self.unknown(question, lang)
        pasted = parse_pasted(question)
        if pasted is not None:
            return self._pasted(question, pasted, lang)
        core = intents.strip_homework(smalltalk.strip_pleasantries(question))
        intent = intents.detect(core)
        result = self.matcher.match(core, intent.name if intent.explicit else None)
        if result.content_words == 0:
            return Reply("empty", t("empty", lang), question, intent=intent.name)
        kind_reply = self._kind(core, question, intent.name, lang)
        if kind_reply is not None:
            return kind_reply
        card_reply = self._card(core, intent.name, result, lang, question)
        if card_reply is not None:
            return card_reply
        if result.decision == "answer" and result.best is not None:
            return self.answer(result.best.faq_id, lang, question=question, confidence=result.confidence,
                               candidates=result.candidates, intent=intent.name)
        if result.intent_miss and result.best is not None and self._same_subject(core, result.best.faq_id):
            return self._intent_miss(core, question, intent.name, result, lang)
        if intent.explicit and intent.name in intents.STRICT and not any(c.agrees for c in result.candidates[:1]):
            hit = self.cards.find(core)
            if hit is not None and hit.card.faq in self.bank.faq:  # the subject is clear from its name
                return self._intent_miss(core, question, intent.name, result, lang)
        if result.decision == "suggest":
            best = result.candidates[0].score
            close = [c for c in result.candidates[:MAX_SUGGESTIONS]
                     if c.score >= best - SUGGESTION_SPREAD and self._same_subject(core, c.faq_id)]
            if close:
                suggestions = tuple(self._suggestion(c.faq_id) for c in close)
                lines = "\n".join(f"{i}. {escape(s.question)}" for i, s in enumerate(suggestions, 1))
                return Reply("suggest", f"{t('suggest.header', lang)}\n\n{lines}", question,
                             confidence=result.confidence, suggestions=suggestions, candidates=result.candidates,
                             intent=intent.name)
        reply = self.unknown(question, lang, result.confidence, result.candidates)
        return replace(reply, intent=intent.name)

    def answer(self, faq_id: str, lang: str = "id", *, question: str = "", confidence: float = 1.0,
               candidates: tuple[Candidate, ...] = (), intent: str | None = None) -> Reply:
        """The reply for one FAQ entry (a confident match, or a suggestion the student picked)."""
        entry = self.bank.faq[faq_id]
        related = tuple(self._suggestion(r) for r in entry.related[:MAX_RELATED] if r in self.bank.faq)
        text = format_answer(entry, lang)
        return Reply("answer", text, question or entry.question, faq_id, confidence, entry.topic,
                     related=related, candidates=candidates, intent=intent)

    def unknown(self, question: str, lang: str = "id", confidence: float = 0.0,
                candidates: tuple[Candidate, ...] = ()) -> Reply:
        topics = topic_lines(list(self.bank.topics.values()), lang)
        text = t("unknown", lang, topics=topics)  # senders split anything over Telegram's limit
        return Reply("unknown", text, question, confidence=confidence, candidates=candidates)

    def entry(self, faq_id: str) -> FaqEntry | None:
        return self.bank.faq.get(faq_id)

    def _suggestion(self, faq_id: str) -> Suggestion:
        return Suggestion(faq_id, self.bank.faq[faq_id].question)

    # -- subjects, cards, intent misses ----------------------------------------------------------
    def _kind(self, text: str, question: str, intent: str, lang: str) -> Reply | None:
        """"Kerja sama Indonesia dan Malaysia termasuk kerja sama apa": the kind, reasoned, with its definition."""
        kind = kinds.kind_asked(text, self.bank.lexicon.countries)
        entry_id = kinds.KIND_ENTRIES.get(kind.name) if kind else None
        if kind is None or entry_id not in self.bank.faq:
            return None
        reply = self.answer(entry_id, lang, question=question, intent=intent)
        a, b = (escape(c) for c in kind.countries)
        return replace(reply, text=f"{t(f'kind.{kind.name}', lang, a=a, b=b)}\n\n{reply.text}")

    def _kind_choice(self, question: str, pasted: Pasted, intent: str, lang: str) -> Reply | None:
        """A pasted "… termasuk kerja sama …" or "contoh kerja sama bilateral …" decided by the kind's rule."""
        countries = self.bank.lexicon.countries
        kind = kinds.kind_asked(pasted.stem, countries)
        example = kinds.example_asked(pasted.stem)
        if kind is not None:
            picks = [o for o in pasted.options if kind.name in o.text.casefold()]
            name, named = kind.name, kind.countries
        elif example is not None:
            picks = [o for o in pasted.options if len(kinds.countries_named(o.text, countries)) == 2]
            name, named = example, kinds.countries_named(picks[0].text, countries) if len(picks) == 1 else ()
        else:
            return self._field_choice(question, pasted, intent, lang)
        entry_id = kinds.KIND_ENTRIES.get(name)
        if len(picks) != 1 or entry_id not in self.bank.faq or len(named) != 2:
            return None
        entry = self.bank.faq[entry_id]
        why = t(f"kind.{name}", lang, a=escape(named[0]), b=escape(named[1]))
        body = _option_text(picks[0], why, public_source(entry.source), lang)
        return Reply("answer", body, question, entry_id, 1.0, entry.topic, related=(self._suggestion(entry_id),),
                     intent=intent, pasted=True, choice=picks[0].letter)

    def _field_choice(self, question: str, pasted: Pasted, intent: str, lang: str) -> Reply | None:
        """"Manfaat kerja sama bidang pendidikan, kecuali …": the option of another field, by its words."""
        pick = kinds.field_pick(pasted.stem, [o.text for o in pasted.options], pasted.negated)
        if pick is None or kinds.FIELD_ENTRY not in self.bank.faq:
            return None
        option, entry = pasted.options[pick.index], self.bank.faq[kinds.FIELD_ENTRY]
        key = "kind.field_other" if pasted.negated else "kind.field_same"
        why = t(key, lang, option=escape(option.text[:1].upper() + option.text[1:]), field=t(f"field.{pick.field}", lang),
                asked=t(f"field.{pick.asked}", lang))
        return Reply("answer", _option_text(option, why, public_source(entry.source), lang), question, entry.id, 1.0,
                     entry.topic, related=(self._suggestion(entry.id),), intent=intent, pasted=True,
                     choice=option.letter)

    def _same_subject(self, text: str, faq_id: str) -> bool:
        """The question shares a subject-naming word with the entry (not just "negara" or "Indonesia"), or
        the entry knows every word of it ("kerja sama negara": vague, but about nothing else)."""
        if self.matcher.names_another_country(text, faq_id):
            return False  # "mata uang Jepang": a list of ASEAN members' currencies is not about Japan
        coverage = self.matcher.coverage(text, faq_id)
        if coverage >= KNOWS_ALL:
            return True
        shared = self.matcher.subject_tokens(text, faq_id, SUBJECT_IDF)
        if shared <= self.matcher.countries:
            return False  # "ibu kota Jepang": sharing only a country's name is no shared subject (G20 Osaka)
        return coverage >= SUGGEST_COVERAGE or bool(shared & self.matcher.named)

    def _card_fact(self, text: str, intent: str) -> tuple[Card, CardFact] | None:
        hits = self.cards.find_all(text)
        fact = pick_from([h.card for h in hits], intent, text)
        if fact is None:
            return None
        hit = next(h for h in hits if fact in h.card.facts)
        # the rest of the question must be about the attribute, not another subject ("Indonesia keluar dari PBB")
        q = self.matcher.query_tokens(text)
        total = sum(q.values()) or 1.0
        cued = set(self.matcher.normalizer.tokens(cue_words(fact.attr, text)))
        years = self.cards.years[hit.card.id]
        stated = set(self.matcher.normalizer.tokens(f"{fact.value} {fact.say}"))  # "15 hakim": the fact's own words
        left = {tok: w for tok, w in q.items()  # "KAA 1955" is still the KAA card
                if tok not in hit.tokens and tok not in self.cards.cue_tokens and tok not in cued and tok not in years
                and tok not in stated}
        if sum(left.values()) / total > 0.34:
            return None
        if any(self.matcher.idf.get(tok, 0.0) >= SUBJECT_IDF for tok in left):
            return None  # another subject word: "Sekretariat ASEAN dibentuk" is not when ASEAN was founded
        return hit.card, fact

    def _card(self, text: str, intent: str, result: MatchResult, lang: str, question: str) -> Reply | None:
        """A one-attribute question about a subject with a card: the card's sentence, its main entry as a button."""
        best = result.best
        if best is not None and best.exact and best.agrees and result.decision == "answer":
            return None  # the student asked an entry's own question
        if intent not in CARD_INTENTS and result.decision == "answer" and best is not None and best.agrees:
            return None  # a why/how/purpose question is better answered by the entry written for it
        found = self._card_fact(text, intent)
        if found is None:
            return None
        card, fact = found
        second = second_fact(card, fact, intent, text)
        return self._card_reply(card, (fact, second) if second else (fact,), question, intent, lang,
                                result.candidates)

    def _card_reply(self, card: Card, facts: tuple[CardFact, ...], question: str, intent: str, lang: str,
                    candidates: tuple[Candidate, ...] = ()) -> Reply:
        related = (self._suggestion(card.faq),) if card.faq and card.faq in self.bank.faq else ()
        return Reply("answer", render_facts(facts, lang), question, None, 1.0, card.topic, related=related,
                     candidates=candidates, intent=intent, card_id=card.id)

    def _intent_miss(self, text: str, question: str, intent: str, result: MatchResult, lang: str) -> Reply:
        """Right subject, but nothing answers what was asked: say so in one line, offer the subject's entries."""
        hit = self.cards.find(text)
        if hit is not None and hit.card.faq in self.bank.faq:
            topic = self.bank.faq[hit.card.faq].topic
            subject = hit.card.name
        else:
            assert result.best is not None
            topic = self.bank.faq[result.best.faq_id].topic
            subject = self.bank.topics[topic].short if topic in self.bank.topics else ""
        same = [c.faq_id for c in result.candidates if self.bank.faq[c.faq_id].topic == topic]
        if hit is not None and hit.card.faq in self.bank.faq and hit.card.faq not in same:
            same.insert(0, hit.card.faq)
        if not same:
            same = [e.id for e in self.bank.faq_in_topic(topic)]
        suggestions = tuple(self._suggestion(fid) for fid in same[:MAX_SUGGESTIONS])
        lines = "\n".join(f"{i}. {escape(s.question)}" for i, s in enumerate(suggestions, 1))
        what = t(f"intent.{intent}", lang)
        text_html = t("intent.miss", lang, what=escape(what), subject=escape(subject), entries=lines)
        return Reply("suggest", text_html, question, confidence=result.confidence, topic=topic,
                     suggestions=suggestions, candidates=result.candidates, intent=intent)

    # -- pasted multiple choice ------------------------------------------------------------------
    def _answer_evidence(self, entry: FaqEntry) -> mc.Evidence:
        evidence = self._evidence.get(f"faq:{entry.id}")
        if evidence is None:
            asked = " ".join((entry.question, *entry.variants, *entry.keywords))
            evidence = self._evidence[f"faq:{entry.id}"] = replace(self._text_evidence(entry.answer),
                                                          asked=frozenset(self.matcher.normalizer.tokens(asked)))
        return evidence

    def _card_words(self, card: Card) -> frozenset[str]:
        return frozenset(tok for name, cid in self.cards.names if cid == card.id for tok in name)

    def _fact_evidence(self, fact: CardFact) -> mc.Evidence:
        key = f"fact:{fact.say}\n{fact.value}"
        evidence = self._evidence.get(key)
        if evidence is None:  # the occasion words are normalized once per fact, not once per pasted question
            evidence = self._evidence[key] = replace(self._text_evidence(_fact_text(fact)),
                                                     occasion=frozenset(self.matcher.normalizer.tokens(fact.say)))
        return evidence

    def _text_evidence(self, text: str) -> mc.Evidence:
        cached = self._evidence.get(text)
        if cached is None:
            cached = self._evidence[text] = mc.evidence(text, 1.0, self.matcher.normalizer)
        return cached

    def _by_hypothesis(self, stem: str, pasted: Pasted) -> tuple[Option, FaqEntry] | None:
        """Asked once per option with the option filled in, one option finds an entry that states it
        clearly better than any other option does: that option, and the entry that states it."""
        found: list[tuple[float, Option, FaqEntry | None]] = []
        norm = self.matcher.normalizer
        for option in pasted.options:
            best: tuple[float, FaqEntry | None] = (0.0, None)
            for cand in self.matcher.match(f"{stem} {option.text}").candidates[:3]:
                candidate = self.bank.faq[cand.faq_id]
                value = cand.score * mc.states(option, self._answer_evidence(candidate), norm, spread=False)
                if value > best[0]:
                    best = (value, candidate)
            found.append((best[0], option, best[1]))
        found.sort(key=lambda row: row[0], reverse=True)
        (top, option, stating), runner_up = found[0], found[1][0]
        if stating is None or top < HYPOTHESIS_MIN or top < HYPOTHESIS_LEAD * runner_up:
            return None
        if mc.on_other_side(frozenset(norm.tokens(stem)), self._answer_evidence(stating).asked):
            return None  # "manfaat …" is not answered by an entry on "dampak negatif"
        return option, stating

    def _gather(self, stem: str, intent: str, options: tuple[Option, ...]) -> tuple[
            MatchResult, list[mc.Evidence], list[tuple[str, str | None, str | None]], CardHit | None,
            tuple[Card, CardFact] | None]:
        """The texts a pasted question's options are weighed against, each with its source: the card fact the
        stem asks for, the best entries for the stem, the stem's card, and what the bank says of a named option."""
        result = self.matcher.match(stem, intent)
        evidence: list[mc.Evidence] = []
        sources: list[tuple[str, str | None, str | None]] = []  # (public source, faq id, card id)
        found = self._card_fact(stem, intent)
        if found is not None:
            card, fact = found
            evidence.append(replace(self._fact_evidence(fact), about=self._card_words(card)))
            sources.append((public_source(fact.source), card.faq, card.id))
        hit = self.cards.find(stem)
        weights = (1.0, 0.8, 0.6)
        for rank, (cand, weight) in enumerate(zip(result.candidates, weights, strict=False)):
            entry = self.bank.faq[cand.faq_id]
            if not cand.agrees:
                weight *= 0.8
            if (hit is not None and not hit.tokens & self.matcher.entry_tokens[self.matcher.index[entry.id]]
                    and not (rank == 0 and cand.score >= self.matcher.thresholds.clear_answer)):
                weight *= 0.6  # the stem names a subject this entry is not about
            evidence.append(replace(self._answer_evidence(entry), weight=weight))
            sources.append((public_source(entry.source), entry.id, None))
        if hit is not None and found is None:
            for fact in hit.card.facts:
                evidence.append(replace(self._fact_evidence(fact), weight=0.9,
                                        about=self._card_words(hit.card)))
                sources.append((public_source(fact.source), hit.card.faq, hit.card.id))
        for option in options:  # options that name a subject bring what the bank says about it
            named = self.cards.find(option.text)
            if named is None or (hit is not None and named.card is hit.card):
                continue
            for fact in named.card.facts:
                evidence.append(replace(self._text_evidence(f"{named.card.name}: {fact.say}"), weight=0.8,
                                        about=self._card_words(named.card)))
                sources.append((public_source(fact.source), named.card.faq, named.card.id))
            if named.card.faq in self.bank.faq:
                entry = self.bank.faq[named.card.faq]
                evidence.append(replace(self._answer_evidence(entry), weight=0.8))
                sources.append((public_source(entry.source), entry.id, None))
        return result, evidence, sources, hit, found

    def _by_elimination(self, pasted: Pasted, hit: CardHit, evidence: list[mc.Evidence],
                        stem_weights: dict[str, float]) -> tuple[Option, int, tuple[Option, ...]] | None:
        """Every option but one is what the bank says of another subject ("memberantas penyakit menular" is the
        WHO's aim, for a stem on the ILO): the one left, if what the bank says of the stem's subject favours it."""
        others: list[Option] = []
        for option in pasted.options:
            best = self.matcher.match(option.text).best
            if (best is not None and best.score >= ELSEWHERE
                    and not hit.tokens & self.matcher.entry_tokens[self.matcher.index[best.faq_id]]):
                others.append(option)
        left = [o for o in pasted.options if o not in others]
        if len(left) != 1 or len(others) < 2:
            return None
        scores = mc.option_scores(pasted, evidence, self.matcher.normalizer, stem_weights)
        top = max(range(len(scores)), key=lambda i: scores[i][0])
        if pasted.options[top] is not left[0] or scores[top][0] <= 0.0:
            return None
        return left[0], scores[top][1], tuple(others)

    def _pasted(self, question: str, pasted: Pasted, lang: str) -> Reply:
        stem = intents.strip_homework(smalltalk.strip_pleasantries(pasted.stem))
        intent = intents.detect(stem).name
        listed = numbered.listed(stem) if numbered.names_combinations([o.text for o in pasted.options]) else None
        if listed is not None:
            return self._statements(question, pasted, listed, intent, lang)
        kind_reply = self._kind_choice(question, pasted, intent, lang)
        if kind_reply is not None:
            return kind_reply
        result, evidence, sources, hit, found = self._gather(stem, intent, pasted.options)
        norm = self.matcher.normalizer
        asked = self.matcher.query_tokens(stem)
        known = {t: w for t, w in asked.items()  # unknown words say nothing
                 if t in self.matcher.idf or t in self.cards.name_tokens or t in self.cards.cue_tokens}
        # a stem that is mostly about words the bank does not know needs stronger evidence
        unknown_share = 1 - sum(known.values()) / (sum(asked.values()) or 1.0)
        counted = (mc.option_with_count(pasted, found[1].count, norm, f"{found[1].say} {found[1].value}")
                   if found is not None and intent == "count" and found[1].count is not None else None)
        if counted is None and found is not None:
            counted = mc.stated_once(pasted, evidence[0], norm)  # the card fact the stem asks for names one option
        # "3. ..." under two given items is a blank for the student's own answer: nothing to choose from
        blank = not all(re.search(r"\w", o.text) for o in pasted.options)
        choice = (mc.Choice(None) if blank else mc.Choice(counted, 0) if counted is not None
                  else mc.choose(pasted, evidence, norm, known, min_score=mc.MIN_SCORE + MC_UNKNOWN_STRICTNESS * unknown_share))
        why_html = None
        if choice.option is None and not pasted.negated and not blank and hit is not None:
            left = self._by_elimination(pasted, hit, evidence, known)
            if left is not None:
                choice = mc.Choice(left[0], left[1])
                why = mc.best_sentence(evidence[left[1]], left[0], norm)
                why_html = ((escape(why) + "\n\n" if why else "")
                            + t("mc.elsewhere", lang, others=", ".join(o.shown for o in left[2]), subject=escape(hit.card.name)))
        if choice.option is None and not pasted.negated and not blank:
            filled = self._by_hypothesis(stem, pasted)
            if filled is not None:
                choice = mc.Choice(filled[0], len(evidence))
                evidence.append(self._answer_evidence(filled[1]))
                sources.append((public_source(filled[1].source), filled[1].id, None))
        return self._choice_reply(question, pasted, stem, intent, choice, evidence, sources, result, hit, lang, why_html)

    def _statements(self, question: str, pasted: Pasted, listed: numbered.Listed, intent: str, lang: str) -> Reply:
        """"Perhatikan pernyataan berikut! 1) … 2) … Yang sesuai ditunjukkan nomor …": each statement judged
        against what the bank says about the question, and the option naming exactly the ones that fit."""
        statements = tuple(Option(str(i), item) for i, item in enumerate(listed.items, 1))
        result, evidence, sources, hit, _ = self._gather(listed.question, intent, statements)
        if mc_statements.asks_order(listed, pasted):
            choice = mc.Choice(None)
        else:
            judged = mc_statements.judge(listed, evidence, self.matcher.normalizer,
                                         self.matcher.query_tokens(listed.question))
            choice = mc_statements.choose(listed, pasted, judged)
        why_html = mc_statements.explain(choice.option, listed, lang) if choice.option is not None else None
        return self._choice_reply(question, pasted, listed.question, intent, choice, evidence, sources, result, hit,
                                  lang, why_html)

    def _choice_reply(self, question: str, pasted: Pasted, stem: str, intent: str, choice: mc.Choice,
                      evidence: list[mc.Evidence], sources: list[tuple[str, str | None, str | None]],
                      result: MatchResult, hit: CardHit | None, lang: str, why_html: str | None = None) -> Reply:
        """The chosen option with why and its source; or, undecided, what is ruled out and what to read."""
        base = Reply("unknown", "", question, intent=intent, pasted=True, candidates=result.candidates)
        if choice.option is not None:
            source, faq_id, card_id = sources[choice.evidence]
            if why_html is None:
                why = mc.best_sentence(evidence[choice.evidence], choice.option, self.matcher.normalizer)
                why_html = escape(why) if why else ""
            body = _option_text(choice.option, why_html, source, lang)
            related = (self._suggestion(faq_id),) if faq_id in self.bank.faq else ()
            topic = self.bank.faq[faq_id].topic if faq_id in self.bank.faq else None
            return replace(base, kind="answer", text=body, faq_id=faq_id, confidence=1.0, topic=topic,
                           related=related, card_id=card_id, choice=choice.option.letter)
        suggestions = tuple(self._suggestion(c.faq_id) for c in result.candidates[:MAX_SUGGESTIONS]
                            if self._same_subject(stem, c.faq_id))
        # ruling options out is only honest from material about the stem's own subject
        if choice.remaining and choice.ruled_out and (suggestions or hit is not None):
            body = t("mc.unsure", lang, ruled_out=", ".join(o.shown for o in choice.ruled_out),
                     remaining=", ".join(o.shown for o in choice.remaining))
        else:
            body = t("mc.unknown", lang)
        if suggestions:
            lines = "\n".join(f"{i}. {escape(s.question)}" for i, s in enumerate(suggestions, 1))
            body += "\n\n" + t("mc.read", lang) + "\n" + lines
        return replace(base, kind="suggest" if suggestions else "unknown", text=body, suggestions=suggestions,
                       confidence=result.confidence)


def _option_text(option: Option, why_html: str, source: str, lang: str) -> str:
    """The reply to a pasted multiple-choice question: the option, why (HTML, may be empty), the source."""
    body = t("mc.answer", lang, option=escape(f"{option.shown}. {option.text}"))
    if why_html:
        body += f"\n\n{why_html}"
    return body + f"\n\n<i>{t('answer.source', lang, source=escape(source))}</i>"


def _fact_text(fact: CardFact) -> str:
    """A card fact as evidence: its sentence, and its value only when the sentence does not already state
    it (a bare "Rabat, Maroko" would lose the "berdiri" that says what the place is the place of)."""
    return fact.say if fact.value.casefold() in fact.say.casefold() else f"{fact.say} {fact.value}"
