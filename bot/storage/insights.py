"""Insight queries: a class (group) at a glance, a student's progress card, the bot's days, weekly recaps.

Every figure is an aggregate computed by the database (GROUP BY over the existing answers, polls and
review boxes), never a Python loop over a class's history. Local days: PostgreSQL converts with the
zone's rules (`timezone(zone, ts)`); SQLite has no zone data, so it shifts by the zone's UTC offset at
`now` (exact for Indonesia's zones, which keep no daylight saving time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, distinct, func, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import srs
from bot.core.streaks import current_streak
from bot.storage.base import StoreBase, _aware, _display_name, _parse_hhmm
from bot.storage.models import (
    Answer,
    Chat,
    QuizPoll,
    ReviewBox,
    Subscription,
    UnansweredQuestion,
    User,
    WeeklyRecap,
    WeeklyRecapSetting,
)

_ZONE_KEY = re.compile(r"[A-Za-z0-9_+/-]+")  # IANA names; anything else never reaches SQL text


@dataclass(frozen=True)
class TopicRow:
    topic: str
    answered: int
    correct: int


@dataclass(frozen=True)
class MissedRow:
    question_id: str
    wrong: int
    answered: int


@dataclass(frozen=True)
class ReviewStages:
    """Review boxes by stage: box 1 (just missed), boxes 2–5 (being learned), learned; `due` of the first two."""

    new: int = 0
    learning: int = 0
    learned: int = 0
    due: int = 0


@dataclass(frozen=True)
class ClassStats:
    """One group's figures: `week_*` since the window start, `all_*` all time."""

    students_all: int
    students_week: int
    answers_week: int
    correct_week: int
    answers_all: int
    correct_all: int
    participation: list[tuple[date, int, int]]  # (local day, students, answers), days with answers only
    topics_week: list[TopicRow]
    topics_all: list[TopicRow]
    missed_week: list[MissedRow]
    backlog: ReviewStages


@dataclass(frozen=True)
class StudentRow:
    """One student of a class, for the admin's CSV (answers to this group's polls)."""

    user_id: int
    name: str
    answered: int
    correct: int
    per_topic: dict[str, tuple[int, int]] = field(default_factory=dict)  # topic -> (answered, correct)
    streak: int = 0


@dataclass(frozen=True)
class BotDay:
    day: date
    active_chats: int
    answers: int
    unanswered: int


@dataclass(frozen=True)
class WeeklyRecapTarget:
    """A chat with the weekly recap on: when its daily quiz runs, in which zone and language."""

    chat_id: int
    title: str | None
    local_time: time
    timezone: str
    language: str | None


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class InsightsMixin(StoreBase):
    """Aggregate reports for pictures (part of `Store`)."""

    def _local_day(self, column: Any, zone: tzinfo, now: datetime) -> Any:
        """SQL for the local calendar day of a UTC timestamp column."""
        # Literals, not bound parameters: PostgreSQL matches a GROUP BY expression to the selected one
        # only when they are identical, and two placeholders ($1, $2) are not.
        if self._dialect == "postgresql" and isinstance(zone, ZoneInfo) and _ZONE_KEY.fullmatch(zone.key):
            return func.date(func.timezone(literal_column(f"'{zone.key}'"), column))
        offset = now.astimezone(zone).utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        if self._dialect == "postgresql":
            return func.date(column + literal_column(f"interval '{minutes} minutes'"))
        return func.date(column, literal_column(f"'{minutes:+d} minutes'"))

    # ------------------------------------------------------------------------------------- a class

    async def class_stats(self, chat_id: int, since: datetime, now: datetime, zone: tzinfo,
                          *, until: datetime | None = None, missed_limit: int = 5) -> ClassStats:
        """The group's figures in [since, until) and all time (answers to polls sent in this group)."""
        _aware(since, "since")
        in_chat = QuizPoll.chat_id == chat_id
        recent = Answer.answered_at >= since
        if until is not None:
            recent = and_(recent, Answer.answered_at < _aware(until, "until"))
        correct_sum = func.sum(case((Answer.correct, 1), else_=0))
        joined = select().select_from(Answer).join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
        async with self._read.begin() as session:
            totals = (await session.execute(joined.add_columns(
                func.count(distinct(Answer.user_id)),
                func.count(distinct(case((recent, Answer.user_id)))),
                func.sum(case((recent, 1), else_=0)),
                func.sum(case((and_(recent, Answer.correct), 1), else_=0)),
                func.count(),
                correct_sum,
            ).where(in_chat))).one()
            day = self._local_day(Answer.answered_at, zone, now)
            participation = (await session.execute(
                joined.add_columns(day, func.count(distinct(Answer.user_id)), func.count())
                .where(in_chat, recent).group_by(day).order_by(day)
            )).all()
            topics_week = await self._topics(session, joined, correct_sum, in_chat, recent)
            topics_all = await self._topics(session, joined, correct_sum, in_chat)
            wrong = func.sum(case((Answer.correct, 0), else_=1))
            missed = (await session.execute(
                joined.add_columns(QuizPoll.question_id, wrong, func.count())
                .where(in_chat, recent).group_by(QuizPoll.question_id)
                .having(wrong > 0).order_by(wrong.desc(), func.count().desc(), QuizPoll.question_id)
                .limit(missed_limit)
            )).all()
            members = joined.add_columns(Answer.user_id).where(in_chat).distinct().scalar_subquery()
            backlog = await self._stages(session, ReviewBox.user_id.in_(members), now)
        students_all, students_week, answers_week, correct_week, answers_all, correct_all = totals
        return ClassStats(
            students_all=int(students_all or 0), students_week=int(students_week or 0),
            answers_week=int(answers_week or 0), correct_week=int(correct_week or 0),
            answers_all=int(answers_all or 0), correct_all=int(correct_all or 0),
            participation=[(_as_date(d), int(s), int(n)) for d, s, n in participation],
            topics_week=topics_week, topics_all=topics_all,
            missed_week=[MissedRow(qid, int(w), int(n)) for qid, w, n in missed],
            backlog=backlog,
        )

    @staticmethod
    async def _topics(session: AsyncSession, joined: Any, correct_sum: Any, *conditions: Any) -> list[TopicRow]:
        """Accuracy per topic, weakest first (then most answered, then name)."""
        rows = (await session.execute(
            joined.add_columns(QuizPoll.topic, func.count(), correct_sum).where(*conditions).group_by(QuizPoll.topic)
        )).all()
        topics = [TopicRow(topic, int(n), int(ok or 0)) for topic, n, ok in rows]
        return sorted(topics, key=lambda row: (row.correct / row.answered, -row.answered, row.topic))

    async def _stages(self, session: AsyncSession, condition: Any, now: datetime) -> ReviewStages:
        learning = ReviewBox.box.between(srs.MIN_BOX + 1, srs.MAX_REVIEW_BOX)
        row = (await session.execute(select(
            func.sum(case((ReviewBox.box == srs.MIN_BOX, 1), else_=0)),
            func.sum(case((learning, 1), else_=0)),
            func.sum(case((ReviewBox.box >= srs.LEARNED_BOX, 1), else_=0)),
            func.sum(case((and_(ReviewBox.box < srs.LEARNED_BOX, ReviewBox.due_at <= _aware(now, "now")), 1),
                          else_=0)),
        ).where(condition))).one()
        return ReviewStages(*(int(value or 0) for value in row))

    async def class_students(self, chat_id: int, now: datetime, zone: tzinfo) -> list[StudentRow]:
        """Every student who answered this group's polls: totals and per topic here, and their current
        daily streak (answer days anywhere, in `zone`). Most right answers first."""
        in_chat = QuizPoll.chat_id == chat_id
        correct_sum = func.sum(case((Answer.correct, 1), else_=0))
        joined = select().select_from(Answer).join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
        async with self._read.begin() as session:
            per_topic = (await session.execute(
                joined.add_columns(Answer.user_id, QuizPoll.topic, func.count(), correct_sum)
                .where(in_chat).group_by(Answer.user_id, QuizPoll.topic)
            )).all()
            users = {uid for uid, *_ in per_topic}
            names = dict(
                (uid, _display_name(first, username, uid)) for uid, first, username in await session.execute(
                    select(User.id, User.first_name, User.username).where(User.id.in_(users)))
            ) if users else {}
            day = self._local_day(Answer.answered_at, zone, now)
            days = (await session.execute(
                select(Answer.user_id, day).where(Answer.user_id.in_(users)).group_by(Answer.user_id, day)
            )).all() if users else []
        today = now.astimezone(zone).date()
        active: dict[int, set[date]] = {}
        for uid, value in days:
            active.setdefault(uid, set()).add(_as_date(value))
        topics: dict[int, dict[str, tuple[int, int]]] = {}
        for uid, topic, n, ok in per_topic:
            topics.setdefault(uid, {})[topic] = (int(n), int(ok or 0))
        rows = [
            StudentRow(
                user_id=uid, name=names.get(uid, str(uid)),
                answered=sum(n for n, _ in topics[uid].values()), correct=sum(ok for _, ok in topics[uid].values()),
                per_topic=topics[uid], streak=current_streak(active.get(uid, set()), today),
            )
            for uid in topics
        ]
        return sorted(rows, key=lambda row: (-row.correct, row.answered, row.name.lower(), row.user_id))

    # ------------------------------------------------------------------------------------- a student

    async def answer_days(self, user_id: int, since: datetime, now: datetime, zone: tzinfo) -> set[date]:
        """The local days (in `zone`) since `since` on which the student answered at least once."""
        day = self._local_day(Answer.answered_at, zone, now)
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(day).where(Answer.user_id == user_id, Answer.answered_at >= _aware(since, "since"))
                .group_by(day)
            )
            return {_as_date(value) for value in rows}

    async def review_stages(self, user_id: int, now: datetime) -> ReviewStages:
        """The student's review boxes by stage."""
        async with self._read.begin() as session:
            return await self._stages(session, ReviewBox.user_id == user_id, now)

    # ------------------------------------------------------------------------------------- the bot

    async def bot_days(self, since: datetime, now: datetime, zone: tzinfo) -> list[BotDay]:
        """Per local day since `since`: chats with quiz answers, answers, unanswered questions (days with any)."""
        answer_day = self._local_day(Answer.answered_at, zone, now)
        asked_day = self._local_day(UnansweredQuestion.created_at, zone, now)
        async with self._read.begin() as session:
            answers = (await session.execute(
                select(answer_day, func.count(distinct(QuizPoll.chat_id)), func.count())
                .select_from(Answer).join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
                .where(Answer.answered_at >= _aware(since, "since")).group_by(answer_day)
            )).all()
            asked = (await session.execute(
                select(asked_day, func.count()).where(UnansweredQuestion.created_at >= since).group_by(asked_day)
            )).all()
        days: dict[date, list[int]] = {}
        for value, chats, n in answers:
            days.setdefault(_as_date(value), [0, 0, 0])[:2] = [int(chats), int(n)]
        for value, n in asked:
            days.setdefault(_as_date(value), [0, 0, 0])[2] = int(n)
        return [BotDay(day, *counts) for day, counts in sorted(days.items())]

    # ------------------------------------------------------------------------------------- weekly recaps

    async def set_weekly_recap(self, chat_id: int, enabled: bool) -> None:
        """Switch the chat's weekly recap on or off."""
        now = self._clock()
        async with self._write.begin() as session:
            await self._ensure_chat(session, chat_id, now)
            await session.execute(
                self._insert(WeeklyRecapSetting).values(chat_id=chat_id, enabled=enabled, updated_at=now)
                .on_conflict_do_update(index_elements=[WeeklyRecapSetting.chat_id],
                                       set_={"enabled": enabled, "updated_at": now})
            )

    async def weekly_recap_on(self, chat_id: int) -> bool:
        async with self._read.begin() as session:
            return bool(await session.scalar(
                select(WeeklyRecapSetting.enabled).where(WeeklyRecapSetting.chat_id == chat_id)))

    async def weekly_recap_targets(self) -> list[WeeklyRecapTarget]:
        """Active chats with the weekly recap on and a daily-quiz time (the quiz itself may be off)."""
        async with self._read.begin() as session:
            rows = (await session.execute(
                select(Subscription.chat_id, Chat.title, Subscription.local_time, Subscription.timezone, Chat.language)
                .join(Chat, Chat.id == Subscription.chat_id)
                .join(WeeklyRecapSetting, WeeklyRecapSetting.chat_id == Subscription.chat_id)
                .where(WeeklyRecapSetting.enabled.is_(True), Chat.active.is_(True))
                .order_by(Subscription.chat_id)
            )).all()
        return [WeeklyRecapTarget(cid, title, _parse_hhmm(hhmm), tz, lang) for cid, title, hhmm, tz, lang in rows]

    async def claim_weekly_recap(self, chat_id: int, week: date) -> bool:
        """Take this week's recap for the chat; False when it was already taken (here or by another process)."""
        now = self._clock()
        async with self._write.begin() as session:
            result = await session.execute(
                self._insert(WeeklyRecap).values(chat_id=chat_id, week=week, state="pending", created_at=now)
                .on_conflict_do_nothing(index_elements=[WeeklyRecap.chat_id, WeeklyRecap.week])
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]  # a CursorResult at run time

    async def finish_weekly_recap(self, chat_id: int, week: date, *, message_id: int | None) -> None:
        """Record how the claimed recap ended: sent (with its message) or failed."""
        now = self._clock()
        async with self._write.begin() as session:
            await session.execute(
                update(WeeklyRecap).where(WeeklyRecap.chat_id == chat_id, WeeklyRecap.week == week)
                .values(state="sent" if message_id is not None else "failed", message_id=message_id,
                        sent_at=now if message_id is not None else None)
            )

    async def weekly_recap_state(self, chat_id: int, week: date) -> str | None:
        async with self._read.begin() as session:
            return await session.scalar(
                select(WeeklyRecap.state).where(WeeklyRecap.chat_id == chat_id, WeeklyRecap.week == week)
            )
