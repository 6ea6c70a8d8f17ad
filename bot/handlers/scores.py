"""/skor (a student's own numbers, with a progress card in private) and /peringkat (a group's
leaderboard, this week and all time)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import Update

from bot.core.i18n import t
from bot.core.markup import escape
from bot.handlers.common import is_private, language_for, reply_html
from bot.insight import review_boxes_line, student_picture
from bot.pictures import render, send_picture
from bot.players import NOT_PLAYERS
from bot.services import TutorContext
from bot.storage import LeaderRow

LEADERBOARD_SIZE = 10


def _percent(correct: int, answered: int) -> int:
    return round(100 * correct / answered) if answered else 0


async def _zone(context: TutorContext, chat_id: int) -> ZoneInfo:
    """The chat's own time zone (set with /zona), else BOT_TIMEZONE: weeks and streak days use it."""
    svc = context.services
    record = await svc.store.get_chat(chat_id)
    if record is not None and record.timezone:
        try:
            return ZoneInfo(record.timezone)
        except (ValueError, KeyError):
            pass
    return svc.settings.timezone


async def skor(update: Update, context: TutorContext) -> None:
    """/skor: answered, correct, accuracy per topic, current and best daily streak."""
    svc = context.services
    user = update.effective_user
    if user is None or user.id in NOT_PLAYERS:
        return
    lang = await language_for(update, context)
    zone = await _zone(context, user.id)
    now = svc.clock()
    stats = await svc.store.user_stats(user.id, now.astimezone(zone).date(), tz=zone.key)
    if stats.answered == 0:
        await reply_html(update, context, t("score.none", lang))
        return
    lines = [t("score.summary", lang, name=escape(user.first_name), answered=stats.answered,
               correct=stats.correct, accuracy=_percent(stats.correct, stats.answered),
               streak=stats.current_streak, best=stats.best_streak)]
    topics = svc.tutor.bank.topics
    rows = sorted(stats.per_topic.items(), key=lambda item: (-item[1][0], item[0]))
    if rows:
        lines.append("")
        lines.append(t("score.topics", lang))
        for topic_id, (answered, correct) in rows:
            topic = topics.get(topic_id)
            name = (topic.name_en if lang == "en" else topic.name) if topic else topic_id
            lines.append(t("score.topic_row", lang, topic=escape(name), correct=correct, answered=answered,
                           accuracy=_percent(correct, answered)))
    due, _ = await svc.store.review_count(user.id, now)
    if due:
        lines.append("")
        lines.append(t("score.reviews", lang, due=due))
    chat = update.effective_chat
    if is_private(chat) and chat is not None:  # the progress card, with the words as its caption
        picture = await student_picture(svc.store, svc.tutor.bank, user.id, user.first_name, stats.per_topic,
                                        stats.current_streak, now, zone, lang)
        lines.append(review_boxes_line(picture, lang))
        png = await render(svc, picture, lang)
        if png is not None:
            await send_picture(context.bot, chat.id, png, "\n".join(lines), name="skor.png")
            return
    await reply_html(update, context, "\n".join(lines))


def _rows(rows: list[LeaderRow], lang: str) -> str:
    players = [r for r in rows if r.user_id not in NOT_PLAYERS][:LEADERBOARD_SIZE]
    if not players:
        return t("rank.nobody", lang)
    return "\n".join(t("rank.row", lang, n=i, name=escape(r.name), correct=r.correct, answered=r.answered)
                     for i, r in enumerate(players, 1))


def week_start(now: datetime, zone: ZoneInfo) -> datetime:
    """Monday 00:00 of this week in the chat's zone."""
    local = now.astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


async def peringkat(update: Update, context: TutorContext) -> None:
    """/peringkat: the group's best players this week and of all time (never anonymous senders)."""
    svc = context.services
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language_for(update, context)
    if is_private(chat):
        await reply_html(update, context, t("rank.private", lang))
        return
    since = week_start(svc.clock(), await _zone(context, chat.id))
    limit = LEADERBOARD_SIZE + len(NOT_PLAYERS)
    week = await svc.store.leaderboard(chat.id, since, limit)
    ever = await svc.store.leaderboard(chat.id, None, limit)
    text = "\n\n".join([t("rank.header", lang), f"{t('rank.week', lang)}\n{_rows(week, lang)}",
                        f"{t('rank.all', lang)}\n{_rows(ever, lang)}"])
    await reply_html(update, context, text)
