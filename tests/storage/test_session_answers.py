"""Store.session_answers: what a quiz summary needs to say which questions to review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage import Store

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


async def test_session_answers_per_user_in_answer_order(store: Store) -> None:
    session = await store.create_session(42, 42, "private", ["q1", "q2"])
    other = await store.create_session(-100, None, "group", ["q1"])
    for poll_id, qid, sid in (("p1", "q1", session.id), ("p2", "q2", session.id), ("g1", "q1", other.id)):
        await store.record_poll(poll_id, 42 if sid == session.id else -100, 1, qid, "pbb", 0, [0, 1], "private",
                                session_id=sid)
    await store.record_answer("p2", 42, 1, T0 + timedelta(seconds=2))
    await store.record_answer("p1", 42, 0, T0 + timedelta(seconds=1))
    await store.record_answer("p1", 7, 1, T0 + timedelta(seconds=3))
    await store.record_answer("g1", 42, 0, T0)

    assert await store.session_answers(session.id, 42) == [("q1", True), ("q2", False)]
    assert await store.session_answers(session.id) == [("q1", True), ("q2", False), ("q1", False)]
    assert await store.session_answers(other.id + 100) == []


async def test_an_option_the_poll_does_not_have_is_not_an_answer(store: Store) -> None:
    session = await store.create_session(42, 42, "private", ["q1"])
    await store.record_poll("p1", 42, 1, "q1", "pbb", 0, [2, 0, 1, 3], "private", session_id=session.id)
    for forged in (4, 99, -1):
        assert await store.record_answer("p1", 42, forged, T0) is None
    assert (await store.poll_results("p1")).answered == 0
    refreshed = await store.get_session(session.id)
    assert refreshed is not None and refreshed.answered == 0
    assert await store.due_reviews(42, T0 + timedelta(days=30), 10) == []  # no review box either
    result = await store.record_answer("p1", 42, 3, T0)  # the last real option still counts
    assert result is not None and result.first and not result.correct
