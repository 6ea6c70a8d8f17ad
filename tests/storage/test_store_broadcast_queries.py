"""The storage queries the broadcast engine added: due-minute ranges per zone and streamed recaps."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.storage import Store

DAY = date(2025, 3, 3)


async def _subscribe(store: Store, chat_id: int, hhmm: str, zone: str = "Asia/Jakarta", enabled: bool = True) -> None:
    hour, minute = map(int, hhmm.split(":"))
    await store.upsert_chat(chat_id, "private" if chat_id > 0 else "group", None)
    await store.set_subscription(chat_id, time(hour, minute), zone, enabled)


async def test_zones_and_minute_ranges(store: Store) -> None:
    await _subscribe(store, 1, "06:59")
    await _subscribe(store, 2, "07:00")
    await _subscribe(store, 3, "07:01")
    await _subscribe(store, -4, "07:00")
    await _subscribe(store, 5, "07:00", zone="Asia/Makassar")
    await _subscribe(store, 6, "07:00", enabled=False)
    await _subscribe(store, 7, "07:00")
    await store.set_chat_active(7, False)
    await _subscribe(store, 8, "00:00")

    assert await store.subscription_zones() == ["Asia/Jakarta", "Asia/Makassar"]
    at_seven = [s.chat_id async for s in store.iter_subscriptions_at("Asia/Jakarta", "06:59", "07:00")]
    assert at_seven == [-4, 2]
    wide = [s.chat_id async for s in store.iter_subscriptions_at("Asia/Jakarta", None, "07:01", batch=1)]
    assert wide == [-4, 1, 2, 3, 8]
    assert [s.chat_id async for s in store.iter_subscriptions_at("Asia/Makassar", "06:00", "08:00")] == [5]


async def test_streamed_and_per_chat_pending_recaps(store: Store) -> None:
    sent_at = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)
    ids = []
    for chat_id in (11, 12, 13):
        claim = await store.claim_delivery(chat_id, DAY)
        assert claim is not None
        await store.mark_delivery_sent(claim.id, f"p{chat_id}", 1, now=sent_at + timedelta(minutes=chat_id))
        ids.append(claim.id)
    await store.mark_delivery_recapped(ids[1])
    later = await store.claim_delivery(11, DAY + timedelta(days=1))
    assert later is not None

    streamed = [d.chat_id async for d in store.iter_pending_recaps(sent_at + timedelta(hours=1), batch=1)]
    assert streamed == [11, 13]
    assert [d.chat_id async for d in store.iter_pending_recaps(sent_at + timedelta(minutes=12))] == [11]
    assert [d.id for d in await store.unrecapped_deliveries(11)] == [ids[0]]
    assert await store.unrecapped_deliveries(12) == []
