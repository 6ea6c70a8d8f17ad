"""Telegram failing for a while: 5xx answers lose no reply, a hang that still delivers gets no apology,
and a chat's messages keep their order."""

from __future__ import annotations

import pytest

from tests.e2e.harness import Bot
from tests.fakes import updates as U

pytestmark = pytest.mark.e2e

BUDI = U.user(3201, "Budi")
SITI = U.user(3202, "Siti")


async def test_replies_survive_a_stretch_of_500s_in_order(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    tutor_bot.extra_ok_errors.append("sendMessage")
    outage = api.outage(500, seconds=3)  # every sendMessage fails for 3 s
    mark = api.mark()
    for text in ("apa itu ASEAN?", "apa itu PBB?"):
        api.inject(U.message(U.private_chat(BUDI), BUDI, text))
    api.inject(U.message(U.private_chat(SITI), SITI, "apa itu OKI?"))
    await api.wait_for_method("sendMessage", chat_id=BUDI["id"], since=mark, count=2, timeout=40)
    await api.wait_for_method("sendMessage", chat_id=SITI["id"], since=mark, timeout=40)
    assert outage.hit >= 3  # the bot really met the outage
    budi = tutor_bot.texts_to(BUDI["id"], since=mark)
    assert len(budi) == 2 and "ASEAN" in budi[0] and "PBB" in budi[1]  # both answered, in the order asked
    assert not any("Maaf" in text for text in budi)


async def test_a_hang_that_delivers_gets_no_apology(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    api.outage(hang=5.5, count=1)  # longer than PTB's 5 s read timeout; Telegram delivers anyway
    await tutor_bot.processed(U.message(U.private_chat(BUDI), BUDI, "apa itu ASEAN?"))
    await tutor_bot.processed(U.message(U.private_chat(BUDI), BUDI, "/help"))
    texts = tutor_bot.texts_to(BUDI["id"])
    assert len(texts) == 2 and "ASEAN" in texts[0]  # the answer once (never resent), then /help
    assert not any("Maaf" in text for text in texts)
