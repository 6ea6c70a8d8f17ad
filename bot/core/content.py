"""Loading and validating the content YAML into the model of bot/core/model.py (re-exported here).

Teachers edit YAML by hand, so the loader never stops at the first mistake: it collects every
problem with file, entry id and field, and the bot refuses to start on invalid content. Reading files
and typed fields is bot/core/content_fields.py; what each kind of entry must hold is here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.core import limits
from bot.core.content_fields import ContentInvalid, ContentProblem, FieldReader, describe, relative_name
from bot.core.intent import INTENTS
from bot.core.markup import html_problem, visible_length
from bot.core.model import (
    CARD_ATTRS,
    CHANGING_ATTRS,
    Card,
    CardFact,
    ContentBank,
    FaqEntry,
    Lexicon,
    QuizQuestion,
    Topic,
)
from bot.core.render import format_answer

__all__ = [  # the content types live in bot.core.model; callers may import them from here
    "CARD_ATTRS", "CHANGING_ATTRS", "DIFFICULTIES", "Card", "CardFact", "ContentBank", "ContentInvalid",
    "ContentProblem", "FaqEntry", "Lexicon", "QuizQuestion", "Topic", "load_bank", "load_content",
]

DIFFICULTIES = ("mudah", "sedang", "sulit")

DATE_FIELDS = {"as_of", "review_by"}
FAQ_FIELDS = {"id", "topic", "question", "variants", "keywords", "answer", "related", "source", "asks"} | DATE_FIELDS
QUIZ_FIELDS = {"id", "topic", "faq", "question", "options", "answer", "explanation", "difficulty", "source"} | DATE_FIELDS
CARD_FIELDS = {"id", "name", "aliases", "topic", "faq", "facts"}
FACT_FIELDS = {"attr", "value", "date", "count", "say", "source", "as_of", "review_by"}
TOPIC_FIELDS = {"id", "name", "name_en", "short", "description"}


def load_bank(directory: Path) -> ContentBank:
    """Load and validate; raise ContentInvalid listing every problem."""
    bank, problems = load_content(directory)
    if problems:
        raise ContentInvalid(problems)
    return bank


def load_content(directory: Path) -> tuple[ContentBank, list[ContentProblem]]:
    """Load whatever is valid and return it with the list of problems found.

    A file that cannot be read at all (a YAML syntax error, not UTF-8, no top-level list) comes
    first, and the problems that may only follow from it are left out: every entry elsewhere that
    names one of its FAQ ids or topics would otherwise be reported too, burying the one real cause.
    Fixing the file and checking again shows whatever remains.
    """
    directory = Path(directory)
    v = _Validator(directory)
    if not directory.is_dir():
        why = "is not a directory" if directory.exists() else "does not exist"
        v.add("", None, None, f"content directory {directory} {why}")
        return ContentBank({}, {}, {}, Lexicon()), v.problems
    topics = v.topics(directory / "topics.yaml")
    faq_files = sorted((directory / "faq").glob("*.yaml"))
    quiz_files = sorted((directory / "quiz").glob("*.yaml"))
    faq: dict[str, FaqEntry] = {}
    for path in faq_files:
        for entry in v.faq_file(path, topics):
            if entry.id in faq:
                v.add(path, entry.id, "id", f"duplicate FAQ id (also in {v.origin[entry.id]})")
                continue
            faq[entry.id] = entry
    for entry in faq.values():
        for rel in entry.related:
            if rel not in faq:
                v.refer(v.origin[entry.id], entry.id, "related", f"unknown FAQ id {rel!r}")
            elif rel == entry.id:
                v.add(v.origin[entry.id], entry.id, "related", "an entry cannot be related to itself")
    quiz: dict[str, QuizQuestion] = {}
    for path in quiz_files:
        for q in v.quiz_file(path, topics, faq):
            key = "quiz:" + q.id
            if q.id in quiz:
                v.add(path, q.id, "id", f"duplicate quiz id (also in {v.origin[key]})")
                continue
            v.origin[key] = relative_name(directory, path)
            quiz[q.id] = q
    lexicon = v.lexicon(directory / "lexicon.yaml")
    if not faq:
        v.refer("faq/", None, None, "no FAQ entries found")
    cards: dict[str, Card] = {}
    for path in sorted((directory / "cards").glob("*.yaml")):
        for card in v.card_file(path, topics, faq):
            if card.id in cards:
                v.add(path, card.id, "id", f"duplicate card id (also in {v.origin['card:' + card.id]})")
                continue
            v.origin["card:" + card.id] = relative_name(directory, path)
            cards[card.id] = card
    v.card_aliases(cards)
    origin = {fid: v.origin[fid] for fid in faq} | {f"quiz:{qid}": v.origin[f"quiz:{qid}"] for qid in quiz}
    origin.update({"card:" + cid: v.origin["card:" + cid] for cid in cards})
    return ContentBank(topics, faq, quiz, lexicon, origin, cards), v.reported()



class _Validator(FieldReader):
    """Converts the content's YAML mappings into the model's dataclasses."""

    def topics(self, path: Path) -> dict[str, Topic]:
        topics: dict[str, Topic] = {}
        for i, item in enumerate(self.read(path, "topics")):
            id_ = self.entry_id(path, item, i, TOPIC_FIELDS)
            if id_ is None:
                continue
            t = Topic(
                id=id_,
                name=self.text(path, id_, item, "name"),
                name_en=self.text(path, id_, item, "name_en"),
                short=self.text(path, id_, item, "short"),
                description=self.text(path, id_, item, "description"),
            )
            if len(t.short) > limits.MAX_TOPIC_SHORT:
                self.add(path, id_, "short", f"at most {limits.MAX_TOPIC_SHORT} characters")
            if id_ in topics:
                self.add(path, id_, "id", "duplicate topic id")
            topics[id_] = t
        if not topics:
            self.refer(path, None, "topics", "no topics defined")
        return topics

    def faq_file(self, path: Path, topics: dict[str, Topic]) -> Iterable[FaqEntry]:

        for i, item in enumerate(self.read(path, "faq")):
            id_ = self.entry_id(path, item, i, FAQ_FIELDS)
            if id_ is None:
                continue
            topic = self.text(path, id_, item, "topic")
            if topic and topic not in topics:
                self.refer(path, id_, "topic", f"unknown topic {topic!r}")
            question = self.text(path, id_, item, "question")
            if len(question) > limits.MAX_FAQ_QUESTION:
                self.add(path, id_, "question", f"at most {limits.MAX_FAQ_QUESTION} characters (it is a button label)")
            variants = self.text_list(path, id_, item, "variants", required=True)
            if len(variants) < limits.MIN_VARIANTS:
                self.add(path, id_, "variants", f"needs at least {limits.MIN_VARIANTS} variants, has {len(variants)}")
            answer = self.text(path, id_, item, "answer")
            if answer:
                problem = html_problem(answer)
                if problem:
                    self.add(path, id_, "answer", f"Telegram would reject this HTML: {problem}")
                elif visible_length(answer) > limits.MAX_ANSWER_VISIBLE:
                    self.add(path, id_, "answer", f"{visible_length(answer)} characters; at most {limits.MAX_ANSWER_VISIBLE}")
            entry = FaqEntry(
                id=id_,
                topic=topic,
                question=question,
                variants=variants,
                keywords=self.text_list(path, id_, item, "keywords", required=False),
                answer=answer,
                related=self.text_list(path, id_, item, "related", required=False),
                source=self.text(path, id_, item, "source"),
                asks=self.asks(path, id_, item),
                **self.dates(path, id_, item),
            )
            if answer and not html_problem(answer):
                rendered = format_answer(entry, lang="id")
                if visible_length(rendered) > limits.MAX_MESSAGE_LENGTH:
                    self.add(path, id_, "answer", "longer than Telegram's 4096 characters once formatted")
                elif html_problem(rendered):
                    self.add(path, id_, "question", f"formatted answer is invalid HTML: {html_problem(rendered)}")
            self.origin[id_] = relative_name(self.base, path)
            yield entry

    def quiz_file(self, path: Path, topics: dict[str, Topic], faq: dict[str, FaqEntry]) -> Iterable[QuizQuestion]:
        for i, item in enumerate(self.read(path, "quiz")):
            id_ = self.entry_id(path, item, i, QUIZ_FIELDS)
            if id_ is None:
                continue
            topic = self.text(path, id_, item, "topic")
            if topic and topic not in topics:
                self.refer(path, id_, "topic", f"unknown topic {topic!r}")
            faq_id = self.text(path, id_, item, "faq")
            if faq_id and faq_id not in faq:
                self.refer(path, id_, "faq", f"unknown FAQ id {faq_id!r}")
            question = self.text(path, id_, item, "question")
            if len(question) > limits.MAX_POLL_QUESTION:
                self.add(path, id_, "question", f"{len(question)} characters; a quiz poll allows {limits.MAX_POLL_QUESTION}")
            options = self.text_list(path, id_, item, "options", required=True)
            if not limits.MIN_POLL_OPTIONS <= len(options) <= limits.MAX_POLL_OPTIONS:
                self.add(path, id_, "options",
                         f"{len(options)} options; a quiz poll needs {limits.MIN_POLL_OPTIONS}–{limits.MAX_POLL_OPTIONS}")
            for j, opt in enumerate(options):
                if len(opt) > limits.MAX_POLL_OPTION:
                    self.add(path, id_, f"options[{j}]", f"{len(opt)} characters; at most {limits.MAX_POLL_OPTION}")
            folded = [o.casefold() for o in options]
            if len(set(folded)) != len(folded):
                self.add(path, id_, "options", "duplicate options")
            answer = item.get("answer")
            if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < max(len(options), 1):
                self.add(path, id_, "answer", f"must be the index (0–{max(len(options) - 1, 0)}) of the correct option")
                answer = 0
            explanation = self.text(path, id_, item, "explanation")
            if len(explanation) > limits.MAX_EXPLANATION:
                self.add(path, id_, "explanation", f"{len(explanation)} characters; at most {limits.MAX_EXPLANATION}")
            if explanation.count("\n") > limits.MAX_EXPLANATION_LINE_FEEDS:
                self.add(path, id_, "explanation", f"at most {limits.MAX_EXPLANATION_LINE_FEEDS} line breaks")
            difficulty = self.text(path, id_, item, "difficulty")
            if difficulty and difficulty not in DIFFICULTIES:
                self.add(path, id_, "difficulty", f"must be one of {', '.join(DIFFICULTIES)}")
            yield QuizQuestion(
                id=id_, topic=topic, faq=faq_id, question=question, options=options, answer=answer,
                explanation=explanation, difficulty=difficulty, source=self.text(path, id_, item, "source"),
                **self.dates(path, id_, item),
            )

    def asks(self, path: Path, id_: str, item: dict[str, Any]) -> tuple[str, ...]:
        """`asks:` is one intent id or a list of them; required on every FAQ entry."""
        value = item.get("asks")
        if value is None or value == [] or value == "":
            self.add(path, id_, "asks", f"is missing: the intents this entry answers ({', '.join(INTENTS)})")
            return ()
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            self.add(path, id_, "asks", "must be an intent id or a list of them")
            return ()
        out: list[str] = []
        for v in values:
            if not isinstance(v, str) or v.strip() not in INTENTS:
                self.add(path, id_, "asks", f"unknown intent {v!r} (allowed: {', '.join(INTENTS)})")
            elif v.strip() not in out:
                out.append(v.strip())
        return tuple(out)

    def card_file(self, path: Path, topics: dict[str, Topic], faq: dict[str, FaqEntry]) -> Iterable[Card]:
        for i, item in enumerate(self.read(path, "cards")):
            id_ = self.entry_id(path, item, i, CARD_FIELDS)
            if id_ is None:
                continue
            topic = self.text(path, id_, item, "topic")
            if topic and topic not in topics:
                self.refer(path, id_, "topic", f"unknown topic {topic!r}")
            faq_id = self.text(path, id_, item, "faq", required=False) or None
            if faq_id and faq_id not in faq:
                self.refer(path, id_, "faq", f"unknown FAQ id {faq_id!r}")
            raw_facts = item.get("facts")
            facts: list[CardFact] = []
            if not isinstance(raw_facts, list) or not raw_facts:
                self.add(path, id_, "facts", "must be a non-empty list of facts")
                raw_facts = []
            seen: set[str] = set()
            for j, raw in enumerate(raw_facts):
                fact = self.card_fact(path, id_, j, raw)
                if fact is None:
                    continue
                if fact.attr in seen:
                    self.add(path, id_, f"facts[{j}].attr", f"{fact.attr!r} appears twice on this card")
                    continue
                seen.add(fact.attr)
                facts.append(fact)
            yield Card(id=id_, name=self.text(path, id_, item, "name"),
                       aliases=self.text_list(path, id_, item, "aliases", required=False),
                       topic=topic, faq=faq_id, facts=tuple(facts))

    def card_fact(self, path: Path, card_id: str, index: int, raw: Any) -> CardFact | None:
        where = f"facts[{index}]"
        if not isinstance(raw, dict):
            self.add(path, card_id, where, "each fact must be a mapping of fields")
            return None
        for unknown in sorted(set(raw) - FACT_FIELDS, key=str):
            self.add(path, card_id, f"{where}.{unknown}", f"unknown field (allowed: {', '.join(sorted(FACT_FIELDS))})")
        attr = self.text(path, card_id, raw, "attr")
        if attr and attr not in CARD_ATTRS:
            self.add(path, card_id, f"{where}.attr", f"unknown attribute {attr!r} (allowed: {', '.join(CARD_ATTRS)})")
            return None
        if not attr:
            return None
        field_id = f"{card_id} {attr}"
        count = raw.get("count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
            self.add(path, field_id, "count", "must be a whole number")
            count = None
        dated = self.dated(path, field_id, raw)
        if attr in CHANGING_ATTRS and not dated["as_of"]:
            self.add(path, field_id, "as_of", f"{attr!r} can change: give as_of and review_by")
        say = self.text(path, field_id, raw, "say")
        if re.search(r"<[a-zA-Z/]|&[a-zA-Z#]\w*;", say):
            self.add(path, field_id, "say", "is plain text; the bot adds the formatting (no HTML tags or entities)")
        if len(say) > limits.MAX_CARD_SAY:
            self.add(path, field_id, "say", f"{len(say)} characters; at most {limits.MAX_CARD_SAY}")
        return CardFact(attr=attr, value=self.text(path, field_id, raw, "value"), say=say,
                        source=self.text(path, field_id, raw, "source"),
                        date=self.date_text(path, field_id, raw, "date", year_ok=True), count=count, **dated)

    def card_aliases(self, cards: dict[str, Card]) -> None:
        """A name or alias names one subject only, and never another card's id/name."""
        owner: dict[str, str] = {}
        for card in cards.values():
            for name in dict.fromkeys((card.name, *card.aliases)):
                key = " ".join(re.findall(r"[a-z0-9]+", name.casefold()))
                if not key:
                    continue
                other = owner.setdefault(key, card.id)
                if other != card.id:
                    self.add(self.origin["card:" + card.id], card.id, "aliases",
                             f"{name!r} also names card {other!r}; a name must point to one subject")

    def lexicon(self, path: Path) -> Lexicon:
        if not path.exists():
            return Lexicon()
        ok, data = self.load_yaml(path)
        if not ok:
            return Lexicon()
        data = data or {}
        if not isinstance(data, dict):
            self.add(path, None, None, "expected a mapping with slang:, numbers: and protected:")
            return Lexicon()
        sections = {"slang", "numbers", "lowercase", "capitals", "english", "protected", "countries"}
        for unknown in sorted(set(data) - sections, key=str):
            self.add(path, None, str(unknown), f"unknown section (allowed: {', '.join(sorted(sections))})")
        protected = data.get("protected") or []
        if not isinstance(protected, list):
            self.add(path, None, "protected", "must be a list of words")
            protected = []
        words: set[str] = set()
        for i, item in enumerate(protected):
            word = _lexicon_word(item)
            if word is None:
                self.add(path, None, f"protected[{i}]", f"must be one word, not {describe(item)}")
            else:
                words.add(word)
        return Lexicon(
            slang=self.word_map(path, "slang", data.get("slang"), drop_allowed=True),
            protected=frozenset(words),
            numbers=self.word_map(path, "numbers", data.get("numbers")),
            lowercase=self.word_map(path, "lowercase", data.get("lowercase")),
            capitals=self.word_map(path, "capitals", data.get("capitals")),
            english=self.word_map(path, "english", data.get("english")),
            countries=self.countries(path, data.get("countries")),
        )

    def countries(self, path: Path, value: Any) -> dict[str, str]:
        """The `countries:` section, `Name: [how students write it, …]`, as spelling → name."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(path, None, "countries", "must be a mapping of country name: [spellings]")
            return {}
        out: dict[str, str] = {}
        for name, spellings in value.items():
            if not isinstance(name, str) or not name.strip() or not isinstance(spellings, list) or not spellings:
                self.add(path, str(name), "countries", "each country needs a name and a list of spellings")
                continue
            for spelling in spellings:
                word = _lexicon_word(spelling)
                if word is None:
                    self.add(path, name, "countries", f"a spelling must be text, not {describe(spelling)}")
                elif out.get(word, name) != name:
                    self.add(path, name, "countries", f"{word!r} is also a spelling of {out[word]}")
                else:
                    out[word] = name.strip()
        return out

    def word_map(self, path: Path, name: str, value: Any, *, drop_allowed: bool = False) -> dict[str, str]:
        """A lexicon section `word: replacement`; a bad key or value is reported, never turned into "none".

        In slang an explicit "" drops the words (fillers such as "salah satu"); a missing value is a mistake.
        """
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(path, None, name, "must be a mapping of word: replacement")
            return {}
        out: dict[str, str] = {}
        for key, replacement in value.items():
            word = _lexicon_word(key)
            if word is None:
                self.add(path, str(key), name, f"the word must be text, not {describe(key)}")
                continue
            if drop_allowed and isinstance(replacement, str) and not replacement.strip():
                out[word] = ""
                continue
            target = _lexicon_word(replacement)
            if target is None:
                hint = '; write "" to drop the word' if drop_allowed and replacement is None else ""
                self.add(path, word, name, f"the replacement must be text, not {describe(replacement)}{hint}")
                continue
            out[word] = target
        return out


def _lexicon_word(value: Any) -> str | None:
    """Lowercased text of a lexicon word, or None for empty values, true/false, lists and mappings."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value).strip().lower()
    return text or None
