"""Choosing among combinations of numbered statements ("Pernyataan yang sesuai ditunjukkan nomor …").

Each statement is judged against the evidence the way `bot.core.mc` scores an option: stated by a
sentence about what the question asks, or not. The option naming every statement the bank states (or,
for "yang tidak sesuai", none of them) is chosen when it is the only one; otherwise the options those
statements rule out are named, and the rest stay open. A statement the bank does not state is not
thereby wrong, so only what it states decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core import mc
from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.normalize import Normalizer
from bot.core.numbered import Listed, combination
from bot.core.pasted import Option, Pasted

OWN_WORDS = 0.3  # what a statement's own words weigh beside a question that names a subject (dev and tuning sets)
_NAMES_A_SUBJECT = 3.0  # the least weight of words a question needs to name a subject
# the words of the question's form, which name no subject
_FORM_WORDS = ("perhatikan cermati pernyataan berikut benar sesuai tepat ditunjukkan nomor oleh consider following "
               "statement statements correct given above regarding")
TRUE_AT = 0.5  # a statement the evidence supports at least this much is stated by the bank (dev and tuning sets)
# "yang tidak sesuai", "salah", "incorrect": the statements asked for are the ones the evidence does not support
_ASKS_UNTRUE = re.compile(r"\b(?:tidak (?:sesuai|benar|tepat|termasuk)|bukan|salah|kecuali|incorrect|not correct|"
                          r"except|wrong|false)\b", re.IGNORECASE)
_ORDER_WORDS = frozenset({"urutan", "kronologi", "kronologis", "order", "sequence", "chronological"})


def asks_order(listed: Listed, pasted: Pasted) -> bool:
    """Options that all name the same statements, or a question asking for an order, ask for the statements'
    order (answered by `chronology`), not for which of them fit."""
    sets = {combination(o.text) for o in pasted.options}
    return len(sets) == 1 or bool(set(listed.question.casefold().split()) & _ORDER_WORDS)


def asks_untrue(listed: Listed) -> bool:
    """The question asks for the statements that do not fit ("yang tidak sesuai", "incorrect")."""
    return bool(_ASKS_UNTRUE.search(listed.question))


def judge(listed: Listed, evidence: list[mc.Evidence], normalizer: Normalizer,
          weights: Callable[[str], dict[str, float]]) -> list[tuple[float, int]]:
    """How much the evidence supports each statement (0..1), in order, with the evidence that does. Each is
    weighed as a claim of its own: a sentence is about it when it shares the question's words and the
    statement's ("PBB berdiri pada 24 Oktober 1945" under a question that names no subject). `weights`: a
    text's words with their weights."""
    question = _ASKS_UNTRUE.sub(" ", listed.question)
    form = frozenset(normalizer.tokens(_FORM_WORDS))
    asked = {word: weight for word, weight in weights(question).items() if word not in form}
    # under a question that names a subject ("Yang termasuk kerja sama regional …") the statement's own words
    # count for less: "IA-CEPA" is always about IA-CEPA, but a sentence must be about being regional too;
    # under one that names none ("Pernyataan yang benar …") the statements are the whole subject
    share = OWN_WORDS if sum(asked.values()) >= _NAMES_A_SUBJECT else 1.0
    judged = []
    for i, item in enumerate(listed.items):
        claim = Pasted(question, (Option(str(i + 1), item),))
        own = {word: weight * share for word, weight in weights(item).items() if word not in asked}
        judged.append(mc.option_scores(claim, evidence, normalizer, {**own, **asked})[0])
    return judged


def choose(listed: Listed, pasted: Pasted, judged: list[tuple[float, int]]) -> mc.Choice:
    """The one option that names every statement the bank states (or, for "yang tidak sesuai", none of
    them); otherwise the options those statements rule out. A statement the bank does not state is not
    thereby wrong (a diplomat's tax exemption may simply be missing from it), so it decides nothing."""
    stated = {i + 1 for i, (value, _) in enumerate(judged) if value >= TRUE_AT}
    if not stated:
        return mc.Choice(None)
    untrue = asks_untrue(listed)
    fitting = []
    ruled_out = []
    for option in pasted.options:
        numbers = combination(option.text) or frozenset()
        if (numbers & stated) if untrue else not stated <= numbers:
            ruled_out.append(option)
        else:
            fitting.append(option)
    if len(fitting) == 1:
        return mc.Choice(fitting[0], max(judged, key=lambda row: row[0])[1])  # the text that judged them best
    if not fitting or not ruled_out:
        return mc.Choice(None)
    return mc.Choice(None, ruled_out=tuple(ruled_out), remaining=tuple(fitting))


_MONTHS = {name: i for i, names in enumerate(
    ("januari january jan", "februari february feb", "maret march mar", "april apr", "mei may",
     "juni june jun", "juli july jul", "agustus august aug agt", "september sep sept", "oktober october okt oct",
     "november nov", "desember december des dec"), 1) for name in names.split()}
# "8 Desember 1947", "November 1946", "1955"; a span's first day: "14–24 April 1946", "23 Agustus – 2 November 1949"
_DATE = re.compile(r"(?:(\d{1,2})\s*(?:[–-]\s*\d{1,2}\s+|\s+(?=[A-Za-z])))?(?:([A-Za-z]{3,9})\s+)?(1[5-9]\d\d|20\d\d)")
_SPAN = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\s*[–-]\s*\d{1,2}\s+[A-Za-z]{3,9}\s+(1[5-9]\d\d|20\d\d)")
_BACKWARDS = re.compile(r"\b(?:terakhir|terbaru|mundur|latest|most recent)\b", re.IGNORECASE)


def first_date(text: str) -> tuple[int, int, int] | None:
    """The first date a text gives, as (year, month, day) with 0 for what it leaves out: "Perundingan November
    1946; …" → (1946, 11, 0); a span gives its first day ("23 Agustus – 2 November 1949" → (1949, 8, 23))."""
    found = _SPAN.search(text) or _DATE.search(text)
    if found is None:
        return None
    month = _MONTHS.get((found.group(2) or "").casefold(), 0)
    day = int(found.group(1)) if found.group(1) and month else 0
    return int(found.group(3)), month, day


def chronology(listed: Listed, pasted: Pasted, dates: list[tuple[int, int, int] | None]) -> mc.Choice:
    """The option putting the numbered events in the order of their dates (earliest first), when the bank
    dates every one of them and no two could be the same day; otherwise nothing is chosen."""
    if _BACKWARDS.search(listed.question) or any(d is None for d in dates):
        return mc.Choice(None)
    known = [d for d in dates if d is not None]
    for i, a in enumerate(known):
        for b in known[i + 1:]:
            if a[0] == b[0] and (not a[1] or not b[1] or (a[1] == b[1] and (not a[2] or not b[2] or a[2] == b[2]))):
                return mc.Choice(None)  # "1949" against "Mei 1949": which came first is not known
    order = tuple(n for _, n in sorted(zip(known, range(1, len(known) + 1), strict=True)))
    picks = [o for o in pasted.options if tuple(int(d) for d in re.findall(r"[1-9]", o.text)) == order]
    return mc.Choice(picks[0]) if len(picks) == 1 else mc.Choice(None)


def explain(option: Option, listed: Listed, lang: str) -> str:
    """Why the option (HTML): "Pernyataan yang sesuai: nomor 2 dan 3." """
    numbers = [str(n) for n in sorted(combination(option.text) or ())]
    said = (", ".join(numbers[:-1]) + f" {t('mc.statements.and', lang)} " + numbers[-1] if len(numbers) > 1
            else "".join(numbers))
    which = t("mc.statements.unfit" if asks_untrue(listed) else "mc.statements.fit", lang)
    return t("mc.statements", lang, which=which, numbers=said) if numbers else t("mc.statements.none", lang, which=which)


def explain_order(dated: list[tuple[str, str]], lang: str) -> str:
    """Each event with the date the bank gives it (HTML): why the order is what it is."""
    lines = "\n".join(f"• {escape(event)}: {escape(when)}" for event, when in dated)
    return f"{t('mc.order', lang)}\n{lines}"
