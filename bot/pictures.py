"""Sending pictures: render in the worker process, then a photo with its words as the caption.

Shared by the handlers (/kelas, /skor, /statistik) and the weekly recap in the scheduler.
"""

from __future__ import annotations

import logging

from telegram import Bot, InputFile, Message
from telegram.constants import MessageLimit, ParseMode

from bot.charts import renderer_of
from bot.charts.worker import Picture
from bot.core.markup import split_message, visible_length
from bot.services import Services

log = logging.getLogger(__name__)


async def render(svc: Services, picture: Picture, lang: str) -> bytes | None:
    """The picture as PNG, or None when drawing failed (logged; the words still go out)."""
    try:
        return await renderer_of(svc.extras).render(picture, lang)
    except Exception:
        log.exception("could not draw a %s", type(picture).__name__)
        return None


async def send_picture(bot: Bot, chat_id: int, png: bytes, caption: str, *,
                       name: str = "picture.png") -> Message:
    """A photo with an HTML caption; a caption over Telegram's limit goes as its own message after it."""
    fits = visible_length(caption) <= MessageLimit.CAPTION_LENGTH
    message = await bot.send_photo(
        chat_id, InputFile(png, filename=name), caption=caption if fits else None,
        parse_mode=ParseMode.HTML if fits else None,
    )
    if not fits:
        for part in split_message(caption):
            await bot.send_message(chat_id, part, parse_mode=ParseMode.HTML)
    return message
