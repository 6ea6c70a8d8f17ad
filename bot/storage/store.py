"""The one storage facade. Everything the bot persists goes through `Store`.

`Store` is assembled from one mixin per area, each in its own module of this package:

- base.py      engine, read/write sessions, the clock, lifecycle (open, upgrade, ping, close)
- engine.py    engines per URL (SQLite pragmas, BEGIN IMMEDIATE) and Alembic's config
- chats.py     chats and users, language and time zone, group → supergroup migration
- sessions.py  quiz sessions, polls, answers and the review boxes they move
- scores.py    user stats, streaks, leaderboards, the review queue
- daily.py     daily-quiz subscriptions, deliveries and the question rotation
- leases.py    named leases (one scheduler, one broadcast at a time)
- teacher.py   unanswered questions and the dashboard numbers
- health.py    the health check's write probe and the SQLite file's path
- reports.py   mistake reports ("Laporkan kesalahan") and their drafts
- insights.py  class insight, the progress card, the bot's days and weekly recaps (aggregates)

New queries go in a new module as a `StoreBase` mixin, added to the bases below.
Design notes on transactions and dialects: see base.py.
"""

from __future__ import annotations

from bot.storage.base import StoreBase, utc_now
from bot.storage.chats import ChatsMixin
from bot.storage.daily import DailyMixin
from bot.storage.engine import alembic_config, make_engine
from bot.storage.health import HealthMixin
from bot.storage.insights import InsightsMixin
from bot.storage.leases import LeasesMixin
from bot.storage.reports import ReportsMixin
from bot.storage.scores import ScoresMixin
from bot.storage.sessions import SessionsMixin
from bot.storage.teacher import TeacherMixin


class Store(ChatsMixin, SessionsMixin, ScoresMixin, DailyMixin, LeasesMixin, TeacherMixin, ReportsMixin, HealthMixin,
            InsightsMixin, StoreBase):
    """Async facade over the database; create with `await Store.open(url)`."""


__all__ = ["Store", "alembic_config", "make_engine", "utc_now"]
