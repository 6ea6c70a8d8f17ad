"""Behaviour of the Store on a real database (SQLite always, PostgreSQL with TEST_POSTGRES_URL)."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, text

from bot.core import srs
from bot.storage import SessionBusy, Store
from bot.storage.records import DailyPick
from tests.storage.test_migrations import head_revision

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
GROUP = -1001234567890  # supergroup ids exceed 2^31
BIG_USER = 7_000_000_001


async def _poll(store: Store, poll_id: str, chat_id: int = GROUP, **kw: object) -> None:
    defaults: dict[str, object] = {
        "message_id": 10,
        "question_id": "q1",
        "topic": "pbb",
        "correct_option": 2,
        "option_order": [3, 0, 1, 2],
        "kind": "group",
    }
    defaults.update(kw)
    await store.record_poll(poll_id, chat_id, **defaults)  # type: ignore[arg-type]


_DAYS = itertools.count()


async def _serve_daily(store: Store, chat_id: int, bank: list[str], rng_seed: int) -> str:
    """As the broadcast does on a day of its own: claim, pick, and record the poll as sent."""
    day = date(2030, 1, 1) + timedelta(days=next(_DAYS))
    claim = await store.claim_delivery(chat_id, day)
    assert claim is not None
    pick = await store.pick_daily_question(chat_id, bank, rng_seed)
    await store.record_daily_sent(claim.id, pick, poll_id=f"daily:{chat_id}:{day}", chat_id=chat_id, message_id=1,
                                  topic="pbb", correct_option=0, option_order=[0, 1, 2, 3], sent_at=T0)
    return pick.question_id


# ------------------------------------------------------------------------------------------ basics


async def test_ping_and_schema_at_head(store: Store) -> None:
    assert await store.ping()
    assert await store.schema_revision() == head_revision()


async def test_the_health_probe_writes_one_row_per_process(store: Store) -> None:
    await store.write_probe("host:1", T0)
    await store.write_probe("host:1", T0 + timedelta(seconds=5))  # an upsert, not a second row
    async with store.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM health_probes"))).scalar_one() == 1
    await store.drop_probe("host:1")
    async with store.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM health_probes"))).scalar_one() == 0
    assert (store.database_file() is None) == (store.dialect != "sqlite")


async def test_sqlite_file_gets_parent_dir_and_pragmas(tmp_path) -> None:
    store = await Store.open(f"sqlite:///{tmp_path}/a/b/tutor.db")
    try:
        assert (tmp_path / "a" / "b" / "tutor.db").exists()
        async with store.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() >= 5000
    finally:
        await store.close()


async def test_rows_are_stamped_by_the_injected_clock(db_url: str) -> None:
    ticks = iter([T0, T0 + timedelta(hours=1)])
    store = await Store.open(db_url, clock=lambda: next(ticks))
    try:
        created = await store.upsert_chat(GROUP, "supergroup", "Kelas 9A")
        assert (created.created_at, created.updated_at) == (T0, T0)
        await store.set_chat_language(GROUP, "en")
        updated = await store.get_chat(GROUP)
        assert updated is not None
        assert (updated.created_at, updated.updated_at) == (T0, T0 + timedelta(hours=1))
    finally:
        await store.close()


async def test_open_without_migrate_leaves_database_empty(tmp_path) -> None:
    store = await Store.open(f"sqlite:///{tmp_path}/empty.db", migrate=False)
    try:
        assert await store.schema_revision() is None
        await store.upgrade()
        assert await store.schema_revision() == head_revision()
    finally:
        await store.close()


# ------------------------------------------------------------------------------------ chats, users


async def test_chat_upsert_language_timezone_and_aware_times(store: Store) -> None:
    assert await store.get_chat(GROUP) is None
    chat = await store.upsert_chat(GROUP, "supergroup", "Kelas 9A")
    assert (chat.id, chat.type, chat.title, chat.active, chat.language, chat.timezone) == (
        GROUP,
        "supergroup",
        "Kelas 9A",
        True,
        None,
        None,
    )
    assert chat.created_at.tzinfo is not None and chat.created_at.utcoffset() == timedelta(0)
    await store.set_chat_language(GROUP, "en")
    await store.set_chat_timezone(GROUP, "Asia/Makassar")
    renamed = await store.upsert_chat(GROUP, "supergroup", "Kelas 9B")
    assert (renamed.title, renamed.language, renamed.timezone) == ("Kelas 9B", "en", "Asia/Makassar")
    assert renamed.created_at == chat.created_at
    with pytest.raises(ValueError):
        await store.set_chat_timezone(GROUP, "Mars/Olympus")


async def test_deactivating_a_chat_disables_its_subscription(store: Store) -> None:
    await store.upsert_chat(GROUP, "supergroup", "g")
    await store.set_subscription(GROUP, time(7, 0), "Asia/Jakarta", True)
    await store.set_chat_active(GROUP, False)
    assert not (await store.get_chat(GROUP)).active
    assert not (await store.get_subscription(GROUP)).enabled
    await store.set_chat_active(GROUP, True)
    assert (await store.get_chat(GROUP)).active
    assert not (await store.get_subscription(GROUP)).enabled  # must subscribe again


async def test_users_names_and_language(store: Store) -> None:
    await store.upsert_user(BIG_USER, "Sari", "sari_k", "id")
    await store.upsert_user(2, "", "budi", None)
    await store.upsert_user(3, "  ", None, None)
    assert await store.get_user_language(BIG_USER) is None
    await store.set_user_language(BIG_USER, "en")
    await store.upsert_user(BIG_USER, "Sari K", "sari_k", "id")  # profile refresh keeps the choice
    assert await store.get_user_language(BIG_USER) == "en"
    assert await store.get_user_language_code(BIG_USER) == "id"
    assert await store.user_display_names([BIG_USER, 2, 3, 999]) == {BIG_USER: "Sari K", 2: "@budi", 3: "3"}
    assert await store.user_display_names([]) == {}
    await store.set_user_language(55, "id")  # unknown user: row created
    assert await store.get_user_language(55) == "id"


# --------------------------------------------------------------------------------------- sessions


async def test_group_session_is_exclusive_per_chat(store: Store) -> None:
    first = await store.create_session(GROUP, None, "group", ["q1", "q2"])
    with pytest.raises(SessionBusy) as busy:
        await store.create_session(GROUP, None, "group", ["q3"])
    assert busy.value.session_id == first.id
    # private sessions in the same chat do not conflict with the group round
    await store.create_session(GROUP, 1, "private", ["q1"])
    await store.finish_session(first.id)
    second = await store.create_session(GROUP, None, "group", ["q3"])
    assert second.active and second.id != first.id


async def test_concurrent_group_sessions_only_one_wins(store: Store) -> None:
    results = await asyncio.gather(
        *(store.create_session(GROUP, None, "group", ["q1"]) for _ in range(10)), return_exceptions=True
    )
    winners = [r for r in results if not isinstance(r, BaseException)]
    assert len(winners) == 1
    assert all(isinstance(r, SessionBusy) for r in results if isinstance(r, BaseException))


async def test_new_private_session_finishes_the_old_one(store: Store) -> None:
    old = await store.create_session(BIG_USER, BIG_USER, "private", ["q1", "q2"])
    new = await store.create_session(BIG_USER, BIG_USER, "review", ["q9"])
    assert not (await store.get_session(old.id)).active
    assert (await store.get_session(old.id)).finished_at is not None
    assert (await store.active_session(BIG_USER)).id == new.id
    assert await store.active_session(BIG_USER, "private") is None
    assert [s.id for s in await store.active_sessions()] == [new.id]


async def test_advance_is_compare_and_set(store: Store) -> None:
    s = await store.create_session(1, 1, "private", ["a", "b", "c"])
    assert s.current_question_id == "a" and s.position == 0
    results = await asyncio.gather(*(store.advance_session(s.id, expected_position=0) for _ in range(5)))
    moved = [r for r in results if r is not None]
    assert len(moved) == 1 and moved[0].position == 1 and moved[0].current_question_id == "b"
    assert await store.advance_session(s.id, expected_position=0) is None
    finished = await store.finish_session(s.id)
    assert not finished.active and finished.finished_at is not None
    again = await store.finish_session(s.id)
    assert again.finished_at == finished.finished_at
    assert await store.advance_session(s.id, expected_position=1) is None  # finished sessions stay put
    with pytest.raises(LookupError):
        await store.finish_session(999_999)
    with pytest.raises(ValueError):
        await store.create_session(1, 1, "weird", [])


# ---------------------------------------------------------------------------------- polls, answers


async def test_poll_roundtrip_open_and_close_once(store: Store) -> None:
    closes = T0 + timedelta(seconds=30)
    await _poll(store, "p1", closes_at=closes)
    await _poll(store, "p1", question_id="other")  # retry of the same poll: no-op
    poll = await store.get_poll("p1")
    assert poll is not None
    assert (poll.chat_id, poll.question_id, poll.option_order, poll.correct_option) == (GROUP, "q1", [3, 0, 1, 2], 2)
    assert poll.closes_at == closes and poll.closed_at is None and poll.sent_at.tzinfo is not None
    assert [p.poll_id for p in await store.open_polls()] == ["p1"]
    assert (await asyncio.gather(*(store.close_poll("p1") for _ in range(4)))).count(True) == 1
    assert await store.open_polls() == []
    assert (await store.get_poll("p1")).closed_at is not None
    assert await store.get_poll("nope") is None
    assert await store.close_poll("nope") is False


async def test_record_answer_unknown_retracted_and_idempotent(store: Store) -> None:
    assert await store.record_answer("ghost", 1, 0, T0) is None
    await _poll(store, "p1")
    assert await store.record_answer("p1", 1, None, T0) is None
    first = await store.record_answer("p1", 1, 2, T0)
    assert first is not None and first.first and first.correct and first.poll.poll_id == "p1"
    again = await store.record_answer("p1", 1, 0, T0 + timedelta(seconds=1))
    assert again is not None and not again.first and again.correct  # the first answer counts
    results = await store.poll_results("p1")
    assert (results.answered, results.correct, results.correct_user_ids) == (1, 1, [1])


async def test_300_concurrent_answers_all_recorded(store: Store) -> None:
    await _poll(store, "p-big")
    users = range(1_000, 1_300)
    outcomes = await asyncio.gather(
        *(store.record_answer("p-big", u, u % 4, T0 + timedelta(milliseconds=u)) for u in users)
    )
    assert all(o is not None and o.first for o in outcomes)
    results = await store.poll_results("p-big")
    assert results.answered == 300
    expected_right = [u for u in users if u % 4 == 2]
    assert results.correct == len(expected_right) == 75
    assert results.first_correct == expected_right  # ordered by answer time


async def test_duplicate_answers_race_counts_once(store: Store) -> None:
    s = await store.create_session(GROUP, None, "group", ["q1"])
    await _poll(store, "p1", session_id=s.id)
    outcomes = await asyncio.gather(*(store.record_answer("p1", 42, 2, T0) for _ in range(50)))
    assert sum(1 for o in outcomes if o is not None and o.first) == 1
    session = await store.get_session(s.id)
    assert (session.answered, session.correct) == (1, 1)


async def test_session_counters_only_for_owner_in_private(store: Store) -> None:
    private = await store.create_session(5, 5, "private", ["q1"])
    await _poll(store, "pp", chat_id=5, kind="private", session_id=private.id)
    await store.record_answer("pp", 6, 2, T0)  # someone else (forwarded poll): not counted
    await store.record_answer("pp", 5, 1, T0)
    session = await store.get_session(private.id)
    assert (session.answered, session.correct) == (1, 0)

    group = await store.create_session(GROUP, None, "group", ["q1"])
    await _poll(store, "pg", session_id=group.id)
    for user, option in ((1, 2), (2, 2), (3, 0)):
        await store.record_answer("pg", user, option, T0)
    session = await store.get_session(group.id)
    assert (session.answered, session.correct) == (3, 2)


async def test_naive_datetimes_are_refused(store: Store) -> None:
    await _poll(store, "p1")
    with pytest.raises(ValueError):
        await store.record_answer("p1", 1, 0, datetime(2026, 1, 1, 12, 0))


# ------------------------------------------------------------------------------------------- review


async def test_right_first_time_does_not_enter_review(store: Store) -> None:
    await _poll(store, "p1", question_id="easy")
    await store.record_answer("p1", 1, 2, T0)
    assert await store.review_box(1, "easy") is None
    assert await store.review_count(1, T0 + timedelta(days=365)) == (0, 0)


async def test_review_boxes_follow_leitner_until_learned(store: Store) -> None:
    n = 0

    async def answer(correct: bool, at: datetime) -> None:
        nonlocal n
        n += 1
        await _poll(store, f"r{n}", question_id="hard", kind="review")
        await store.record_answer(f"r{n}", 1, 2 if correct else 0, at)

    await answer(False, T0)
    assert await store.review_box(1, "hard") == (1, srs.due_at(1, T0))
    assert await store.due_reviews(1, T0, 10) == []
    assert await store.review_count(1, T0) == (0, 1)
    later = srs.due_at(1, T0)
    assert await store.due_reviews(1, later, 10) == ["hard"]
    assert await store.review_count(1, later) == (1, 1)

    at = later
    for expected_box in range(2, srs.LEARNED_BOX):
        await answer(True, at)
        box, due = await store.review_box(1, "hard")
        assert (box, due) == (expected_box, srs.due_at(expected_box, at))
        at = due
    await answer(True, at)
    assert await store.review_box(1, "hard") == (srs.LEARNED_BOX, None)
    assert await store.due_reviews(1, at + timedelta(days=999), 10) == []
    assert await store.review_count(1, at + timedelta(days=999)) == (0, 0)

    await answer(False, at)  # forgotten again: back to box 1
    assert (await store.review_box(1, "hard"))[0] == 1


async def test_due_reviews_most_overdue_first_and_limit(store: Store) -> None:
    for i, qid in enumerate(["c", "a", "b"]):
        await _poll(store, f"p{qid}", question_id=qid)
        await store.record_answer(f"p{qid}", 1, 0, T0 + timedelta(minutes=i))
    await _poll(store, "other-user", question_id="z")
    await store.record_answer("other-user", 2, 0, T0)
    now = T0 + timedelta(hours=1)
    assert await store.due_reviews(1, now, 10) == ["c", "a", "b"]
    assert await store.due_reviews(1, now, 2) == ["c", "a"]


# ------------------------------------------------------------------------------------------- scores


async def test_user_stats_topics_and_streaks_in_local_days(store: Store) -> None:
    jakarta = ZoneInfo("Asia/Jakarta")
    # Local (UTC+7) days: Mar 1, Mar 2 (two answers), Mar 3 → streak 3; earlier Feb 20-21 → 2.
    stamps = [
        datetime(2026, 2, 20, 9, tzinfo=jakarta),
        datetime(2026, 2, 21, 9, tzinfo=jakarta),
        datetime(2026, 3, 1, 23, 30, tzinfo=jakarta),  # 16:30 UTC, still Mar 1 locally
        datetime(2026, 3, 2, 0, 30, tzinfo=jakarta),  # Mar 1 17:30 UTC but Mar 2 locally
        datetime(2026, 3, 2, 10, tzinfo=jakarta),
        datetime(2026, 3, 3, 6, tzinfo=jakarta),
    ]
    for i, at in enumerate(stamps):
        await _poll(store, f"s{i}", chat_id=BIG_USER, topic="pbb" if i % 2 else "asean", kind="private")
        await store.record_answer(f"s{i}", BIG_USER, 2 if i < 4 else 1, at)
    stats = await store.user_stats(BIG_USER, date(2026, 3, 3))
    assert (stats.answered, stats.correct) == (6, 4)
    assert stats.per_topic == {"asean": (3, 2), "pbb": (3, 2)}
    assert (stats.current_streak, stats.best_streak) == (3, 3)
    assert (await store.user_stats(BIG_USER, date(2026, 3, 4))).current_streak == 3  # yesterday keeps it
    assert (await store.user_stats(BIG_USER, date(2026, 3, 5))).current_streak == 0
    # In UTC the Mar 1/Mar 2 split differs: Mar 1 (two answers), Mar 2, Mar 2 23:00 UTC = Mar 3 local
    utc = await store.user_stats(BIG_USER, date(2026, 3, 2), tz="UTC")
    assert utc.current_streak == 2
    # The private chat's own zone is used when set
    await store.set_chat_timezone(BIG_USER, "UTC")
    assert (await store.user_stats(BIG_USER, date(2026, 3, 2))).current_streak == 2
    empty = await store.user_stats(424242, date(2026, 3, 2))
    assert (empty.answered, empty.current_streak, empty.best_streak, empty.accuracy) == (0, 0, 0, 0.0)


async def test_leaderboard_and_session_ranking(store: Store) -> None:
    await store.upsert_user(1, "Ani", None, None)
    await store.upsert_user(2, "", "budi", None)
    s = await store.create_session(GROUP, None, "group", ["q1", "q2"])
    await _poll(store, "g1", session_id=s.id)
    await _poll(store, "g2", session_id=s.id)
    await _poll(store, "elsewhere", chat_id=-42)
    # user 1: 2/2, user 2: 1/2, user 3 (unknown): 1/1, all in GROUP; user 2 also answers elsewhere
    await store.record_answer("g1", 1, 2, T0)
    await store.record_answer("g2", 1, 2, T0 + timedelta(seconds=5))
    await store.record_answer("g1", 2, 2, T0 + timedelta(seconds=1))
    await store.record_answer("g2", 2, 0, T0 + timedelta(seconds=6))
    await store.record_answer("g1", 3, 2, T0 + timedelta(days=2))
    await store.record_answer("elsewhere", 2, 2, T0)
    board = await store.leaderboard(GROUP, None)
    assert [(r.user_id, r.name, r.correct, r.answered) for r in board] == [
        (1, "Ani", 2, 2),
        (3, "3", 1, 1),  # same correct as budi, fewer attempts
        (2, "@budi", 1, 2),
    ]
    assert [r.user_id for r in await store.leaderboard(GROUP, None, limit=1)] == [1]
    recent = await store.leaderboard(GROUP, T0 + timedelta(days=1))
    assert [(r.user_id, r.correct) for r in recent] == [(3, 1)]
    ranking = await store.session_ranking(s.id)
    assert [(r.user_id, r.correct, r.answered) for r in ranking] == [(1, 2, 2), (3, 1, 1), (2, 1, 2)]


# ------------------------------------------------------------------------------ subscriptions, daily


async def test_subscription_roundtrip(store: Store) -> None:
    assert await store.get_subscription(GROUP) is None
    await store.upsert_chat(GROUP, "supergroup", "g")
    await store.set_chat_language(GROUP, "en")
    sub = await store.set_subscription(GROUP, time(6, 45, 30), "Asia/Jayapura", True)
    assert (sub.local_time, sub.timezone, sub.enabled, sub.chat_type, sub.language) == (
        time(6, 45),
        "Asia/Jayapura",
        True,
        "supergroup",
        "en",
    )
    await store.set_subscription(GROUP, time(19, 0), "Asia/Jakarta", False)
    got = await store.get_subscription(GROUP)
    assert (got.local_time, got.timezone, got.enabled) == (time(19, 0), "Asia/Jakarta", False)
    with pytest.raises(ValueError):
        await store.set_subscription(GROUP, time(7, 0), "Nowhere/City", True)


async def test_iter_subscriptions_pages_through_enabled_active_chats(store: Store) -> None:
    ids = [-(10**12) - i for i in range(25)] + list(range(1, 26))
    for chat_id in ids:
        await store.set_subscription(chat_id, time(7, 0), "Asia/Jakarta", True)
    await store.set_subscription(ids[3], time(7, 0), "Asia/Jakarta", False)
    await store.set_chat_active(ids[4], False)
    expected = sorted(set(ids) - {ids[3], ids[4]})
    seen = [s.chat_id async for s in store.iter_subscriptions(batch=7)]
    assert seen == expected
    assert [s.chat_id async for s in store.iter_subscriptions(batch=1000)] == expected
    exact = [s.chat_id async for s in store.iter_subscriptions(batch=len(expected))]
    assert exact == expected


async def test_claim_delivery_lifecycle(store: Store) -> None:
    day = date(2026, 3, 2)
    claim = await store.claim_delivery(GROUP, day)
    assert claim is not None and (claim.state, claim.attempts, claim.kind) == ("pending", 1, "daily")
    await store.mark_delivery_failed(claim.id, "Forbidden: bot was kicked")
    retry = await store.claim_delivery(GROUP, day)
    assert retry is not None and retry.id == claim.id and retry.attempts == 2
    assert (await store.get_delivery(claim.id)).state == "pending"
    await store.mark_delivery_sent(claim.id, "poll-9", 77, now=T0)
    assert await store.claim_delivery(GROUP, day) is None
    other_kind = await store.claim_delivery(GROUP, day, kind="recap")
    assert other_kind is not None and other_kind.id != claim.id
    await store.mark_delivery_skipped(other_kind.id, "chat gone")
    assert await store.claim_delivery(GROUP, day, kind="recap") is None
    sent = await store.get_delivery(claim.id)
    assert (sent.state, sent.poll_id, sent.message_id, sent.sent_at, sent.error) == ("sent", "poll-9", 77, T0, None)
    with pytest.raises(LookupError):
        await store.mark_delivery_failed(424242, "x")


async def test_concurrent_claims_create_one_row(store: Store) -> None:
    day = date(2026, 3, 2)
    claims = await asyncio.gather(*(store.claim_delivery(GROUP, day) for _ in range(10)))
    assert len({c.id for c in claims if c is not None}) == 1
    assert max(c.attempts for c in claims if c is not None) == 10


async def test_pending_recaps(store: Store) -> None:
    a = await store.claim_delivery(1, date(2026, 3, 1))
    b = await store.claim_delivery(2, date(2026, 3, 1))
    c = await store.claim_delivery(3, date(2026, 3, 1))
    await store.mark_delivery_sent(b.id, "pb", 1, now=T0)
    await store.mark_delivery_sent(a.id, "pa", 1, now=T0 + timedelta(hours=1))
    await store.mark_delivery_sent(c.id, "pc", 1, now=T0 + timedelta(hours=5))
    due = await store.pending_recaps(T0 + timedelta(hours=2))
    assert [d.id for d in due] == [b.id, a.id]
    await store.mark_delivery_recapped(b.id)
    assert [d.id for d in await store.pending_recaps(T0 + timedelta(hours=2))] == [a.id]


async def test_daily_rotation_never_repeats_within_a_cycle(store: Store) -> None:
    bank = [f"q{i}" for i in range(7)]
    first_cycle = [await _serve_daily(store, GROUP, bank, rng_seed=d) for d in range(7)]
    assert sorted(first_cycle) == sorted(bank)
    second_cycle = [await _serve_daily(store, GROUP, bank, rng_seed=d) for d in range(7, 14)]
    assert sorted(second_cycle) == sorted(bank)
    assert await store.daily_seen(GROUP) == dict.fromkeys(bank, 2)
    # another chat rotates independently; a grown bank joins the running cycle
    picks = [await _serve_daily(store, -77, bank[:3], rng_seed=1) for _ in range(2)]
    picks.append(await _serve_daily(store, -77, [*bank[:3], "new"], rng_seed=1))
    picks.append(await _serve_daily(store, -77, [*bank[:3], "new"], rng_seed=1))
    assert sorted(picks) == sorted([*bank[:3], "new"])
    with pytest.raises(ValueError):
        await store.pick_daily_question(GROUP, [], rng_seed=0)


async def test_daily_rotation_is_deterministic_for_a_seed(tmp_path) -> None:
    picks = []
    for name in ("a", "b"):
        s = await Store.open(f"sqlite:///{tmp_path}/{name}.db")
        try:
            picks.append([await _serve_daily(s, GROUP, ["x", "y", "z"], rng_seed=5) for _ in range(3)])
        finally:
            await s.close()
    assert picks[0] == picks[1]


async def test_a_pick_counts_as_seen_only_once_its_poll_is_recorded(store: Store) -> None:
    bank = ["x", "y", "z"]
    pick = await store.pick_daily_question(GROUP, bank, rng_seed=5)
    # A send that failed (or was cut short) leaves no trace: the retry picks the very same question.
    assert await store.pick_daily_question(GROUP, bank, rng_seed=5) == pick
    assert await store.daily_seen(GROUP) == {}
    claim = await store.claim_delivery(GROUP, date(2026, 3, 2))
    await store.record_daily_sent(claim.id, pick, poll_id="d1", chat_id=GROUP, message_id=9, topic="pbb",
                                  correct_option=1, option_order=[2, 0, 1], sent_at=T0,
                                  closes_at=T0 + timedelta(hours=12))
    assert await store.daily_seen(GROUP) == {pick.question_id: 1}
    assert (await store.pick_daily_question(GROUP, bank, rng_seed=5)).question_id != pick.question_id
    poll = await store.get_poll("d1")
    delivery = await store.get_delivery(claim.id)
    assert (poll.kind, poll.question_id, poll.delivery_id, poll.sent_at, poll.closes_at) == (
        "daily", pick.question_id, claim.id, T0, T0 + timedelta(hours=12))
    assert (delivery.state, delivery.poll_id, delivery.message_id, delivery.sent_at) == ("sent", "d1", 9, T0)


async def test_record_daily_sent_writes_all_or_nothing(store: Store) -> None:
    claim = await store.claim_delivery(GROUP, date(2026, 3, 2))
    pick = DailyPick("x", 1)

    def fail_last_write(conn, cursor, statement: str, *args: object) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO DAILY_ROTATION"):
            raise RuntimeError("connection lost while counting the question as seen")

    event.listen(store.engine.sync_engine, "before_cursor_execute", fail_last_write)
    try:
        with pytest.raises(RuntimeError, match="connection lost"):
            await store.record_daily_sent(claim.id, pick, poll_id="d1", chat_id=GROUP, message_id=9, topic="pbb",
                                          correct_option=1, option_order=[2, 0, 1], sent_at=T0)
    finally:
        event.remove(store.engine.sync_engine, "before_cursor_execute", fail_last_write)
    # The writes before the failure were rolled back with it: never 'sent' without its poll and rotation.
    assert await store.get_poll("d1") is None
    assert (await store.get_delivery(claim.id)).state == "pending"
    assert await store.daily_seen(GROUP) == {}
    with pytest.raises(LookupError):  # a delivery that does not exist leaves nothing behind either
        await store.record_daily_sent(claim.id + 1000, pick, poll_id="d2", chat_id=GROUP, message_id=9,
                                      topic="pbb", correct_option=1, option_order=[2, 0, 1], sent_at=T0)
    assert await store.get_poll("d2") is None and await store.daily_seen(GROUP) == {}


# ------------------------------------------------------------------------------------ migrate chat


async def test_migrate_chat_moves_everything_and_is_idempotent(store: Store) -> None:
    old, new = -4242, -1004242
    day = date(2026, 3, 2)
    await store.upsert_chat(old, "group", "Kelas 8")
    await store.set_chat_language(old, "en")
    await store.set_chat_timezone(old, "Asia/Makassar")
    await store.set_subscription(old, time(7, 15), "Asia/Makassar", True)
    session = await store.create_session(old, None, "group", ["q1"])
    delivery = await store.claim_delivery(old, day)
    await _poll(store, "daily-1", chat_id=old, kind="daily", delivery_id=delivery.id)
    await store.mark_delivery_sent(delivery.id, "daily-1", 5)
    await _poll(store, "group-1", chat_id=old, session_id=session.id)
    await store.record_answer("group-1", 1, 2, T0)
    before_move = await _serve_daily(store, old, ["a", "b"], rng_seed=1)
    # the supergroup already said hello and claimed (but did not send) the same day
    await store.upsert_chat(new, "supergroup", "Kelas 8 (super)")
    twin = await store.claim_delivery(new, day)
    await store.log_unanswered(old, "kapan ulangan IPS?", [], T0)

    await store.migrate_chat(old, new)
    await store.migrate_chat(old, new)  # idempotent

    old_chat, new_chat = await store.get_chat(old), await store.get_chat(new)
    assert (old_chat.active, old_chat.migrated_to) == (False, new)
    assert (new_chat.type, new_chat.title, new_chat.language, new_chat.timezone, new_chat.active) == (
        "supergroup",
        "Kelas 8 (super)",
        "en",
        "Asia/Makassar",
        True,
    )
    assert await store.get_subscription(old) is None
    sub = await store.get_subscription(new)
    assert (sub.local_time, sub.enabled) == (time(7, 15), True)
    assert (await store.get_session(session.id)).chat_id == new
    assert (await store.active_session(new, "group")).id == session.id
    assert (await store.get_poll("group-1")).chat_id == new
    merged = await store.get_delivery(twin.id)
    assert (merged.state, merged.poll_id) == ("sent", "daily-1")
    assert await store.get_delivery(delivery.id) is None
    assert (await store.get_poll("daily-1")).delivery_id == twin.id
    assert await store.claim_delivery(new, day) is None  # not quizzed twice that day
    assert [r.user_id for r in await store.leaderboard(new, None)] == [1]
    assert await store.leaderboard(old, None) == []
    assert [s.chat_id async for s in store.iter_subscriptions()] == [new]
    async with store.engine.connect() as conn:  # the teacher of the supergroup sees the group's questions
        assert (await conn.execute(text("SELECT chat_id FROM unanswered_questions"))).scalars().all() == [new]
    # rotation carried over: the question sent before the move is not repeated
    after_move = await _serve_daily(store, new, ["a", "b"], rng_seed=1)
    assert {before_move, after_move} == {"a", "b"}


async def test_migrate_unknown_chat_creates_both_rows(store: Store) -> None:
    await store.migrate_chat(-1, -1001)
    assert (await store.get_chat(-1)).migrated_to == -1001
    assert (await store.get_chat(-1001)).type == "supergroup"


# ------------------------------------------------------------------------------------------- leases


async def test_lease_exclusive_renewable_and_expiring(store: Store) -> None:
    assert await store.acquire_lease("scheduler", "proc-a", 60, T0)
    assert not await store.acquire_lease("scheduler", "proc-b", 60, T0 + timedelta(seconds=30))
    assert await store.acquire_lease("scheduler", "proc-a", 60, T0 + timedelta(seconds=50))  # renew
    assert not await store.acquire_lease("scheduler", "proc-b", 60, T0 + timedelta(seconds=100))
    assert await store.lease_holder("scheduler", T0 + timedelta(seconds=100)) == "proc-a"
    assert await store.acquire_lease("scheduler", "proc-b", 60, T0 + timedelta(seconds=111))  # expired
    await store.release_lease("scheduler", "proc-a")  # not the holder: no effect
    assert await store.lease_holder("scheduler", T0 + timedelta(seconds=112)) == "proc-b"
    await store.release_lease("scheduler", "proc-b")
    assert await store.lease_holder("scheduler", T0 + timedelta(seconds=112)) is None
    assert await store.acquire_lease("scheduler", "proc-c", 60, T0 + timedelta(seconds=113))
    assert await store.acquire_lease("other", "proc-a", 60, T0 + timedelta(seconds=113))


async def test_a_dead_holders_live_lease_is_taken_over_only_while_it_still_holds_it(store: Store) -> None:
    assert await store.acquire_lease("scheduler", "dead", 90, T0)
    assert not await store.acquire_lease("scheduler", "heir", 90, T0 + timedelta(seconds=5), replacing="someone")
    assert await store.acquire_lease("scheduler", "heir", 90, T0 + timedelta(seconds=5), replacing="dead")
    assert await store.lease_holder("scheduler", T0 + timedelta(seconds=6)) == "heir"
    # A second heir that also judged "dead" gone finds the lease no longer its: no double leader.
    assert not await store.acquire_lease("scheduler", "other", 90, T0 + timedelta(seconds=7), replacing="dead")


async def test_lease_race_has_one_winner(store: Store) -> None:
    wins = await asyncio.gather(*(store.acquire_lease("scheduler", f"p{i}", 30, T0) for i in range(20)))
    assert wins.count(True) == 1


# ---------------------------------------------------------------------------------- teacher, stats


async def test_unanswered_log_and_stats(store: Store) -> None:
    today = T0.replace(hour=0)
    await store.log_unanswered(GROUP, "Apa itu APEC?", [("apec", 0.61), ("asean", 0.4)], T0)
    await store.log_unanswered(None, "  apa itu apec?", [], T0)
    await store.log_unanswered(5, "Siapa Sekjen PBB?", [("pbb", 0.3)], T0)
    assert await store.top_unanswered() == [("apa itu apec?", 2), ("siapa sekjen pbb?", 1)]
    assert await store.top_unanswered(limit=1) == [("apa itu apec?", 2)]

    await store.upsert_chat(1, "private", None)
    await store.upsert_chat(2, "private", None)
    await store.upsert_chat(GROUP, "supergroup", "g")
    await store.upsert_chat(-5, "group", "old")
    await store.set_chat_active(-5, False)
    await store.set_subscription(1, time(7, 0), "Asia/Jakarta", True)
    await store.set_subscription(GROUP, time(7, 0), "Asia/Jakarta", True)
    await store.set_subscription(2, time(7, 0), "Asia/Jakarta", False)
    sent = await store.claim_delivery(1, date(2026, 3, 2))
    await store.mark_delivery_sent(sent.id, "d1", 1)
    failed = await store.claim_delivery(GROUP, date(2026, 3, 2))
    await store.mark_delivery_failed(failed.id, "timeout")
    await _poll(store, "a1", question_id="q-hard", topic="pbb")
    await _poll(store, "a2", question_id="q-easy", topic="asean")
    await store.record_answer("a1", 1, 0, T0)
    await store.record_answer("a1", 2, 0, T0)
    await store.record_answer("a1", 3, 2, today - timedelta(days=1))
    await store.record_answer("a2", 1, 2, T0)

    stats = await store.stats(today)
    assert stats.chats_by_type == {"private": 2, "supergroup": 1}  # the inactive group is not counted
    assert stats.active_subscriptions_by_type == {"private": 1, "supergroup": 1}
    assert stats.deliveries_today == {"sent": 1, "failed": 1}
    assert stats.answers_today == 3
    assert stats.accuracy_per_topic == {"pbb": (3, 1), "asean": (1, 1)}
    assert stats.most_missed == [("q-hard", 2, 3)]
    assert stats.top_unanswered[0] == ("apa itu apec?", 2)
    assert (await store.stats(today + timedelta(days=1))).answers_today == 0


async def test_iter_subscriptions_streams_10000_chats_in_keyset_pages(store: Store) -> None:
    from sqlalchemy import event, insert

    from bot.storage.models import Chat, Subscription

    now = datetime.now(UTC)
    chat_ids = list(range(1, 10_001))
    async with store.engine.begin() as conn:
        await conn.execute(
            insert(Chat),
            [{"id": i, "type": "private", "active": True, "created_at": now, "updated_at": now} for i in chat_ids],
        )
        await conn.execute(
            insert(Subscription),
            [
                {
                    "chat_id": i,
                    "local_time": "07:00",
                    "timezone": "Asia/Jakarta",
                    "enabled": True,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in chat_ids
            ],
        )
    statements: list[str] = []

    def _count(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "FROM subscriptions" in statement:
            statements.append(statement)

    event.listen(store.engine.sync_engine, "before_cursor_execute", _count)
    try:
        seen = 0
        previous = 0
        async for sub in store.iter_subscriptions(batch=500):
            assert sub.chat_id > previous
            previous = sub.chat_id
            seen += 1
    finally:
        event.remove(store.engine.sync_engine, "before_cursor_execute", _count)
    assert seen == 10_000
    # 20 full pages plus one empty probe, each bounded by LIMIT and resuming after the last chat id
    assert len(statements) == 21
    assert all("LIMIT" in s.upper() for s in statements)
    assert sum("subscriptions.chat_id >" in s for s in statements) == 20
