"""The daily quiz: subscriptions, deliveries and the per-chat question rotation."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select, update

from bot.storage.base import FINAL_DELIVERY_STATES, StoreBase, _aware, _parse_hhmm, _to_record
from bot.storage.models import (
    Chat,
    DailyDelivery,
    DailyRotation,
    Subscription,
)
from bot.storage.records import (
    DailyPick,
    DeliveryRecord,
    SubscriptionRecord,
)


class DailyMixin(StoreBase):
    """Subscriptions and deliveries of the daily quiz (part of `Store`)."""

    async def set_subscription(self, chat_id: int, local_time: time, tz: str, enabled: bool) -> SubscriptionRecord:
        """Create or replace the chat's daily-quiz schedule (minutes precision, zone validated).

        Turning it on also marks the chat active in the same transaction: somebody just set it up from
        that chat, so the bot is there, even if the database missed the update that said it came back
        (the broadcast only reads active chats)."""
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {tz!r}") from exc
        hhmm = f"{local_time.hour:02d}:{local_time.minute:02d}"
        now = self._clock()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(
                self._insert(Subscription)
                .values(chat_id=chat_id, local_time=hhmm, timezone=tz, enabled=enabled, created_at=now, updated_at=now)
                .on_conflict_do_update(
                    index_elements=[Subscription.chat_id],
                    set_={"local_time": hhmm, "timezone": tz, "enabled": enabled, "updated_at": now},
                )
            )
            if enabled:
                await session.execute(
                    update(Chat).where(Chat.id == chat_id, Chat.active.is_(False)).values(active=True, updated_at=now)
                )
            chat = await session.get_one(Chat, chat_id, populate_existing=True)
            return SubscriptionRecord(
                chat_id=chat_id,
                local_time=_parse_hhmm(hhmm),
                timezone=tz,
                enabled=enabled,
                updated_at=now,
                chat_type=chat.type,
                language=chat.language,
            )

    async def get_subscription(self, chat_id: int) -> SubscriptionRecord | None:
        """The chat's schedule, enabled or not."""
        async with self._read.begin() as session:
            row = (
                await session.execute(
                    select(Subscription, Chat.type, Chat.language)
                    .join(Chat, Chat.id == Subscription.chat_id)
                    .where(Subscription.chat_id == chat_id)
                )
            ).first()
        if row is None:
            return None
        sub, chat_type, language = row
        return self._subscription_record(sub, chat_type, language)

    @staticmethod
    def _subscription_record(sub: Subscription, chat_type: str | None, language: str | None) -> SubscriptionRecord:
        return SubscriptionRecord(
            chat_id=sub.chat_id,
            local_time=_parse_hhmm(sub.local_time),
            timezone=sub.timezone,
            enabled=sub.enabled,
            updated_at=sub.updated_at,
            chat_type=chat_type,
            language=language,
        )

    async def iter_subscriptions(self, batch: int = 500) -> AsyncIterator[SubscriptionRecord]:
        """Enabled subscriptions of active chats, by chat id (keyset-streamed: memory stays flat
        however many chats subscribe)."""
        async for record in self._stream_subscriptions((), batch):
            yield record

    async def _stream_subscriptions(self, conditions: Sequence[Any], batch: int) -> AsyncIterator[SubscriptionRecord]:
        """Enabled subscriptions of active chats matching `conditions`, `batch` rows per short read
        transaction, paged by chat id (keyset pagination, so no transaction stays open between pages)."""
        last: int | None = None
        while True:
            query = (
                select(Subscription, Chat.type, Chat.language)
                .join(Chat, Chat.id == Subscription.chat_id)
                .where(Subscription.enabled.is_(True), Chat.active.is_(True), *conditions)
                .order_by(Subscription.chat_id)
                .limit(batch)
            )
            if last is not None:
                query = query.where(Subscription.chat_id > last)
            async with self._read.begin() as session:
                rows = (await session.execute(query)).all()
                records = [self._subscription_record(sub, t, lang) for sub, t, lang in rows]
            for record in records:
                yield record
            if len(records) < batch:
                return
            last = records[-1].chat_id

    async def claim_delivery(self, chat_id: int, day: date, kind: str = "daily") -> DeliveryRecord | None:
        """Claim the (chat, day, kind) delivery before sending.

        None when it already ended ('sent' or 'skipped'); otherwise the row (created 'pending', or a
        'failed'/'pending' leftover being retried) with attempts incremented. Only one scheduler runs
        at a time (see acquire_lease), so a leftover 'pending' means a crashed attempt.
        """
        now = self._clock()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(
                self._insert(DailyDelivery)
                .values(chat_id=chat_id, day=day, kind=kind, state="pending", attempts=0, created_at=now)
                .on_conflict_do_nothing(index_elements=[DailyDelivery.chat_id, DailyDelivery.day, DailyDelivery.kind])
            )
            row = await session.scalar(
                select(DailyDelivery)
                .where(DailyDelivery.chat_id == chat_id, DailyDelivery.day == day, DailyDelivery.kind == kind)
                .with_for_update()
            )
            assert row is not None
            if row.state in FINAL_DELIVERY_STATES:
                return None
            row.state = "pending"
            row.attempts += 1
            await session.flush()
            return _to_record(DeliveryRecord, row)

    async def _set_delivery(self, delivery_id: int, **values: Any) -> None:
        async with self._write.begin() as session:
            result = await session.execute(
                update(DailyDelivery).where(DailyDelivery.id == delivery_id).values(**values)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise LookupError(f"no delivery {delivery_id}")

    async def mark_delivery_sent(
        self, delivery_id: int, poll_id: str, message_id: int, now: datetime | None = None
    ) -> None:
        """The poll went out: remember it so the recap can find it."""
        await self._set_delivery(
            delivery_id, state="sent", poll_id=poll_id, message_id=message_id, sent_at=now or self._clock(), error=None
        )

    async def record_daily_sent(
        self,
        delivery_id: int,
        pick: DailyPick,
        *,
        poll_id: str,
        chat_id: int,
        message_id: int,
        topic: str,
        correct_option: int,
        option_order: list[int],
        sent_at: datetime,
        closes_at: datetime | None = None,
    ) -> None:
        """The daily poll went out: in one transaction remember the poll, mark the delivery sent and
        count the picked question as seen in the chat's rotation (see `pick_daily_question`).

        Nothing of it is written when any part fails, so a delivery is never 'sent' without its poll,
        and a question never counts as seen unless its poll was sent."""
        sent_at = _aware(sent_at, "sent_at")
        async with self._write.begin() as session:
            result = await session.execute(
                update(DailyDelivery)
                .where(DailyDelivery.id == delivery_id)
                .values(state="sent", poll_id=poll_id, message_id=message_id, sent_at=sent_at, error=None)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise LookupError(f"no delivery {delivery_id}")
            await self._insert_poll(
                session, poll_id=poll_id, chat_id=chat_id, message_id=message_id, question_id=pick.question_id,
                topic=topic, correct_option=correct_option, option_order=list(option_order), kind="daily",
                delivery_id=delivery_id, sent_at=sent_at, closes_at=closes_at,
            )
            await session.execute(
                self._insert(DailyRotation)
                .values(chat_id=chat_id, question_id=pick.question_id, cycle=pick.cycle, served_at=sent_at)
                .on_conflict_do_update(
                    index_elements=[DailyRotation.chat_id, DailyRotation.question_id],
                    set_={"cycle": pick.cycle, "served_at": sent_at},
                )
            )

    async def mark_delivery_failed(self, delivery_id: int, reason: str) -> None:
        """Sending failed; the next claim_delivery for the day may retry (attempts tells how often)."""
        await self._set_delivery(delivery_id, state="failed", error=reason[:2000])

    async def mark_delivery_skipped(self, delivery_id: int, reason: str) -> None:
        """Deliberately not sent (e.g. chat gone); final like 'sent', never retried."""
        await self._set_delivery(delivery_id, state="skipped", error=reason[:2000])

    async def mark_delivery_recapped(self, delivery_id: int, now: datetime | None = None) -> None:
        """The recap for this delivery was posted."""
        await self._set_delivery(delivery_id, recapped_at=now or self._clock())

    async def daily_done(self, chat_id: int, day: date) -> bool:
        """Whether the chat's daily quiz for its local `day` already ended (sent, or skipped on purpose):
        the broadcast sends nothing more to it that day, whatever time the chat sets now."""
        async with self._read.begin() as session:
            state = await session.scalar(
                select(DailyDelivery.state).where(
                    DailyDelivery.chat_id == chat_id, DailyDelivery.day == day, DailyDelivery.kind == "daily"
                )
            )
            return state in FINAL_DELIVERY_STATES

    async def get_delivery(self, delivery_id: int) -> DeliveryRecord | None:
        """Delivery by id."""
        async with self._read.begin() as session:
            row = await session.get(DailyDelivery, delivery_id)
            return _to_record(DeliveryRecord, row) if row else None

    async def pending_recaps(self, before: datetime) -> list[DeliveryRecord]:
        """Sent, not yet recapped deliveries sent at/before `before`, oldest first."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(DailyDelivery)
                .where(
                    DailyDelivery.state == "sent",
                    DailyDelivery.recapped_at.is_(None),
                    DailyDelivery.sent_at <= _aware(before, "before"),
                )
                .order_by(DailyDelivery.sent_at, DailyDelivery.id)
            )
            return [_to_record(DeliveryRecord, r) for r in rows]

    async def subscription_zones(self) -> list[str]:
        """Distinct zones of enabled subscriptions of active chats (the broadcast asks per zone)."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(Subscription.timezone)
                .join(Chat, Chat.id == Subscription.chat_id)
                .where(Subscription.enabled.is_(True), Chat.active.is_(True))
                .distinct()
                .order_by(Subscription.timezone)
            )
            return list(rows)

    async def iter_subscriptions_at(
        self, zone: str, after: str | None, upto: str, batch: int = 500
    ) -> AsyncIterator[SubscriptionRecord]:
        """Enabled subscriptions of active chats in `zone` whose "HH:MM" is in (after, upto]
        (after None = from midnight), keyset-streamed by chat id like `iter_subscriptions`.

        "HH:MM" strings sort like the times, so one due minute range is one indexed-range query
        instead of reading every subscription each minute.
        """
        conditions = [Subscription.timezone == zone, Subscription.local_time <= upto]
        if after is not None:
            conditions.append(Subscription.local_time > after)
        async for record in self._stream_subscriptions(conditions, batch):
            yield record

    async def iter_pending_recaps(self, before: datetime, batch: int = 500) -> AsyncIterator[DeliveryRecord]:
        """Like `pending_recaps`, streamed by delivery id so a 10,000-chat recap stays flat in memory."""
        _aware(before, "before")
        last = 0
        while True:
            async with self._read.begin() as session:
                rows = await session.scalars(
                    select(DailyDelivery)
                    .where(
                        DailyDelivery.state == "sent",
                        DailyDelivery.recapped_at.is_(None),
                        DailyDelivery.sent_at <= before,
                        DailyDelivery.id > last,
                    )
                    .order_by(DailyDelivery.id)
                    .limit(batch)
                )
                records = [_to_record(DeliveryRecord, r) for r in rows]
            for record in records:
                yield record
            if len(records) < batch:
                return
            last = records[-1].id

    async def unrecapped_deliveries(self, chat_id: int) -> list[DeliveryRecord]:
        """The chat's sent deliveries still waiting for their recap, oldest first (recapped before a new quiz)."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(DailyDelivery)
                .where(
                    DailyDelivery.chat_id == chat_id,
                    DailyDelivery.state == "sent",
                    DailyDelivery.recapped_at.is_(None),
                )
                .order_by(DailyDelivery.day, DailyDelivery.id)
            )
            return [_to_record(DeliveryRecord, r) for r in rows]

    async def pick_daily_question(self, chat_id: int, bank_ids: list[str], rng_seed: int) -> DailyPick:
        """The chat's next daily question, without counting it as seen yet.

        No repeat until every question of the current bank was sent in this cycle, then a new cycle
        starts; questions added to the bank join the current cycle. The pick among the unseen ones is
        deterministic for (rng_seed, chat_id, cycle), so a send that failed, was cut short or moved to
        a supergroup picks the same question again. `record_daily_sent` counts it as seen, in the
        transaction that records the sent poll."""
        bank = sorted(set(bank_ids))
        if not bank:
            raise ValueError("the question bank is empty")
        async with self._read.begin() as session:
            cycle = (
                await session.scalar(select(func.max(DailyRotation.cycle)).where(DailyRotation.chat_id == chat_id)) or 1
            )
            seen = set(
                (
                    await session.scalars(
                        select(DailyRotation.question_id).where(
                            DailyRotation.chat_id == chat_id, DailyRotation.cycle == cycle
                        )
                    )
                ).all()
            )
        remaining = [q for q in bank if q not in seen]
        if not remaining:
            cycle += 1
            remaining = bank
        return DailyPick(random.Random(f"{rng_seed}:{chat_id}:{cycle}").choice(remaining), cycle)

    async def daily_seen(self, chat_id: int) -> dict[str, int]:
        """The chat's rotation: question id → the cycle it was last sent in."""
        async with self._read.begin() as session:
            rows = await session.execute(
                select(DailyRotation.question_id, DailyRotation.cycle).where(DailyRotation.chat_id == chat_id)
            )
            return {question_id: cycle for question_id, cycle in rows}
