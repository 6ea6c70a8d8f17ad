"""/siarkan and /statistik for the owners listed in ADMIN_USER_IDS (operators and teachers running the bot)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update

from bot.broadcast import LEASE_NAME, BroadcastReport, engine_of
from bot.core.i18n import t
from bot.core.markup import escape
from bot.handlers.common import language_for, reply_html
from bot.handlers.reports import LIST_LIMIT
from bot.insight import bot_picture
from bot.pictures import render, send_picture
from bot.services import TutorContext
from bot.stats import collect, format_reports, stale_count


def is_owner(update: Update, context: TutorContext) -> bool:
    """Owners are configured, not inferred: ADMIN_USER_IDS."""
    user = update.effective_user
    return user is not None and user.id in context.services.settings.admin_user_ids


def report_text(report: BroadcastReport, lang: str) -> str:
    """The one-line /siarkan summary."""
    extra = ""
    if report.deactivated or report.migrated:
        extra = t("owner.broadcast_extra", lang, deactivated=report.deactivated, migrated=report.migrated)
    text = t("owner.broadcast_done", lang, sent=report.sent, skipped=report.skipped, failed=report.failed,
             extra=extra)
    if report.stopped_early:
        text += "\n" + t("owner.broadcast_stopped", lang)
    return text


async def siarkan(update: Update, context: TutorContext) -> None:
    """Send today's quiz now to every subscribed chat that has not had it, then report the counts.

    Runs only in the process holding the broadcast lease, so it never races the scheduled run elsewhere.
    The broadcast runs in the background (10,000 chats take minutes and PTB handles one update at a
    time): the owner hears at once that it started and gets the counts when it ends, and students
    are answered meanwhile.
    """
    lang = await language_for(update, context)
    if not is_owner(update, context):
        await reply_html(update, context, t("owner.only", lang))
        return
    engine = engine_of(context.application)
    svc = context.services
    if engine is None:
        await reply_html(update, context, t("error.generic", lang))
        return
    if not await engine.ensure_lease():
        holder = await svc.store.lease_holder(LEASE_NAME, svc.clock()) or "?"
        await reply_html(update, context, t("owner.broadcast_elsewhere", lang, holder=escape(holder)))
        return
    await reply_html(update, context, t("owner.broadcast_start", lang))

    async def broadcast() -> None:
        report = await engine.send_today()
        await reply_html(update, context, report_text(report, lang))

    context.application.create_task(broadcast(), update=update, name="siarkan")


async def statistik(update: Update, context: TutorContext) -> None:
    """The owners' dashboard (same figures as `python -m bot stats`), then its picture of the last 30 days."""
    lang = await language_for(update, context)
    if not is_owner(update, context):
        await reply_html(update, context, t("owner.only", lang))
        return
    svc = context.services
    now = svc.clock()
    text = await collect(svc.store, now, svc.settings.bot_timezone, svc.tutor.bank, lang)
    await reply_html(update, context, text)
    chat = update.effective_chat
    stale = stale_count(svc.tutor.bank, now, svc.settings.bot_timezone)
    picture = await bot_picture(svc.store, now, ZoneInfo(svc.settings.bot_timezone), stale)
    png = await render(svc, picture, lang)
    if png is not None and chat is not None:
        await send_picture(context.bot, chat.id, png, t("owner.picture_caption", lang), name="statistik.png")


async def laporan(update: Update, context: TutorContext) -> None:
    """/laporan: the open mistake reports; /laporan selesai N closes report N once it is dealt with."""
    lang = await language_for(update, context)
    if not is_owner(update, context):
        await reply_html(update, context, t("owner.only", lang))
        return
    store = context.services.store
    args = context.args or []
    if len(args) == 2 and args[0].lower() in ("selesai", "tutup", "close", "done") and args[1].lstrip("#").isdecimal():
        number = int(args[1].lstrip("#")[:9])
        closed = await store.close_report(number, context.services.clock())
        await reply_html(update, context, t("reports.closed" if closed else "reports.not_found", lang, id=number))
        return
    lines = format_reports(await store.count_open_reports(), await store.open_reports(LIST_LIMIT), lang)
    await reply_html(update, context, "\n".join([*lines, "", t("reports.usage", lang)]))
