"""Fact cards: finding the subject a question names, the one attribute it asks, and the answer.

Cards are loaded and validated with the rest of the content (bot/core/content.py, schema in
COMMON.md and content/README.md). Here:
- `CardIndex.find()` reads which card a question names (its id, name or an alias, compared on
  normalized words, the longest name wins);
- `pick_fact()` chooses the attribute from the intent and the question's cue words ("markas" is
  headquarters, "pendiri" founders, "Indonesia bergabung" indonesia_joined …);
- `second_fact()` answers the second ask of a two-part question ("kapan *dan di mana*");
- `render_facts()` is the reply: the card's sentences, escaped, with their sources;
- `compare_with_faq()` is the `check` that cards and FAQ answers do not contradict each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.content import Card, CardFact, ContentBank, ContentProblem
from bot.core.i18n import t
from bot.core.intent import detect, fold
from bot.core.markup import escape, strip_tags
from bot.core.normalize import Normalizer
from bot.core.render import public_source


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


# Cue words that point at one attribute, checked before the intent's default order.
_CUES: dict[str, re.Pattern[str]] = {
    "indonesia_joined": _rx(r"(?:indonesia|ri|indo)\b.{0,40}(?:bergabung|gabung|masuk|menjadi anggota|jadi anggota|join\w*|diterima)",
                            r"(?:bergabung|masuk|join\w*|diterima).{0,30}(?:indonesia|ri)"),
    "indonesia_role": _rx(r"peran\w* (?:negara )?(?:indonesia|ri)", r"(?:indonesia|ri) berperan", r"indonesia.{0,20}role",
                          r"kontribusi (?:indonesia|ri)"),
    "founders": _rx(r"pendiri\w*", r"mendirikan", r"pemrakarsa\w*", r"memprakarsai", r"diprakarsai", r"penggagas\w*",
                    r"pencetus\w*", r"dicetuskan", r"mencetuskan", r"digagas", r"menggagas", r"gagasan",
                    r"founders?", r"who founded", r"negara (?:mana|apa) (?:saja|aja)",
                    r"founding (?:members?|member states?|states?|countries|nations)", r"original members?",
                    r"anggota (?:awal|asli)"),
    "first_leader": _rx(r"(?:sekjen|sekretaris jenderal|ketua|pemimpin|presiden|direktur|menteri luar negeri|menlu|"
                        r"secretary.general|leader|dirjen|direktur jenderal)\b.{0,30}\bpertama",
                        r"pertama.{0,10}(?:sekjen|sekretaris jenderal|ketua|pemimpin|menteri luar negeri|menlu)",
                        r"first (?:secretary.general|leader|chair\w*|foreign minister)"),
    "leader": _rx(r"sekjen\w*", r"sekretaris jenderal\w*", r"ketua\w*", r"pemimpin\w*", r"dipimpin", r"memimpin", r"panglima\w*",
                  r"direktur\w*", r"presiden\w*", r"secretary.general", r"leader", r"head", r"chair\w*"),
    "headquarters": _rx(r"markas\w*", r"kantor pusat\w*", r"berkantor", r"bermarkas", r"berkedudukan", r"kedudukan\w*",
                        r"sekretariat\w*", r"headquarter\w*", r"hq", r"pusat\w*"),
    "founded_place": _rx(r"(?:didirikan|berdiri|dibentuk|lahir|dibentuknya|berdirinya|didirikannya|founded|established) di",
                         r"di (?:kota|negara) (?:mana|apa).{0,30}(?:didirikan|berdiri|dibentuk|lahir)"),
    "founded": _rx(r"didirikan\w*", r"berdiri\w*", r"dibentuk\w*", r"terbentuk\w*", r"pembentukan\w*", r"pendirian\w*",
                   r"lahir\w*", r"founded", r"established", r"formed", r"created"),
    "members": _rx(r"jumlah anggota\w*", r"berapa (?:negara )?anggota\w*", r"anggota\w* (?:ada )?berapa", r"how many members",
                   r"berapa negara", r"jumlah negara"),
    "member_list": _rx(r"anggota\w*", r"members?", r"negara.negara"),
    "participants": _rx(r"peserta\w*", r"dihadiri", r"diikuti", r"participants?", r"attended", r"hadir\w*", r"menghadiri"),
    "results": _rx(r"hasil\w*", r"menghasilkan", r"isi\w*", r"results?", r"outcomes?"),
    "fields": _rx(r"bidang\w*", r"fields?", r"bergerak di"),
    "emblem": _rx(r"lambang\w*", r"logo\w*", r"bendera\w*", r"emblem", r"flag", r"bergambar"),
    "motto": _rx(r"semboyan\w*", r"motto\w*", r"slogan\w*"),
    "aim": _rx(r"tujuan\w*", r"bertujuan", r"aims?", r"goals?", r"purpose", r"objectives?"),
    "background": _rx(r"latar ?belakang\w*", r"melatarbelakangi", r"alasan\w*", r"mengapa", r"kenapa", r"knp", r"why",
                      r"penyebab\w*", r"pemicu\w*"),
    "full_name": _rx(r"singkatan\w*", r"kepanjangan\w*", r"kependekan\w*", r"stands? for", r"nama lengkap\w*",
                     r"full name", r"akronim"),
    "predecessor": _rx(r"sebelumnya", r"pendahulu\w*", r"cikal bakal\w*", r"predecessor", r"dulu\w* bernama",
                       r"nama (?:lama|sebelumnya)"),
    "date": _rx(r"diselenggarakan", r"dilaksanakan", r"diadakan", r"berlangsung", r"ditandatangani", r"held", r"signed"),
    "place": _rx(r"diselenggarakan di", r"dilaksanakan di", r"diadakan di", r"berlangsung di", r"ditandatangani di",
                 r"held in", r"signed in", r"tempat\w*", r"lokasi\w*"),
    "term": _rx(r"masa jabatan\w*", r"menjabat", r"periode\w*", r"term"),
    "first_summit": _rx(r"(?:ktt|konferensi tingkat tinggi|summit)\b.{0,25}\b(?:pertama|perdana|i)\b",
                        r"first\b.{0,25}\bsummit"),
    "office": _rx(r"jabatan\w*", r"menjabat sebagai", r"posisi\w*", r"office"),
}
# Without a cue word, what a bare "<intent> + subject" question asks.
_DEFAULTS: dict[str, tuple[str, ...]] = {
    "when": ("founded", "date"),
    "where": ("headquarters", "place", "founded_place"),
    "who": ("founders", "office"),
    "count": ("members",),
    "abbreviation": ("full_name",),
    "purpose": ("aim",),
    "why": ("background",),
}
# When a cue and the intent name different attributes, these cue attributes win for these intents.
_CUE_FIRST = {
    "when": ("first_summit", "indonesia_joined", "term", "date", "founded"),
    "where": ("first_summit", "founded_place", "headquarters", "place"),
    "who": ("first_leader", "founders", "leader", "participants"),
    "count": ("founders", "participants", "members"),
    "list": ("founders", "member_list", "results", "fields", "participants"),
    "definition": ("emblem", "motto"),
    "how": ("indonesia_role",),
    "purpose": ("aim",),
    "why": ("background",),
    "abbreviation": ("full_name",),
    "other": ("predecessor",),
}
# The second ask of a two-part question reads with the first: "kapan dan di mana ASEAN didirikan" asks
# where it was founded, not where its secretariat is.
_PAIRED = {("founded", "where"): "founded_place", ("date", "where"): "place", ("founded_place", "when"): "founded",
           ("place", "when"): "date", ("founders", "when"): "founded", ("members", "list"): "member_list"}
# Cues that name what is asked about so plainly that another attribute can never answer the question.
_ASPECTS = frozenset({"aim", "background", "emblem", "motto", "fields", "results", "founders", "participants",
                      "full_name", "predecessor", "indonesia_role", "term", "first_leader", "first_summit"})
# A question about where a name comes from ("in which year was the name United Nations coined"): not a
# founding date, though it asks "when".
_NAME_ORIGIN = _rx(r"asal(?: usul)? (?:kata |nama)", r"nama\b.{0,40}\b(?:dicetuskan|diusulkan|pertama kali (?:dipakai|digunakan)|berasal)",
                   r"name\b.{0,40}\b(?:coined|first used|suggested|proposed|comes? from)")
# Words that make "Indonesia … anggota" another event than joining: rejoining, leaving.
_OTHER_EVENT = _rx(r"kembali", r"balik", r"lagi", r"keluar\w*", r"mengundurkan", r"rejoin\w*", r"return\w*",
                   r"withdr\w*", r"left", r"leave")
# Cue words that belong to the attribute reading, not to the subject: "asean" + these is still one attribute.
CUE_TEXT = (
    "kapan tahun tanggal bulan berapa dimana mana kota negara siapa saja didirikan berdiri dibentuk lahir pendiri "
    "mendirikan markas kantor pusat berkedudukan sekjen sekretaris jenderal ketua pemimpin dipimpin "
    "jumlah anggota banyak singkatan kepanjangan tujuan latar belakang alasan peran lambang semboyan hasil peserta "
    "diselenggarakan dilaksanakan diadakan pertama bergabung masuk menjadi organisasi resmi pertemuan konferensi "
    "when where who founded established headquarters members many first leader year dibuat disepakati "
    "dideklarasikan disahkan ditetapkan mulai berlaku diterima gagasan dicetuskan digagas diprakarsai kali "
    "bergambar gambar warna arti makna tanggal bulan kota letak terletak berada lokasi seluruh semua total keseluruhan "
    "orang buah sekarang kini terbaru "  # counting units ("ada brp orang") and "now"
    "kependekan sejarah perjuangan materi pelajaran bab"  # where the student met it: "KTN dlm sejarah perjuangan"
)


@dataclass(frozen=True)
class CardHit:
    card: Card
    tokens: frozenset[str]  # the normalized words of the name that matched


class CardIndex:
    """Which card a question names."""

    def __init__(self, bank: ContentBank, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        self.cards = bank.cards
        self.names: list[tuple[tuple[str, ...], str]] = []
        for card in bank.cards.values():
            for name in dict.fromkeys((card.name, *card.aliases, card.id.replace("-", " "))):
                toks = tuple(normalizer.tokens(name))
                if toks:
                    self.names.append((toks, card.id))
        self.names.sort(key=lambda item: -len(item[0]))
        self.name_tokens = frozenset(tok for name, _ in self.names for tok in name)
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # names by their first word, longest first
        for name_tokens, card_id in self.names:
            self.by_first.setdefault(name_tokens[0], []).append((name_tokens, card_id))
        # the years each card's facts hold: "KAA 1955" still names only the KAA card
        self.years = {card.id: frozenset(y for f in card.facts for y in _YEAR.findall(f"{f.date or ''} {f.value}"))
                      for card in bank.cards.values()}
        self.cue_tokens = frozenset(normalizer.tokens(CUE_TEXT))

    def find(self, text: str) -> CardHit | None:
        """The card whose longest name appears in the question."""
        hits = self.find_all(text)
        return hits[0] if hits else None

    def find_all(self, text: str) -> list[CardHit]:
        """Cards named in the question, longest name first: the name's words in order, at most two other
        words between them ("Menteri Luar Negeri pertama Indonesia" names "Menteri Luar Negeri Indonesia").
        Names of equal length keep the order of the question, never of a hash set, so replies do not change
        from one process to the next."""
        if not self.names:
            return []
        toks = self.normalizer.tokens(text)
        hits: list[CardHit] = []
        seen: set[str] = set()
        names = sorted((item for tok in dict.fromkeys(toks) for item in self.by_first.get(tok, ())), key=lambda i: -len(i[0]))
        for name, card_id in names:
            if card_id not in seen and _contains(toks, name):
                seen.add(card_id)
                hits.append(CardHit(self.cards[card_id], frozenset(name)))
        return hits


def _contains(toks: list[str], name: tuple[str, ...], max_gap: int = 2) -> bool:
    n = len(name)
    for i, tok in enumerate(toks):
        if tok != name[0]:
            continue
        j, gaps, k = 1, 0, i + 1
        while j < n and k < len(toks) and gaps <= max_gap:
            if toks[k] == name[j]:
                j += 1
            else:
                gaps += 1
            k += 1
        if j == n and gaps <= max_gap:
            return True
    return False


def cue_words(attr: str, text: str) -> str:
    """The words of the question that named the attribute ("Sekretariat" for headquarters)."""
    folded = " ".join(fold(text).replace(".", " ").replace("…", " ").split())
    pattern = _CUES.get(attr)
    return " ".join(m.group(0) for m in pattern.finditer(folded)) if pattern else ""


def pick_fact(card: Card, intent: str, text: str) -> CardFact | None:
    """The card's fact for what the question asks, or None when the card does not hold it."""
    return pick_from([card], intent, text)


def pick_from(cards: list[Card], intent: str, text: str) -> CardFact | None:
    """The fact for what the question asks from the first card (of those it names) that holds it.

    A cue ("pertama", "markas", "pendiri") names the attribute: when no named card holds it, there is
    no card answer rather than another attribute. Without a cue, the intent's default attribute of the
    first card is used."""
    folded = " ".join(fold(text).replace(".", " ").replace("…", " ").split())
    cued = {attr for attr, pattern in _CUES.items() if pattern.search(folded)}
    if "first_leader" in cued:
        cued.discard("leader")
    if intent == "where" and "founded" in cued:
        cued.add("founded_place")  # "dimana OKI didirikan": where it was founded, not its headquarters
    if (re.search(r"\b(?:yang|urutan) ke\b|\bke-\d*", folded) or (intent == "who" and re.search(r"\bnama\b", folded))
            or _NAME_ORIGIN.search(folded)):
        return None  # an ordinal ("anggota yang ke-60") or who or when a name was coined is not a card fact
    if "indonesia_joined" in cued and _OTHER_EVENT.search(folded):
        return None  # "Indonesia kembali menjadi anggota PBB" (1966) is not when it first joined (1950)
    wanted = [attr for attr in _CUE_FIRST.get(intent, ()) if attr in cued]
    if "first_summit" in wanted:
        wanted = ["first_summit"]  # "KTT ASEAN pertama": Bali 1976, never the founding in Bangkok 1967
    if cued & _ASPECTS - set(wanted):
        return None  # "tujuan ASEAN ada berapa", "ada berapa negara pendiri ASEAN": not the member count
    if intent == "count" and len(wanted) > 1:
        wanted = wanted[:1]  # "berapa negara pendiri": the founders' count or nothing, never the members'
    if wanted:
        for card in cards:
            for attr in wanted:
                if (fact := card.fact(attr)) is not None:
                    return fact if intent != "count" or fact.count is not None else None
        return None
    if not cards or (intent in ("when", "where", "count") and re.search(r"\b(?:indonesia|ri)\b", folded)):
        return None  # "kapan Indonesia keluar dari PBB" is not when the UN was founded
    for attr in _DEFAULTS.get(intent, ()):
        if (fact := cards[0].fact(attr)) is not None:
            return fact
    return None


def render_facts(facts: tuple[CardFact, ...], lang: str = "id") -> str:
    """The HTML reply for card facts (one, or two for "kapan dan di mana"): the sentences and their sources."""
    sources = "; ".join(dict.fromkeys(public_source(f.source) for f in facts))
    source = t("answer.source", lang, source=escape(sources))
    return "\n\n".join(escape(f.say) for f in facts) + f"\n\n<i>{source}</i>"


_SECOND_ASK = re.compile(r"\s(?:dan|serta|and)\s+(.+)$", re.IGNORECASE)


def second_fact(card: Card, first: CardFact, intent: str, text: str) -> CardFact | None:
    """For "kapan dan di mana …" or "ada berapa dan siapa saja …", the card's fact for the ask after the
    last "dan", read with the first (`first` answers `intent`); None for a one-part question."""
    m = _SECOND_ASK.search(text.strip().rstrip("?!. "))
    if m is None:
        return None
    asked = detect(m.group(1))
    if not asked.explicit or asked.name == intent:
        return None
    paired = _PAIRED.get((first.attr, asked.name))
    other = (card.fact(paired) if paired else None) or pick_fact(card, asked.name, text)
    if other is None and asked.name == "who":  # "ada berapa dan siapa saja": the members, by name
        other = pick_fact(card, "list", text)
    return other if other is not first else None


# -- check: cards against FAQ answers ---------------------------------------------------------
_FOUNDING = re.compile(r"didirikan|berdiri|dibentuk|lahir|founded|established", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def _names(card: Card) -> list[str]:
    return [n.casefold() for n in (card.name, *card.aliases) if len(n) >= 2]


def _mentions(text: str, card: Card) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) for n in _names(card))


def compare_with_faq(bank: ContentBank) -> list[ContentProblem]:
    """Facts a card shares with FAQ entries must agree: the founding year with the founding entries
    of the same subject, the member count with the entries that give the count."""
    problems: list[ContentProblem] = []
    for card in bank.cards.values():
        where = bank.origin.get("card:" + card.id, "cards/")
        founded = card.fact("founded")
        year = founded.date[:4] if founded and founded.date else None
        if founded and not year:
            m = _YEAR.search(founded.value)
            year = m.group(1) if m else None
        members = card.fact("members")
        for entry in bank.faq.values():
            if not _mentions(entry.question, card):
                continue
            answer = strip_tags(entry.answer)
            if year and "when" in entry.asks and _FOUNDING.search(entry.question):
                years = set(_YEAR.findall(answer))
                if years and year not in years:
                    problems.append(ContentProblem(where, card.id, "facts.founded",
                                                   f"founded in {year}, but FAQ {entry.id!r} gives {', '.join(sorted(years))}"))
            if members and members.count is not None and "count" in entry.asks and re.search(
                    r"anggota|member", entry.question, re.IGNORECASE):
                counts = {int(n) for n in re.findall(r"(\d{1,3})\s+(?:negara\s+)?(?:anggota|negara)", answer)}
                if counts and members.count not in counts:
                    problems.append(ContentProblem(where, card.id, "facts.members",
                                                   f"{members.count} members, but FAQ {entry.id!r} gives "
                                                   f"{', '.join(map(str, sorted(counts)))}"))
    return problems
