"""Text students control (names, group titles, questions) is stored whatever it contains: PostgreSQL
refuses U+0000 in text columns, so the Store drops it (SQLite gets the same text, for one behaviour)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.storage import Store

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


async def test_nul_in_names_titles_and_questions_is_dropped_not_refused(store: Store) -> None:
    await store.upsert_user(41, "Bu\x00di", "bu\x00di", "i\x00d")
    await store.upsert_user(42, "\x00", None, None)  # nothing left of the name: shown by its id
    chat = await store.upsert_chat(-1001234567890, "supergroup", "Kelas\x00 9A")
    await store.log_unanswered(41, "apa itu \x00 zzz?", [("asean-apa", 0.5)], NOW)

    assert chat.title == "Kelas 9A"
    assert await store.user_display_names([41, 42]) == {41: "Budi", 42: "42"}
    assert await store.get_user_language_code(41) == "id"
    assert await store.top_unanswered() == [("apa itu  zzz?", 1)]
