"""ORM tables. The alembic migrations in `migrations/versions` must produce exactly this schema
(tests/storage/test_migrations.py compares them).

Chat and user ids are BigInteger: Telegram ids exceed 2^31 and supergroups are -100….
User ids carry no foreign key on purpose: answers may arrive before the handler stored the user.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend.

    SQLite has no time zones and hands back naive values; we store UTC there and re-attach UTC on
    the way out. Naive input is refused because guessing its zone silently corrupts due dates.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass timezone-aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """The one clock used for defaults."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Chat(Base):
    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(8))
    timezone: Mapped[str | None] = mapped_column(String(64))  # added in 0002
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    migrated_to: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(64))
    language_code: Mapped[str | None] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(8))  # explicit /bahasa choice
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subscription(Base):
    __tablename__ = "subscriptions"

    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    local_time: Mapped[str] = mapped_column(String(5))  # "HH:MM" in `timezone`
    timezone: Mapped[str] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuizSession(Base):
    __tablename__ = "quiz_sessions"
    __table_args__ = (
        # One active group round per chat, enforced by the database so concurrent /kuis cannot race.
        Index(
            "uq_quiz_sessions_active_group",
            "chat_id",
            unique=True,
            sqlite_where=text("active = 1 AND kind = 'group'"),
            postgresql_where=text("active AND kind = 'group'"),
        ),
        # One active private/review session per user.
        Index(
            "uq_quiz_sessions_active_private",
            "user_id",
            unique=True,
            sqlite_where=text("active = 1 AND kind <> 'group'"),
            postgresql_where=text("active AND kind <> 'group'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    question_ids: Mapped[list[str]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DailyDelivery(Base):
    __tablename__ = "daily_deliveries"
    __table_args__ = (UniqueConstraint("chat_id", "day", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16), default="daily")
    poll_id: Mapped[str | None] = mapped_column(String(64))
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|failed|skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recapped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class QuizPoll(Base):
    __tablename__ = "quiz_polls"

    poll_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int] = mapped_column(BigInteger)
    question_id: Mapped[str] = mapped_column(String(128))
    topic: Mapped[str] = mapped_column(String(64))
    correct_option: Mapped[int] = mapped_column(Integer)
    option_order: Mapped[list[int]] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(16))  # private|review|group|daily
    session_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("quiz_sessions.id", ondelete="SET NULL"), index=True
    )
    delivery_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("daily_deliveries.id", ondelete="SET NULL"), index=True
    )
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("poll_id", "user_id"),
        Index("ix_answers_user_id_answered_at", "user_id", "answered_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    poll_id: Mapped[str] = mapped_column(String(64), ForeignKey("quiz_polls.poll_id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    option: Mapped[int] = mapped_column(Integer)  # index in the poll as shown (see QuizPoll.option_order)
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ReviewBox(Base):
    __tablename__ = "review_boxes"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        Index("ix_review_boxes_user_id_due_at", "user_id", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    question_id: Mapped[str] = mapped_column(String(128))
    box: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NULL once learned
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DailyRotation(Base):
    """Which rotation cycle each question was last sent to a chat in; one row per (chat, question)."""

    __tablename__ = "daily_rotation"
    __table_args__ = (UniqueConstraint("chat_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(128))
    cycle: Mapped[int] = mapped_column(Integer)
    served_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UnansweredQuestion(Base):  # added in 0002
    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # no FK: a log must never fail to write
    text: Mapped[str] = mapped_column(Text)
    candidates: Mapped[list[list[Any]]] = mapped_column(JSON)  # [[question_id, score], ...]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Lease(Base):  # added in 0002
    """A named, expiring lock so only one of several bot processes runs the broadcast scheduler."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HealthProbe(Base):  # added in 0004
    """The health check's proof that the database takes writes: one row per bot process."""

    __tablename__ = "health_probes"

    holder: Mapped[str] = mapped_column(String(128), primary_key=True)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WeeklyRecapSetting(Base):  # added in 0006
    """A group's /rekap on|off: the class recap every Monday at its daily-quiz time."""

    __tablename__ = "weekly_recap_settings"

    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WeeklyRecap(Base):  # added in 0006
    """One row per class recap posted (or being posted): the unique (chat, week) makes it once a week,
    however many processes tick."""

    __tablename__ = "weekly_recaps"
    __table_args__ = (UniqueConstraint("chat_id", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"))
    week: Mapped[date] = mapped_column(Date)  # the Monday, in the chat's zone
    state: Mapped[str] = mapped_column(String(16))  # pending|sent|failed
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MistakeReport(Base):  # added in 0007
    """A student's or teacher's "Laporkan kesalahan" about one answer, fact card or quiz question.

    `text` is empty while the bot waits for the reporter's one-message description (state "draft");
    reports never change content by themselves: an owner reads them and closes them."""

    __tablename__ = "mistake_reports"
    __table_args__ = (Index("ix_mistake_reports_state_chat_user", "state", "chat_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # answer | card | quiz
    ref: Mapped[str] = mapped_column(String(128))  # the FAQ, card or quiz question id
    chat_id: Mapped[int] = mapped_column(BigInteger)  # no FK: a report must never fail to write
    user_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16))  # draft | open | closed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
