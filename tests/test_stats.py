"""`python -m bot stats` prints the /statistik figures from the database, without Telegram."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from PIL import Image

from bot.settings import Settings
from bot.stats import print_stats
from bot.storage import Store
from tests.test_cli import run


async def test_print_stats_reads_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path}/tutor.db"
    store = await Store.open(url)
    try:
        await store.upsert_chat(-5, "group", "Kelas 9A")
        await store.upsert_chat(6, "private", None)
        await store.set_subscription(-5, time(7, 0), "Asia/Jakarta", True)
        claim = await store.claim_delivery(-5, datetime.now(UTC).date())
        assert claim is not None
        await store.log_unanswered(6, "Apa itu G7?", [], datetime.now(UTC))
    finally:
        await store.close()
    code = await print_stats(Settings(_env_file=None, database_url=url))  # type: ignore[call-arg]
    out = capsys.readouterr().out
    assert code == 0
    assert "Chat aktif: 2 (private 1, group 1)" in out
    assert "Langganan kuis harian: 1 (group 1)" in out
    assert "apa itu g7? ×1" in out
    assert "<b>" not in out


async def test_stats_picture_writes_the_statistik_png(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/tutor.db"
    store = await Store.open(url)
    try:
        await store.upsert_chat(-5, "group", "Kelas 9A")
        await store.log_unanswered(6, "Apa itu G7?", [], datetime.now(UTC))
    finally:
        await store.close()
    picture = tmp_path / "statistik.png"
    done = await asyncio.to_thread(run, "stats", "--picture", str(picture), env={"DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    assert "Chat aktif: 1" in done.stdout and f"picture: {picture}" in done.stderr
    with Image.open(picture) as image:
        assert image.format == "PNG" and image.width >= 800 and image.height >= 400
    unwritable = tmp_path / "no-such-folder" / "statistik.png"
    done = await asyncio.to_thread(run, "stats", "--picture", str(unwritable), env={"DATABASE_URL": url})
    assert done.returncode == 1 and "cannot write the picture" in done.stderr and not unwritable.exists()
