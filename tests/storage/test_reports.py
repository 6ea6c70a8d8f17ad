"""Mistake reports in the database: drafts, their expiry, one text per draft, closing, chat migration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import Store
from bot.storage.reports import DRAFT_MINUTES, MAX_REPORT_CHARS

NOW = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)


async def test_a_draft_takes_one_text_then_is_an_open_report(store: Store) -> None:
    report_id = await store.start_report(-100, 7, "answer", "asean-pengertian", NOW)
    draft = await store.pending_report(-100, 7, NOW + timedelta(minutes=1))
    assert draft is not None and draft.id == report_id and draft.state == "draft"
    assert await store.pending_report(-100, 8, NOW) is None  # another user in the same group
    assert await store.pending_report(7, 7, NOW) is None  # the same user elsewhere
    assert await store.count_open_reports() == 0  # drafts are not reports yet

    assert await store.submit_report(report_id, "  tahun\x00nya salah  ", NOW)
    assert not await store.submit_report(report_id, "kedua kali", NOW)  # one text per draft
    [report] = await store.open_reports()
    assert (report.text, report.state, report.ref) == ("tahunnya salah", "open", "asean-pengertian")
    assert await store.pending_report(-100, 7, NOW) is None
    assert await store.open_report_refs() == {"answer": ["asean-pengertian"], "card": [], "quiz": []}


async def test_drafts_expire_and_a_new_press_replaces_the_old_draft(store: Store) -> None:
    await store.start_report(5, 5, "quiz", "q1", NOW)
    assert await store.pending_report(5, 5, NOW + timedelta(minutes=DRAFT_MINUTES + 1)) is None
    second = await store.start_report(5, 5, "card", "oki", NOW + timedelta(minutes=2))
    draft = await store.pending_report(5, 5, NOW + timedelta(minutes=3))
    assert draft is not None and draft.id == second and draft.kind == "card"
    assert await store.cancel_report(5, 5)
    assert not await store.cancel_report(5, 5)
    assert await store.pending_report(5, 5, NOW + timedelta(minutes=3)) is None


async def test_texts_are_bounded_and_empty_ones_refused(store: Store) -> None:
    first = await store.start_report(5, 5, "answer", "a", NOW)
    assert not await store.submit_report(first, " \x00 ", NOW)
    assert await store.submit_report(first, "x" * (MAX_REPORT_CHARS + 50), NOW)
    [report] = await store.open_reports()
    assert len(report.text) == MAX_REPORT_CHARS
    with pytest.raises(ValueError):
        await store.start_report(5, 5, "entry", "a", NOW)


async def test_closing_and_ordering(store: Store) -> None:
    ids = []
    for n in range(3):
        report_id = await store.start_report(n + 1, n + 1, "quiz", f"q{n}", NOW)
        await store.submit_report(report_id, f"salah {n}", NOW)
        ids.append(report_id)
    assert [r.id for r in await store.open_reports()] == ids  # oldest first
    assert await store.close_report(ids[0], NOW)
    assert not await store.close_report(ids[0], NOW)
    assert not await store.close_report(999_999, NOW)
    assert [r.id for r in await store.open_reports(limit=1)] == [ids[1]]
    assert await store.count_open_reports() == 2


async def test_reports_follow_a_group_into_its_supergroup(store: Store) -> None:
    await store.upsert_chat(-42, "group", "Kelas 9A")
    report_id = await store.start_report(-42, 7, "answer", "a", NOW)
    await store.submit_report(report_id, "salah", NOW)
    draft_id = await store.start_report(-42, 8, "answer", "b", NOW)
    await store.migrate_chat(-42, -1000000000042)
    [report] = await store.open_reports()
    assert report.chat_id == -1000000000042
    draft = await store.pending_report(-1000000000042, 8, NOW)
    assert draft is not None and draft.id == draft_id
