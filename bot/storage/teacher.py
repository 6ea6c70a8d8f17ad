"""Teacher tools: unanswered questions and the dashboard numbers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.base import StoreBase, _aware, _without_nul
from bot.storage.models import (
    Answer,
    Chat,
    DailyDelivery,
    QuizPoll,
    Subscription,
    UnansweredQuestion,
)
from bot.storage.records import (
    BotStats,
)

UNANSWERED_ORIGINS = ("telegram", "console", "ask")
"""Where an unanswered question was asked, so the teacher can tell students' questions from trials."""


class TeacherMixin(StoreBase):
    """Teacher-facing reports (part of `Store`)."""

    async def log_unanswered(
        self, chat_id: int | None, text: str, candidates: Sequence[tuple[str, float]], now: datetime,
        origin: str = "telegram",
    ) -> None:
        """Keep a question the FAQ could not answer, with the near misses and its origin, for the teacher."""
        if origin not in UNANSWERED_ORIGINS:
            raise ValueError(f"origin must be one of {UNANSWERED_ORIGINS}, got {origin!r}")
        async with self._write.begin() as session:
            session.add(
                UnansweredQuestion(
                    chat_id=chat_id,
                    text=_without_nul(text)[:4000],
                    candidates=[[qid, float(score)] for qid, score in candidates],
                    created_at=_aware(now, "now"),
                    origin=origin,
                )
            )

    async def _top_unanswered(self, session: AsyncSession, limit: int) -> list[tuple[str, int]]:
        key = func.lower(func.trim(UnansweredQuestion.text))
        rows = await session.execute(
            select(key, func.count()).group_by(key).order_by(func.count().desc(), key).limit(limit)
        )
        return [(question, int(n)) for question, n in rows]

    async def top_unanswered(self, limit: int = 10) -> list[tuple[str, int]]:
        """Most frequent unanswered questions (case and surrounding spaces ignored, shown lowercased)."""
        async with self._read.begin() as session:
            return await self._top_unanswered(session, limit)

    async def stats(self, today_start: datetime, *, limit: int = 10) -> BotStats:
        """Dashboard numbers. "Today" means created/answered at or after `today_start`; chat counts
        are active chats only; accuracy and most-missed are all-time."""
        _aware(today_start, "today_start")
        correct_sum = func.sum(case((Answer.correct, 1), else_=0))
        wrong_sum = func.sum(case((Answer.correct, 0), else_=1))
        async with self._read.begin() as session:
            chats = await session.execute(
                select(Chat.type, func.count()).where(Chat.active.is_(True)).group_by(Chat.type)
            )
            subs = await session.execute(
                select(Chat.type, func.count())
                .join(Subscription, Subscription.chat_id == Chat.id)
                .where(Chat.active.is_(True), Subscription.enabled.is_(True))
                .group_by(Chat.type)
            )
            deliveries = await session.execute(
                select(DailyDelivery.state, func.count())
                .where(DailyDelivery.created_at >= today_start)
                .group_by(DailyDelivery.state)
            )
            answers_today = await session.scalar(
                select(func.count()).select_from(Answer).where(Answer.answered_at >= today_start)
            )
            topics = await session.execute(
                select(QuizPoll.topic, func.count(), correct_sum)
                .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
                .group_by(QuizPoll.topic)
            )
            missed = await session.execute(
                select(QuizPoll.question_id, wrong_sum, func.count())
                .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
                .group_by(QuizPoll.question_id)
                .having(wrong_sum > 0)
                .order_by(wrong_sum.desc(), func.count().desc(), QuizPoll.question_id)
                .limit(limit)
            )
            origins = await session.execute(
                select(UnansweredQuestion.origin, func.count()).group_by(UnansweredQuestion.origin)
            )
            return BotStats(
                chats_by_type={t: int(n) for t, n in chats},
                active_subscriptions_by_type={t: int(n) for t, n in subs},
                deliveries_today={s: int(n) for s, n in deliveries},
                answers_today=int(answers_today or 0),
                accuracy_per_topic={t: (int(n), int(ok or 0)) for t, n, ok in topics},
                most_missed=[(q, int(w), int(n)) for q, w, n in missed],
                top_unanswered=await self._top_unanswered(session, limit),
                unanswered_by_origin={o: int(n) for o, n in origins},
            )
