"""Owner statistics: one formatter for Telegram's /statistik and `python -m bot stats`.

"Today" is the calendar day in BOT_TIMEZONE, so the numbers match what a teacher in Indonesia calls today.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core import schedule
from bot.core.content import ContentBank, ContentInvalid, load_bank
from bot.core.freshness import stale_facts
from bot.core.i18n import t
from bot.core.markup import escape, strip_tags
from bot.settings import Settings
from bot.storage import BotStats, ReportRecord, Store

TYPE_ORDER = ("private", "group", "supergroup", "channel")
DATABASE_WAIT_S = 10.0  # `check` does not wait longer for a database it only reads reports from
REPORTS_SHOWN = 5  # the dashboard lists the oldest open reports; /laporan lists more


def today_start(now: datetime, zone: str) -> datetime:
    """Local midnight of `now`'s day in `zone`, as UTC."""
    return schedule.day_start(schedule.local_day(now, zone), zone)


def _counts(values: dict[str, int], lang: str) -> str:
    if not values:
        return t("stats.none", lang)
    keys = sorted(values, key=lambda k: (TYPE_ORDER.index(k) if k in TYPE_ORDER else len(TYPE_ORDER), k))
    total = sum(values.values())
    return f"{total} (" + ", ".join(f"{escape(k)} {values[k]}" for k in keys) + ")"


def _pct(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def format_stats(stats: BotStats, lang: str, day: str, bank: ContentBank | None = None,
                 stale: int | None = None, reports: tuple[int, list[ReportRecord]] | None = None) -> str:
    """The dashboard as Telegram HTML (strip the tags for a terminal); `stale` = dated facts past review,
    `reports` = how many mistake reports are open and the oldest of them."""
    lines = [
        t("stats.header", lang, day=day),
        t("stats.chats", lang, items=_counts(stats.chats_by_type, lang)),
        t("stats.subscriptions", lang, items=_counts(stats.active_subscriptions_by_type, lang)),
        t("stats.deliveries", lang, items=_counts(stats.deliveries_today, lang)),
        t("stats.answers", lang, count=stats.answers_today),
        "",
        t("stats.topics", lang),
    ]
    if stats.accuracy_per_topic:
        for topic, (answered, correct) in sorted(stats.accuracy_per_topic.items()):
            name = bank.topics[topic].name if bank and topic in bank.topics else topic
            lines.append(f"• {escape(name)}: {correct}/{answered} ({_pct(correct, answered)}%)")
    else:
        lines.append(t("stats.none", lang))
    lines += ["", t("stats.missed", lang)]
    if stats.most_missed:
        for question_id, wrong, answered in stats.most_missed:
            question = bank.quiz.get(question_id) if bank else None
            label = question.question if question else question_id
            lines.append(t("stats.missed_row", lang, question=escape(label), wrong=wrong, answered=answered))
    else:
        lines.append(t("stats.none", lang))
    lines += ["", t("stats.unanswered", lang)]
    if stats.top_unanswered:
        lines += [f"• {escape(text)} ×{count}" for text, count in stats.top_unanswered]
    else:
        lines.append(t("stats.none", lang))
    if stale is not None:
        lines += ["", t("stats.stale", lang, count=stale)]
    if reports is not None:
        lines += ["", *format_reports(*reports, lang)]
    return "\n".join(lines)


def format_reports(count: int, oldest: list[ReportRecord], lang: str) -> list[str]:
    """The open mistake reports, oldest first, each with what it is about and what the reporter said."""
    lines = [t("reports.header", lang, count=count)]
    for report in oldest:
        text = report.text if len(report.text) <= 200 else report.text[:199] + "…"
        lines.append(t("reports.row", lang, id=report.id, kind=report.kind, ref=escape(report.ref),
                       day=report.created_at.date().isoformat(), text=escape(text)))
    return lines


def stale_count(bank: ContentBank | None, now: datetime, zone: str) -> int | None:
    """Dated facts past their review day (None without the content)."""
    day = schedule.local_day(now, zone)
    return len(stale_facts(bank.faq.values(), bank.quiz.values(), day)) if bank else None


async def collect(store: Store, now: datetime, zone: str, bank: ContentBank | None, lang: str = "id") -> str:
    """Read the figures for "today" in `zone` and format them."""
    stats = await store.stats(today_start(now, zone))
    day = schedule.local_day(now, zone)
    reports = (await store.count_open_reports(), await store.open_reports(REPORTS_SHOWN))
    return format_stats(stats, lang, day.isoformat(), bank, stale_count(bank, now, zone), reports)


async def draw_picture(store: Store, now: datetime, zone: str, bank: ContentBank | None, lang: str = "id") -> bytes:
    """The owners' picture (the last 30 days) as PNG, drawn in this process (the CLI has no loop to keep)."""
    from bot.charts.draw import render
    from bot.insight import bot_picture

    picture = await bot_picture(store, now, ZoneInfo(zone), stale_count(bank, now, zone))
    return render(picture, lang)


async def print_stats(settings: Settings, picture: str | None = None) -> int:
    """`python -m bot stats [--picture FILE.png]`: the /statistik figures on stdout, straight from the
    database, and the same picture as /statistik in FILE.png when asked."""
    try:
        bank: ContentBank | None = load_bank(settings.resolved_content_dir)
    except (ContentInvalid, OSError):
        bank = None  # question ids instead of texts; the numbers do not need the content
    try:
        store = await Store.open(settings.async_database_url, default_timezone=settings.bot_timezone)
    except Exception as exc:
        print(f"cannot open the database {settings.database_url.split('@')[-1]!r}: {exc}", file=sys.stderr)
        return 1
    now = datetime.now(UTC)
    try:
        text = await collect(store, now, settings.bot_timezone, bank)
        png = await draw_picture(store, now, settings.bot_timezone, bank) if picture else None
    finally:
        await store.close()
    print(strip_tags(text))
    if picture and png is not None:
        try:
            await asyncio.to_thread(Path(picture).write_bytes, png)
        except OSError as exc:
            print(f"cannot write the picture to {picture}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"picture: {picture} ({len(png) // 1024} KB)", file=sys.stderr)
    return 0


def sqlite_file(database_url: str) -> Path | None:
    """The file behind a sqlite URL (None for other databases and in-memory SQLite)."""
    scheme, sep, rest = database_url.partition(":///")
    if not sep or not scheme.startswith("sqlite") or rest in ("", ":memory:"):
        return None
    return Path(rest.split("?", 1)[0])


async def open_report_refs(settings: Settings) -> dict[str, list[str]] | None:
    """Ids with open mistake reports, per kind, for `check --json`; None when there is no database to read.

    Never creates a database: a SQLite file that does not exist means no reports."""
    path = sqlite_file(settings.database_url)
    if path is not None and not path.is_file():
        return None

    async def read() -> dict[str, list[str]]:
        store = await Store.open(settings.async_database_url, default_timezone=settings.bot_timezone)
        try:
            return await store.open_report_refs()
        finally:
            await store.close()

    try:
        async with asyncio.timeout(DATABASE_WAIT_S):
            return await read()
    except Exception as exc:  # `check` is about content: an unreachable database is a note, not a failure
        print(f"open reports not listed: cannot read the database ({type(exc).__name__})", file=sys.stderr)
        return None
