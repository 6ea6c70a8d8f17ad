"""Photo questions: a photo (or an image sent as a file) in private, a photo whose caption addresses
the bot in a group, or /tanya in reply to a photo. The photo is read (bot/ocr.py), the decision
about its text is the core's (bot/core/photo_text.py), and each question goes through the same
Tutor.reply as typed text. Photos are never stored; the text read is logged only when unanswered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from telegram import Document, InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, PhotoSize, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import filters

from bot.core.conversation import Reply
from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.photo_text import PhotoRead, answer_photo, read_photo_text, shown
from bot.handlers.callbacks import PhotoQuestion, TypeInstead, encode
from bot.handlers.common import keyboard, language_for, reply_html
from bot.handlers.questions import reply_keyboard
from bot.ocr import NotAnImage, OcrBusy, OcrService, OcrUnavailable
from bot.services import TutorContext

log = logging.getLogger(__name__)

GOOD_LONG_SIDE = 1000  # the smallest photo size this long is enough for printed text
TYPING_EVERY_S = 4.0  # Telegram shows "typing" for about 5 s per sendChatAction
PHOTO_QUESTIONS_KEY = "photo_questions"  # chat_data: the numbered questions of the chat's last photo
MAX_KEPT_QUESTIONS = 12


class CaptionAddressed(filters.MessageFilter):
    """A group photo whose caption mentions the bot or starts with /tanya (or /ask)."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        caption = (message.caption or "").strip()
        if not caption:
            return False
        bot = message.get_bot()
        first = caption.split(maxsplit=1)[0].lower()
        command, _, target = first.partition("@")
        if command in ("/tanya", "/ask") and (not target or target == (bot.username or "").lower()):
            return True
        if not bot.username:
            return False
        wanted = f"@{bot.username}".lower()
        mentions = message.parse_caption_entities([MessageEntity.MENTION]).values()
        return any(text.lower() == wanted for text in mentions)


class RepliesToImage(filters.MessageFilter):
    """A message that replies to a photo or an image file."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return message.reply_to_message is not None and image_of(message.reply_to_message) is not None


CAPTION_ADDRESSED = CaptionAddressed(name="CaptionAddressed")
REPLIES_TO_IMAGE = RepliesToImage(name="RepliesToImage")
IMAGE = filters.PHOTO | filters.Document.IMAGE


def image_of(message: Message) -> tuple[PhotoSize, ...] | Document | None:
    """The photo sizes or the image document a message carries."""
    if message.photo:
        return message.photo
    document = message.document
    if document is not None and (document.mime_type or "").startswith("image/"):
        return document
    return None


def pick_file(image: tuple[PhotoSize, ...] | Document, max_bytes: int) -> str | None:
    """The file to download: the smallest photo size long enough for text, never one over the limit.

    Telegram offers each photo in several sizes; the full one can be ten times the bytes of one that
    reads just as well. None: nothing under `max_bytes` (the student is told)."""
    if isinstance(image, Document):
        return image.file_id if (image.file_size or 0) <= max_bytes else None
    fitting = [p for p in image if (p.file_size or 0) <= max_bytes]
    if not fitting:
        return None
    fitting.sort(key=lambda p: max(p.width, p.height))
    for size in fitting:
        if max(size.width, size.height) >= GOOD_LONG_SIDE:
            return size.file_id
    return fitting[-1].file_id


@contextlib.asynccontextmanager
async def typing(context: TutorContext, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while a photo is read, renewed until the work is done."""

    async def keep() -> None:
        while True:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_EVERY_S)

    task = asyncio.create_task(keep())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def ocr_of(context: TutorContext) -> OcrService | None:
    ocr = context.services.extras.get("ocr")
    return ocr if isinstance(ocr, OcrService) else None


async def photo_question(update: Update, context: TutorContext) -> None:
    """A photo or image in private, or an addressed photo in a group."""
    message = update.effective_message
    if message is not None:
        await read_and_answer(update, context, message)


async def tanya_photo(update: Update, context: TutorContext) -> None:
    """/tanya in reply to a photo: read that photo."""
    message = update.effective_message
    if message is not None and message.reply_to_message is not None:
        await read_and_answer(update, context, message.reply_to_message)


async def read_and_answer(update: Update, context: TutorContext, source: Message) -> None:
    """Download the photo, read it, and answer what it asks."""
    chat = update.effective_chat
    image = image_of(source)
    if chat is None or image is None:
        return
    lang = await language_for(update, context)
    ocr = ocr_of(context)
    if ocr is None or not ocr.available:
        await reply_html(update, context, t("photo.unavailable", lang))
        return
    limit = context.services.settings.photo_max_bytes
    file_id = pick_file(image, limit)
    if file_id is None:
        await reply_html(update, context, t("photo.too_big", lang))
        return
    async with typing(context, chat.id):
        try:
            telegram_file = await context.bot.get_file(file_id)
            if (telegram_file.file_size or 0) > limit:
                await reply_html(update, context, t("photo.too_big", lang))
                return
            data = bytes(await telegram_file.download_as_bytearray())
        except TelegramError as exc:
            log.warning("photo download failed: %s", type(exc).__name__)
            await reply_html(update, context, t("photo.download_failed", lang))
            return
        try:
            text = await ocr.read(chat.id, data)
        except OcrBusy:
            await reply_html(update, context, t("photo.busy", lang))
            return
        except NotAnImage:
            await reply_html(update, context, t("photo.not_image", lang))
            return
        except OcrUnavailable:
            await reply_html(update, context, t("photo.unavailable", lang))
            return
    await answer_read(update, context, read_photo_text(text), lang)


async def _log_if_unanswered(update: Update, context: TutorContext, reply: Reply) -> None:
    if reply.unanswered:
        svc = context.services
        chat = update.effective_chat
        await svc.store.log_unanswered(chat.id if chat else None, reply.question,
                                       [(c.faq_id, c.score) for c in reply.candidates], svc.clock())


def with_type_instead(markup: InlineKeyboardMarkup | None, lang: str) -> InlineKeyboardMarkup:
    """The reply's own buttons plus "Bukan itu, aku ketik saja" for a misread photo."""
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    rows.append([InlineKeyboardButton(t("button.type_instead", lang), callback_data=encode(TypeInstead()))])
    return InlineKeyboardMarkup(rows)


async def answer_read(update: Update, context: TutorContext, read: PhotoRead, lang: str) -> None:
    """Reply to what the photo showed (the core decides the text), with the fitting buttons."""
    answer = answer_photo(read, context.services.tutor, lang)
    for _, reply in answer.replies:
        await _log_if_unanswered(update, context, reply)
    if read.kind == "unreadable":
        await reply_html(update, context, answer.text)
        return
    if read.kind == "single":
        reply = answer.replies[0][1]
        await reply_html(update, context, answer.text, with_type_instead(reply_keyboard(reply, lang), lang))
        return
    type_row = [(t("button.type_instead", lang), TypeInstead())]
    if read.kind == "several":
        await reply_html(update, context, answer.text, keyboard([type_row]))
        return
    questions = list(read.questions[:MAX_KEPT_QUESTIONS])
    assert context.chat_data is not None  # a photo always comes in a chat
    context.chat_data[PHOTO_QUESTIONS_KEY] = questions  # only the last photo's: bounded per chat
    numbers = [(t("button.question_number", lang, number=n), PhotoQuestion(n)) for n, _ in questions]
    rows = [numbers[i:i + 4] for i in range(0, len(numbers), 4)]
    await reply_html(update, context, answer.text, keyboard([*rows, type_row]))


async def answer_number(update: Update, context: TutorContext, number: int) -> None:
    """A number button under a photo with many questions: answer that one in full."""
    lang = await language_for(update, context)
    kept = (context.chat_data or {}).get(PHOTO_QUESTIONS_KEY) or []
    question = next((q for n, q in kept if n == number), None)
    if question is None:
        await reply_html(update, context, t("photo.expired", lang))
        return
    reply = context.services.tutor.reply(question, lang)
    await _log_if_unanswered(update, context, reply)
    heard = t("photo.read", lang, text=escape(shown(f"{number}. {question}")))
    await reply_html(update, context, f"{heard}\n\n{reply.text}", reply_keyboard(reply, lang))


async def type_instead(update: Update, context: TutorContext) -> None:
    """"Bukan itu, aku ketik saja": invite the student to type."""
    await reply_html(update, context, t("photo.type_instead", await language_for(update, context)))
