"""Turns how students type into comparable tokens.

Steps, in order: Unicode/case folding, reduplication ("negara2", "negara-negara"), punctuation,
letter elongation ("kenapaaa"), slang and abbreviations from `content/lexicon.yaml`
(multi-word too: "kerjasama" → "kerja sama"), number words, then Indonesian stemming
(PySastrawi, so "didirikan", "berdiri" and "pendiri" meet at "diri"). Protected acronyms
(PBB, OKI, G20 …) are never rewritten or stemmed. There is deliberately no general stopword
list: the usual Indonesian lists delete domain words such as "kerja", "sama", "luar", "antara".
Words that carry no meaning for matching are down-weighted by the matcher instead (FILLER).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

from bot.core.content import Lexicon
from bot.core.lru import BoundedCache

STEM_CACHE_SIZE = 50_000  # distinct words kept stemmed; the content's vocabulary is far smaller

_REDUP_DIGIT = re.compile(r"\b([a-z]{3,})2\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_WORD = re.compile(r"[A-Za-z]+")
_ACRONYM = re.compile(r"[A-Za-z][A-Za-z0-9]*")  # "P5", "G20"
_ENGLISH_MARKERS = frozenset(
    {"is", "was", "are", "were", "the", "did", "does", "of", "founded", "what", "which", "when", "who", "how", "why"}
)

# Particles, courtesy and homework words: kept as tokens but worth nothing when scoring.
FILLER = frozenset(
    """
    apa itu yang adalah dan di ke dari ini sih dong kak kakak ya yah nih deh kah lah pun tolong jelas
    sebut maksud dengan untuk pada oleh tentang the is what of a an are in to how do does did was
    were saya kamu bisa tahu mau banget gan bro min bang mbak om bantu jawab tanya soal pertanyaan
    please tell me about can you you i explain mean meaning gitu begitu tuh nya aja saja juga ada
    jadi dalam sebagai atau serta hal para sang si kok kan lho loh wkwk haha hehe plis pls mohon
    namanya nama disebut sebutan dinamakan dinama istilah arti pengertian definisi dilakukan melakukan
    dilaksanakan merupakan terus trus nah lalu kalau have has had be been being it its this that these those
    there their they we our your which on at for by with from into than also any following called known
    biar supaya sebuah suatu
    tadi dah udah udh sudah gini liat lihat ngerti mengerti paham bingung huhu hiks besok ulangan ujian
    pr ku kata katanya denger dengar aku gue gw guru bu pak emang memang sebenernya sebenarnya pokoknya btw
    soalnya cari bantuin jawabin kasih ngasih sering tapi tetapi namun lupa buku ips ipas ppkn pkn kita
    tuliskan tulis uraikan paparkan terhadap coba materi bab or and actually really exactly basically
    trivia quiz question behind
    """.split()
)


def fold_accents(text: str) -> str:
    """"Hammarskjöld" is "hammarskjold", "António" "antonio": names keep their letters without the marks."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer:
    """Sastrawi's plain stemmer. Not `StemmerFactory().create_stemmer()`: that wraps it in a
    CachedStemmer whose dict keeps every word ever stemmed, so spam would grow it forever; our
    bounded LRU (`Normalizer._stem_cache`) is the only cache."""
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


def is_root_word(token: str) -> bool:
    """An Indonesian root word of the stemmer's dictionary ("tubuh"): a word, never a typo of another."""
    return bool(_stemmer().dictionary.contains(token))


# Spoken Jakarta verbs put a nasal before the root: "ngerugiin" is "merugikan", "nyerang" "menyerang",
# "nentuin" "menentukan", "mutusin" "memutuskan". Each prefix with the root's first letters it stands for,
# in the order they are tried ("ngurus" is "urus" before "kurus").
_NASAL = (("nge", ("",)), ("ny", ("s", "c")), ("ng", ("", "k")), ("n", ("t",)), ("m", ("p",)))


def _colloquial(token: str) -> str:
    """The root of a spoken Jakarta form the stemmer does not know: "-in" for "-kan" ("dijelasin" is
    "dijelaskan", stem "jelas") and a nasal prefix ("nyerang" is "menyerang", stem "serang"). Only for
    words the stemmer and its dictionary do not know ("ingin", "miskin", "nanti" are words), and only to
    a dictionary root with at least four letters after the prefix ("mali" is not "pali")."""
    stemmer = _stemmer()
    if stemmer.dictionary.contains(token):
        return token
    forms: tuple[tuple[str, bool], ...] = ((token, False),)
    fallback = token
    if len(token) >= 6 and token.endswith("in"):
        # "-ein" is "-aikan" ("nyampein": menyampaikan), else "-in" is "-kan"
        suffixed = token[:-3] + "aikan" if token.endswith("ein") else token[:-2] + "kan"
        root = str(stemmer.stem(suffixed))
        if len(root) >= 3 and stemmer.dictionary.contains(root):
            if not root.startswith(("ny", "ng")):
                return root
            fallback = root  # "nyanyi" is a word, but a root that starts like the spoken prefix may wear it
        forms = ((token, False), (suffixed, True))
    for form, affixed in forms:
        prefix, initials = next(((p, i) for p, i in _NASAL if form.startswith(p)), ("", ()))
        if len(form) - len(prefix) < 4:
            continue
        for initial in initials:
            word = initial + form[len(prefix):]
            root = str(stemmer.stem(word)) if affixed else word
            # the root keeps the restored initial: "setuskan" stemmed to "tus" lost it (it is "cetus")
            if len(root) >= 3 and stemmer.dictionary.contains(root) and root.startswith(word[:1]):
                return root
    return fallback


# A capital "I" right after a capitalised name, or after a name students write in lower case that is
# numbered ("kontingen garuda I", "agresi militer I"), is the Roman numeral one.
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_DOTTED = re.compile(r"(?<![\w.])(?:[^\W\d_]\. ?){2,}(?:[^\W\d_]\b)?")  # an acronym spelt with dots: "U. N. O."
_ROMAN = re.compile(r"[ivx]{2,5}")
_ORDINAL_WORDS = re.compile(r"\bke-?\s?\d{1,2}\b|\b[IVX]{2,5}\b|\b(?:pertama|kedua|ketiga|first|second|third)\b",
                            re.IGNORECASE)
# "Pasal 29", "pasal 28A", "Article 31", "Pasal 22, 29 dan 31", "pasal 13 ayat 1-3" (the ayat is no article)
_ARTICLES = re.compile(r"\b(?:pasal|psl|article|artikel)\.?\s*(\d{1,3}[a-z]?\b(?:\s*(?:,|dan|and|&|serta)\s*\d{1,3}[a-z]?\b)*)",
                       re.IGNORECASE)
# "garuda 1", "agresi militer 2", "perang dunia 2": an Arabic number right after a numbered event's name is its
# ordinal too, but not a count ("KTT 2 hari", "GNB 120 negara")
_NAMED_NUMBER = re.compile(r"\b((?i:garuda|militer|dunia|ktt|gnb|kabinet|jilid|tahap|unef))\s+(\d{1,2})\b"
                           r"(?!\s*(?:negara|anggota|tahun|orang|hari|bulan|kali|%))", re.IGNORECASE)
_ROMAN_ONE = re.compile(r"\b([A-Z][\w-]+|(?i:garuda|militer|dunia|ktt|gnb|asean|kaa|unef|tahap|jilid|kabinet)) I\b(?!')")


class Normalizer:
    """Normalizes text with one lexicon; cheap to call, caches stems."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.protected = lexicon.protected
        self.numbers = dict(lexicon.numbers)
        self.single: dict[str, list[str]] = {}
        self.multi: dict[tuple[str, ...], list[str]] = {}
        for key, value in lexicon.slang.items():
            key_tokens = tuple(self._surface_tokens(key))
            out = value.split()
            if len(key_tokens) == 1:
                self.single[key_tokens[0]] = out
            elif key_tokens:
                self.multi[key_tokens] = out
        self.max_multi = max((len(k) for k in self.multi), default=1)
        self.lowercase = dict(lexicon.lowercase)
        self.capitals = dict(lexicon.capitals)
        self.english = dict(lexicon.english)
        # country names as students write them ("mesir", "mali") are never read as spoken verbs
        self.names = frozenset(word for spelling in lexicon.countries for word in spelling.casefold().split())
        self._stem_cache: BoundedCache[str, str] = BoundedCache(STEM_CACHE_SIZE)
        self.filler = frozenset(t for word in FILLER for t in self.tokens(word))
        # Indonesian function words ("tapi", "tadi", "lagian"): Sastrawi's stop-word list, normalized. The
        # matcher drops one only when the bank does not know it, where it would otherwise weigh as heavily
        # as an unknown subject ("… tadi liat di berita" is not a question about something else).
        self.common_words = frozenset(t for word in StopWordRemoverFactory().get_stop_words() for t in self.tokens(word))

    def _case_words(self, text: str) -> str:
        """Rewrites that depend on case or language: "asem" is an exclamation unless typed "ASEM"; in
        English sentences "UN" → PBB, and "who" → siapa unless typed in capitals ("WHO")."""
        if self.capitals:
            text = _ACRONYM.sub(lambda m: m.group(0) if m.group(0).isupper()
                             else self.capitals.get(m.group(0).lower(), m.group(0)), text)
        if not (self.lowercase or self.english):
            return text
        words = {w.lower() for w in _WORD.findall(text)}
        if not words & _ENGLISH_MARKERS:
            return text

        found = list(_WORD.finditer(text))
        lowered = [m.group(0).lower() for m in found]
        in_phrase: set[int] = set()  # "air crash", "exclusive economic zone": the lexicon's phrase, not its words
        for i in range(len(lowered)):
            if size := self._phrase_at(lowered, i):
                in_phrase.update(m.start() for m in found[i:i + size])

        def swap(m: re.Match[str]) -> str:
            word = m.group(0)
            lower = word.lower()
            if m.start() in in_phrase:
                return word
            if lower in self.english:
                return self.english[lower]
            return word if word.isupper() else self.lowercase.get(lower, word)

        return _WORD.sub(swap, text)

    @staticmethod
    def _surface_tokens(text: str) -> list[str]:
        text = fold_accents(unicodedata.normalize("NFKC", text).casefold())
        text = text.replace("’", "'").replace("-", " ")
        text = _REDUP_DIGIT.sub(r"\1", text)
        text = _ORDINAL.sub(r"\1", text)  # "September 1st, 1961": the day is 1
        tokens = _NON_WORD.sub(" ", text).split()
        out: list[str] = []
        for tok in tokens:
            if not tok.isdigit() and not _ROMAN.fullmatch(tok):  # "III" is three, not an elongated "I"
                tok = _ELONGATED.sub(r"\1", tok)
            if out and out[-1] == tok:
                continue  # reduplication: "negara negara" → "negara"
            out.append(tok)
        return out

    def _phrase_at(self, words: list[str], i: int) -> int:
        """The length of the longest lexicon phrase ("air crash") starting at word i, or 0."""
        for size in range(min(self.max_multi, len(words) - i), 1, -1):
            if tuple(words[i : i + size]) in self.multi:
                return size
        return 0

    def surface(self, text: str) -> list[str]:
        """A text's words as typed (casefolded), before the lexicon rewrites any: to tell a translated phrase."""
        return self._surface_tokens(text)

    def stem(self, token: str) -> str:
        cached = self._stem_cache.get(token)
        if cached is None:
            if token in self.protected or any(c.isdigit() for c in token) or len(token) <= 3:
                cached = token
            else:
                cached = _stemmer().stem(token) or token
                if cached == token and token not in self.names:
                    cached = _colloquial(token)
                if cached == "aku":
                    cached = "akui"  # "mengakui", "pengakuan", "ngakuin" recognize; only "aku" itself is "I"
            self._stem_cache.put(token, cached)
        return cached

    def tokens(self, text: str) -> list[str]:
        """Normalized, stemmed tokens of a question."""
        text = _ROMAN_ONE.sub(r"\1 1", text)  # "Garuda I", "Agresi Militer I": the first, not the pronoun
        # "O.P.E.C." is OPEC, and "U.N." the UN before English words are read ("UN" is PBB in English)
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", "").replace(" ", "") + " ", text)
        surface = self._surface_tokens(self._case_words(text))
        expanded: list[str] = []
        i = 0
        while i < len(surface):
            if size := self._phrase_at(surface, i):
                expanded.extend(self.multi[tuple(surface[i : i + size])])
                i += size
                continue
            tok = surface[i]
            i += 1
            if tok in self.protected:
                expanded.append(tok)
            elif tok in self.single:
                expanded.extend(self.single[tok])
            elif tok in self.numbers:
                expanded.append(self.numbers[tok])
            else:
                expanded.append(tok)
        out: list[str] = []
        for tok in expanded:
            stemmed = self.stem(tok)
            if out and out[-1] == stemmed:
                continue
            out.append(stemmed)
        return out

    def ordinals(self, text: str) -> frozenset[str]:
        """The numbers a text uses as ordinals ("Agresi Militer II", "KTT ke-10", "Garuda I", "pertama"),
        not counts ("Sebutkan 3 …"): they tell numbered events of one name apart."""
        found = _ORDINAL_WORDS.findall(_NAMED_NUMBER.sub(r"\1 ke-\2", _ROMAN_ONE.sub(r"\1 ke-1", text)))
        return frozenset(t for match in found for t in self.tokens(match) if t.isdigit() and len(t) <= 2)

    @staticmethod
    def articles(text: str) -> frozenset[str]:
        """The article numbers a text names ("Pasal 29 UUD 1945" → {"29"}, "Pasal 22, 29 dan 31"): an
        entry on Pasal 11 does not answer a question on Pasal 29, however alike the rest of the words."""
        return frozenset(number.casefold() for match in _ARTICLES.findall(text)
                         for number in re.findall(r"\d{1,3}[a-z]?", match, re.IGNORECASE))

    def text(self, text: str) -> str:
        return " ".join(self.tokens(text))
