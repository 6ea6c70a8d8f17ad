"""Insight queries on a seeded class, SQLite and PostgreSQL: every figure checked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.storage import Store
from bot.storage.insights import MissedRow, ReviewStages, TopicRow

WIB = ZoneInfo("Asia/Jakarta")
GROUP = -500
OTHER_GROUP = -600
ANI, BUDI, CICI = 1, 2, 3
NOW = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)  # Monday 12:00 WIB
WEEK_START = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)  # 7 local days back: Tuesday 4 March 00:00 WIB


async def _poll(store: Store, poll_id: str, chat_id: int, question_id: str, topic: str, sent: datetime) -> None:
    await store.record_poll(poll_id, chat_id, 1, question_id, topic, 0, [0, 1, 2], "daily", sent_at=sent)


async def seeded(store: Store) -> Store:
    """A class of three: Ani right twice, Budi wrong once and right once, Cici only long ago.

    This week (WIB): 8 March q1 (asean) and 9 March q2 (pbb), plus one answer at 18:30 UTC on
    8 March, which is 01:30 WIB on 9 March. Long ago (1 Feb): q3 (asean). Another group's poll
    must never count.
    """
    for uid, name in ((ANI, "Ani"), (BUDI, "Budi"), (CICI, "Cici")):
        await store.upsert_user(uid, name, None, "id")
    await store.upsert_chat(GROUP, "group", "Kelas 9A")
    old = datetime(2025, 2, 1, 3, 0, tzinfo=UTC)
    d8 = datetime(2025, 3, 8, 1, 0, tzinfo=UTC)  # 08:00 WIB, 8 March
    d9 = datetime(2025, 3, 9, 1, 0, tzinfo=UTC)  # 08:00 WIB, 9 March
    await _poll(store, "p-old", GROUP, "q3", "asean", old)
    await _poll(store, "p-8", GROUP, "q1", "asean", d8)
    await _poll(store, "p-9", GROUP, "q2", "pbb", d9)
    await _poll(store, "p-other", OTHER_GROUP, "q1", "asean", d9)
    await store.record_answer("p-old", CICI, 1, old + timedelta(minutes=1))  # wrong
    await store.record_answer("p-8", ANI, 0, d8 + timedelta(minutes=1))  # right
    await store.record_answer("p-8", BUDI, 1, datetime(2025, 3, 8, 18, 30, tzinfo=UTC))  # wrong, 9 March WIB
    await store.record_answer("p-9", ANI, 0, d9 + timedelta(minutes=1))  # right
    await store.record_answer("p-9", BUDI, 0, d9 + timedelta(minutes=2))  # right
    await store.record_answer("p-other", BUDI, 1, d9 + timedelta(minutes=3))  # other group: wrong
    return store


async def test_class_stats_counts_this_group_only_by_local_day(store: Store) -> None:
    stats = await (await seeded(store)).class_stats(GROUP, WEEK_START, NOW, WIB)
    assert (stats.students_all, stats.students_week) == (3, 2)
    assert (stats.answers_week, stats.correct_week, stats.answers_all, stats.correct_all) == (4, 3, 5, 3)
    # 8 March: Ani; 9 March: Budi's 01:30 answer, then Ani and Budi
    assert stats.participation == [(date(2025, 3, 8), 1, 1), (date(2025, 3, 9), 2, 3)]
    assert stats.topics_week == [TopicRow("asean", 2, 1), TopicRow("pbb", 2, 2)]  # weakest first
    assert stats.topics_all == [TopicRow("asean", 3, 1), TopicRow("pbb", 2, 2)]
    assert stats.missed_week == [MissedRow("q1", 1, 2)]
    # review boxes of the class's students: Budi q1 (box 1, due), Cici q3 (box 1, due); Budi's q1 from
    # the other group is the same question (one box per user and question)
    assert stats.backlog == ReviewStages(new=2, learning=0, learned=0, due=2)


async def test_class_students_for_the_csv(store: Store) -> None:
    rows = await (await seeded(store)).class_students(GROUP, NOW, WIB)
    assert [(r.name, r.answered, r.correct) for r in rows] == [("Ani", 2, 2), ("Budi", 2, 1), ("Cici", 1, 0)]
    ani, budi, cici = rows
    assert ani.per_topic == {"asean": (1, 1), "pbb": (1, 1)}
    assert budi.per_topic == {"asean": (1, 0), "pbb": (1, 1)}  # the other group's answer is not this class's
    # streaks end today (10 March) or yesterday: Ani 8+9 March = 2, Budi 9 March = 1, Cici 0
    assert (ani.streak, budi.streak, cici.streak) == (2, 1, 0)


async def test_an_empty_class_has_zero_figures(store: Store) -> None:
    stats = await store.class_stats(-999, WEEK_START, NOW, WIB)
    assert (stats.students_all, stats.answers_all, stats.participation, stats.topics_all) == (0, 0, [], [])
    assert await store.class_students(-999, NOW, WIB) == []


async def test_answer_days_and_review_stages_of_a_student(store: Store) -> None:
    await seeded(store)
    assert await store.answer_days(BUDI, NOW - timedelta(days=30), NOW, WIB) == {date(2025, 3, 9)}
    assert await store.answer_days(ANI, NOW - timedelta(days=30), NOW, WIB) == {date(2025, 3, 8), date(2025, 3, 9)}
    assert await store.review_stages(BUDI, NOW) == ReviewStages(new=1, due=1)
    await store.record_poll("p-10", GROUP, 2, "q1", "asean", 0, [0, 1, 2], "review", sent_at=NOW)
    await store.record_answer("p-10", BUDI, 0, NOW)  # right: box 1 -> 2, due tomorrow
    assert await store.review_stages(BUDI, NOW) == ReviewStages(new=0, learning=1, due=0)


async def test_bot_days(store: Store) -> None:
    await seeded(store)
    await store.log_unanswered(GROUP, "siapa presiden pertama?", [], datetime(2025, 3, 9, 20, 0, tzinfo=UTC))
    days = await store.bot_days(WEEK_START, NOW, WIB)
    assert [(d.day, d.active_chats, d.answers, d.unanswered) for d in days] == [
        (date(2025, 3, 8), 1, 1, 0),
        (date(2025, 3, 9), 2, 4, 0),
        (date(2025, 3, 10), 0, 0, 1),  # 20:00 UTC on 9 March is 03:00 WIB on 10 March
    ]


async def test_weekly_recap_switch_and_claim_once_per_week(store: Store) -> None:
    from datetime import time

    await store.upsert_chat(GROUP, "group", "Kelas 9A")
    await store.set_subscription(GROUP, time(7, 0), "Asia/Jakarta", False)
    assert await store.weekly_recap_targets() == []
    await store.set_weekly_recap(GROUP, True)
    assert await store.weekly_recap_on(GROUP)
    [target] = await store.weekly_recap_targets()
    assert (target.chat_id, target.local_time, target.timezone) == (GROUP, time(7, 0), "Asia/Jakarta")
    monday = date(2025, 3, 10)
    assert await store.claim_weekly_recap(GROUP, monday)
    assert not await store.claim_weekly_recap(GROUP, monday)
    assert await store.weekly_recap_state(GROUP, monday) == "pending"
    await store.finish_weekly_recap(GROUP, monday, message_id=42)
    assert await store.weekly_recap_state(GROUP, monday) == "sent"
    assert await store.claim_weekly_recap(GROUP, monday + timedelta(days=7))
    await store.set_weekly_recap(GROUP, False)
    assert await store.weekly_recap_targets() == []


async def test_weekly_recap_setting_follows_a_group_to_its_supergroup(store: Store) -> None:
    from datetime import time

    await store.upsert_chat(GROUP, "group", "Kelas 9A")
    await store.set_subscription(GROUP, time(7, 0), "Asia/Jakarta", True)
    await store.set_weekly_recap(GROUP, True)
    await store.migrate_chat(GROUP, -1000000000500)
    assert await store.weekly_recap_on(-1000000000500)
    assert [t.chat_id for t in await store.weekly_recap_targets()] == [-1000000000500]
