"""How many items an answer lists, for "Sebutkan 3 …" questions.

`count_items()` counts the enumerated items of an answer: bullet or numbered lines, or the parts
of a "a, b, c dan d" series. `short_lists()` is the `check` warning for entries whose phrasings
ask for N items ("Sebutkan 3 …", "3 contoh …") while the answer lists fewer.
"""

from __future__ import annotations

import re

from bot.core.content import ContentBank, ContentProblem
from bot.core.intent import requested_count
from bot.core.markup import strip_tags

_ITEM_LINE = re.compile(r"^\s*(?:[•\-–*]|\d{1,2}[.)]|[a-e][.)])\s+\S", re.MULTILINE)
_SERIES = re.compile(r"(?:[^,:;.\n]+,){2,}[^,:;.\n]+?\b(?:dan|serta|atau)\b[^,:;.\n]+")
_N_ITEMS = re.compile(r"\b(\d{1,2}|dua|tiga|empat|lima|enam)\s+(?:contoh|bentuk|manfaat|tujuan|fungsi|ciri|jenis|macam|"
                      r"dampak|faktor|alasan|peran|prinsip|hasil|isi|bidang|tugas|pilar|tahap|asas)\b",
                      re.IGNORECASE)
_WORDS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6}


def count_items(answer_html: str) -> int:
    """The largest enumeration in an answer: its list lines, or its longest "a, b, c dan d" series."""
    plain = strip_tags(answer_html)
    lines = len(_ITEM_LINE.findall(plain))
    series = max((m.group(0).count(",") + 2 for m in _SERIES.finditer(plain)), default=0)  # a, b, c dan d
    return max(lines, series)


def asked_count(text: str) -> int | None:
    """N of "Sebutkan N …" or "N contoh …" in a phrasing."""
    n = requested_count(text)
    if n is not None:
        return n
    m = _N_ITEMS.search(text)
    if not m:
        return None
    raw = m.group(1).lower()
    return int(raw) if raw.isdigit() else _WORDS[raw]


def short_lists(bank: ContentBank) -> list[ContentProblem]:
    """Entries asked for N items by one of their own phrasings whose answer lists fewer (a warning)."""
    out: list[ContentProblem] = []
    for entry in bank.faq.values():
        wanted = max((n for text in (entry.question, *entry.variants) if (n := asked_count(text))), default=0)
        if wanted < 2:
            continue
        have = count_items(entry.answer)
        if have < wanted:
            out.append(ContentProblem(bank.origin.get(entry.id, "faq/"), entry.id, "answer",
                                      f"a phrasing asks for {wanted} items but the answer lists {have}"))
    return out
