"""How an FAQ answer looks when sent: the question in bold, the answer, the source.

The content checker renders every answer with this same function, so a message that passes
`python -m bot check` is exactly the message the bot sends.
"""

from __future__ import annotations

from bot.core.content import FaqEntry, Topic
from bot.core.i18n import t
from bot.core.markup import escape


def format_answer(entry: FaqEntry, lang: str = "id") -> str:
    """The HTML message for one FAQ entry."""
    source = t("answer.source", lang, source=escape(entry.source))
    return f"<b>{escape(entry.question)}</b>\n\n{entry.answer}\n\n<i>{source}</i>"


def topic_lines(topics: list[Topic], lang: str = "id") -> str:
    """A bulleted list of topic names for 'belum tahu' and /topik."""
    return "\n".join(f"• {escape(tp.name_en if lang == 'en' else tp.name)}" for tp in topics)
