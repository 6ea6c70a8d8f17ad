"""/kelas (class insight for group admins), /rekap on|off (weekly recap), and sending pictures.

/kelas: the group gets class aggregates only; the picture and the per-student CSV go to the admin's
private chat, or, when the bot cannot write there yet, the group hears how to start the bot
(a deep link with ?start=kelas). Pictures render in the worker process (bot.charts.worker), so other
students are answered meanwhile; a picture that fails to render never costs the text.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, tzinfo

from telegram import InputFile, Update
from telegram.constants import ChatID
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.core import schedule
from bot.core.i18n import t
from bot.core.markup import escape
from bot.handlers.common import (
    is_chat_admin,
    is_private,
    language_for,
    reply_html,
    send_html,
    user_language_by_id,
)
from bot.handlers.scores import _zone
from bot.insight import ClassReport, class_csv, class_report
from bot.pictures import render, send_picture
from bot.services import TutorContext

log = logging.getLogger(__name__)

ON_WORDS = frozenset({"on", "nyala", "aktif", "ya"})
OFF_WORDS = frozenset({"off", "mati", "stop", "berhenti", "nonaktif"})
START_PAYLOAD = "kelas"


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "kelas"


def _anonymous(update: Update) -> bool:
    message = update.effective_message
    user = update.effective_user
    return (message is not None and message.sender_chat is not None) or (
        user is not None and user.id == ChatID.ANONYMOUS_ADMIN)


async def kelas(update: Update, context: TutorContext) -> None:
    """The class over the last 7 days and all time, for the group's admins."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    svc = context.services
    lang = await language_for(update, context)
    if is_private(chat):
        await reply_html(update, context, t("kelas.private", lang))
        return
    if not await is_chat_admin(update, context):
        await reply_html(update, context, t("kelas.admins_only", lang))
        return
    now = svc.clock()
    zone = await _zone(context, chat.id)
    title = chat.title or str(chat.id)
    report = await class_report(svc.store, svc.tutor.bank, chat.id, title, now, zone, lang)
    if report.stats.answers_all == 0:
        await reply_html(update, context, t("kelas.no_data", lang))
        return
    text = report.text if report.stats.students_all > 1 else t("kelas.one_student", lang)
    if _anonymous(update) or user is None:
        await reply_html(update, context, text + "\n\n" + t("kelas.anonymous", lang))
        return
    status = await _send_to_admin(context, user.id, user.first_name, report, lang, now, zone)
    await reply_html(update, context, text + "\n\n" + status)


async def _send_to_admin(context: TutorContext, user_id: int, first_name: str, group_report: ClassReport,
                         group_lang: str, now: datetime, zone: tzinfo) -> str:
    """Picture and CSV to the admin privately, in the admin's language; returns the line for the group."""
    svc = context.services
    chat_id, title = group_report.chat_id, group_report.picture.title
    lang = await user_language_by_id(context.application, user_id)
    report = group_report if lang == group_lang else await class_report(
        svc.store, svc.tutor.bank, chat_id, title, now, zone, lang)
    rows = await svc.store.class_students(chat_id, now, zone)
    name = escape(first_name)
    link = f"https://t.me/{context.bot.username}?start={START_PAYLOAD}"
    try:
        png = await render(svc, report.picture, lang)
        if png is not None:
            await send_picture(context.bot, user_id, png, t("kelas.photo_caption", lang, title=escape(title)),
                               name=f"{_slug(title)}.png")
        else:
            await send_html(context.bot, user_id, report.text)
        await context.bot.send_document(
            user_id, InputFile(class_csv(rows, svc.tutor.bank, lang), filename=f"{_slug(title)}.csv"),
            caption=t("kelas.csv_caption", lang),
        )
    except Forbidden as exc:  # never started the bot, or blocked it
        log.info("class picture not sent privately (%s)", exc.message)
        return t("kelas.start_me", group_lang, name=name, link=escape(link))
    except BadRequest as exc:
        if "chat not found" in exc.message.lower():  # Telegram's answer for a user it cannot reach
            return t("kelas.start_me", group_lang, name=name, link=escape(link))
        log.warning("class picture not sent privately: %s", exc.message)
        return t("error.generic", group_lang)
    except TelegramError:
        log.warning("class picture not sent privately", exc_info=True)
        return t("error.generic", group_lang)
    return t("kelas.sent_private", group_lang, name=name)


async def rekap(update: Update, context: TutorContext) -> None:
    """Show, or (admins) switch, the weekly class recap posted on Mondays at the daily-quiz time."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = context.services
    lang = await language_for(update, context)
    if is_private(chat):
        await reply_html(update, context, t("rekap.groups_only", lang))
        return
    args = [arg.lower() for arg in context.args or []]
    sub = await svc.store.get_subscription(chat.id)
    if not args:
        on = sub is not None and await svc.store.weekly_recap_on(chat.id)
        text = t("rekap.status_on", lang, time=schedule.format_local_time(sub.local_time),
                 zone=escape(schedule.zone_label(sub.timezone))) if on and sub is not None else t("rekap.status_off", lang)
        await reply_html(update, context, text)
        return
    if args[0] not in ON_WORDS | OFF_WORDS:
        await reply_html(update, context, t("rekap.usage", lang))
        return
    if not await is_chat_admin(update, context):
        await reply_html(update, context, t("rekap.admins_only", lang))
        return
    if args[0] in OFF_WORDS:
        await svc.store.set_weekly_recap(chat.id, False)
        await reply_html(update, context, t("rekap.off", lang))
        return
    if sub is None:
        await reply_html(update, context, t("rekap.needs_time", lang))
        return
    await svc.store.upsert_chat(chat.id, chat.type, chat.title)
    await svc.store.set_weekly_recap(chat.id, True)
    await reply_html(update, context, t("rekap.on", lang, time=schedule.format_local_time(sub.local_time),
                                        zone=escape(schedule.zone_label(sub.timezone))))
