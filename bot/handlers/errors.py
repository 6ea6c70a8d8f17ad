"""The one error handler: log the failure without the user's text, apologise briefly, keep serving."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut

from bot.core.i18n import t
from bot.handlers.common import is_for_me, is_private, language_for
from bot.handlers.questions import ADDRESSED
from bot.services import TutorContext

log = logging.getLogger(__name__)


def describe(update: object) -> str:
    """Update type and ids only: message texts are students' words and stay out of the logs."""
    if not isinstance(update, Update):
        return f"non-update {type(update).__name__}"
    kind = next((k for k, v in update.to_dict().items() if k != "update_id" and v), "unknown")
    chat = update.effective_chat
    user = update.effective_user
    message = update.effective_message
    return (f"{kind} update_id={update.update_id} chat_id={chat.id if chat else None} "
            f"user_id={user.id if user else None} message_id={message.message_id if message else None}")


def was_addressed(update: Update, context: TutorContext) -> bool:
    """Whether the user spoke to the bot: only then is an apology welcome (group chatter, membership
    changes and poll answers get none, even when handling them failed)."""
    if update.callback_query is not None:
        return True
    message = update.message
    if message is None:
        return False
    return bool(is_private(update.effective_chat) or is_for_me(message, context.bot) or ADDRESSED.check_update(update))


async def on_error(update: object, context: TutorContext) -> None:
    """Log the error with the update's type and ids and tell the user briefly; never re-raises."""
    error = context.error
    if isinstance(error, Forbidden):  # blocked or kicked: nobody to tell
        log.warning("forbidden while handling %s: %s", describe(update), error)
        return
    if isinstance(error, TimedOut | NetworkError) and not isinstance(error, BadRequest):
        # Telegram did not answer in time (the reply may well have been delivered: an apology after
        # it would be wrong), or stayed unreachable through the rate limiter's ~30 s of retries
        # (an apology would not get through either).
        log.warning("Telegram failing while handling %s (%s); no apology sent", describe(update),
                    type(error).__name__)
        return
    log.error("error while handling %s", describe(update), exc_info=error)
    if not isinstance(update, Update) or not was_addressed(update, context):
        return
    lang = "id"
    try:
        lang = await language_for(update, context)
    except Exception:  # the database may be what failed; Indonesian is the default anyway
        pass
    text = t("error.generic", lang)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text)
        except TelegramError:  # already answered before the failure
            pass
    if update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, text)
        except TelegramError:
            log.warning("could not tell the user about the error (%s)", describe(update))
