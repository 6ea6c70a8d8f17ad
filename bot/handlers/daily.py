"""/harian [HH:MM|off] and /zona WIB|WITA|WIT|IANA: the chat's daily-quiz schedule.

In groups only admins may change them (checked with Telegram, anonymous admins included); anyone may
look. The broadcast engine reads the schedule from the database every minute, so a change takes
effect at the next minute without touching any job. Turning the quiz on also marks the chat active
(the command came from it), in case the database missed the bot coming back.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from telegram import Update

from bot.core import schedule
from bot.core.i18n import t
from bot.core.markup import escape
from bot.handlers.common import is_chat_admin, is_private, language_for, reply_html
from bot.services import Services, TutorContext

OFF_WORDS = frozenset({"off", "mati", "stop", "berhenti", "nonaktif"})
_DAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def format_when(moment: datetime, zone: str, lang: str) -> str:
    """"Senin 07:00 WIB" in the chat's zone."""
    local = schedule.to_local(moment, zone)
    day = _DAYS.get(lang, _DAYS["id"])[local.weekday()]
    return f"{day} {local:%d-%m-%Y %H:%M} {escape(schedule.zone_label(zone))}"


async def _chat_zone(svc: Services, chat_id: int) -> str:
    record = await svc.store.get_chat(chat_id)
    if record is not None and record.timezone:
        return record.timezone
    sub = await svc.store.get_subscription(chat_id)
    return sub.timezone if sub else svc.settings.bot_timezone


async def next_quiz(svc: Services, chat_id: int, local_time: time, zone: str) -> datetime:
    """When the chat really gets its next daily quiz: the next run, or the day after when the quiz of
    that run's day already went out (the engine sends one per day, e.g. sent at 07:00, now set to 19:00)."""
    upcoming = schedule.next_run(local_time, zone, svc.clock())
    day = schedule.local_day(upcoming, zone)
    if await svc.store.daily_done(chat_id, day):
        upcoming = schedule.run_at(day + timedelta(days=1), local_time, zone)
    return upcoming


async def harian(update: Update, context: TutorContext) -> None:
    """Show, set or turn off the daily quiz of this chat."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = context.services
    lang = await language_for(update, context)
    args = context.args or []
    sub = await svc.store.get_subscription(chat.id)
    if not args:
        if sub is None or not sub.enabled:
            await reply_html(update, context, t("daily.status_off", lang))
            return
        upcoming = await next_quiz(svc, chat.id, sub.local_time, sub.timezone)
        await reply_html(update, context, t(
            "daily.status_on", lang, time=schedule.format_local_time(sub.local_time),
            zone=escape(schedule.zone_label(sub.timezone)), next=format_when(upcoming, sub.timezone, lang)))
        return
    if not is_private(chat) and not await is_chat_admin(update, context):
        await reply_html(update, context, t("daily.admins_only", lang))
        return
    await svc.store.upsert_chat(chat.id, chat.type, chat.title)
    zone = await _chat_zone(svc, chat.id)
    if args[0].lower() in OFF_WORDS:
        local_time = sub.local_time if sub else schedule.DEFAULT_TIME
        await svc.store.set_subscription(chat.id, local_time, sub.timezone if sub else zone, False)
        await reply_html(update, context, t("daily.turned_off", lang))
        return
    try:
        local_time = schedule.parse_local_time(" ".join(args))
    except schedule.ScheduleInputError as exc:
        await reply_html(update, context, t(f"daily.bad_time.{exc.reason}", lang))
        return
    await svc.store.set_subscription(chat.id, local_time, zone, True)  # (re)activates the chat too
    upcoming = await next_quiz(svc, chat.id, local_time, zone)
    await reply_html(update, context, t(
        "daily.turned_on", lang, time=schedule.format_local_time(local_time),
        zone=escape(schedule.zone_label(zone)), next=format_when(upcoming, zone, lang)))


async def zona(update: Update, context: TutorContext) -> None:
    """Show or set the chat's time zone; the daily quiz follows it."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = context.services
    lang = await language_for(update, context)
    args = context.args or []
    if not args:
        zone = await _chat_zone(svc, chat.id)
        await reply_html(update, context, t("daily.zone_show", lang, zone=escape(schedule.zone_label(zone))))
        return
    if not is_private(chat) and not await is_chat_admin(update, context):
        await reply_html(update, context, t("daily.admins_only", lang))
        return
    try:
        zone = schedule.resolve_zone(" ".join(args))
    except schedule.ScheduleInputError:
        await reply_html(update, context, t("daily.bad_zone", lang))
        return
    await svc.store.upsert_chat(chat.id, chat.type, chat.title)
    await svc.store.set_chat_timezone(chat.id, zone)
    text = t("daily.zone_set", lang, zone=escape(schedule.zone_label(zone)))
    sub = await svc.store.get_subscription(chat.id)
    if sub is not None:
        await svc.store.set_subscription(chat.id, sub.local_time, zone, sub.enabled)  # on: (re)activates
        if sub.enabled:
            upcoming = await next_quiz(svc, chat.id, sub.local_time, zone)
            text += "\n" + t("daily.zone_next", lang, next=format_when(upcoming, zone, lang))
    await reply_html(update, context, text)
