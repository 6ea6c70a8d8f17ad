"""/bahasa: interface language per user in private, per group for the group's admins only."""

from __future__ import annotations

from telegram import Update

from bot.core.i18n import LANGUAGES, t
from bot.handlers.callbacks import ChooseLanguage
from bot.handlers.common import is_chat_admin, is_private, keyboard, language_for, reply_html, set_cached_language
from bot.services import TutorContext

LANGUAGE_NAMES = {"id": "🇮🇩 Bahasa Indonesia", "en": "🇬🇧 English"}


async def bahasa(update: Update, context: TutorContext) -> None:
    """/bahasa [id|en]: set the language at once, or offer the two buttons."""
    lang = await language_for(update, context)
    args = [a.lower() for a in context.args or []]
    if args and args[0] in LANGUAGES:
        await set_language(update, context, args[0])
        return
    private = is_private(update.effective_chat)
    if not private and not await is_chat_admin(update, context):
        await reply_html(update, context, t("lang.admins_only", lang))
        return
    target = t("lang.target_user" if private else "lang.target_group", lang)
    markup = keyboard([[(LANGUAGE_NAMES[code], ChooseLanguage(code)) for code in LANGUAGES]])
    await reply_html(update, context, t("lang.pick", lang, target=target), markup)


async def set_language(update: Update, context: TutorContext, language: str) -> None:
    """Store a choice: the user's in private; the group's only when Telegram says the sender is an admin."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    store = context.services.store
    if is_private(chat):
        if user is None:
            return
        await store.set_user_language(user.id, language)
        set_cached_language(context, user_id=user.id, language=language)
    else:
        if not await is_chat_admin(update, context):
            await reply_html(update, context, t("lang.admins_only", await language_for(update, context)))
            return
        await store.set_chat_language(chat.id, language)
        set_cached_language(context, chat_id=chat.id, language=language)
    await reply_html(update, context, t("lang.set", language))
