"""Daily quiz broadcasts: the engine, its scheduler and the lease that keeps one scheduler per database.

`build_application` calls `on_startup` from post_init and `on_shutdown` from post_shutdown; the
runner calls `on_stop_deadline` when stopping takes longer than the engine's shutdown grace. The
schedule lives in the database, not in jobs: one job ticks every minute and asks the database which
chats are due, so start-up needs no rebuilding and a changed time takes effect at the next minute.
A second job renews the lease even while a long broadcast runs. The lease holder's tick also runs
the `leader_duties` given to `on_startup` (sweeping group quiz rounds whose process died), so
every such chore runs in exactly one process, whichever started the work.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable, Sequence

from telegram import InlineKeyboardMarkup

from bot.broadcast.engine import LEASE_NAME, BroadcastEngine, BroadcastReport, EngineConfig
from bot.broadcast.weekly import WeeklyRecaps
from bot.charts import renderer_of
from bot.core.content import QuizQuestion
from bot.services import TutorApplication, TutorContext, find_services, services_of

log = logging.getLogger(__name__)

ENGINE_KEY = "broadcast"
DUTIES_KEY = "leader_duties"
WEEKLY_KEY = "weekly-recaps"
TICK_JOB = "daily-broadcast-tick"
LEASE_JOB = "daily-broadcast-lease"

__all__ = [
    "ENGINE_KEY",
    "LEASE_NAME",
    "BroadcastEngine",
    "BroadcastReport",
    "EngineConfig",
    "engine_of",
    "on_shutdown",
    "on_startup",
    "on_stop_deadline",
    "run_weekly",
    "shutdown_grace",
]


def engine_of(application: TutorApplication) -> BroadcastEngine | None:
    """The running engine (kept in Services.extras), or None before start-up."""
    svc = find_services(application)
    return svc.extras.get(ENGINE_KEY) if svc is not None else None


LeaderDuty = Callable[[TutorApplication], Awaitable[object]]


async def on_startup(
    application: TutorApplication,
    recap_markup: Callable[[QuizQuestion, str], InlineKeyboardMarkup | None] | None = None,
    *,
    leader_duties: Sequence[LeaderDuty] = (),
) -> None:
    """Build the engine and schedule the minute tick (first one at once: it sends missed runs < 2 h late).

    `leader_duties` run after each tick of the process holding the lease (even while a broadcast runs)."""
    svc = services_of(application)
    svc.extras[DUTIES_KEY] = list(leader_duties)
    config = EngineConfig(recap_delay_hours=svc.settings.recap_delay_hours)
    engine = BroadcastEngine(
        application.bot,
        svc.store,
        svc.tutor.bank,
        config=config,
        clock=svc.clock,
        default_zone=svc.settings.bot_timezone,
        # Application.stop() clears `running` before it waits for jobs: the tick then finishes the
        # sends already claimed and stops taking new chats.
        keep_going=lambda: application.running,
        recap_markup=recap_markup,
    )
    svc.extras[ENGINE_KEY] = engine
    svc.extras[WEEKLY_KEY] = WeeklyRecaps(application.bot, svc.store, svc.tutor.bank,
                                          lambda: renderer_of(svc.extras))
    job_queue = application.job_queue
    if job_queue is None:
        log.error("no JobQueue (install python-telegram-bot[job-queue]): daily quizzes are not scheduled")
        return
    now = svc.clock()
    to_next_minute = 60 - now.second - now.microsecond / 1e6
    job_queue.run_once(_tick, when=0.5, name=TICK_JOB)
    job_queue.run_repeating(_tick, interval=60, first=to_next_minute + 0.2, name=TICK_JOB,
                            job_kwargs={"max_instances": 2, "coalesce": True, "misfire_grace_time": 30})
    job_queue.run_repeating(_renew, interval=max(5.0, config.lease_ttl / 3), first=math.ceil(config.lease_ttl / 3),
                            name=LEASE_JOB)
    log.info("daily quiz scheduler ready (holder %s)", engine.holder)


async def _tick(context: TutorContext) -> None:
    """Minute tick; while a long broadcast still runs it sends nothing new (the next one covers the
    gap) but still does the leader's duties."""
    application = context.application
    engine = engine_of(application)
    if engine is None or not application.running:
        return
    if not engine.busy:
        report = await engine.tick()
        if report is not None and (report.sent or report.failed or report.recapped or report.deactivated
                                   or report.abandoned):
            log.info("daily broadcast: %s", report.as_dict())
        if report is not None and engine.leader and application.running:
            await run_weekly(application)
    if engine.leader and application.running:
        for duty in services_of(application).extras.get(DUTIES_KEY, ()):
            try:
                await duty(application)
            except Exception:  # one failing chore must not stop the others, nor the next tick
                log.exception("scheduler duty %s failed", getattr(duty, "__name__", duty))


async def run_weekly(application: TutorApplication) -> int:
    """The weekly class recaps due now (the lease holder's tick calls this); how many were posted."""
    svc = services_of(application)
    weekly = svc.extras.get(WEEKLY_KEY)
    if weekly is None:
        return 0
    try:
        posted: int = await weekly.run_due(svc.clock())
    except Exception:
        log.exception("weekly recaps failed; the next tick tries the chats not yet claimed")
        return 0
    if posted:
        log.info("weekly recaps posted: %d", posted)
    return posted


async def _renew(context: TutorContext) -> None:
    """Keep the lease while a broadcast runs longer than its TTL."""
    engine = engine_of(context.application)
    if engine is not None and engine.leader:
        await engine.ensure_lease()


def shutdown_grace(application: TutorApplication) -> float:
    """How long a stop lets broadcast sends under way finish before `on_stop_deadline`."""
    engine = engine_of(application)
    return engine.config.shutdown_grace if engine is not None else EngineConfig.shutdown_grace


def on_stop_deadline(application: TutorApplication) -> None:
    """Stopping outlived the grace (Telegram is making us wait out a flood limit): stop waiting.

    Broadcast sends still waiting are cancelled (their deliveries stay pending for the next start),
    and the rate limiter stops waiting out 429s, so handlers in flight end too instead of holding
    the exit for the whole retry_after.
    """
    engine = engine_of(application)
    if engine is not None:
        engine.abandon_waits()
    close = getattr(getattr(application.bot, "rate_limiter", None), "close", None)
    if callable(close):  # bot.ratelimit.GracefulRateLimiter
        close()
    log.warning("still stopping after the grace: no more waiting out Telegram's flood limits")


async def on_shutdown(application: TutorApplication) -> None:
    """Stop taking new chats, then give the lease up so another process can take over at once."""
    engine = engine_of(application)
    if engine is None:
        return
    engine.stop()
    try:
        await engine.release_lease()
    except Exception:
        log.warning("could not release the broadcast lease; it expires by itself", exc_info=True)
    log.info("daily quiz scheduler stopped")
