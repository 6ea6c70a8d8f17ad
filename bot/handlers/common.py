"""What every handler shares: who is talking (language, remembered in the database), how to send
HTML safely (split over 4096 characters), and who counts as a group admin.

Language choices and the names last written are cached in the process's bounded ChatMemory
(bot/handlers/memory.py: short-lived, so several processes agree) so an ordinary message costs no
database write; the database stays the source of truth.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

from telegram import (
    Bot,
    Chat,
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ChatID, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.core.i18n import LANGUAGES, pick_language
from bot.core.lru import BoundedCache
from bot.core.markup import split_message
from bot.handlers.callbacks import Action, encode
from bot.handlers.memory import memory_of
from bot.logs import ThrottledLog
from bot.services import TutorApplication, TutorContext, services_of

log = logging.getLogger(__name__)


_BOOKKEEPING_LOG_KEY = "bookkeeping_failures"  # bot_data: ThrottledLog of failed bookkeeping writes


def is_private(chat: Chat | None) -> bool:
    return chat is not None and chat.type == ChatType.PRIVATE


def command_target(message: Message | None) -> str | None:
    """The bot a leading command names ("/kuis@OtherBot" → "otherbot"), "" for a bare "/kuis", None
    when the message does not start with a command."""
    if message is None or not message.text or not message.entities:
        return None
    first = message.entities[0]
    if first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    command = message.text[: first.length]
    return command.partition("@")[2].lower()


def is_for_me(message: Message | None, bot: Bot) -> bool:
    """A command without @username, or one that names this bot (commands for other bots are not ours)."""
    target = command_target(message)
    return target is not None and target in ("", (bot.username or "").lower())


async def bookkeeping(context: TutorContext, what: str, write: Coroutine[Any, Any, object]) -> bool:
    """Run a write the reply does not depend on (who wrote, an unanswered question for the teacher).

    When the database refuses it (disk full, read-only file, a connection lost) the student still
    gets the answer, not an apology: the failure is logged, at most one line a minute however many
    messages meet it, with the error's type only (its text would quote the student's words).
    True when the write went through.
    """
    try:
        await write
    except Exception as exc:
        failures = context.bot_data.get(_BOOKKEEPING_LOG_KEY)
        if failures is None:
            failures = context.bot_data[_BOOKKEEPING_LOG_KEY] = ThrottledLog(log, logging.ERROR)
        cause = getattr(exc, "orig", None)
        reason = type(exc).__name__ + (f"/{type(cause).__name__}" if cause is not None else "")
        failures.note("bookkeeping write failed (%s: %s); students are answered anyway", what, reason)
        return False
    return True


async def remember(update: Update, context: TutorContext) -> None:
    """Keep users and chats in the database (names for leaderboards), writing only on change; a
    failed write is retried with the next message and never keeps the answer from going out."""
    store = context.services.store
    memory = memory_of(context.services)
    user = update.effective_user
    if user is not None and not user.is_bot:
        profile = (user.first_name, user.username, user.language_code)
        if memory.profiles.get(user.id) != profile:
            if await bookkeeping(context, "a user's profile",
                                 store.upsert_user(user.id, user.first_name, user.username, user.language_code)):
                memory.profiles.put(user.id, profile)
    chat = update.effective_chat
    if chat is not None:
        seen = (chat.type, chat.title)
        if memory.chats_seen.get(chat.id) != seen:
            if await bookkeeping(context, "a chat", store.upsert_chat(chat.id, chat.type, chat.title)):
                memory.chats_seen.put(chat.id, seen)


async def _choice(cache: BoundedCache[int, Any], key: int, load: Callable[[], Awaitable[str | None]]) -> str | None:
    """The explicit language choice, from the short-lived cache or else the database."""
    if key in cache:
        choice: str | None = cache.get(key)
        return choice
    loaded = await load()
    cache.put(key, loaded)
    return loaded


async def user_language(context: TutorContext, user: User | None) -> str:
    """/bahasa choice, else English for English Telegram clients, else Indonesian."""
    if user is None:
        return pick_language(None, None)
    store = context.services.store
    choice = await _choice(memory_of(context.services).user_language, user.id,
                           lambda: store.get_user_language(user.id))
    return pick_language(choice, user.language_code)


async def user_language_by_id(application: TutorApplication, user_id: int | None) -> str:
    """The same as user_language without an Update (jobs, quiz summaries): the client language
    comes from the profile `remember` wrote lately, else from the database."""
    if user_id is None:
        return pick_language(None, None)
    services = services_of(application)
    store = services.store
    memory = memory_of(services)
    choice = await _choice(memory.user_language, user_id, lambda: store.get_user_language(user_id))
    profile = memory.profiles.get(user_id)
    code = profile[2] if profile else await store.get_user_language_code(user_id)
    return pick_language(choice, code)


async def chat_language_by_id(application: TutorApplication, chat_id: int) -> str:
    """A group's language (set by its admins with /bahasa), else Indonesian."""
    services = services_of(application)
    store = services.store

    async def load() -> str | None:
        record = await store.get_chat(chat_id)
        return record.language if record else None

    choice = await _choice(memory_of(services).chat_language, chat_id, load)
    return choice if choice in LANGUAGES else pick_language(None, None)


async def chat_language(context: TutorContext, chat: Chat | None, user: User | None) -> str:
    """The language to speak in a chat: the user's in private, the group's (admins choose) in groups."""
    if chat is None or is_private(chat):
        return await user_language(context, user)
    return await chat_language_by_id(context.application, chat.id)


async def language_for(update: Update, context: TutorContext) -> str:
    """Shortcut: the language for this update's chat and user."""
    return await chat_language(context, update.effective_chat, update.effective_user)


def set_cached_language(context: TutorContext, *, user_id: int | None = None,
                        chat_id: int | None = None, language: str) -> None:
    """Update this process's cache after /bahasa wrote the choice to the database (the other
    processes see it when their cached entry expires)."""
    memory = memory_of(context.services)
    if user_id is not None:
        memory.user_language.put(user_id, language)
    if chat_id is not None:
        memory.chat_language.put(chat_id, language)


def keyboard(rows: Sequence[Sequence[tuple[str, Action]]]) -> InlineKeyboardMarkup | None:
    """An inline keyboard from (label, action) rows; None when there are no buttons."""
    built = [[InlineKeyboardButton(label[:64], callback_data=encode(action)) for label, action in row]
             for row in rows if row]
    return InlineKeyboardMarkup(built) if built else None


async def send_html(
    bot: Bot,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message:
    """Send HTML split at paragraph boundaries; the keyboard goes on the last part."""
    parts = split_message(text)
    message: Message | None = None
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        message = await bot.send_message(
            chat_id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=reply_markup if last else None,
            reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
            if reply_to is not None and i == 0 else None,
        )
    assert message is not None  # split_message never returns an empty list for non-empty text
    return message


async def reply_html(update: Update, context: TutorContext, text: str,
                     reply_markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Answer the update's message: a plain message in private, a reply to it in groups."""
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    reply_to = message.message_id if message is not None and not is_private(chat) else None
    return await send_html(context.bot, chat.id, text, reply_markup=reply_markup, reply_to=reply_to)


async def edit_html(message: Message, text: str, reply_markup: InlineKeyboardMarkup | None) -> None:
    """Edit a bot message in place; 'message is not modified' (a double tap) is not an error."""
    try:
        await message.edit_text(text, reply_markup=reply_markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def is_chat_admin(update: Update, context: TutorContext) -> bool:
    """Whether the sender may change group settings: an admin per Telegram, anonymous admins included.

    Private chats: the user owns the chat. Anonymous admins write as the group itself
    (sender_chat == chat, from GroupAnonymousBot); a channel posting into the group is not an admin,
    and neither is a message from GroupAnonymousBot without the group as its sender_chat (Telegram
    never sends one: it is forged).
    """
    chat = update.effective_chat
    if chat is None:
        return False
    if is_private(chat):
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None and update.callback_query is None:
        return message.sender_chat.id == chat.id
    user = update.effective_user
    if user is None:
        return False
    if user.id == ChatID.ANONYMOUS_ADMIN:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        log.warning("getChatMember failed for chat %s", chat.id)
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
