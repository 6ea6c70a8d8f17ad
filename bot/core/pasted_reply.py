"""The reply to a pasted multiple-choice question: the option, why, and its source, or an honest "not sure".

`PastedReplies.reply()` gathers what the bank says about the stem (the card fact it asks for, the best
entries, the stem's card, what the bank says of options that name a subject), lets `bot.core.mc` choose
an option from it, and falls back on elimination (every option but one belongs to another subject) and
on asking the stem once per option. Numbered-statement questions go to `bot.core.mc_statements`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.core import intent as intents
from bot.core import kinds, mc, mc_statements, numbered, smalltalk
from bot.core.cards import CardHit, CardIndex
from bot.core.content import Card, CardFact, ContentBank, FaqEntry
from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.matcher import Matcher, MatchResult
from bot.core.pasted import Option, Pasted
from bot.core.render import public_source
from bot.core.reply import Reply, Suggestion

MAX_SUGGESTIONS = 3
MC_UNKNOWN_STRICTNESS = 0.5  # how much a stem's unknown words raise the bar for choosing an option (dev half)
# an option whose own best entry scores this much, and is not about the stem's subject, is about something else
# (dev half and tuning sets: 0.5–0.6 alike, 0.7 finds fewer)
ELSEWHERE = 0.6
# an undecided option question asked once per option, with the option filled in: the least the best
# (match score times how much of the option its entry states) must reach, and how far ahead of the next
HYPOTHESIS_MIN = 0.3
HYPOTHESIS_LEAD = 1.8


class PastedReplies:
    """Answers pasted multiple-choice questions from the bank; the tutor's own reading of a subject is passed in."""

    def __init__(self, bank: ContentBank, matcher: Matcher, cards: CardIndex,
                 suggestion: Callable[[str], Suggestion], same_subject: Callable[[str, str], bool],
                 card_fact: Callable[[str, str], tuple[Card, CardFact] | None]) -> None:
        self.bank = bank
        self.matcher = matcher
        self.cards = cards
        self.suggestion = suggestion  # an entry as a suggestion button
        self.same_subject = same_subject  # the stem shares a subject with the entry
        self.card_fact = card_fact  # the card fact a one-attribute stem asks for
        self._evidence: dict[str, mc.Evidence] = {}  # answers and card facts as multiple-choice evidence, made once

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
        return Reply("answer", body, question, entry_id, 1.0, entry.topic, related=(self.suggestion(entry_id),),
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
                     entry.topic, related=(self.suggestion(entry.id),), intent=intent, pasted=True,
                     choice=option.letter)

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
        field = kinds.field_asked(stem)
        for option in pasted.options:
            best: tuple[float, FaqEntry | None] = (0.0, None)
            if field is not None and (named := kinds.fields_of(option.text)) and field not in named:
                found.append((0.0, option, None))  # "latihan militer bersama" is not "di bidang sosial budaya"
                continue
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
        found = self.card_fact(stem, intent)
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

    def _by_elimination(self, pasted: Pasted, hit: CardHit,
                        scores: tuple[tuple[float, int], ...]) -> tuple[Option, int, tuple[Option, ...]] | None:
        """Every option but one is what the bank says of another subject ("memberantas penyakit menular" is the
        WHO's aim, for a stem on the ILO): the one left, if what the bank says of the stem's subject favours it.
        `scores`: the options' scores from `mc.choose`, which left the question undecided."""
        others: list[Option] = []
        for option in pasted.options:
            best = self.matcher.match(option.text).best
            if (best is not None and best.score >= ELSEWHERE
                    and not hit.tokens & self.matcher.entry_tokens[self.matcher.index[best.faq_id]]):
                others.append(option)
        left = [o for o in pasted.options if o not in others]
        if len(left) != 1 or len(others) < 2 or not scores:
            return None
        top = max(range(len(scores)), key=lambda i: scores[i][0])
        if pasted.options[top] is not left[0] or scores[top][0] <= 0.0:
            return None
        return left[0], scores[top][1], tuple(others)

    def reply(self, question: str, pasted: Pasted, lang: str) -> Reply:
        """The option the bank supports, with why and the source; or what it rules out, and what to read."""
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
            left = self._by_elimination(pasted, hit, choice.scores)
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
        against what the bank says about the question, and the option naming exactly the ones that fit; or, for
        "Urutan peristiwa … secara kronologis", the option ordering the events by the dates their cards give."""
        statements = tuple(Option(str(i), item) for i, item in enumerate(listed.items, 1))
        result, evidence, sources, hit, _ = self._gather(listed.question, intent, statements)
        why_html: str | None = None
        if mc_statements.asks_order(listed, pasted):
            dated = [self._dated(item) for item in listed.items]
            choice = mc_statements.chronology(listed, pasted, [d[0] if d else None for d in dated])
            if choice.option is not None:  # the explanation and source are those of the events' cards
                sources.append(("; ".join(dict.fromkeys(d[1] for d in dated if d)), None, None))
                evidence.append(mc.evidence("", 0.0, self.matcher.normalizer))
                choice = mc.Choice(choice.option, len(evidence) - 1)
                in_order = sorted((d[0], item, d[2]) for item, d in zip(listed.items, dated, strict=True) if d)
                why_html = mc_statements.explain_order([(item, when) for _, item, when in in_order], lang)
        else:
            judged = mc_statements.judge(listed, evidence, self.matcher.normalizer, self.matcher.query_tokens)
            choice = mc_statements.choose(listed, pasted, judged)
            why_html = mc_statements.explain(choice.option, listed, lang) if choice.option is not None else None
        return self._choice_reply(question, pasted, listed.question, intent, choice, evidence, sources, result, hit,
                                  lang, why_html)

    def _dated(self, event: str) -> tuple[tuple[int, int, int], str, str] | None:
        """An event's first date from its card ("Perundingan Renville" → 8 Desember 1947), with the card fact's
        public source and value; None when no card names it or dates it."""
        hit = self.cards.find(event)
        fact = hit.card.fact("date") if hit is not None else None
        when = mc_statements.first_date(fact.value) if fact is not None else None
        if hit is None or fact is None or when is None or len(hit.tokens) < len(self.matcher.query_tokens(event)) / 2:
            return None  # a card named by only part of the event ("Agresi Militer II" is no card's name)
        return when, public_source(fact.source), fact.value

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
            related = (self.suggestion(faq_id),) if faq_id in self.bank.faq else ()
            topic = self.bank.faq[faq_id].topic if faq_id in self.bank.faq else None
            return replace(base, kind="answer", text=body, faq_id=faq_id, confidence=1.0, topic=topic,
                           related=related, card_id=card_id, choice=choice.option.letter)
        suggestions = tuple(self.suggestion(c.faq_id) for c in result.candidates[:MAX_SUGGESTIONS]
                            if self.same_subject(stem, c.faq_id))
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
