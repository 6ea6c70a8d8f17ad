"""The weekly class recap (/rekap on): every Monday at the group's daily-quiz time, last week in a post.

The scheduler's minute tick calls `run_due` in the process holding the broadcast lease. Once a week
per chat is guaranteed by the database, not the lease: a recap is claimed with an insert on the unique
(chat, week) before anything is sent, so a second process, a restart or an overlapping tick finds it
taken. The price is at most once: a crash between the claim and Telegram's answer loses that week's
post (the row stays 'pending'), which beats posting it twice in a class group.

A recap is due from the Monday's quiz time for `GRACE` (a bot down at 07:00 still posts at 08:30),
never later: a recap of last week arriving on Thursday would confuse.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import Bot
from telegram.error import ChatMigrated, Forbidden, TelegramError

from bot.charts import Renderer
from bot.charts.worker import RenderError
from bot.core import schedule
from bot.core.content import ContentBank
from bot.core.i18n import pick_language, t
from bot.core.markup import escape
from bot.insight import class_report, pct, topic_name
from bot.pictures import send_picture
from bot.players import NOT_PLAYERS
from bot.storage import Store
from bot.storage.insights import ClassStats, WeeklyRecapTarget

log = logging.getLogger(__name__)

GRACE = timedelta(hours=2)
TOP = 3


def week_of(now: datetime, zone: str) -> date:
    """The Monday of `now`'s week in `zone`."""
    local = schedule.local_day(now, zone)
    return local - timedelta(days=local.weekday())


class WeeklyRecaps:
    """Posts the weekly recaps due; one per process, driven by the broadcast tick."""

    def __init__(self, bot: Bot, store: Store, bank: ContentBank, renderer: Callable[[], Renderer]) -> None:
        self.bot = bot
        self.store = store
        self.bank = bank
        self._renderer = renderer

    async def run_due(self, now: datetime) -> int:
        """Post every recap due at `now` not posted yet; returns how many this call posted."""
        posted = 0
        for target in await self.store.weekly_recap_targets():
            monday = week_of(now, target.timezone)
            due = schedule.run_at(monday, target.local_time, target.timezone)
            if not due <= now < due + GRACE:
                continue
            if not await self.store.claim_weekly_recap(target.chat_id, monday):
                continue
            message_id = await self._post(target, monday, now)
            await self.store.finish_weekly_recap(target.chat_id, monday, message_id=message_id)
            posted += message_id is not None
        return posted

    async def _post(self, target: WeeklyRecapTarget, monday: date, now: datetime) -> int | None:
        """Send the recap; the message id, or None when it could not be posted (logged)."""
        chat_id = target.chat_id
        lang = pick_language(target.language, None)
        zone = ZoneInfo(target.timezone)
        start = datetime.combine(monday - timedelta(days=7), datetime.min.time(), tzinfo=zone)
        end = datetime.combine(monday, datetime.min.time(), tzinfo=zone)
        report = await class_report(self.store, self.bank, chat_id, target.title or str(chat_id), now, zone, lang,
                                    since=start, until=end)
        text = await self._text(report.stats, start, chat_id, lang)
        png = None
        if report.stats.answers_week:
            try:
                png = await self._renderer().render(report.picture, lang)
            except RenderError:
                log.exception("weekly recap picture for chat %s not drawn; posting the words alone", chat_id)
        try:
            if png is None:
                message = await self.bot.send_message(chat_id, text, parse_mode="HTML")
            else:
                message = await send_picture(self.bot, chat_id, png, text, name="rekap.png")
        except (Forbidden, ChatMigrated) as exc:
            log.info("weekly recap for chat %s not posted: %s", chat_id, exc)
            if isinstance(exc, Forbidden):
                await self.store.set_chat_active(chat_id, False)
            return None
        except TelegramError as exc:
            log.warning("weekly recap for chat %s not posted: %s", chat_id, exc)
            return None
        return message.message_id

    async def _text(self, stats: ClassStats, start: datetime, chat_id: int, lang: str) -> str:
        last = start.date() + timedelta(days=6)
        lines = [t("rekap.header", lang, start=f"{start.date():%d/%m}", end=f"{last:%d/%m}")]
        if stats.answers_week == 0:
            lines.append(t("rekap.quiet", lang))
            return "\n".join(lines)
        lines.append(t("rekap.figures", lang, students=stats.students_week, answers=stats.answers_week,
                       accuracy=pct(stats.correct_week, stats.answers_week)))
        weakest = [row for row in stats.topics_week if row.correct < row.answered][:2]
        if weakest:
            names = ", ".join(f"{escape(topic_name(self.bank, row.topic, lang))} ({pct(row.correct, row.answered)}%)"
                              for row in weakest)
            lines.append(t("rekap.weakest", lang, topics=names))
        board = [row for row in await self.store.leaderboard(chat_id, start, TOP + len(NOT_PLAYERS))
                 if row.user_id not in NOT_PLAYERS][:TOP]
        if board:
            lines += ["", t("rekap.top", lang)]
            lines += [t("rank.row", lang, n=i, name=escape(row.name), correct=row.correct, answered=row.answered)
                      for i, row in enumerate(board, 1)]
        return "\n".join(lines)
