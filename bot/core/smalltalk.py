"""Greetings, thanks, "ok", laughter and "siapa kamu": a short friendly reply, never an FAQ answer."""

from __future__ import annotations

import re
import unicodedata

_KINDS: dict[str, frozenset[str]] = {
    "who": frozenset({"siapa kamu", "kamu siapa", "kamu bot", "ini bot", "ini siapa", "who are you",
                      "nama kamu siapa", "siapa nama kamu", "kamu itu apa", "kamu apa", "are you a bot",
                      "lu siapa", "lo siapa", "km siapa", "kmu siapa", "what are you"}),
    "thanks": frozenset({"makasih", "makasi", "makasii", "mksh", "mksih", "terima kasih", "terimakasih",
                         "thanks", "thank you", "thx", "tq", "trims", "tengkyu", "nuhun", "suwun"}),
    "bye": frozenset({"bye", "dadah", "dah", "sampai jumpa", "see you", "selamat tinggal", "bye bye"}),
    "greeting": frozenset({"halo", "hallo", "helo", "hai", "hay", "hi", "hello", "hey", "pagi", "siang", "sore",
                           "malam", "selamat pagi", "selamat siang", "selamat sore", "selamat malam",
                           "assalamualaikum", "asalamualaikum", "assalamu alaikum", "permisi", "p", "test",
                           "tes", "ping", "good morning", "hai bot", "halo bot", "start"}),
    "laugh": frozenset({"wkwk", "haha", "hehe", "hihi", "lol", "xixi", "awokawok", "lmao", "kwkw"}),
    "ack": frozenset({"ok", "oke", "okay", "okey", "okee", "sip", "siap", "baik", "iya", "ya", "y", "yoi",
                      "oh", "oh gitu", "oh begitu", "paham", "ngerti", "mengerti", "mantap", "mantul", "good",
                      "nice", "keren", "cool", "noted", "sudah", "udah", "oke deh", "gitu ya", "hmm"}),
}
_ORDER = ("who", "thanks", "bye", "greeting", "laugh", "ack")
_PARTICLES = frozenset({"kak", "kakak", "min", "mimin", "ya", "yah", "deh", "dong", "sih", "bang", "bro", "sis",
                        "gan", "om", "pak", "bu", "mas", "mbak", "banget", "bgt", "ka", "kk", "bot", "tutor",
                        "nya", "ny", "juga", "jg", "lagi", "aja", "semua", "sekali", "banyak", "byk", "ok", "oke"})
_LAUGH = re.compile(r"^(?:w?k+w+k*[wk]*|(?:ha)+h?|(?:he)+h?|(?:hi)+h?|(?:xi)+|a?wok(?:awok)*)$")
_NON_WORD = re.compile(r"[^a-z ]+")
_ELONGATED = re.compile(r"([a-z])\1{2,}")


def classify(text: str) -> str | None:
    """The small-talk kind of a whole message ("greeting", "thanks", …) or None."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = _NON_WORD.sub(" ", norm)
    words = [_ELONGATED.sub(r"\1", w) for w in norm.split()]
    if not words or len(words) > 7:
        return None
    phrase = " ".join(words)
    for kind in _ORDER:
        if phrase in _KINDS[kind] or _strip(phrase) in _KINDS[kind]:
            return kind
    # combinations such as "ok makasih kak", "halo kak", "wkwkwk"
    found: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i : i + 2])
        hit = next((k for k in _ORDER if two in _KINDS[k]), None)
        if hit:
            found.append(hit)
            i += 2
            continue
        hit = next((k for k in _ORDER if w in _KINDS[k]), None)
        if hit is None and _LAUGH.match(w):
            hit = "laugh"
        if hit:
            found.append(hit)
        elif w not in _PARTICLES:
            return None
        i += 1
    if not found:
        return None
    return min(found, key=_ORDER.index)


def _strip(phrase: str) -> str:
    return " ".join(w for w in phrase.split() if w not in _PARTICLES)
