"""What a question asks: its intent, from question words, homework stems and slang.

One vocabulary for the whole project (COMMON.md): `INTENTS`. The reading is rule-based and
works on the surface words (before stemming, which would merge "pendiri" into "diri"):

1. abbreviation and difference words win anywhere ("kepanjangan", "perbedaan");
2. then the strong question words, the first one in the sentence: when ("kapan", "tahun berapa"),
   where ("di mana", "kota apa"), who ("siapa"), count ("berapa", "jumlah"), why ("mengapa",
   "latar belakang"), and the endings of unfinished stems ("… didirikan di", "… pada tanggal");
3. then the aspect nouns, the first one: function, purpose, benefit, impact, how (roles,
   processes), list (examples), definition;
4. then the weak stems: "bagaimana" (how), "sebutkan" (list), "jelaskan"/"apa" (definition).

`strip_homework()` removes the wrappers around the question ("kak aku ada tugas dari bu guru …",
"… Jelaskan!") and `requested_count()` reads the N of "Sebutkan 3 …".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

INTENTS = ("definition", "list", "when", "where", "who", "why", "how", "purpose", "function", "benefit",
           "impact", "count", "difference", "abbreviation", "other")
# Intents whose answer is a specific fact: an entry that does not declare one never answers it.
STRICT = frozenset({"when", "where", "who", "count", "abbreviation", "difference", "why", "purpose", "function",
                    "benefit", "impact"})

NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                 "sembilan": 9, "sepuluh": 10, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


# Intents close enough that an entry declaring one answers a question asking the other, a little less well:
# a benefit is a good impact ("dampak G20 bagi Indonesia" / "manfaat presidensi G20"), a purpose is a
# reason for founding ("mengapa ASEAN dibentuk" / "tujuan ASEAN"), a role is a function, and an entry
# defining two terms side by side tells them apart ("perbedaan arti bebas dan aktif").
KINDRED: dict[str, frozenset[str]] = {
    "benefit": frozenset({"impact"}), "impact": frozenset({"benefit"}),
    "why": frozenset({"purpose"}), "purpose": frozenset({"why"}),
    "function": frozenset({"how"}), "how": frozenset({"function"}),
    "difference": frozenset({"definition"}),
}


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


_TIME_NOUN = r"(?:tahun|thn|taun|th|tanggal|tgl|bulan|bln|abad|hari|jam|periode|masa)"
_LEVEL0 = (
    ("abbreviation", _rx(r"singkatan\w*", r"kepanjangan\w*", r"kependekan\w*", r"kpnjangan", r"kpanjangan", r"kepanjang\w*",
                         r"stands? for", r"full name", r"nama lengkap(?:nya)?", r"nama panjang(?:nya)?",
                         r"akronim", r"abbreviation", r"short for")),
    ("difference", _rx(r"beda\w*", r"perbedaan\w*", r"membedakan", r"difference", r"differ\w*", r"vs",
                       r"versus", r"dibandingkan", r"bedain")),
)
_LEVEL1 = (
    ("who", _rx(r"negara (?:mana|apa) (?:saja|aja|sajakah)", r"siapa\w*", r"sapa", r"siapakah", r"who", r"whom",
                r"tokoh\w*", r"pendiri\w*", r"pemrakarsa\w*", r"penggagas\w*", r"pencetus\w*", r"pelopor\w*",
                r"(?:di)?pimpin oleh", r"pemimpin\w*", r"ketua\w*", r"sekjen\w*", r"sekretaris jenderal\w*",
                r"menteri luar negeri", r"menlu", r"founders?", r"leader", r"secretary.general", r"peserta\w*")),
    ("when", _rx(r"kapan\w*", r"kpn", r"kapn", r"when", r"what year", r"which year", _TIME_NOUN + r" (?:berapa|brp|brapa|apa|ke ?berapa)",
                 r"sejak kapan", r"pada (?:tahun|tanggal|tgl|thn)", r"since when", r"in what year", r"what date")),
    ("where", _rx(r"di ?mana\w*", r"dmn", r"dmna", r"dimn", r"where", r"ke ?mana", r"(?<!lembaga )(?<!badan )(?:kota|negara|tempat|benua|wilayah|lokasi) (?:apa|mana|mn)",
                  r"di (?:kota|negara|tempat|benua) (?:apa|mana|mn)", r"berkedudukan", r"bermarkas", r"markas\w*",
                  r"kantor pusat\w*", r"headquarter\w*", r"lokasi\w*", r"terletak",
                  r"berkantor", r"kantor(?:nya)? (?:ada )?di",
                  r"(?:bertempat|bertempatkan) di", r"in which city", r"which city", r"what city")),
    ("count", _rx(r"berapa(?! lama)", r"brp", r"brapa", r"brpa", r"how many", r"how much", r"ada berapa",
                  r"how (?:wide|far|long|big|large)")),
    ("list", _rx(r"dibedakan (?:menjadi|jadi|atas)", r"dibagi (?:menjadi|jadi|jd|atas)", r"terdiri (?:atas|dari)",
                 r"digolongkan", r"dikelompokkan", r"diklasifikasikan")),
    ("why", _rx(r"mengapa", r"kenapa", r"knp", r"knapa", r"napa", r"why", r"alasan\w*", r"latar ?belakang\w*",
                r"melatar ?belakangi", r"dilatarbelakangi", r"faktor\w*", r"penyebab\w*", r"sebab\w*",
                r"pendorong\w*", r"mendorong",
                r"(?<!pr )(?<!pelajaran )(?<!mapel )(?<!guru )(?<!buku )(?<!tugas )(?<!ulangan )sejarah\w*", r"history", r"background", r"reason\w*",
                r"pemicu\w*", r"dipicu", r"karena apa", r"krn apa", r"gara.?gara apa\w*", r"gara2 apa", r"gegara apa")),
)
# Endings of unfinished homework stems: "… didirikan di …", "… pada tanggal …", "… dipimpin oleh …".
_STEM_ENDINGS = (
    ("count", re.compile(r"(?:yang ke|alinea ke|urutan ke|ke)\s*(?:-|\.{2,}|…|_+)\s*$|(?:yang|alinea|urutan) ke\s*$")),
    ("when", re.compile(r"(?<![a-z])(?:pada|tahun|tanggal|tgl|sejak|pd)\s*(?:\.{2,}|…|_+)?\s*$")),
    ("where", re.compile(r"(?<![a-z])(?:di|ke|dikota|di kota|di negara|ke negara|ke kota|di wilayah|ke wilayah|"
                         r"di benua|ke benua)\s*(?:\.{2,}|…|_+)?\s*$")),
    ("who", re.compile(r"(?<![a-z])(?:oleh|tokoh|adalah tokoh)\s*(?:\.{2,}|…|_+)?\s*$")),  # not "boleh"
    ("count", re.compile(r"(?:sebanyak|berjumlah|sejumlah)\s*(?:\.{2,}|…|_+)?\s*$")),
)
# "Presiden/Perdana Menteri … yang … adalah …": a stem that describes a person asks who it was
_PERSON_STEM = re.compile(r"^(?:wakil presiden|presiden|perdana menteri|menteri|raja|ratu|sultan|panglima|jenderal)\b"
                          r"(?:(?!,).)*\byang\b.*\b(?:adalah|ialah|yaitu|yakni|bernama)\s*\??\s*$")
# "… tujuan yang sama disebut …": a description ending in a naming word asks for the term.
_DEFINITION_ENDING = re.compile(r"(?:disebut|dinamakan|dikenal dengan|dikenal sebagai|disebut dengan|dinamakan dengan|"
                                r"namanya|namanya apa|istilahnya|sebutannya|disebut organisasi|disebut kerja sama)"
                                r"\s*(?:\.{2,}|…|_+|\?)?\s*$")
# "berdasarkan jumlah negara", "based on the number of countries": a way of sorting, not a count
_JUMLAH = r"(?<!berdasarkan )(?<!menurut )(?<!dari segi )jumlah\w*"
_LEVEL2 = (
    ("count", _rx(_JUMLAH, r"banyaknya",
                  r"(?<!based on the )(?<!according to the )(?<!by the )number of")),
    ("function", _rx(r"fungsi\w*", r"bergerak di bidang", r"menangani (?:masalah|bidang|urusan)", r"mengurusi",
                     r"(?:ng|meng)?urus(?:in|i)? apa\w*", r"tugas(?!\s+(?:dari|sekolah|kelompok|rumah))\w*", r"wewenang\w*", r"kewenangan\w*",
                     r"function\w*", r"duty", r"duties", r"task\w*", r"berfungsi", r"bertugas", r"kewajiban\w*",
                     r"responsibilit\w*")),
    ("purpose", _rx(r"tujuan\w*", r"bertujuan", r"untuk apa", r"buat apa", r"bwt apa", r"utk apa", r"purpose\w*",
                    r"aims?", r"goals?", r"objectives?", r"sasaran\w*", r"cita.cita",
                    # "misi" is a purpose, but "misi diplomatik" or "misi perdamaian" is a body sent abroad
                    r"misi\w*(?! (?:diplomatik|perdamaian|garuda|dagang|kebudayaan|kemanusiaan|khusus|tetap))")),
    ("benefit", _rx(r"(?:dampak|pengaruh|akibat) (?:yang )?positif\w*", r"positive (?:impact|effect)s?", r"manfaat\w*", r"keuntungan\w*", r"untungnya", r"benefit\w*",
                    r"(?:dapet|dapat|memperoleh|peroleh) (?:untung )?apa", r"untung apa",  # "Indonesia dapet apa dari OKI"
                    r"advantages?", r"kegunaan\w*", r"gunanya", r"faedah")),
    ("impact", _rx(r"dampak\w*", r"pengaruh\w*", r"berpengaruh", r"akibat\w*", r"impacts?", r"effects?",
                   r"kerugian\w*", r"konsekuensi\w*", r"hambatan\w*", r"kendala\w*", r"tantangan\w*")),
    ("how", _rx(r"peran\w*", r"peranan\w*", r"berperan", r"kontribusi\w*", r"cara\w*", r"proses\w*", r"upaya\w*",
                r"langkah\w*", r"prosedur\w*", r"mekanisme\w*", r"roles?", r"contribut\w*", r"process\w*",
                r"sikap\w*", r"keterlibatan", r"terlibat", r"prinsip\w*", r"pelaksanaan\w*", r"penerapan\w*",
                r"mewujudkan", r"menerapkan", r"sistem")),
    ("list", _rx(r"contoh\w*", r"cth", r"cnth", r"macam\w*", r"jenis\w*", r"bentuk.bentuk", r"ciri.ciri\w*",
                 r"apa (?:saja|aja|aj)", r"siapa (?:saja|aja)", r"examples?", r"types?", r"kinds?", r"forms", r"mention",
                 r"bidang.bidang", r"anggota\w*", r"members?", r"hasil\w*", r"isi\w*", r"poin\w*", r"butir\w*",
                 r"daftar\w*", r"organ.organ", r"badan.badan", r"lembaga.lembaga", r"pilar\w*", r"prinsip.prinsip")),
    ("definition", _rx(r"pengertian\w*", r"definisi\w*", r"arti\w*", r"maksud\w*", r"apa itu", r"apaan",
                       r"yang dimaksud", r"yg dimaksud", r"disebut", r"dinamakan", r"dikenal dengan", r"istilah",
                       r"meaning", r"means?", r"define", r"lambang\w*",
                       r"semboyan\w*", r"motto\w*", r"logo\w*",
                       r"(?:kayak|kyk|kaya|seperti|spt) (?:gimana|gmn|gmna|bagaimana|apa)"
                       r"(?=(?: (?:sih|si|ya|yah|min|kak|kk|bang|dong|tuh|itu))* ?[?!]*$)")),  # closing "yg kayak gmn"
)
_LEVEL3 = (
    ("how", _rx(r"bagaimana\w*", r"gimana\w*", r"gmn", r"gmna", r"bgmn", r"how")),
    ("list", _rx(r"sebutkan\w*", r"sebutin\w*", r"sbtkan", r"list", r"name (?:the|three|two|four|five|\d)",
                 r"uraikan", r"tuliskan")),
    ("definition", _rx(r"jelaskan\w*", r"jelasin\w*", r"terangkan", r"explain", r"apa", r"what", r"adalah",
                       r"ialah", r"merupakan", r"yaitu")),
)
# Which noun-level words reveal the count reading of "anggota": "berapa anggota" is count, not list.
# "WHO" in capitals, or "who" not opening an English question, is the World Health Organization.
_ORGANISATION_WHO = re.compile(
    r"\bWHO\b|(?<=\w )(?<!\band )(?i:who)\b(?!\s+(?:is|was|are|were|founded|did|does|leads?|led|established|"
    r"created|wrote|signed|initiated|proposed|chairs?|heads?|became|were|has|have|had)\b)")
_COUNT_OVERRIDES_LIST = _rx(r"berapa", r"brp", _JUMLAH, r"berjumlah",
                            r"how many")
_ROLE = tuple((name, pattern) for name, pattern in _LEVEL2 if name in ("function", "how"))
_OFFICE = dict(_LEVEL1)["who"]


def _role_before_office(flat: str) -> str | None:
    """"tugas Sekjen PBB", "peran ketua ASEAN": a role asked of an office (function or how), not who holds
    it; "Tokoh yang berperan …" still asks who."""
    office = _OFFICE.search(flat)
    roles = [(m.start(), name) for name, pattern in _ROLE if (m := pattern.search(flat))]
    role = min(roles, default=None)
    return role[1] if role and office and role[0] < office.start() else None


_ASKS_WHO = _rx(r"siapa\w*", r"sapa", r"who", r"whom", r"negara (?:mana|apa) (?:saja|aja|sajakah)")


@dataclass(frozen=True)
class Intent:
    name: str
    count: int | None = None  # the N of "Sebutkan N …"
    explicit: bool = True  # False: no question word at all, "definition" is only the default reading


def fold(text: str, *, commas: bool = False) -> str:
    """Lowercase ASCII-ish text with punctuation as spaces (but dots kept for stem endings; commas too
    when asked, as a word of their own, so that a pattern does not run across a clause)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = re.sub(r"[\-_/]+", " ", text)
    if commas:
        return re.sub(r"[^\w\s.…,]+", " ", re.sub(r"\s*,\s*", " , ", text))
    return re.sub(r"[^\w\s.…]+", " ", text)


def _first(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> str | None:
    best: tuple[int, str] | None = None
    for name, pattern in patterns:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def detect(text: str) -> Intent:
    """The intent of a (possibly wrapped) question."""
    marked = _ORGANISATION_WHO.sub("whoorg", text)
    folded = fold(marked)
    # a comma ends a clause: "dimiliki 5 negara, apa fungsi hak veto" asks no "negara apa"
    flat = " ".join(fold(marked, commas=True).replace(".", " ").replace("…", " ").split())
    count = requested_count(folded)
    for level0, pattern in _LEVEL0:
        if pattern.search(flat):
            return Intent(level0, count)
    name = _first(_LEVEL1, flat)
    if name == "who" and _COUNT_OVERRIDES_LIST.search(flat) and not _ASKS_WHO.search(flat):
        name = "count"  # "peserta KAA berjumlah …", "berapa negara pendiri": how many, not who
    if name == "who" and not _ASKS_WHO.search(flat):
        name = _role_before_office(flat) or name  # "the role of the Secretary-General", "tugas ketua": no one is asked
    if name is None:
        stripped = folded.rstrip()
        for ending, pattern in _STEM_ENDINGS:
            if pattern.search(stripped):
                name = ending
                break
    if name is None and _DEFINITION_ENDING.search(folded.rstrip()):
        name = "definition"
    if name is None and _PERSON_STEM.search(flat):
        name = "who"  # "Presiden Indonesia yang menghadiri KTT ASEAN pertama adalah …": a person
    if name is None:
        name = _first(_LEVEL2, flat)
        if name == "list" and _COUNT_OVERRIDES_LIST.search(flat):
            name = "count"
    if name is None:
        name = _first(_LEVEL3, flat)
    return Intent(name or "definition", count, name is not None)


_COUNT_RE = re.compile(r"(?:sebutkan|sebutin|tuliskan|berikan|jelaskan|uraikan|name|list|give)\s+(?:minimal\s+|min\s+|setidaknya\s+)?"
                       r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b")


def requested_count(text: str) -> int | None:
    """N in "Sebutkan 3 contoh …", "sebutkan tiga …", "name three …"."""
    m = _COUNT_RE.search(fold(text))
    if not m:
        return None
    raw = m.group(1)
    value = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    return value if 1 <= value <= 20 else None


# -- homework wrappers ------------------------------------------------------------------------
_LEAD_WORDS = frozenset(
    """
    kak kakak ka kk min mimin bang mas mbak mba sis bro gan om pak bu ibu bapak guru guruku halo hai hi hallo helo
    permisi assalamualaikum pagi siang sore malam selamat aku saya gue gw aq ak sy ada punya dapet dapat lagi lg
    ngerjain mengerjakan tugas tugasku pr prku ku pe er soal soalnya ulangan ujian uh pts pas uts uas latihan dari
    tolong tlg bantu bantuin dibantu jawab jawabin dijawab mau pengen ingin tanya nanya bertanya nanya2 izin ijin
    numpang nih ni ini dong donk ya yah please pls plis mohon besok dikumpul dikumpulin harus hrs kumpul ini nomor
    yg bener benar mana jawabannya
    no nomer sama yang gak bisa ga ngerti paham bingung help me minta diajarin ajarin pelajaran pkn ppkn ips
    kelas kls sekolah smp sma sd mapel dan tentang buat untuk the teacher homework my i have a question
    """.split()
)
# where the student met the subject ("di buku ips kelas 9", "kelas XI SMA"), not what is asked; "kelas" alone
# stays (the classes of heads of mission)
_SCHOOL_GRADE = re.compile(r"\bkelas\s+(?:\d{1,2}|[ivx]{1,4})\b(?:\s+(?:sd|smp|sma|smk|mts|ma))?", re.IGNORECASE)
_TAIL = re.compile(
    r"(?:[\s.,!?]*(?<!\w)(?:jelaskan|jelaskan jawabanmu|jelaskan alasanmu|jelaskan pendapatmu|berikan alasanmu|berikan alasannya|"
    r"berikan contohnya|berikan penjelasan(?:mu)?|sertakan alasannya|explain|uraikan|beri alasan|tolong dijawab|"
    r"tolong jawab|makasih|terima kasih|thanks|thx|kak|ya|yaa|dong|pls|please|plis)\b[\s.,!?]*)+$",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"\b(?:apa|apakah|siapa|kapan|kpn|dimana|di mana|dmn|mengapa|kenapa|knp|bagaimana|gimana|gmn|berapa|brp|"
    r"jelaskan|sebutkan|sebutin|tuliskan|uraikan|what|who|when|where|why|how|which)\b",
    re.IGNORECASE,
)


# "3/4 + 2/5 berapa", "15% dari 200": a sum is the question itself, never a lead-in's question number.
_ARITHMETIC = re.compile(r"\d\s*[-+*/x×:^]\s*\d|\d\s*%")


def strip_homework(text: str) -> str:
    """The question without a chatty lead-in or a trailing "Jelaskan!"; unchanged when nothing is a wrapper.

    A lead-in is cut only when every word before the question (or before the first sentence mark)
    is a wrapper word, so "Apa tugas Dewan Keamanan" keeps its "tugas".
    """
    body = _SCHOOL_GRADE.sub(" ", text).strip() or text.strip()
    # leading clauses made only of wrapper words ("kak aku ada tugas dari bu guru:")
    while True:
        m = re.match(r"^([^.?!:\n]*)[.?!:\n]+\s*(.+)$", body, re.DOTALL)
        if not m:
            break
        words = re.findall(r"[a-zA-Z0-9]+", m.group(1).lower())
        if words and all(w in _LEAD_WORDS or w.isdigit() for w in words) and not _ARITHMETIC.search(m.group(1)):
            body = m.group(2).strip()
            continue
        break
    q = _QUESTION_START.search(body)
    if q and q.start() > 0:
        before = re.findall(r"[a-zA-Z0-9]+", body[: q.start()].lower())
        if before and all(w in _LEAD_WORDS or w.isdigit() for w in before) and not _ARITHMETIC.search(body[: q.start()]):
            body = body[q.start():]
    tail = _TAIL.search(body)
    if tail and tail.start() > 0 and re.search(r"[a-zA-Z]{3}", body[: tail.start()]):
        trimmed = body[: tail.start()].rstrip()
        if trimmed.endswith("?") or _QUESTION_START.search(trimmed) or len(trimmed.split()) >= 3:
            body = trimmed
    return body or text


# What an answer's text shows it can answer, beyond the intents its entry declares: a year answers
# "when", a place after "di" answers "where" … Used by the matcher as a weaker agreement.
_ANSWER_SIGNS: dict[str, re.Pattern[str]] = {
    "when": re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)"),
    "where": re.compile(r"\b(?:di|ke|dari) (?:kota |negara |gedung )?[A-Z][a-z]+"),
    "who": re.compile(r"\b(?:Presiden|Menteri|Perdana Menteri|Sekjen|Sekretaris Jenderal|Raja|Ratu|Bung|Jenderal|"
                      r"Dr\.|Mr\.|Ir\.)\s+[A-Z]|\b[A-Z][a-z]+ [A-Z][a-z]+ \(|\boleh [A-Z]"),
    "count": re.compile(r"(?<![\d.])(?!1[5-9]\d\d|20\d\d)\d{1,3}(?![\d.])|\b(?:dua|tiga|empat|lima|enam|tujuh|"
                        r"delapan|sembilan|sepuluh|sebelas)\b", re.IGNORECASE),
    "why": re.compile(r"\b(?:karena|sebab|latar belakang|alasan|pemicu|dipicu|dilatarbelakangi|mendorong|akibat)",
                      re.IGNORECASE),
    "purpose": re.compile(r"\b(?:tujuan|bertujuan|agar|supaya)\b", re.IGNORECASE),
    "function": re.compile(r"\b(?:fungsi|berfungsi|tugas|bertugas|mengurus|menangani|wewenang|berwenang|"
                           r"bertanggung jawab)", re.IGNORECASE),
    "benefit": re.compile(r"\b(?:manfaat|bermanfaat|keuntungan|untung|membantu)", re.IGNORECASE),
    "impact": re.compile(r"\b(?:dampak|berdampak|pengaruh|berpengaruh|akibat|menyebabkan)", re.IGNORECASE),
    "difference": re.compile(r"\b(?:sedangkan|berbeda|perbedaan|bedanya|beda)\b", re.IGNORECASE),
    "abbreviation": re.compile(r"\b(?:singkatan|kepanjangan|disingkat)\b|\([A-Z]{2,}\)", re.IGNORECASE),
}


def answer_signs(plain_answer: str) -> frozenset[str]:
    """The intents an answer's plain text shows signs of answering."""
    return frozenset(name for name, pattern in _ANSWER_SIGNS.items() if pattern.search(plain_answer))
