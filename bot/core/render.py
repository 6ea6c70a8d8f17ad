"""How an FAQ answer looks when sent: the question in bold, the answer, the source.

The content checker renders every answer with this same function, so a message that passes
`python -m bot check` is exactly the message the bot sends.
"""

from __future__ import annotations

import re

from bot.core.freshness import month_year
from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.model import ContentBank, FaqEntry, Topic
from bot.core.topic_names import typing_name

# A `source` carries pointers for the content's reviewers (the project's fact sheet, the seed
# file, a Wikipedia revision id). They stay in the YAML for review and are left out of what a
# student reads, which should only name the publications.
_REVIEWER_POINTERS = (
    re.compile(r",?\s*tidak ada di seed/facts\.md"),
    re.compile(r"\s*\(facts\.md[^()]*\)"),
    re.compile(r",?\s*(?:dan\s+)?facts\.md(?:\s*§\s*\d+(?:\s*,\s*§\s*\d+)*)?"),
    re.compile(r",?\s*shared seed"),
    re.compile(r"\s*\(oldid \d+\)"),
)


def _top_level_parts(text: str) -> list[str]:
    """`text` split at the semicolons that are not inside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def public_source(source: str) -> str:
    """The source as a student sees it: the publications, without the reviewers' pointers."""
    for pointer in _REVIEWER_POINTERS:
        source = pointer.sub("", source)
    parts = [part.strip() for part in _top_level_parts(source)]
    return "; ".join(part for part in parts if part and not part.endswith(":"))


def format_answer(entry: FaqEntry, lang: str = "id") -> str:
    """The HTML message for one FAQ entry; a dated entry says which month its facts hold for."""
    source = t("answer.source", lang, source=escape(public_source(entry.source)))
    footer = f"<i>{source}</i>"
    if entry.as_of:
        footer = f"<i>{t('answer.as_of', lang, date=month_year(entry.as_of, lang))}</i>\n{footer}"
    return f"<b>{escape(entry.question)}</b>\n\n{entry.answer}\n\n{footer}"


def topic_lines(topics: list[Topic], lang: str = "id") -> str:
    """A bulleted list of topic names for 'belum tahu' and /topik."""
    return "\n".join(f"• {escape(tp.name_en if lang == 'en' else tp.name)}" for tp in topics)


def quiz_topic_lines(bank: ContentBank, topics: list[str], lang: str = "id") -> str:
    """Topic names, each with what to type for its quiz ("• KAA dan Gerakan Non-Blok – /kuis kaa")."""
    lines = []
    for topic in topics:
        tp = bank.topics[topic]
        name = tp.name_en if lang == "en" else tp.name
        lines.append(f"• {escape(name)} – <code>/kuis {escape(typing_name(bank, topic))}</code>")
    return "\n".join(lines)

