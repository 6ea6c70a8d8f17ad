"""Scores: per-user stats and streaks, leaderboards, and the spaced-repetition queue."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import srs
from bot.core.streaks import streaks
from bot.storage.base import StoreBase, _aware, _display_name
from bot.storage.models import (
    Answer,
    Chat,
    QuizPoll,
    ReviewBox,
    User,
)
from bot.storage.records import (
    LeaderRow,
    UserStats,
)


class ScoresMixin(StoreBase):
    """Read-only score and review queries (part of `Store`)."""

    async def _user_zone(self, session: AsyncSession, user_id: int) -> tzinfo:
        """The private chat's zone (chat id == user id), else the store default."""
        name = await session.scalar(select(Chat.timezone).where(Chat.id == user_id))
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return self._default_tz

    async def user_stats(self, user_id: int, today: date, *, tz: str | None = None) -> UserStats:
        """Totals, per-topic (answered, correct) and streaks.

        Streak days are answer dates in `tz`, else the user's private-chat time zone, else the store's
        default zone; `today` must be the date in that same zone.
        """
        async with self._read.begin() as session:
            zone = ZoneInfo(tz) if tz else await self._user_zone(session, user_id)
            per_topic_rows = (
                await session.execute(
                    select(QuizPoll.topic, func.count(), func.sum(case((Answer.correct, 1), else_=0)))
                    .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
                    .where(Answer.user_id == user_id)
                    .group_by(QuizPoll.topic)
                )
            ).all()
            stamps = (await session.scalars(select(Answer.answered_at).where(Answer.user_id == user_id))).all()
        per_topic = {topic: (int(n), int(ok or 0)) for topic, n, ok in per_topic_rows}
        current, best = streaks((stamp.astimezone(zone).date() for stamp in stamps), today)
        return UserStats(
            user_id=user_id,
            answered=sum(n for n, _ in per_topic.values()),
            correct=sum(ok for _, ok in per_topic.values()),
            per_topic=per_topic,
            current_streak=current,
            best_streak=best,
        )

    async def _ranking(self, session: AsyncSession, *conditions: Any, limit: int | None) -> list[LeaderRow]:
        correct_sum = func.sum(case((Answer.correct, 1), else_=0))
        query = (
            select(Answer.user_id, User.first_name, User.username, correct_sum, func.count())
            .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
            .outerjoin(User, User.id == Answer.user_id)
            .where(*conditions)
            .group_by(Answer.user_id, User.first_name, User.username)
            .order_by(correct_sum.desc(), func.count(), func.min(Answer.answered_at), Answer.user_id)
        )
        if limit is not None:
            query = query.limit(limit)
        rows = (await session.execute(query)).all()
        return [
            LeaderRow(user_id=uid, name=_display_name(first, username, uid), correct=int(ok or 0), answered=n)
            for uid, first, username, ok, n in rows
        ]

    async def leaderboard(self, chat_id: int, since: datetime | None, limit: int = 10) -> list[LeaderRow]:
        """Most right answers to polls sent in this chat (answered at/after `since`); ties go to
        fewer attempts, then to who got there first. Names fall back to @username or the id."""
        conditions = [QuizPoll.chat_id == chat_id]
        if since is not None:
            conditions.append(Answer.answered_at >= _aware(since, "since"))
        async with self._read.begin() as session:
            return await self._ranking(session, *conditions, limit=limit)

    async def session_ranking(self, session_id: int) -> list[LeaderRow]:
        """Everyone who answered a poll of this session, best first (same order as leaderboard)."""
        async with self._read.begin() as session:
            return await self._ranking(session, QuizPoll.session_id == session_id, limit=None)

    async def due_reviews(self, user_id: int, now: datetime, limit: int) -> list[str]:
        """Question ids due for review (due_at ≤ now, not learned), most overdue first."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(ReviewBox.question_id)
                .where(
                    ReviewBox.user_id == user_id,
                    ReviewBox.box < srs.LEARNED_BOX,
                    ReviewBox.due_at <= _aware(now, "now"),
                )
                .order_by(ReviewBox.due_at, ReviewBox.question_id)
                .limit(limit)
            )
            return list(rows)

    async def review_count(self, user_id: int, now: datetime) -> tuple[int, int]:
        """(due now, total still in review boxes, i.e. not learned)."""
        _aware(now, "now")
        async with self._read.begin() as session:
            due, total = (
                await session.execute(
                    select(
                        func.sum(case((ReviewBox.due_at <= now, 1), else_=0)),
                        func.count(),
                    ).where(ReviewBox.user_id == user_id, ReviewBox.box < srs.LEARNED_BOX)
                )
            ).one()
        return int(due or 0), int(total)

    async def review_box(self, user_id: int, question_id: str) -> tuple[int, datetime | None] | None:
        """(box, due_at) of one question for one user, None if it never entered review."""
        async with self._read.begin() as session:
            row = (
                await session.execute(
                    select(ReviewBox.box, ReviewBox.due_at).where(
                        ReviewBox.user_id == user_id, ReviewBox.question_id == question_id
                    )
                )
            ).first()
            return (row[0], row[1]) if row else None
