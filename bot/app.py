"""`build_application`: the one place that wires the Telegram bot together.

Defaults (HTML, the bot's time zone), the Bot API base URL (a local or fake server in tests),
flood control, the Store and Services opened in post_init, the command menus per scope and
language, restart recovery of group quiz rounds, and the broadcast engine's start and stop.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, Defaults

import bot.broadcast
from bot.charts.worker import RENDERER_KEY
from bot.core.conversation import Tutor
from bot.core.matcher import indistinct_phrasings
from bot.handlers.quiz import resume_rounds, sweep_overdue_rounds
from bot.handlers.registry import register_handlers
from bot.handlers.reports import recap_markup
from bot.health import HEALTH_KEY, VITALS_KEY, HealthState
from bot.logs import quiet_libraries
from bot.processor import ChatOrderedProcessor
from bot.ratelimit import GracefulRateLimiter
from bot.services import (
    CONTEXT_TYPES,
    Services,
    TutorApplication,
    attach_services,
    find_services,
    has_services,
    services_of,
)
from bot.settings import Settings
from bot.storage import Store
from bot.transport import Vitals, WatchedRequest
from bot.tutor_cache import tutor_for

log = logging.getLogger(__name__)

OWNS_STORE_KEY = "owns_store"
TUTOR_KEY = "tutor"  # bot_data: the Tutor loaded (and its content checked) before start-up, for post_init
RATE_LIMIT_RETRIES = 3
CONCURRENT_UPDATES = 12  # handled at once; under the database pool (15), waits on Telegram hand theirs back

# (command, Indonesian description, English description)
PRIVATE_COMMANDS = [
    ("start", "Mulai dan lihat menu", "Start and show the menu"),
    ("topik", "Jelajahi topik dan pertanyaan", "Browse topics and questions"),
    ("kuis", "Latihan kuis: /kuis [topik] [jumlah]", "Practice quiz: /kuis [topic] [count]"),
    ("batal", "Hentikan kuis yang sedang berjalan", "Stop the running quiz"),
    ("ulang", "Ulangi soal yang pernah salah", "Review questions you got wrong"),
    ("skor", "Skor, ketepatan, dan runtutan harian", "Score, accuracy and daily streak"),
    ("harian", "Kuis harian: /harian [JJ:MM|off]", "Daily quiz: /harian [HH:MM|off]"),
    ("zona", "Zona waktu kuis harian: /zona WIB|WITA|WIT", "Daily quiz time zone: /zona WIB|WITA|WIT"),
    ("bahasa", "Ganti bahasa (Indonesia/English)", "Change language (Indonesia/English)"),
    ("help", "Daftar perintah", "List of commands"),
]
GROUP_COMMANDS = [
    ("tanya", "Tanya: /tanya pertanyaan", "Ask: /tanya question"),
    ("kuis", "Kuis grup: /kuis [topik] [jumlah]", "Group quiz: /kuis [topic] [count]"),
    ("peringkat", "Peringkat grup minggu ini dan sepanjang waktu", "Group leaderboard, this week and all time"),
    ("topik", "Jelajahi topik dan pertanyaan", "Browse topics and questions"),
    ("skor", "Skor kamu sendiri", "Your own score"),
    ("help", "Daftar perintah", "List of commands"),
]
ADMIN_COMMANDS = [
    *GROUP_COMMANDS,
    ("batal", "Admin: hentikan kuis grup", "Admins: stop the group quiz"),
    ("harian", "Admin: kuis harian /harian [JJ:MM|off]", "Admins: daily quiz /harian [HH:MM|off]"),
    ("zona", "Admin: zona waktu /zona WIB|WITA|WIT", "Admins: time zone /zona WIB|WITA|WIT"),
    ("bahasa", "Admin: bahasa grup", "Admins: group language"),
    ("kelas", "Admin: gambaran kelas dan CSV per siswa", "Admins: class insight and per-student CSV"),
    ("rekap", "Admin: rekap mingguan /rekap on|off", "Admins: weekly recap /rekap on|off"),
]


def build_application(settings: Settings, *, services: Services | None = None, tutor: Tutor | None = None,
                      rate_limit: bool = True) -> TutorApplication:
    """The configured Application; the Store opens in post_init (pass `services` to inject one).

    `tutor`: the content already loaded, as `python -m bot run` does before any network call so
    that invalid content stops it with one line; post_init loads it otherwise.

    `rate_limit=False` leaves out the rate limiter (benchmarks with flood limits off). The limiter
    keeps Telegram's limits per bot, group and private chat, scopes flood waits to what they concern
    and retries replies while Telegram fails for a while (bot/ratelimit.py). Updates of different
    chats are handled concurrently, each chat's in order (bot/processor.py); the requests note what
    the health check needs and skip updates the library cannot read (bot/transport.py).
    """
    if not settings.token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    quiet_libraries()  # httpx logs request URLs, which contain the token: hold it at WARNING however we run
    vitals = Vitals()
    # PTB's builder types follow each call (the rate limiter's argument type becomes the bot's); the
    # Application it builds is a TutorApplication, as the return type says.
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(settings.token)
        .context_types(CONTEXT_TYPES)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=ZoneInfo(settings.bot_timezone)))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(ChatOrderedProcessor(CONCURRENT_UPDATES))
        .request(WatchedRequest(vitals, connection_pool_size=256))
        .get_updates_request(WatchedRequest(vitals, updates=True, connection_pool_size=1))
    )
    if rate_limit:
        builder = builder.rate_limiter(GracefulRateLimiter(max_retries=RATE_LIMIT_RETRIES))
    application = builder.build()
    application.bot_data["settings"] = settings
    application.bot_data[VITALS_KEY] = vitals
    if tutor is not None:
        application.bot_data[TUTOR_KEY] = tutor
    if services is not None:
        attach_services(application, services)
    register_handlers(application)
    return application


async def _post_init(application: TutorApplication) -> None:
    """Open the database, build Services, set the command menus, resume rounds, start broadcasts."""
    settings: Settings = application.bot_data["settings"]
    if not has_services(application):
        tutor = application.bot_data.pop(TUTOR_KEY, None) or tutor_for(settings)
        for problem in indistinct_phrasings(tutor.bank, tutor.matcher):  # `check` reports these too
            log.warning("content: %s", problem)
        store = await Store.open(settings.async_database_url, default_timezone=settings.bot_timezone)
        attach_services(application, Services(settings=settings, tutor=tutor, store=store))
        application.bot_data[OWNS_STORE_KEY] = True
    services = services_of(application)
    services.extras[HEALTH_KEY] = HealthState(services)
    if "ocr" not in services.extras:  # photo questions; logs once when Tesseract is missing
        from bot.ocr import OcrService  # Pillow and NumPy load only for the bot, never for `ask`

        services.extras["ocr"] = OcrService.detect(settings.tesseract_cmd, workers=settings.ocr_workers)
    await set_commands(application)
    await resume_rounds(application)
    await bot.broadcast.on_startup(application, recap_markup=recap_markup, leader_duties=[sweep_overdue_rounds])
    # Start-up objects (content, matcher indexes, libraries) live as long as the bot: keep them out of
    # the cyclic collector, whose full passes over them stalled the event loop for 50–250 ms.
    gc.collect()
    gc.freeze()


async def _post_shutdown(application: TutorApplication) -> None:
    """Stop broadcasts, then close the database we opened."""
    try:
        await bot.broadcast.on_shutdown(application)
    finally:
        services = find_services(application)
        health: HealthState | None = services.extras.get(HEALTH_KEY) if services is not None else None
        if services is not None and health is not None:
            try:
                await services.store.drop_probe(health.holder)
            except Exception as exc:  # the database may be what is failing; the row is harmless
                log.warning("could not remove the health probe row (%s)", type(exc).__name__)
            health.file.close()
        ocr = services.extras.pop("ocr", None) if services is not None else None
        if ocr is not None:
            ocr.close()
        renderer = services.extras.pop(RENDERER_KEY, None) if services is not None else None
        if renderer is not None:  # the picture worker process (started on the first picture)
            renderer.close()
        if services is not None and application.bot_data.pop(OWNS_STORE_KEY, False):
            await services.store.close()


def _commands(spec: Sequence[tuple[str, str, str]], lang: str) -> list[BotCommand]:
    return [BotCommand(name, en if lang == "en" else id_) for name, id_, en in spec]


async def set_commands(application: TutorApplication) -> None:
    """setMyCommands per scope (private, groups, group admins) and language (default Indonesian, en)."""
    scopes: list[tuple[BotCommandScope, Sequence[tuple[str, str, str]]]] = [
        (BotCommandScopeAllPrivateChats(), PRIVATE_COMMANDS),
        (BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
        (BotCommandScopeAllChatAdministrators(), ADMIN_COMMANDS),
    ]
    try:
        for scope, spec in scopes:
            await application.bot.set_my_commands(_commands(spec, "id"), scope=scope)
            await application.bot.set_my_commands(_commands(spec, "en"), scope=scope, language_code="en")
    except TelegramError as exc:  # menus are a convenience; the bot still works without them
        log.warning("setMyCommands failed: %s", exc)
