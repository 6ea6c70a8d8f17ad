"""Mistake reports end to end: the button under answers and after quizzes, the one-message report,
the group's reply-to-prompt flow, cancelling, and what owners see."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.services import services_of
from bot.storage import Store
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import Call, FakeBotApi

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BUDI = U.user(111, "Budi")
OWNER = U.user(999, "Bu Guru")
GROUP = U.group_chat(-5001, "Kelas 9A")


def _buttons(call: Call) -> list[dict]:
    markup = call.params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def _report_button(call: Call) -> dict:
    found = [b for b in _buttons(call) if b["callback_data"].startswith("r:")]
    assert len(found) == 1, _buttons(call)
    return found[0]


async def _press(bot: Bot, user: dict, call: Call, data: str) -> Call:
    return await bot.send(U.callback_query(user, call.result, data), chat_id=call.chat_id)


async def test_an_answer_can_be_reported_in_one_message(tutor_bot: Bot) -> None:
    answer = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    button = _report_button(answer)
    assert button["text"] == "⚠️ Laporkan kesalahan"
    prompt = await _press(tutor_bot, BUDI, answer, button["callback_data"])
    assert "satu pesan" in prompt.text and "ASEAN" in prompt.text
    assert [b["callback_data"] for b in _buttons(prompt)] == ["x:"]

    thanks = await tutor_bot.say(BUDI, "Tahun berdirinya salah <b>harusnya</b> 1967 & bukan 1976")
    assert "nomor" in thanks.text
    store = services_of(tutor_bot.app).store
    [report] = await store.open_reports()
    faq_id = button["callback_data"].split(":", 2)[2]
    assert (report.kind, report.ref, report.user_id) == ("answer", faq_id, BUDI["id"])
    assert report.text == "Tahun berdirinya salah <b>harusnya</b> 1967 & bukan 1976"
    assert f"nomor {report.id}" in thanks.text
    # the report is stored, nothing else changed: the next message is a question again
    again = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    assert again.text == answer.text
    assert await store.count_open_reports() == 1


async def test_a_card_answer_is_reported_against_its_card(tutor_bot: Bot) -> None:
    answer = await tutor_bot.say(BUDI, "OKI berdiri di kota mana")
    data = _report_button(answer)["callback_data"]
    assert data.startswith("r:c:"), data
    await _press(tutor_bot, BUDI, answer, data)
    await tutor_bot.say(BUDI, "tanggalnya kurang lengkap")
    [report] = await services_of(tutor_bot.app).store.open_reports()
    assert report.kind == "card" and report.ref in services_of(tutor_bot.app).tutor.bank.cards


async def test_cancel_drops_the_draft_and_questions_are_answered_again(tutor_bot: Bot) -> None:
    answer = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    prompt = await _press(tutor_bot, BUDI, answer, _report_button(answer)["callback_data"])
    cancelled = await _press(tutor_bot, BUDI, prompt, "x:")
    assert "dibatalkan" in cancelled.text
    reply = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    assert reply.text == answer.text
    assert await services_of(tutor_bot.app).store.count_open_reports() == 0


async def test_tampered_report_buttons_are_refused(tutor_bot: Bot) -> None:
    answer = await tutor_bot.say(BUDI, "apa itu ASEAN?")
    for data in ("r:a:no-such-entry", "r:z:asean", "r:q:", "x:1"):
        mark = tutor_bot.api.mark()
        await tutor_bot.processed(U.callback_query(BUDI, answer.result, data))
        answers = tutor_bot.api.calls_of("answerCallbackQuery", since=mark)
        assert answers and "kedaluwarsa" in (answers[-1].params.get("text") or "")
    assert await services_of(tutor_bot.app).store.pending_report(BUDI["id"], BUDI["id"],
                                                                 services_of(tutor_bot.app).clock()) is None


async def test_a_quiz_summary_offers_a_report_per_question(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    call = await tutor_bot.send(U.message(U.private_chat(BUDI), BUDI, "/kuis asean 2"), method="sendPoll")
    asked = []
    for _ in range(2):
        poll = call.result["poll"]
        asked.append(api.polls[poll["id"]])
        mark = api.mark()
        api.vote(poll["id"], BUDI, [api.polls[poll["id"]].correct_option_ids[0]])
        method = "sendPoll" if len(asked) < 2 else "sendMessage"
        call = await api.wait_for_method(method, chat_id=BUDI["id"], since=mark)
    summary = call
    reports = [b for b in _buttons(summary) if b["callback_data"].startswith("r:q:")]
    assert [b["text"] for b in reports] == ["⚠️ Soal 1", "⚠️ Soal 2"]
    session = services_of(tutor_bot.app).store
    prompt = await _press(tutor_bot, BUDI, summary, reports[1]["callback_data"])
    assert "soal kuis" in prompt.text
    await tutor_bot.say(BUDI, "pilihan jawabannya ada dua yang benar")
    [report] = await session.open_reports()
    assert report.kind == "quiz" and report.ref == reports[1]["callback_data"][4:]


async def test_in_a_group_the_reporter_replies_to_the_prompt(tutor_bot: Bot) -> None:
    api = tutor_bot.api
    answer = await tutor_bot.send(U.message(GROUP, BUDI, "/tanya apa itu ASEAN?"), chat_id=GROUP["id"])
    prompt = await _press(tutor_bot, BUDI, answer, _report_button(answer)["callback_data"])
    markup = prompt.params["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    assert markup.get("force_reply") and markup.get("selective")
    assert f"tg://user?id={BUDI['id']}" in (prompt.params.get("text") or "")
    mark = api.mark()
    api.inject(U.message(GROUP, BUDI, "negara pendirinya kurang satu", reply_to=prompt.result))
    thanks = await api.wait_for_method("sendMessage", chat_id=GROUP["id"], since=mark)
    assert "nomor" in thanks.text
    [report] = await services_of(tutor_bot.app).store.open_reports()
    assert report.chat_id == GROUP["id"] and report.text == "negara pendirinya kurang satu"


async def test_owners_see_and_close_reports_others_cannot(api: FakeBotApi, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path / "tutor.db", admin_user_ids=[OWNER["id"]])
    app = await start_bot(settings)
    bot = Bot(api, app, settings)
    try:
        answer = await bot.say(BUDI, "apa itu ASEAN?")
        await _press(bot, BUDI, answer, _report_button(answer)["callback_data"])
        await bot.say(BUDI, "ada <script> & salah ketik")
        refused = await bot.say(BUDI, "/laporan")
        assert "ada &lt;script&gt;" not in refused.text and "salah ketik" not in refused.text

        listing = await bot.say(OWNER, "/laporan")
        assert "ada &lt;script&gt; &amp; salah ketik" in listing.text and "#1" in listing.text
        dashboard = await bot.say(OWNER, "/statistik")
        assert "Laporan kesalahan terbuka</b>: 1" in dashboard.text

        closed = await bot.say(OWNER, "/laporan selesai 1")
        assert "ditutup" in closed.text
        again = await bot.say(OWNER, "/laporan selesai 1")
        assert "Tidak ada laporan terbuka" in again.text
        assert await services_of(app).store.count_open_reports() == 0
    finally:
        await stop_bot(app)
    assert not bot.failed_calls(), [(c.method, c.description) for c in bot.failed_calls()]


def test_check_json_lists_ids_with_open_reports(tmp_path: Path) -> None:
    db = tmp_path / "tutor.db"

    async def report() -> None:
        store = await Store.open(f"sqlite+aiosqlite:///{db}")
        try:
            now = datetime.now(UTC)
            await store.submit_report(await store.start_report(1, 1, "answer", "asean-pengertian", now), "x", now)
            await store.submit_report(await store.start_report(1, 1, "quiz", "q-asean-1", now), "y", now)
            await store.start_report(2, 2, "card", "oki", now)  # a draft is not a report
        finally:
            await store.close()

    asyncio.run(report())
    env = {"DATABASE_URL": f"sqlite:///{db}", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "bot", "check", "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert json.loads(out.stdout)["reported"] == {"answer": ["asean-pengertian"], "card": [], "quiz": ["q-asean-1"]}
    missing = subprocess.run([sys.executable, "-m", "bot", "check", "--json"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120, env={**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'none.db'}"})
    assert json.loads(missing.stdout)["reported"] is None
    assert not (tmp_path / "none.db").exists()  # check never creates a database
