"""`python -m bench.samples`: draw the README's sample pictures into docs/pictures/.

The same path as the bot: the bench's seeded class (40 students, 60 days, real quiz questions) read
back with the insight queries, then drawn. Fixed clock and seed, so the pictures only change when the
drawing or the content does.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.pictures import GROUP_ID, seed
from bot.charts.draw import render
from bot.charts.worker import Picture
from bot.core.content import load_bank
from bot.insight import bot_picture, class_report, student_picture
from bot.storage import Store

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pictures"
NOW = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)  # a Monday, 12:00 WIB
ZONE = ZoneInfo("Asia/Jakarta")


async def sample_pictures() -> dict[str, Picture]:
    """The class picture, a student's card and the owners' picture, by file name."""
    bank = load_bank(ROOT / "content")
    with tempfile.TemporaryDirectory() as tmp:
        store = await Store.open(f"sqlite+aiosqlite:///{Path(tmp) / 'samples.db'}", default_timezone=ZONE.key,
                                 clock=lambda: NOW)
        try:
            await seed(store, NOW)
            for hours, text in enumerate(("siapa sekjen pbb sekarang", "apa itu g20", "kapan kaa 1955")):
                await store.log_unanswered(GROUP_ID, text, [], NOW - timedelta(days=hours * 3, hours=hours))
            report = await class_report(store, bank, GROUP_ID, "Kelas 9A", NOW, ZONE, "id")
            stats = await store.user_stats(100_003, NOW.astimezone(ZONE).date(), tz=ZONE.key)
            card = await student_picture(store, bank, 100_003, "Siswa 4", stats.per_topic, stats.current_streak,
                                         NOW, ZONE, "id")
            owners = await bot_picture(store, NOW, ZONE, 0)
        finally:
            await store.close()
    return {"class.png": report.picture, "card.png": card, "owners.png": owners}


def main(out: Path = OUT) -> list[Path]:
    """Write the samples into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, picture in asyncio.run(sample_pictures()).items():
        path = out / name
        path.write_bytes(render(picture, "id"))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in main():
        print(f"{written.relative_to(ROOT)} ({written.stat().st_size // 1024} KB)")
