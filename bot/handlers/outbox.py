"""Answers in busy groups: coalesced, so a whole class asking at once is heard within seconds.

Telegram lets a bot post about 20 messages a minute in one group. When 30 students ask at once,
one reply each would take a minute and a half, so the group's answers go through an outbox:

- the handler only queues the answer and returns (it holds no processing slot while the group
  waits for its budget; other chats go on at once);
- one sender per group with answers waiting takes the group's next message slot (the rate
  limiter's bucket) and, at that moment, puts *everything waiting* into that one message: a single
  answer goes out as a normal reply with its buttons; several go out together, each under the
  mention of the student who asked;
- answers that do not fit into one message (4096 characters) wait for the next slot, and their
  askers are mentioned in this one with a short "got your question, the answer follows" note. So
  every asker sees within one slot (under 4 s at the group limit) that they were heard.

Why coalescing rather than answering privately (most students never started the bot, so Telegram
refuses the private message) or a per-student "I'll answer in turn" notice (each notice costs a
message of the same 20-a-minute budget and delays the answers further).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, ReplyParameters
from telegram.constants import MessageLimit, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application

from bot.core.i18n import t
from bot.core.markup import escape, visible_length
from bot.handlers.common import send_html
from bot.processor import detach_from_slot

log = logging.getLogger(__name__)

OUTBOX_KEY = "group_outbox"


@dataclass
class Pending:
    """One answer waiting for its group's next message slot."""

    user_id: int | None
    name: str
    reply_to: int | None
    text: str
    markup: InlineKeyboardMarkup | None
    lang: str
    told: bool = False  # mentioned already in a "heard, answer follows" note


class GroupOutbox:
    """Per-group queues of answers and one sender task per group with answers waiting."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self._pending: dict[int, list[Pending]] = {}
        self._senders: dict[int, asyncio.Task[None]] = {}
        self.coalesced = 0  # messages that answered several students at once

    def submit(self, chat_id: int, item: Pending) -> None:
        """Queue an answer; it goes out with the group's next message slot."""
        self._pending.setdefault(chat_id, []).append(item)
        sender = self._senders.get(chat_id)
        if sender is None or sender.done():
            name = f"group-outbox:{chat_id}"
            # Application.create_task: a stop waits for the answers still queued. (Tests may drive the
            # handlers of an application that is not running; then a plain task, kept in _senders.)
            self._senders[chat_id] = (self.application.create_task(self._send_all(chat_id), name=name)
                                      if self.application.running
                                      else asyncio.create_task(self._send_all(chat_id), name=name))

    @property
    def waiting(self) -> int:
        return sum(len(v) for v in self._pending.values())

    async def _send_all(self, chat_id: int) -> None:
        detach_from_slot()  # a task of its own: it never holds (or hands back) a handler's slot
        limiter = self.application.bot.rate_limiter
        try:
            while self._pending.get(chat_id):
                if hasattr(limiter, "wait_chat"):  # bot.ratelimit; its close() at shutdown ends the wait
                    await limiter.wait_chat(chat_id)
                batch = self._pending.pop(chat_id, [])
                if not batch:
                    break
                rest = await self._send_batch(chat_id, batch)
                if rest:
                    self._pending[chat_id] = [*rest, *self._pending.get(chat_id, [])]
        finally:
            if not self._pending.get(chat_id):
                self._pending.pop(chat_id, None)
            if self._senders.get(chat_id) is asyncio.current_task():
                del self._senders[chat_id]

    async def _send_batch(self, chat_id: int, batch: list[Pending]) -> list[Pending]:
        """Send what fits into one message; return the answers left for the next slot."""
        bot = self.application.bot
        try:
            if len(batch) == 1:
                item = batch[0]
                await send_html(bot, chat_id, item.text, reply_markup=item.markup, reply_to=item.reply_to)
                return []
            text, rest = coalesce(batch)
            if text is None:  # the first answer alone is long: it goes as its own reply
                item = batch[0]
                await send_html(bot, chat_id, item.text, reply_markup=item.markup, reply_to=item.reply_to)
                return batch[1:]
            await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                   reply_parameters=ReplyParameters(batch[0].reply_to,
                                                                    allow_sending_without_reply=True)
                                   if batch[0].reply_to is not None else None)
            self.coalesced += 1
            for item in rest:
                item.told = True
            return rest
        except TelegramError as exc:
            log.warning("answers for group %s not sent (%s): %d student(s)", chat_id, type(exc).__name__,
                        len(batch))
            return []


def mention(item: Pending) -> str:
    if item.user_id is None:
        return f"<b>{escape(item.name)}</b>"
    return f'<a href="tg://user?id={item.user_id}">{escape(item.name)}</a>'


def coalesce(batch: list[Pending], limit: int = MessageLimit.MAX_TEXT_LENGTH) -> tuple[str | None, list[Pending]]:
    """One message answering as many of `batch` as fit, each under its asker's mention; the others are
    told their answer follows (once). Returns (text, the answers still to send); text is None when
    not even the first answer fits next to the header."""
    lang = batch[0].lang
    parts = [t("group.batch_header", lang)]
    rest: list[Pending] = []
    reserve = 600  # room for the "heard" line naming the ones that wait
    for item in batch:
        block = f"{mention(item)}\n{item.text}"
        candidate = "\n\n".join([*parts, block])
        if not rest and visible_length(candidate) <= limit - reserve and len(candidate) <= 2 * (limit - reserve):
            parts.append(block)
        else:
            rest.append(item)
    if len(parts) == 1:  # not even the first answer fits next to the header
        return None, batch
    names = ", ".join(mention(item) for item in rest[:20] if not item.told)
    if names:
        parts.append(t("group.batch_heard", lang, names=names))
    return "\n\n".join(parts), rest


def outbox_of(application: Application) -> GroupOutbox:
    outbox = application.bot_data.get(OUTBOX_KEY)
    if outbox is None:
        outbox = application.bot_data[OUTBOX_KEY] = GroupOutbox(application)
    return outbox
