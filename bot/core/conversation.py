"""One conversation logic for Telegram, the console and `ask`.

`Tutor.reply()` turns a student's message into a `Reply`: what kind of reply it is, the HTML
text to send, and the structured parts (suggestions, related questions) that each front end
shows its own way: inline buttons on Telegram, numbers in the console, JSON for `ask`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bot.core import intent as intents
from bot.core import kinds, smalltalk
from bot.core.cards import CardIndex, cue_words, pick_from, render_facts, second_fact
from bot.core.content import Card, CardFact, ContentBank, FaqEntry, load_bank
from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.matcher import Candidate, Matcher, MatchResult
from bot.core.pasted import parse as parse_pasted
from bot.core.pasted_reply import MAX_SUGGESTIONS, PastedReplies
from bot.core.render import format_answer, topic_lines
from bot.core.reply import Reply, Suggestion

__all__ = ["Reply", "Suggestion", "Tutor"]  # Reply is imported from here by the front ends

MAX_RELATED = 2
SUGGESTION_SPREAD = 0.2  # a suggestion far below the best one is noise, not a "maybe"
MAX_QUESTION_CHARS = 1000  # longer messages are not questions; they get a friendly "shorter, please"
SUGGEST_COVERAGE = 0.6  # a suggestion must explain most of the question, or share a named subject (PBB, OKI …)
KNOWS_ALL = 0.95  # an entry that knows (nearly) every word of a vague question is about it
SUBJECT_IDF = 2.0  # a word this rare in the bank names a subject; "negara" or "anggota" do not
_ARITHMETIC = re.compile(r"\d\s*[+×÷=*^]\s*\d|\d\s*%\s*(?:dari|of)\s*\d", re.IGNORECASE)  # not "dibagi": "dibagi jadi"
_BOTH = re.compile(r"\b(?:dan|serta|and)\b|&", re.IGNORECASE)
CARD_INTENTS = frozenset({"when", "where", "who", "count", "abbreviation"})  # one-fact questions a card answers first


class Tutor:
    """The tutor's brain: content plus matcher, no I/O."""

    def __init__(self, bank: ContentBank, matcher: Matcher | None = None) -> None:
        self.bank = bank
        self.matcher = matcher or Matcher(bank)
        self.cards = CardIndex(bank, self.matcher.normalizer)
        self.pasted = PastedReplies(bank, self.matcher, self.cards, self._suggestion, self._same_subject, self._card_fact)

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
            return self.pasted.reply(question, pasted, lang)
        core = intents.strip_homework(smalltalk.strip_pleasantries(question))
        intent = intents.detect(core)
        result = self.matcher.match(core, intent.name if intent.explicit else None)
        if result.content_words == 0:
            return Reply("empty", t("empty", lang), question, intent=intent.name)
        kind_reply = self._kind(core, question, intent.name, lang)
        if kind_reply is not None:
            return kind_reply
        card_reply = self._card_pair(core, intent.name, result, lang, question) or self._card(
            core, intent.name, result, lang, question)
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

    def _card_pair(self, text: str, intent: str, result: MatchResult, lang: str, question: str) -> Reply | None:
        """"Kepanjangan KTN dan UNCI", "kapan ASEAN dan APEC berdiri": one attribute of two subjects joined by
        "dan", each from its card, rather than one subject's entry."""
        both = _BOTH.search(text)
        if intent not in CARD_INTENTS or both is None:
            return None
        after = intents.detect(text[both.end():])
        if after.explicit and after.name != intent:
            return None  # "When was ASEAN founded, and who signed …" asks two things, not one of two subjects
        hits = self.cards.find_all(text)
        if len(hits) != 2 or hits[0].tokens & hits[1].tokens:
            return None
        facts = [pick_from([hit.card], intent, text) for hit in hits]
        if facts[0] is None or facts[1] is None or facts[0].attr != facts[1].attr:
            return None
        return self._card_reply(hits[0].card, (facts[0], facts[1]), question, intent, lang, result.candidates)

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
