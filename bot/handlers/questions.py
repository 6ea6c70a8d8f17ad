"""Questions: any text in private, and in groups only when addressed (/tanya, @mention, a reply to
the bot). Each goes through Tutor.reply; the Reply's parts become buttons here.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.ext import filters

from bot.core.conversation import Reply
from bot.core.i18n import t
from bot.handlers.callbacks import Action, ShowAnswer, StartQuiz, TopicPage
from bot.handlers.common import is_private, keyboard, language_for, reply_html
from bot.handlers.outbox import Pending, outbox_of
from bot.handlers.reports import report_row, take_report
from bot.services import TutorContext


class AddressedToBot(filters.MessageFilter):
    """A group message that mentions the bot by @username or replies to one of its messages."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        reply = message.reply_to_message
        if reply is not None and reply.from_user is not None and reply.from_user.id == bot.id:
            return True
        if not bot.username:
            return False
        wanted = f"@{bot.username}".lower()
        return any(text.lower() == wanted for text in message.parse_entities([MessageEntity.MENTION]).values())


ADDRESSED = AddressedToBot(name="AddressedToBot")


def strip_mention(text: str, username: str | None) -> str:
    """The question without the bot's @username."""
    if not username:
        return text.strip()
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


def reply_keyboard(reply: Reply, lang: str) -> InlineKeyboardMarkup | None:
    """Buttons for a Reply: quiz on the topic and related questions, or the suggestions, or topics."""
    if reply.kind == "answer":
        rows: list[list[tuple[str, Action]]] = []
        if reply.topic:
            rows.append([(t("button.quiz_topic", lang), StartQuiz(reply.topic))])
        rows.extend([(f"❓ {s.question}", ShowAnswer(s.faq_id))] for s in reply.related)
        rows.append(report_row(reply, lang))
        return keyboard(rows)
    if reply.kind == "suggest":
        return keyboard([[(s.question, ShowAnswer(s.faq_id))] for s in reply.suggestions])
    if reply.kind == "unknown":
        return keyboard([[(t("button.topics", lang), TopicPage(None, 0))]])
    return None


async def answer_question(update: Update, context: TutorContext, question: str) -> None:
    """Run the tutor on one question, send the reply with its buttons, log it if unanswered."""
    svc = context.services
    lang = await language_for(update, context)
    reply = svc.tutor.reply(question, lang)
    if reply.unanswered:  # logged first, so the teacher's list is complete even if sending fails
        chat = update.effective_chat
        await svc.store.log_unanswered(chat.id if chat else None, reply.question,
                                       [(c.faq_id, c.score) for c in reply.candidates], svc.clock())
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is not None and not is_private(chat):
        # Groups: through the outbox, so a class asking at once is answered together within seconds
        # and this handler never waits for the group's message budget (see outbox.py).
        outbox_of(context.application).submit(chat.id, Pending(
            user_id=user.id if user is not None else None,
            name=(user.first_name if user is not None else None) or (chat.title or "?"),
            reply_to=message.message_id if message is not None else None,
            text=reply.text, markup=reply_keyboard(reply, lang), lang=lang,
        ))
        return
    await reply_html(update, context, reply.text, reply_keyboard(reply, lang))


async def private_text(update: Update, context: TutorContext) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and not await take_report(update, context, message.text or ""):
        await answer_question(update, context, message.text or "")


async def addressed_text(update: Update, context: TutorContext) -> None:
    """A group message that mentions or replies to the bot."""
    message = update.effective_message
    if message is None:
        return
    text = strip_mention(message.text or "", context.bot.username)
    if not await take_report(update, context, text):
        await answer_question(update, context, text)


async def tanya(update: Update, context: TutorContext) -> None:
    """/tanya <pertanyaan>: the way to ask in a group (works in private too)."""
    question = " ".join(context.args or [])
    if not question.strip():
        lang = await language_for(update, context)
        key = "ask.prompt" if is_private(update.effective_chat) else "ask.prompt_group"
        await reply_html(update, context, t(key, lang))
        return
    await answer_question(update, context, question)


async def private_media(update: Update, context: TutorContext) -> None:
    """Stickers, photos, voice notes in private: say politely that only text is understood."""
    await reply_html(update, context, t("media.private", await language_for(update, context)))


async def show_answer(update: Update, context: TutorContext, faq_id: str) -> None:
    """A suggestion, related question or topic question was pressed: answer it as a new message."""
    lang = await language_for(update, context)
    reply = context.services.tutor.answer(faq_id, lang)
    await reply_html(update, context, reply.text, reply_keyboard(reply, lang))
