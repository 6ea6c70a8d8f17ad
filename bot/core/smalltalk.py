"""Greetings, thanks, "ok", laughter and "siapa kamu": a short friendly reply, never an FAQ answer."""

from __future__ import annotations

import re
import unicodedata

_KINDS: dict[str, frozenset[str]] = {
    "who": frozenset({"siapa kamu", "kamu siapa", "kamu bot", "ini bot", "ini siapa", "who are you",
                      "nama kamu siapa", "siapa nama kamu", "kamu itu apa", "kamu apa", "are you a bot",
                      "lu siapa", "lo siapa", "km siapa", "kmu siapa", "what are you", "you are a bot",
                      "are you bot", "kamu robot", "kamu manusia", "kamu ai"}),
    "thanks": frozenset({"makasih", "makasi", "makasii", "mksh", "mksih", "terima kasih", "terimakasih",
                         "thanks", "thank you", "thank u", "thanks u", "thx", "tq", "ty", "trims", "tengkyu",
                         "nuhun", "suwun", "makasih banyak", "terima kasih banyak"}),
    "bye": frozenset({"bye", "dadah", "dah", "sampai jumpa", "see you", "selamat tinggal", "bye bye"}),
    "greeting": frozenset({"halo", "hallo", "helo", "hai", "hay", "hi", "hello", "hey", "pagi", "siang", "sore",
                           "malam", "selamat pagi", "selamat siang", "selamat sore", "selamat malam",
                           "assalamualaikum", "asalamualaikum", "assalamu alaikum", "permisi", "p", "test",
                           "tes", "ping", "good morning", "hai bot", "halo bot", "start"}),
    "laugh": frozenset({"wkwk", "haha", "hehe", "hihi", "lol", "xixi", "awokawok", "lmao", "kwkw"}),
    "ack": frozenset({"ok", "oke", "okay", "okey", "okee", "okk", "okeh", "sip", "siap", "baik", "iya", "ya", "y",
                      "yoi", "oh", "oh gitu", "oh begitu", "paham", "ngerti", "mengerti", "mantap", "mantul",
                      "good", "nice", "keren", "cool", "noted", "sudah", "udah", "oke deh", "gitu ya", "hmm",
                      "wah", "wow", "oalah", "owh", "oh ok", "oh oke", "ohh"}),
    "praise": frozenset({"kamu pinter", "kamu pintar", "pinter", "pintar", "hebat", "kamu hebat", "keren banget",
                         "good bot", "smart", "you are smart", "bot pintar", "mantap jiwa", "the best"}),
    "confused": frozenset({"gak ngerti", "ga ngerti", "gk ngerti", "nggak ngerti", "ngga ngerti", "tidak mengerti",
                           "belum paham", "gak paham", "ga paham", "gk paham", "bingung", "aku bingung",
                           "masih bingung", "ngga tau", "gak tau", "ga tau", "gatau", "gak tahu", "nggak tahu",
                           "i dont understand", "i don t understand", "what", "hah", "maksudnya",
                           "maksudnya gimana", "gimana maksudnya", "bisa ulangi", "ulangi", "jelasin lagi"}),
    "more": frozenset({"terus", "trus", "lanjut", "lanjutkan", "next", "terus gimana", "lalu", "selanjutnya",
                       "lagi", "lagi dong", "tambah lagi", "apa lagi", "continue", "more"}),
}
_ORDER = ("who", "thanks", "bye", "greeting", "praise", "confused", "more", "laugh", "ack")
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


# Small talk that may open or close a real question ("halo kak, apa itu PBB? makasih"). Words that
# can start a real question ("baik buruknya…", "sudah berapa lama…") are deliberately not here.
_WRAPPERS = frozenset().union(
    _KINDS["greeting"] - {"p", "test", "tes", "start", "pagi", "siang", "sore", "malam"},
    _KINDS["thanks"], _KINDS["laugh"], _KINDS["bye"] - {"dah"},
    {"ok", "oke", "okay", "okey", "okee", "okk", "sip", "siap", "iya", "ya", "y", "oh", "ohh", "owh", "hmm",
     "wah", "wow", "oalah", "noted", "oke deh", "oh gitu", "oh begitu", "gitu ya", "mantap", "mantul",
     "selamat pagi", "selamat siang", "selamat sore", "selamat malam", "mau tanya", "mau nanya", "numpang tanya",
     "izin bertanya", "ijin bertanya", "izin tanya", "ijin tanya"},
)


def _word_key(word: str) -> str:
    norm = _NON_WORD.sub("", unicodedata.normalize("NFKC", word).casefold())
    return _ELONGATED.sub(r"\1", norm)


def _wrapper_span(keys: list[str], i: int, step: int) -> int:
    """How many words a greeting/thanks/laugh phrase takes at position i (reading in `step`), or 0."""
    pair = keys[i : i + 2] if step > 0 else keys[max(i - 1, 0) : i + 1]
    if len(pair) == 2 and " ".join(pair) in _WRAPPERS:
        return 2
    word = keys[i]
    return 1 if word in _WRAPPERS or _LAUGH.match(word) else 0


def strip_pleasantries(text: str) -> str:
    """The question inside "halo kak, mau tanya apa itu PBB? makasih": greetings, thanks, laughter
    and "ok" (with particles such as "kak") removed from both ends, so they neither dilute the match
    nor count as unknown words. Returns the text unchanged when nothing, or everything, would go."""
    words = text.split()
    keys = [_word_key(w) for w in words]
    start, i = 0, 0
    while i < len(words):
        span = _wrapper_span(keys, i, 1)
        if span:
            i += span
            start = i
        elif keys[i] in _PARTICLES or not keys[i]:
            i += 1
            if start == i - 1 and start > 0:  # "halo kak, …": the particle goes with the greeting
                start = i
        else:
            break
    end, j = len(words), len(words) - 1
    while j >= start:
        span = _wrapper_span(keys, j, -1)
        if span:
            j -= span
            end = j + 1
        elif keys[j] in _PARTICLES or not keys[j]:
            j -= 1
        else:
            break
    if (start, end) == (0, len(words)) or start >= end:
        return text
    return " ".join(words[start:end])
