"""The broadcast engine: sends the daily quiz to every chat due, exactly once, as fast as Telegram allows.

Exactly once rests on the database, not on memory: a delivery row is claimed before sending and
marked sent (with its poll and the question's place in the rotation, one transaction) right after
Telegram answers, so a restart (or a second process taking over the lease) resends only what never
went out. The one gap no bot can close is a crash between Telegram accepting the poll and our
commit, a few milliseconds per chat.

Shutdown: `stop()` stops taking new chats and lets the sends under way finish; if some are still
waiting on a flood limit when the grace runs out, `abandon_waits()` cancels exactly those (never a
request Telegram may be accepting, see flight.py). Their deliveries stay 'pending', which the next
run (after a restart: the missed-run look-back) claims and sends again.

Only the holder of the "daily-broadcast" lease sends on schedule, so several processes can share one
database (webhook mode behind a load balancer) without sending a quiz twice.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from time import monotonic as _monotonic
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.broadcast.flight import Abandoned, Flight, enter_flight, on_the_wire, retry_seconds, waiting
from bot.broadcast.pacer import Pacer
from bot.core import schedule
from bot.core.content import ContentBank, QuizQuestion
from bot.core.i18n import pick_language, t
from bot.core.markup import escape
from bot.core.quiz import prepare_poll
from bot.polls import send_quiz_poll
from bot.storage import DeliveryRecord, Store, SubscriptionRecord
from bot.storage.records import DailyPick

_Result = TypeVar("_Result")

log = logging.getLogger(__name__)

LEASE_NAME = "daily-broadcast"
MAX_FLOOD_WAITS = 50


def holder_is_gone(holder: str) -> bool:
    """True when a lease holder ("host:pid:tag") ran on this host and its process no longer exists.

    A restart after a crash or kill -9 then resumes at once instead of waiting out the lease. Anything
    uncertain counts as alive: another host, our own pid (a container restarted with the same pid),
    or a process we may not signal.
    """
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid in (0, os.getpid()):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # EPERM: it exists under another user
        return False
    return False


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class EngineConfig:
    """Knobs; the defaults are for Telegram. Tests raise `rate` and shrink `backoff` to stay fast."""

    rate: float = 28.0  # messages/s for broadcasts; Telegram allows ~30, the rest is for replies
    group_per_minute: int = 20
    concurrency: int = 32
    max_attempts: int = 6
    backoff: float = 0.5  # first wait after a network error or 5xx; doubles each time
    max_backoff: float = 30.0
    lease_ttl: float = 90.0
    grace: timedelta = schedule.MISSED_GRACE
    recap_delay_hours: float = 12.0
    question_seed: int = 20250101
    shutdown_grace: float = 5.0  # seconds sends under way get at shutdown before waiting ones are cancelled


@dataclass
class BroadcastReport:
    """What one run did, for logs, /siarkan and the benchmark."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0
    deactivated: int = 0
    migrated: int = 0
    retries: int = 0
    rate_limited: int = 0
    recapped: int = 0
    abandoned: int = 0  # cut short at shutdown while waiting on a flood limit; the next run sends them
    stopped_early: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return asdict(self)


@dataclass
class _Job:
    chat_id: int
    day: date
    language: str | None
    chat_type: str | None
    zone: str
    local_time: time


class _ChatGone(Exception):
    """Forbidden: the user blocked the bot or the bot left the group."""


class _GaveUp(Exception):
    """Retries exhausted, or a request Telegram will never accept."""


class BroadcastEngine:
    """Daily quiz and recap sender; one per process, shared by the scheduler and /siarkan."""

    def __init__(
        self,
        bot: Bot,
        store: Store,
        bank: ContentBank,
        *,
        config: EngineConfig | None = None,
        clock: Callable[[], datetime] = _utc_now,
        holder: str | None = None,
        default_zone: str = "Asia/Jakarta",
        keep_going: Callable[[], bool] | None = None,
        recap_markup: Callable[[QuizQuestion, str], InlineKeyboardMarkup | None] | None = None,
    ) -> None:
        self.bot = bot
        self.recap_markup = recap_markup  # the "Laporkan kesalahan" button under a recap (handlers build it)
        self.store = store
        self.bank = bank
        self.config = config or EngineConfig()
        self.clock = clock
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.default_zone = default_zone
        self.pacer = Pacer(self.config.rate, self.config.group_per_minute)
        self._keep_going = keep_going or (lambda: True)
        self._stopping = False
        self._abandoning = False
        self._flights: set[Flight] = set()
        # With our rate limiter (bot.ratelimit) the limiter tells which part of a request is on the wire;
        # with a plain Bot the whole request is.
        self._limiter_marks_wire = bool(getattr(getattr(bot, "rate_limiter", None), "MARKS_WIRE", False))
        self._lock = asyncio.Lock()
        self._idle = asyncio.Event()
        self._idle.set()
        self._scheduled = False  # inside tick(): losing the lease stops the run
        self._watermark: datetime | None = None
        self.leader = False
        self._told_waiting = False  # the 'lease held by …' line was logged
        # For the health check (monotonic seconds): when the lease was last settled (held by us, or
        # knowingly by another live process), and when a broadcast last made progress.
        self.lease_settled_at: float | None = None
        self.progress_at = _monotonic()
        self._bank_ids = sorted(bank.quiz)

    # ------------------------------------------------------------------------------ lifecycle

    @property
    def busy(self) -> bool:
        """A broadcast or recap run is in progress in this process."""
        return self._lock.locked()

    def stop(self) -> None:
        """Stop taking new chats; sends already claimed finish (graceful shutdown)."""
        self._stopping = True

    def abandon_waits(self) -> None:
        """The shutdown grace is over: cancel the sends still waiting (pacer, backoff, flood wait).

        Sends on the wire finish and are recorded; should Telegram refuse one with 429, it ends then
        instead of waiting. Either way a send cut short leaves its delivery 'pending' for the next run.
        """
        self._stopping = True
        self._abandoning = True
        for flight in list(self._flights):
            flight.abandon()

    async def wait_idle(self) -> None:
        """Return once no broadcast or recap run is in progress."""
        await self._idle.wait()

    async def _exclusive(self, run: Callable[[], Awaitable[None]]) -> None:
        async with self._lock:
            self.progress_at = _monotonic()
            self._idle.clear()
            try:
                await run()
            finally:
                self._idle.set()

    def _running(self) -> bool:
        return not self._stopping and self._keep_going() and (self.leader or not self._scheduled)

    async def ensure_lease(self, now: datetime | None = None) -> bool:
        """Take or renew the scheduling lease; only its holder sends on schedule."""
        now = now or self.clock()
        try:
            won = await self.store.acquire_lease(LEASE_NAME, self.holder, self.config.lease_ttl, now)
            if not won:
                other = await self.store.lease_holder(LEASE_NAME, now)
                if other is not None and holder_is_gone(other):
                    log.warning("broadcast lease: %s died without handing over (its process is gone); "
                                "%s takes over without waiting for expiry", other, self.holder)
                    won = await self.store.acquire_lease(
                        LEASE_NAME, self.holder, self.config.lease_ttl, now, replacing=other
                    )
            settled = True
        except Exception:
            log.exception("broadcast lease: renewal failed, not sending until it succeeds")
            won = settled = False
        if settled:
            self.lease_settled_at = _monotonic()
        if won and not self.leader:
            log.info("broadcast lease: %s now schedules daily quizzes", self.holder)
            self._watermark = None  # look back over the missed-run grace once
        elif not won and self.leader:
            log.warning("broadcast lease: lost by %s", self.holder)
        elif not won and not self._told_waiting:
            # Once per stretch without the lease (not every minute): shows a follower is alive and waiting.
            log.info("broadcast tick skipped: lease held by %s; %s waits", await self._other_holder(now), self.holder)
        self._told_waiting = not won
        self.leader = won
        return won

    async def _other_holder(self, now: datetime) -> str:
        try:
            return await self.store.lease_holder(LEASE_NAME, now) or "nobody (renewal failed)"
        except Exception:
            return "an unknown holder (database unreachable)"

    async def release_lease(self) -> None:
        """Hand the lease over at shutdown so another process takes over without waiting for expiry."""
        if self.leader:
            self.leader = False
            await self.store.release_lease(LEASE_NAME, self.holder)

    async def tick(self, now: datetime | None = None) -> BroadcastReport | None:
        """One scheduler step: with the lease, send every quiz due up to `now`, then the recaps due.

        Returns None when another process holds the lease or this one is already sending.
        """
        now = now or self.clock()
        if not await self.ensure_lease(now) or self._lock.locked():
            return None
        report = BroadcastReport()

        async def run() -> None:
            self._scheduled = True
            try:
                await self._run_due(now, report)
                if self._running():
                    await self._run_recaps(now, report)
            finally:
                self._scheduled = False

        await self._exclusive(run)
        return report

    # ------------------------------------------------------------------------------ what is due

    async def run_due(self, now: datetime) -> BroadcastReport:
        """Send the quiz to every chat whose run fell in (last run, now] (tests call this directly)."""
        report = BroadcastReport()
        await self._exclusive(lambda: self._run_due(now, report))
        return report

    async def _run_due(self, now: datetime, report: BroadcastReport) -> None:
        start = self._watermark or now - self.config.grace
        start = max(start, now - self.config.grace)
        await self._broadcast(self._due_jobs(start, now), report, now)
        if not report.stopped_early:
            self._watermark = now

    async def _due_jobs(self, start: datetime, end: datetime) -> AsyncIterator[_Job]:
        for zone in await self.store.subscription_zones():
            for slot in schedule.slots_between(zone, start, end):
                async for sub in self.store.iter_subscriptions_at(zone, slot.after, slot.upto):
                    yield self._job(sub, slot.day)

    async def _today_jobs(self, now: datetime) -> AsyncIterator[_Job]:
        async for sub in self.store.iter_subscriptions():
            yield self._job(sub, schedule.local_day(now, sub.timezone))

    @staticmethod
    def _job(sub: SubscriptionRecord, day: date) -> _Job:
        return _Job(sub.chat_id, day, sub.language, sub.chat_type, sub.timezone, sub.local_time)

    async def send_today(self, now: datetime | None = None) -> BroadcastReport:
        """/siarkan: today's quiz now to every subscribed chat that has not had it (skipped = had it)."""
        now = now or self.clock()
        report = BroadcastReport()
        await self._exclusive(lambda: self._broadcast(self._today_jobs(now), report, now))
        return report

    # ------------------------------------------------------------------------------ the send loop

    async def _broadcast(self, jobs: AsyncIterator[_Job], report: BroadcastReport, now: datetime) -> None:
        """Stream jobs through a bounded queue to a fixed pool of workers (memory flat in the chat count)."""
        queue: asyncio.Queue[_Job | None] = asyncio.Queue(maxsize=self.config.concurrency * 2)
        workers = [asyncio.create_task(self._worker(queue, report, now)) for _ in range(self.config.concurrency)]
        try:
            async for job in jobs:
                if not self._running():
                    report.stopped_early = True
                    break
                await queue.put(job)
        except asyncio.CancelledError:
            self._stopping = True  # killed: in-flight sends finish and are recorded, the rest waits for a restart
            report.stopped_early = True
            raise
        finally:
            if report.stopped_early:
                while not queue.empty():  # never claimed: nothing to undo
                    queue.get_nowait()
            for _ in workers:
                await queue.put(None)
            results = await asyncio.gather(*workers, return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
                raise result

    async def _worker(self, queue: asyncio.Queue[_Job | None], report: BroadcastReport, now: datetime) -> None:
        while True:
            job = await queue.get()
            if job is None:
                return
            if not self._running():
                report.stopped_early = True
                continue
            await self._fly(partial(self._deliver, job, report, now), report, f"daily quiz to chat {job.chat_id}")

    async def _fly(self, send: Callable[[], Awaitable[object]], report: BroadcastReport, what: str) -> None:
        """Run one send as its own task (a Flight, see flight.py) and wait for it.

        Shielded: cancelling the run (a crash, a kill) lets a send already claimed finish and be
        recorded; only `abandon_waits` cuts a send short, and only while it waits.
        """
        flight = Flight(abandoned=self._abandoning)

        async def fly() -> bool:
            enter_flight(flight)
            try:
                await send()
            except Abandoned:
                return False
            except asyncio.CancelledError:
                if not flight.abandoned:
                    raise
                task = asyncio.current_task()
                assert task is not None  # we are inside one
                task.uncancel()
                return False
            return True

        task = asyncio.create_task(fly())
        self._flights.add(flight)
        try:
            if not await asyncio.shield(task):
                report.abandoned += 1
                report.stopped_early = True
                log.info("%s: cut short at shutdown while waiting on a flood limit; the next run sends it", what)
        except Exception:
            report.failed += 1
            log.exception("%s failed unexpectedly", what)
        finally:
            self._flights.discard(flight)
            self.progress_at = _monotonic()

    async def _deliver(self, job: _Job, report: BroadcastReport, now: datetime) -> None:
        claim = await self.store.claim_delivery(job.chat_id, job.day)
        if claim is None:
            report.skipped += 1
            return
        chat_id = job.chat_id
        for _ in range(3):  # a group may migrate while we send to it
            try:
                if not await self._recap_leftovers(chat_id, report, now):
                    await self.store.mark_delivery_skipped(claim.id, "chat gone")
                    return
                await self._send_quiz(chat_id, claim, job, now, report)
                report.sent += 1
                return
            except ChatMigrated as exc:
                new_id = int(exc.new_chat_id)
                log.info("chat %s migrated to %s: moving its data and resending there", chat_id, new_id)
                await self.store.migrate_chat(chat_id, new_id)
                report.migrated += 1
                chat_id = new_id
                moved = await self.store.claim_delivery(chat_id, job.day)
                if moved is None:
                    report.skipped += 1
                    return
                claim = moved
            except _ChatGone as exc:
                await self._deactivate(chat_id, str(exc), report)
                await self.store.mark_delivery_skipped(claim.id, str(exc))
                return
            except _GaveUp as exc:
                await self.store.mark_delivery_failed(claim.id, str(exc))
                report.failed += 1
                return
        await self.store.mark_delivery_failed(claim.id, "migrated too many times")
        report.failed += 1

    async def _send_quiz(
        self, chat_id: int, claim: DeliveryRecord, job: _Job, now: datetime, report: BroadcastReport
    ) -> None:
        pick: DailyPick = await self.store.pick_daily_question(chat_id, self._bank_ids, self.config.question_seed)
        question = self.bank.quiz[pick.question_id]
        lang = pick_language(job.language, None)
        rng = random.Random(f"{chat_id}:{job.day.isoformat()}")
        prepared = prepare_poll(question, rng, prefix=t("daily.poll_prefix", lang))
        message: Message = await self._call(
            chat_id,
            report,
            lambda: send_quiz_poll(self.bot, chat_id, prepared),
        )
        assert message.poll is not None
        sent_at = self.clock()
        next_quiz = schedule.next_run(job.local_time, job.zone, sent_at)
        closes_at = schedule.recap_at(sent_at, self.config.recap_delay_hours, next_quiz)
        await self.store.record_daily_sent(
            claim.id, pick, poll_id=message.poll.id, chat_id=chat_id, message_id=message.message_id,
            topic=question.topic, correct_option=prepared.correct_option, option_order=list(prepared.option_order),
            sent_at=sent_at, closes_at=closes_at,
        )

    async def _deactivate(self, chat_id: int, reason: str, report: BroadcastReport) -> None:
        await self.store.set_chat_active(chat_id, False)
        report.deactivated += 1
        log.info("chat %s is gone (%s): marked inactive, daily quiz off", chat_id, reason)

    async def _call(self, chat_id: int, report: BroadcastReport, request: Callable[[], Awaitable[_Result]]) -> _Result:
        """Paced request with Telegram's error handling: wait out 429s, back off on network errors/5xx."""
        delay = self.config.backoff
        attempt = 0
        flood_waits = 0
        while True:
            with waiting():
                await self.pacer.acquire(chat_id)
            try:
                if self._limiter_marks_wire:
                    return await request()
                with on_the_wire():
                    return await request()
            except RetryAfter as exc:
                self.pacer.pause(retry_seconds(exc))
                report.rate_limited += 1
                report.retries += 1
                flood_waits += 1
                if flood_waits > MAX_FLOOD_WAITS:
                    raise _GaveUp("flood control did not let up") from exc
                continue  # waiting out a flood is not a failed attempt
            except ChatMigrated:
                raise
            except Forbidden as exc:
                raise _ChatGone(exc.message) from exc
            except BadRequest as exc:
                raise _GaveUp(exc.message) from exc
            except NetworkError as exc:
                attempt += 1
                if attempt >= self.config.max_attempts:
                    raise _GaveUp(f"network: {exc.message}") from exc
                report.retries += 1
                log.warning("send to %s failed (%s), retry %d in %.1fs", chat_id, exc.message, attempt, delay)
                with waiting():
                    await asyncio.sleep(delay)
                delay = min(delay * 2, self.config.max_backoff)
            except TelegramError as exc:
                raise _GaveUp(exc.message) from exc

    # ------------------------------------------------------------------------------ recaps

    async def run_recaps(self, now: datetime) -> BroadcastReport:
        """Post every recap due at `now` (tests call this directly)."""
        report = BroadcastReport()
        await self._exclusive(lambda: self._run_recaps(now, report))
        return report

    async def _run_recaps(self, now: datetime, report: BroadcastReport) -> None:
        before = now - timedelta(hours=self.config.recap_delay_hours)
        due = self.store.iter_pending_recaps(before)
        semaphore = asyncio.Semaphore(self.config.concurrency)
        pending: set[asyncio.Task[None]] = set()

        async def one(delivery: DeliveryRecord) -> None:
            async with semaphore:
                await self._fly(partial(self._recap, delivery, report, now), report,
                                f"recap for chat {delivery.chat_id}")

        async for delivery in due:
            if not self._running():
                report.stopped_early = True
                break
            await semaphore.acquire()  # backpressure: at most `concurrency` recaps in memory
            semaphore.release()
            task = asyncio.create_task(one(delivery))
            pending.add(task)
            task.add_done_callback(pending.discard)
        if pending:
            await asyncio.gather(*pending)

    async def _recap_leftovers(self, chat_id: int, report: BroadcastReport, now: datetime) -> bool:
        """The recap is due at the next day's quiz at the latest: post any still open before the new quiz.

        False when the chat turned out to be gone.
        """
        for delivery in await self.store.unrecapped_deliveries(chat_id):
            if not await self._recap(delivery, report, now):
                return False
        return True

    async def _recap(self, delivery: DeliveryRecord, report: BroadcastReport, now: datetime) -> bool:
        """Close the poll and post the answer; False when the chat is gone (deactivated here)."""
        poll = await self.store.get_poll(delivery.poll_id) if delivery.poll_id else None
        question = self.bank.quiz.get(poll.question_id) if poll else None
        chat_id = delivery.chat_id
        if poll is None or question is None:
            await self.store.mark_delivery_recapped(delivery.id, now=now)
            return True
        chat = await self.store.get_chat(chat_id)
        lang = pick_language(chat.language if chat else None, None)
        is_group = chat_id < 0
        try:
            try:
                await self._call(chat_id, report, lambda: self.bot.stop_poll(chat_id, poll.message_id))
            except _GaveUp as exc:  # already closed, or the message is gone: the recap still helps
                log.info("stopPoll in chat %s: %s", chat_id, exc)
            await self.store.close_poll(poll.poll_id, now=now)
            results = await self.store.poll_results(poll.poll_id)
            text = await self._recap_text(question, results.answered, results.correct,
                                          results.correct_user_ids[:3] if is_group else [], lang)
            markup = self.recap_markup(question, lang) if self.recap_markup is not None else None
            await self._call(chat_id, report, lambda: self.bot.send_message(chat_id, text, parse_mode="HTML",
                                                                            reply_markup=markup))
        except ChatMigrated as exc:
            await self.store.migrate_chat(chat_id, int(exc.new_chat_id))
            report.migrated += 1
            return True  # the delivery moved with the chat; the next recap run posts it in the new chat
        except _ChatGone as exc:
            await self._deactivate(chat_id, str(exc), report)
            await self.store.mark_delivery_recapped(delivery.id, now=now)
            return False
        except _GaveUp as exc:
            log.warning("recap for chat %s not posted: %s", chat_id, exc)
            report.failed += 1
        await self.store.mark_delivery_recapped(delivery.id, now=now)
        report.recapped += 1
        return True

    async def _recap_text(
        self, question: QuizQuestion, answered: int, correct: int, winners: list[int], lang: str
    ) -> str:
        lines = [
            t("daily.recap_header", lang),
            f"<b>{escape(question.question)}</b>",
            "",
            t("daily.recap_answer", lang, answer=escape(question.options[question.answer])),
            escape(question.explanation),
            "",
            t("daily.recap_counts", lang, answered=answered, correct=correct)
            if answered else t("daily.recap_nobody", lang),
        ]
        if winners:
            names = await self.store.user_display_names(winners)
            ranked = [f"{i}. {escape(names.get(uid, str(uid)))}" for i, uid in enumerate(winners, 1)]
            lines += ["", t("daily.recap_fastest", lang), *ranked]
        return "\n".join(lines)
