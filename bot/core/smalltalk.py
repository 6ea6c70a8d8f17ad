"""Greetings, thanks, "ok", laughter and "siapa kamu": a short friendly reply, never an FAQ answer."""

from __future__ import annotations

import re
import unicodedata

_KINDS: dict[str, frozenset[str]] = {
    "who": frozenset({"siapa kamu", "kamu siapa", "kamu bot", "ini bot", "ini siapa", "who are you",
                      "nama kamu siapa", "siapa nama kamu", "kamu itu apa", "kamu apa", "are you a bot",
                      "lu siapa", "lo siapa", "km siapa", "kmu siapa", "what are you", "you are a bot",
                      "are you bot", "kamu robot", "kamu manusia", "kamu ai", "what s your name",
                      "what is your name", "your name", "who made you", "are you human", "are you a robot",
                      "namamu siapa", "nama mu siapa", "siapa namamu", "siapa yang bikin kamu",
                      "siapa yg bikin kamu", "siapa yang buat kamu", "siapa yg buat kamu", "kamu bot ya",
                      "kamu asli", "kamu beneran bot"}),
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
                         "good bot", "smart", "you are smart", "bot pintar", "mantap jiwa", "the best", "bagus",
                         "membantu", "ngebantu", "helpful", "bermanfaat", "berguna", "jenius", "genius", "cerdas",
                         "pinter banget", "pintar banget", "bot pinter", "bot keren", "kamu keren", "lucu",
                         "kamu lucu", "lucu banget", "seru", "asik", "asyik", "asik banget", "seru banget", "funny",
                         "you are funny", "gemes", "gemesin", "baik banget", "kamu baik", "sabar banget"}),
    "confused": frozenset({"gak ngerti", "ga ngerti", "gk ngerti", "nggak ngerti", "ngga ngerti", "tidak mengerti",
                           "belum paham", "gak paham", "ga paham", "gk paham", "bingung", "aku bingung",
                           "masih bingung", "ngga tau", "gak tau", "ga tau", "gatau", "gak tahu", "nggak tahu",
                           "i dont understand", "i don t understand", "what", "hah", "maksudnya",
                           "maksudnya gimana", "gimana maksudnya", "bisa ulangi", "ulangi", "jelasin lagi"}),
    "more": frozenset({"terus", "trus", "lanjut", "lanjutkan", "next", "terus gimana", "lalu", "selanjutnya",
                       "lagi", "lagi dong", "tambah lagi", "apa lagi", "continue", "more"}),
}
# Religious greetings get their own answer ("Wa'alaikumsalam" to a salam); feelings, frustration and
# rudeness get empathy, encouragement or a calm answer instead of "belum tahu".
_KINDS.update({
    "salam": frozenset({"assalamualaikum", "asalamualaikum", "assalamu alaikum", "asalamu alaikum",
                        "assalamualaikom", "salamualaikum", "samlekom", "samlikum", "askum", "assalamu alaikum wr",
                        "assalamualaikum wr", "assalamualaikum wr wb", "assalamualaikum warahmatullahi",
                        "assalamualaikum warahmatullahi wabarakatuh", "ass wr wb", "assalamualaikum wb"}),
    "shalom": frozenset({"shalom", "syalom", "salom", "shalom aleichem"}),
    "sejahtera": frozenset({"salam sejahtera", "salam damai sejahtera"}),
    "swastiastu": frozenset({"swastiastu", "om swastiastu", "om swasti astu", "swasti astu"}),
    "buddhaya": frozenset({"namo buddhaya", "namo budhaya", "namo buddaya", "namo budaya"}),
    "kebajikan": frozenset({"salam kebajikan", "wei de dong tian"}),
    "insult": frozenset({"bodoh", "bodo", "goblok", "goblog", "gblk", "tolol", "bego", "begok", "dungu", "idiot",
                         "stupid", "dumb", "payah", "lemot", "sampah", "useless", "oon", "cupu", "gak guna", "ga guna",
                         "gk guna", "nggak guna", "tidak berguna", "gak berguna", "ga berguna", "gak becus",
                         "ga becus", "gak pinter", "ga pinter", "gak pintar", "ga pintar", "bot bodoh",
                         "bot goblok", "bot payah", "bot gak guna"}),
    "sad": frozenset({"sedih", "galau", "kecewa", "nangis", "menangis", "hiks", "huhu", "kesepian", "sendirian",
                      "sad", "takut", "cemas", "khawatir", "stres", "stress", "depresi", "patah hati", "putus asa",
                      "down", "hopeless", "pengen nangis", "mau nangis"}),
    "tired": frozenset({"capek", "cape", "capai banget", "lelah", "letih", "ngantuk", "penat", "tired", "sleepy",
                        "exhausted", "lemes", "males", "malas", "bosen", "bosan", "jenuh", "bored", "boring"}),
    "frustrated": frozenset({"susah", "sulit", "pusing", "puyeng", "mumet", "ribet", "rumit", "kesel", "kesal",
                             "sebel", "sebal", "frustasi", "frustrasi", "frustrated", "hard", "difficult", "nyerah",
                             "menyerah", "stuck", "argh", "arghh", "duh susah", "gak bisa bisa", "ga bisa bisa",
                             "ga ngerti ngerti", "gak ngerti ngerti"}),
    "expletive": frozenset({"anjir", "anjay", "njir", "anjrit", "anjim", "anjg", "anjing", "bangsat", "bgst",
                            "sialan", "sial", "kampret", "asu", "jancok", "jancuk", "cok", "damn", "shit", "wtf",
                            "fck", "fuck", "tai", "taik", "astaga", "astagfirullah", "astaghfirullah",
                            "ya ampun", "yaampun", "aduh", "duh", "waduh", "haduh"}),
})
_ORDER = ("salam", "shalom", "sejahtera", "swastiastu", "buddhaya", "kebajikan", "insult", "sad", "tired",
          "frustrated", "who", "thanks", "bye", "greeting", "praise", "confused", "more", "laugh", "ack", "expletive")
# Words that may surround a feeling, a thanks or a complaint without making it a question:
# "kak aku capek bgt", "makasih kak jawabannya membantu bgt", "materinya susah banget".
_TONE_WORDS = frozenset({
    "aku", "saya", "gue", "gua", "gw", "aq", "ku", "i", "im", "am", "feel", "kamu", "km", "kmu", "lu", "lo", "loe",
    "elu", "u", "you", "anda", "kau", "nih", "ni", "bener", "beneran", "sangat", "amat", "jadi", "jd", "udah",
    "sudah", "udh", "ini", "itu", "soalnya", "pelajarannya", "materinya", "materi", "belajar", "belajarnya", "pelajaran",
    "tugas", "tugasnya", "pr", "ujian", "ulangan", "kuisnya", "kuis", "soal", "sama", "kok", "ah", "ih", "mana",
    "terlalu", "rasanya", "kayaknya", "kyknya", "pengen", "mau", "jawabannya", "jawabanmu", "jawaban",
    "penjelasannya", "penjelasanmu", "infonya", "ilmunya", "membantu", "ngebantu", "bantu", "bantuannya", "atas",
    "bermanfaat", "berguna", "jelas", "bagus", "helpful", "so", "very", "much", "really", "this", "is", "it",
    "the", "your", "for", "dasar", "sekarang", "hari", "gak", "ga", "gk", "nggak", "ngga", "tidak", "wr", "wb",
    "warahmatullahi", "warahmatullah", "wabarakatuh", "wabarakaatuh", "everyone", "semuanya", "hehe",
})
_ADDRESSED = frozenset({"kamu", "km", "kmu", "lu", "lo", "loe", "elu", "u", "you", "anda", "kau", "bot"})
_SELF = frozenset({"aku", "saya", "gue", "gua", "gw", "aq", "ku", "i", "im"})
_PARTICLES = frozenset({"kak", "kakak", "min", "mimin", "ya", "yah", "deh", "dong", "sih", "bang", "bro", "sis",
                        "gan", "om", "pak", "bu", "mas", "mbak", "banget", "bgt", "ka", "kk", "bot", "tutor",
                        "nya", "ny", "juga", "jg", "lagi", "aja", "semua", "sekali", "banyak", "byk", "ok", "oke",
                        "sebenarnya", "sebenernya", "sbnrnya", "emang", "emangnya", "tuh"})  # "kamu siapa sih sebenernya"
_LAUGH = re.compile(r"^(?:w?k+w+k*[wk]*|(?:ha)+h?|(?:he)+h?|(?:hi)+h?|(?:xi)+|a?wok(?:awok)*)$")
_NON_WORD = re.compile(r"[^a-z ]+")
_ELONGATED = re.compile(r"([a-z])\1{2,}")


# Questions about the bot's own life, not the subject: "kamu tinggal dimana", "kakak lagi ngapain".
_ABOUT_ME = re.compile(
    r"^(?:(?:kak|kakak|min|bot|kamu|km|kmu|lu|lo|kau|anda)\s+)*"
    r"(?:(?:kamu|km|kmu|lu|lo|kau|anda|kakak|kak|bot)\s+(?:tinggal|rumahnya|rumah|asalnya|asal|lahir|umur|umurnya|"
    r"usia|usianya|udah makan|sudah makan|lagi apa|lagi ngapain|ngapain|sibuk|tidur|di mana|dimana)"
    r"|lagi ngapain|lagi apa|ngapain aja|where do you live|how old are you|what are you doing)\b")


def classify(text: str) -> str | None:
    """The small-talk kind of a whole message ("greeting", "thanks", …) or None."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = _NON_WORD.sub(" ", norm)
    words = [_ELONGATED.sub(r"\1", w) for w in norm.split()]
    if not words or len(words) > 7:
        return None
    phrase = " ".join(words)
    if _ABOUT_ME.match(phrase):
        return "about_me"
    for kind in _ORDER:
        if phrase in _KINDS[kind] or _strip(phrase) in _KINDS[kind]:
            return _tone(kind, words)
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
        elif w not in _PARTICLES and w not in _TONE_WORDS:
            return None
        i += 1
    if not found:
        return None
    return _tone(min(found, key=_ORDER.index), words)


def _tone(kind: str, words: list[str]) -> str:
    """Who a rude word is aimed at decides the reply: "aku bodoh" is a low moment, "bot bangsat" rudeness,
    "anjir" alone an exclamation of frustration."""
    addressed = bool(_ADDRESSED & set(words))
    if kind == "insult" and _SELF & set(words) and not addressed:
        return "sad"
    if kind == "expletive":
        return "insult" if addressed else "frustrated"
    return kind


def _strip(phrase: str) -> str:
    return " ".join(w for w in phrase.split() if w not in _PARTICLES)


# Small talk that may open or close a real question ("halo kak, apa itu PBB? makasih"). Words that
# can start a real question ("baik buruknya…", "sudah berapa lama…") are deliberately not here.
_WRAPPERS = frozenset().union(
    _KINDS["greeting"] - {"p", "test", "tes", "start", "pagi", "siang", "sore", "malam"},
    _KINDS["thanks"], _KINDS["laugh"], _KINDS["bye"] - {"dah"},
    *(_KINDS[k] for k in ("salam", "shalom", "sejahtera", "swastiastu", "buddhaya", "kebajikan")),
    {"wr", "wb", "wr wb", "warahmatullahi", "wabarakatuh"},
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


RELIGIOUS_GREETINGS = ("salam", "shalom", "sejahtera", "swastiastu", "buddhaya", "kebajikan")


def opening_greeting(text: str) -> str | None:
    """The religious greeting a question opens with ("assalamualaikum kak, apa itu ASEAN?" → "salam"),
    so the reply can return it before the answer; None when it opens otherwise."""
    keys = [k for k in (_word_key(w) for w in text.split()[:6]) if k]
    i = 0
    while i < len(keys):
        for size in (2, 1):
            phrase = " ".join(keys[i : i + size])
            kind = next((k for k in RELIGIOUS_GREETINGS if phrase in _KINDS[k]), None)
            if kind is not None and len(keys[i : i + size]) == size:
                return kind
        if keys[i] not in _PARTICLES:
            return None
        i += 1
    return None

