"""Which topic a student means by `/kuis kaa`, `/kuis gnb`, "Kerja Sama Bilateral" or "asaen".

Students type what they see or remember: a topic's id, its button label or display name, one part
of a name ("KAA" of "KAA & GNB"), an abbreviation a fact card knows ("KMB", "UN"), or any of these
with a typo. Telegram and the console both ask here, so they accept exactly the same names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.model import ContentBank

FUZZY_CUTOFF = 80  # "asaen"→"asean" (80), "bilatral"→"bilateral" (94); "matematika" reaches nothing
FUZZY_TIE = 3  # topics within this many points of the best fuzzy hit are equally likely: ask which
MIN_WORD = 3  # a single typed word shorter than this ("di", "&") names no topic on its own

_SEPARATORS = re.compile(r"\s*(?:&|,|\(|\)|\bdan\b|\band\b)\s*", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class TopicMatch:
    """`topic` when one topic is meant; otherwise the `candidates` to choose from (none: unknown)."""

    topic: str | None
    candidates: tuple[str, ...] = ()


def key(text: str) -> str:
    """A name as compared: case, accents, punctuation and dashes do not matter ("Non-Blok" = "non blok")."""
    norm = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_ALNUM.sub(" ", norm).split())


@dataclass(frozen=True)
class _Names:
    """Names by how surely they point at a topic; each maps a key to its topics."""

    full: dict[str, tuple[str, ...]]  # the topics' ids, button labels and display names
    parts: dict[str, tuple[str, ...]]  # one part of such a name ("KAA" of "KAA & GNB", "PBB" of "… (PBB)")
    cards: dict[str, tuple[str, ...]]  # fact cards' names and aliases ("KMB", "UN"), to the card's topic
    typing: dict[str, str]  # topic → the name to show in "ketik /kuis …" hints


_CACHE: dict[int, tuple[ContentBank, _Names]] = {}


def _names(bank: ContentBank) -> _Names:
    cached = _CACHE.get(id(bank))
    if cached is None or cached[0] is not bank:
        if len(_CACHE) > 8:  # a bank is reloaded rarely; keep the cache small anyway
            _CACHE.clear()
        cached = _CACHE[id(bank)] = (bank, _build(bank))
    return cached[1]


def _add(labels: dict[str, list[str]], label: str, topic: str) -> None:
    k = key(label)
    if len(k) >= 2 and any(c.isalpha() for c in k) and topic not in labels.setdefault(k, []):
        labels[k].append(topic)


def _parts(label: str) -> list[str]:
    return [part for part in _SEPARATORS.split(label) if part]


def _build(bank: ContentBank) -> _Names:
    full: dict[str, list[str]] = {}
    for tp in bank.topics.values():
        for label in (tp.id, tp.short, tp.name, tp.name_en):
            _add(full, label, tp.id)
    words_of: dict[str, set[str]] = {}  # word → topics with that word in a full name
    for k, topics in full.items():
        for word in k.split():
            words_of.setdefault(word, set()).update(topics)
    parts: dict[str, list[str]] = {}
    for tp in bank.topics.values():
        for label in (tp.short, tp.name, tp.name_en):
            for part in _parts(label):
                k = key(part)
                # "Indonesia" of "Indonesia & PBB" names no topic: other topics' names have it too
                if k not in full and (" " in k or words_of.get(k, set()) <= {tp.id}):
                    _add(parts, part, tp.id)
    cards: dict[str, list[str]] = {}
    for card in bank.cards.values():
        if card.topic in bank.topics:
            for label in (card.name, *card.aliases):
                _add(cards, label, card.topic)
    def frozen(found: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in found.items()}

    names = _Names(frozen(full), frozen(parts), frozen(cards), typing={})
    for tp in bank.topics.values():
        names.typing[tp.id] = _typing_name(names, tp.id, [[tp.short, *_parts(tp.short)], [tp.id, tp.name, *_parts(tp.name)]])
    return names


def _typing_name(names: _Names, topic: str, groups: list[list[str]]) -> str:
    """The first of the topic's names (by group, shortest first within one; no digits, as `/kuis` reads
    a number as the count) that `match_topic` takes back to this topic; the id when none does."""
    for group in groups:
        for label in sorted(dict.fromkeys(key(label) for label in group), key=len):
            if label and not re.search(r"\d", label) and _match(names, label).topic == topic:
                return label
    return topic


def typing_name(bank: ContentBank, topic: str) -> str:
    """What to type after /kuis for this topic ("kaa" for "KAA dan Gerakan Non-Blok")."""
    return _names(bank).typing.get(topic, topic)


def match_topic(bank: ContentBank, text: str) -> TopicMatch:
    """The topic `text` names, or the topics it could name."""
    return _match(_names(bank), key(text))


def _one_or_many(topics: list[str] | tuple[str, ...]) -> TopicMatch:
    unique = tuple(dict.fromkeys(topics))
    return TopicMatch(unique[0]) if len(unique) == 1 else TopicMatch(None, unique)


def _match(names: _Names, wanted: str) -> TopicMatch:
    if not wanted:
        return TopicMatch(None)
    for labels in (names.full, names.parts, names.cards):
        if wanted in labels:
            return _one_or_many(labels[wanted])
        if labels is names.parts:  # "kerjasama" for "kerja sama", "nonblok" for "non blok"
            joined = wanted.replace(" ", "")
            run_together = [tp for label, topics in {**names.full, **names.parts}.items()
                            if label.replace(" ", "") == joined for tp in topics]
            if run_together:
                return _one_or_many(run_together)
    words = set(wanted.split())
    if len(wanted) >= MIN_WORD:  # every typed word in one name: "non blok", "hukum laut", "indonesia"
        for labels in ({**names.full, **names.parts}, names.cards):
            containing = [tp for label, topics in labels.items() if words <= set(label.split()) for tp in topics]
            if containing:
                return _one_or_many(containing)
    choices = {**names.cards, **names.parts, **names.full}
    hits = process.extract(wanted, list(choices), scorer=_score, score_cutoff=FUZZY_CUTOFF, limit=None)
    if not hits:
        return TopicMatch(None)
    best = hits[0][1]
    return _one_or_many([tp for label, score, _ in hits if score >= best - FUZZY_TIE for tp in choices[label]])


def _score(a: str, b: str, **_options: object) -> float:
    """Typos and word order ("non blok gerakan"), but never a part of a longer name alone."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
