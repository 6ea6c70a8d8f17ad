"""The owners' statistics count the dated facts that are past their review date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.core.content import load_bank
from bot.core.freshness import stale_facts
from bot.settings import REPO_CONTENT
from bot.stats import collect, format_stats
from bot.storage import BotStats, Store


def empty_stats() -> BotStats:
    return BotStats(chats_by_type={}, active_subscriptions_by_type={}, deliveries_today={}, answers_today=0,
                    accuracy_per_topic={}, most_missed=[], top_unanswered=[])


def test_dashboard_line_in_both_languages() -> None:
    assert "<b>Fakta lewat tanggal tinjau</b>: 3" in format_stats(empty_stats(), "id", "2027-01-02", None, stale=3)
    assert "<b>Facts past their review date</b>: 0" in format_stats(empty_stats(), "en", "2027-01-02", None, stale=0)
    assert "review" not in format_stats(empty_stats(), "en", "2027-01-02")


async def test_collect_counts_stale_facts_on_the_local_day(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bank = load_bank(REPO_CONTENT)
    entry = next(e for e in bank.faq.values() if e.review_by)
    bank = replace(bank, faq={**bank.faq, entry.id: replace(entry, review_by=dt.date(2027, 1, 1))})
    store = await Store.open(f"sqlite:///{tmp_path}/tutor.db")
    try:
        # 31 Dec 2026, 18:00 UTC is already 1 Jan 2027 in Jakarta: the review date has come
        now = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)
        expected = len(stale_facts(bank.faq.values(), bank.quiz.values(), dt.date(2027, 1, 1)))
        assert expected >= 1
        text = await collect(store, now, "Asia/Jakarta", bank)
        assert f"<b>Fakta lewat tanggal tinjau</b>: {expected}" in text
    finally:
        await store.close()
