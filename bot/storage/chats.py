"""Chats and users: profiles, language and time zone, activity, and the group → supergroup move."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.base import StoreBase, _display_name, _to_record
from bot.storage.models import (
    Chat,
    DailyDelivery,
    DailyRotation,
    MistakeReport,
    QuizPoll,
    QuizSession,
    Subscription,
    UnansweredQuestion,
    User,
    WeeklyRecapSetting,
)
from bot.storage.records import (
    ChatRecord,
)


class ChatsMixin(StoreBase):
    """Chat and user rows (part of `Store`)."""

    async def upsert_chat(self, chat_id: int, type: str, title: str | None) -> ChatRecord:
        """Create or refresh type/title. `active` is left alone: only set_chat_active changes it."""
        now = self._clock()
        async with self._write.begin() as session:
            await session.execute(
                self._insert(Chat)
                .values(id=chat_id, type=type, title=title, active=True, created_at=now, updated_at=now)
                .on_conflict_do_update(index_elements=[Chat.id], set_={"type": type, "title": title, "updated_at": now})
            )
            row = await session.get_one(Chat, chat_id, populate_existing=True)
            return _to_record(ChatRecord, row)

    async def get_chat(self, chat_id: int) -> ChatRecord | None:
        """The chat row, or None if never seen."""
        async with self._read.begin() as session:
            row = await session.get(Chat, chat_id)
            return _to_record(ChatRecord, row) if row else None

    async def is_migration_target(self, chat_id: int) -> bool:
        """Whether some group was upgraded into this supergroup (it already knows the bot)."""
        async with self._read.begin() as session:
            return await session.scalar(select(Chat.id).where(Chat.migrated_to == chat_id).limit(1)) is not None

    async def _update_chat(self, chat_id: int, **values: Any) -> None:
        now = self._clock()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(update(Chat).where(Chat.id == chat_id).values(updated_at=now, **values))

    async def set_chat_language(self, chat_id: int, language: str) -> None:
        """Explicit language for the chat ('id' or 'en')."""
        await self._update_chat(chat_id, language=language)

    async def set_chat_timezone(self, chat_id: int, tz: str) -> None:
        """IANA zone for the chat; raises ValueError for unknown names so bad input never lands."""
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {tz!r}") from exc
        await self._update_chat(chat_id, timezone=tz)

    async def set_chat_active(self, chat_id: int, active: bool) -> None:
        """Deactivating (bot removed/blocked) also disables the subscription; reactivating does not
        re-enable it, the chat has to subscribe again."""
        now = self._clock()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(update(Chat).where(Chat.id == chat_id).values(active=active, updated_at=now))
            if not active:
                await session.execute(
                    update(Subscription).where(Subscription.chat_id == chat_id).values(enabled=False, updated_at=now)
                )

    async def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Group → supergroup: move everything of `old_id` to `new_id` in one transaction.

        The new row keeps its own values and borrows language/timezone/title from the old one when
        unset. Where both ids own the same thing (subscription, delivery for a day, rotation), the new
        id's row wins, except that a delivery already *sent* under the old id is kept as sent so the
        chat is not quizzed twice that day. The old row stays with migrated_to=new_id, active=False.
        Running it again finds nothing left to move.
        """
        if old_id == new_id:
            return
        now = self._clock()
        async with self._write.begin() as session:
            await _merge_chat_rows(session, old_id, new_id, now)
            await _move_subscription(session, old_id, new_id, now)
            await _merge_deliveries(session, old_id, new_id)
            await _move_sessions_and_polls(session, old_id, new_id, now)
            await _move_rotation(session, old_id, new_id)
            await _move_unanswered(session, old_id, new_id)
            await _move_reports(session, old_id, new_id)
            await _move_weekly_recap_setting(session, old_id, new_id)

    async def upsert_user(self, user_id: int, first_name: str, username: str | None, language_code: str | None) -> None:
        """Refresh profile fields; never touches the explicit language choice."""
        now = self._clock()
        async with self._write.begin() as session:
            await session.execute(
                self._insert(User)
                .values(
                    id=user_id,
                    first_name=first_name,
                    username=username,
                    language_code=language_code,
                    created_at=now,
                    updated_at=now,
                )
                .on_conflict_do_update(
                    index_elements=[User.id],
                    set_={
                        "first_name": first_name,
                        "username": username,
                        "language_code": language_code,
                        "updated_at": now,
                    },
                )
            )

    async def get_user_language(self, user_id: int) -> str | None:
        """The explicit /bahasa choice, else None (callers then fall back to language_code)."""
        async with self._read.begin() as session:
            return await session.scalar(select(User.language).where(User.id == user_id))

    async def get_user_language_code(self, user_id: int) -> str | None:
        """Telegram's client language, as last seen by upsert_user."""
        async with self._read.begin() as session:
            return await session.scalar(select(User.language_code).where(User.id == user_id))

    async def set_user_language(self, user_id: int, language: str) -> None:
        """Store the explicit choice; creates the user row if needed (first_name unknown yet)."""
        now = self._clock()
        async with self._write.begin() as session:
            await session.execute(
                self._insert(User)
                .values(id=user_id, first_name="", language=language, created_at=now, updated_at=now)
                .on_conflict_do_update(index_elements=[User.id], set_={"language": language, "updated_at": now})
            )

    async def user_display_names(self, user_ids: list[int]) -> dict[int, str]:
        """First name (or @username, or the id) for the known users among `user_ids`; unknown ids
        are absent from the result."""
        if not user_ids:
            return {}
        async with self._read.begin() as session:
            rows = await session.execute(
                select(User.id, User.first_name, User.username).where(User.id.in_(set(user_ids)))
            )
            return {uid: _display_name(first, username, uid) for uid, first, username in rows}


# ------------------------------------------------------------------ the steps of migrate_chat


async def _merge_chat_rows(session: AsyncSession, old_id: int, new_id: int, now: datetime) -> None:
    """The new row (created if missing) borrows what it lacks; the old one points at it, inactive."""
    old = await session.get(Chat, old_id, with_for_update=True)
    new = await session.get(Chat, new_id, with_for_update=True)
    if new is None:
        new = Chat(
            id=new_id,
            type="supergroup",
            title=old.title if old else None,
            language=old.language if old else None,
            timezone=old.timezone if old else None,
            active=old.active if old else True,
            created_at=now,
            updated_at=now,
        )
        session.add(new)
    elif old is not None:
        new.title = new.title or old.title
        new.language = new.language or old.language
        new.timezone = new.timezone or old.timezone
        new.updated_at = now
    if old is None:
        old = Chat(id=old_id, type="group", active=False, created_at=now, updated_at=now)
        session.add(old)
    old.active = False
    old.migrated_to = new_id
    old.updated_at = now
    await session.flush()


async def _move_subscription(session: AsyncSession, old_id: int, new_id: int, now: datetime) -> None:
    """Subscription: move unless the new chat already has one."""
    if await session.get(Subscription, new_id) is None:
        await session.execute(
            update(Subscription).where(Subscription.chat_id == old_id).values(chat_id=new_id, updated_at=now)
        )
    else:
        await session.execute(delete(Subscription).where(Subscription.chat_id == old_id))


async def _move_weekly_recap_setting(session: AsyncSession, old_id: int, new_id: int) -> None:
    """/rekap on|off: move unless the new chat already has its own."""
    if await session.get(WeeklyRecapSetting, new_id) is None:
        await session.execute(
            update(WeeklyRecapSetting).where(WeeklyRecapSetting.chat_id == old_id).values(chat_id=new_id)
        )


async def _merge_deliveries(session: AsyncSession, old_id: int, new_id: int) -> None:
    """Deliveries: merge same (day, kind) pairs (a sent one stays sent), then move the rest."""
    old_deliveries = (await session.scalars(select(DailyDelivery).where(DailyDelivery.chat_id == old_id))).all()
    for old_delivery in old_deliveries:
        twin = await session.scalar(
            select(DailyDelivery).where(
                DailyDelivery.chat_id == new_id,
                DailyDelivery.day == old_delivery.day,
                DailyDelivery.kind == old_delivery.kind,
            )
        )
        if twin is None:
            old_delivery.chat_id = new_id
            continue
        if old_delivery.state == "sent" and twin.state != "sent":
            twin.state = "sent"
            twin.poll_id = old_delivery.poll_id
            twin.message_id = old_delivery.message_id
            twin.sent_at = old_delivery.sent_at
            twin.recapped_at = old_delivery.recapped_at
            twin.error = None
        await session.execute(
            update(QuizPoll).where(QuizPoll.delivery_id == old_delivery.id).values(delivery_id=twin.id)
        )
        await session.delete(old_delivery)
    await session.flush()


async def _move_sessions_and_polls(session: AsyncSession, old_id: int, new_id: int, now: datetime) -> None:
    """Sessions: only one active group round may exist in the new chat. Polls carry the answers,
    hence the group scores."""
    if await session.scalar(
        select(QuizSession.id).where(
            QuizSession.chat_id == new_id, QuizSession.active.is_(True), QuizSession.kind == "group"
        )
    ):
        await session.execute(
            update(QuizSession)
            .where(QuizSession.chat_id == old_id, QuizSession.active.is_(True), QuizSession.kind == "group")
            .values(active=False, finished_at=now)
        )
    await session.execute(update(QuizSession).where(QuizSession.chat_id == old_id).values(chat_id=new_id))
    await session.execute(update(QuizPoll).where(QuizPoll.chat_id == old_id).values(chat_id=new_id))


async def _move_rotation(session: AsyncSession, old_id: int, new_id: int) -> None:
    """Rotation: keep the new chat's progress if it has any, else carry the old one over."""
    if await session.scalar(select(DailyRotation.id).where(DailyRotation.chat_id == new_id).limit(1)):
        await session.execute(delete(DailyRotation).where(DailyRotation.chat_id == old_id))
    else:
        await session.execute(update(DailyRotation).where(DailyRotation.chat_id == old_id).values(chat_id=new_id))


async def _move_unanswered(session: AsyncSession, old_id: int, new_id: int) -> None:
    """The questions the tutor could not answer stay with the group, for its teacher."""
    await session.execute(update(UnansweredQuestion).where(UnansweredQuestion.chat_id == old_id).values(chat_id=new_id))


async def _move_reports(session: AsyncSession, old_id: int, new_id: int) -> None:
    """Mistake reports made in the group stay with it, for its teacher and the owners."""
    await session.execute(update(MistakeReport).where(MistakeReport.chat_id == old_id).values(chat_id=new_id))
