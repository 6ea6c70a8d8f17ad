"""Storage package: the only place that talks to the database. Import `Store` from here."""

from bot.storage.records import (
    AnswerResult,
    BotStats,
    ChatRecord,
    DeliveryRecord,
    LeaderRow,
    PollRecord,
    PollResults,
    ReportRecord,
    SessionBusy,
    SessionRecord,
    SubscriptionRecord,
    UserStats,
)
from bot.storage.store import Store, alembic_config, make_engine

__all__ = [
    "AnswerResult",
    "BotStats",
    "ChatRecord",
    "DeliveryRecord",
    "LeaderRow",
    "PollRecord",
    "PollResults",
    "ReportRecord",
    "SessionBusy",
    "SessionRecord",
    "Store",
    "SubscriptionRecord",
    "UserStats",
    "alembic_config",
    "make_engine",
]
