"""Inline mode: `@bot pertanyaan` in any chat offers the best matching FAQ answers to share."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.core.content import ContentBank
from bot.core.limits import MAX_INLINE_RESULTS
from bot.core.render import format_answer
from bot.handlers.common import user_language
from bot.services import TutorContext

EMPTY_QUERY_RESULTS = 20


def _faq_ids(bank: ContentBank, ranked: list[str], query: str) -> list[str]:
    """Matcher's candidates first, then entries whose question contains the query; unique."""
    ids = list(dict.fromkeys(fid for fid in ranked if fid in bank.faq))
    words = query.casefold().split()
    if words:
        for entry in bank.faq.values():
            if len(ids) >= MAX_INLINE_RESULTS:
                break
            if entry.id not in ids and all(w in entry.question.casefold() for w in words):
                ids.append(entry.id)
    else:
        ids = list(bank.faq)[:EMPTY_QUERY_RESULTS]
    return ids[:MAX_INLINE_RESULTS]


async def inline_query(update: Update, context: TutorContext) -> None:
    """Answer with up to 50 FAQ articles (unique ids, valid HTML)."""
    query = update.inline_query
    if query is None:
        return
    tutor = context.services.tutor
    lang = await user_language(context, query.from_user)
    text = query.query.strip()[:256]
    ranked = [c.faq_id for c in tutor.matcher.match(text).candidates] if text else []
    results = []
    for faq_id in _faq_ids(tutor.bank, ranked, text):
        entry = tutor.bank.faq[faq_id]
        topic = tutor.bank.topics.get(entry.topic)
        results.append(InlineQueryResultArticle(
            id=faq_id,
            title=entry.question,
            description=(topic.name_en if lang == "en" else topic.name) if topic else None,
            input_message_content=InputTextMessageContent(format_answer(entry, lang), parse_mode=ParseMode.HTML),
        ))
    # personal: results are in the asker's language, so Telegram must not serve them to others
    await query.answer(results, cache_time=60, is_personal=True)
