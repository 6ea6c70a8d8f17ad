"""Unanswered questions remember where they were asked (0005_unanswered_origin): telegram, console or ask."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from bot.storage import Store

T0 = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)


async def test_origin_is_stored_and_counted(store: Store) -> None:
    await store.log_unanswered(-5, "Apa itu APEC?", [("apec", 0.6)], T0)  # a Telegram handler: the default
    await store.log_unanswered(None, "apa itu apec?", [], T0, origin="console")
    await store.log_unanswered(None, "Siapa Sekjen PBB?", [], T0, origin="ask")
    await store.log_unanswered(None, "Siapa Sekjen PBB", [], T0, origin="ask")
    stats = await store.stats(T0)
    assert stats.unanswered_by_origin == {"telegram": 1, "console": 1, "ask": 2}
    assert stats.top_unanswered[0] == ("apa itu apec?", 2)
    with pytest.raises(ValueError, match="origin"):
        await store.log_unanswered(None, "x", [], T0, origin="email")


async def test_upgrade_marks_older_rows_without_a_chat_as_console(db_url: str) -> None:
    old = await Store.open(db_url, migrate=False)
    try:
        await old.upgrade("0004")
        async with old.engine.begin() as conn:
            for chat_id, question in ((None, "dari konsol"), (-1009, "dari grup")):
                await conn.execute(
                    text("INSERT INTO unanswered_questions (chat_id, text, candidates, created_at) "
                         "VALUES (:chat_id, :text, '[]', :ts)"),
                    {"chat_id": chat_id, "text": question, "ts": T0},
                )
        await old.upgrade("head")
        async with old.engine.connect() as conn:
            rows = (await conn.execute(text("SELECT text, origin FROM unanswered_questions ORDER BY id"))).all()
        assert [tuple(r) for r in rows] == [("dari konsol", "console"), ("dari grup", "telegram")]
    finally:
        await old.close()
