"""Small pieces the handlers rely on: splitting long HTML, mentions, weeks, error descriptions."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import Bot, Update

from bot.core.markup import escape
from bot.handlers.common import send_html
from bot.handlers.errors import describe
from bot.handlers.questions import strip_mention
from bot.handlers.scores import week_start
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi


async def test_send_html_splits_over_4096_at_paragraphs(api: FakeBotApi, ptb_bot: Bot) -> None:
    user = U.user(5, "Budi")
    api.inject(U.message(U.private_chat(user), user, "hi"))
    paragraphs = [f"<b>Bagian {i}</b> " + escape("<kerja sama> & diplomasi ") * 40 for i in range(12)]
    text = "\n\n".join(paragraphs)
    await send_html(ptb_bot, 5, text)
    sent = api.calls_of("sendMessage", ok=None)
    assert len(sent) > 1 and all(c.ok for c in sent)
    assert all(c.text.startswith("<b>Bagian") for c in sent)
    assert sum(c.text.count("<b>Bagian") for c in sent) == 12


def test_strip_mention_removes_only_the_bot() -> None:
    assert strip_mention("@TutorDiplomasiBot apa itu PBB?", "TutorDiplomasiBot") == "apa itu PBB?"
    assert strip_mention("apa itu @tutordiplomasibot", "TutorDiplomasiBot") == "apa itu"
    assert strip_mention("@someone apa", "TutorDiplomasiBot") == "@someone apa"


def test_week_starts_monday_midnight_local() -> None:
    jakarta = ZoneInfo("Asia/Jakarta")
    # Sunday 2026-03-01 20:00 UTC is Monday 03:00 in Jakarta: the week starts that Monday.
    start = week_start(datetime(2026, 3, 1, 20, 0, tzinfo=UTC), jakarta)
    assert start == datetime(2026, 3, 2, 0, 0, tzinfo=jakarta)


def test_error_description_has_ids_but_not_the_text() -> None:
    user = U.user(7, "Budi")
    update = Update.de_json({"update_id": 9, **U.message(U.private_chat(user), user, "rahasia saya")}, None)
    text = describe(update)
    assert "message" in text and "update_id=9" in text and "chat_id=7" in text
    assert "rahasia" not in text
    assert describe("boom") == "non-update str"
