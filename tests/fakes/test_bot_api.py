"""Tests of the fake Bot API itself, driven by a real ``telegram.Bot`` and by plain aiohttp.

If the fake drifts from Telegram, every other test built on it lies; these pin down the
shapes PTB must deserialize and the errors PTB must map to the right exceptions.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputPollOption,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import MessageLimit, ParseMode, PollLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from bot.broadcast.flight import retry_seconds
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi, parse_telegram_html, validate_telegram_html

STUDENT = U.user(111, "Budi", username="budi_siswa")
GROUP = U.group_chat(-5001, "Kelas 9A")


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as the_bot:
        yield the_bot


# ---- basics -----------------------------------------------------------------------------------


async def test_get_me_through_ptb(api: FakeBotApi, bot: Bot) -> None:
    assert bot.username == "TutorDiplomasiBot"
    assert bot.id == 123456
    me = await bot.get_me()
    assert me.is_bot and me.first_name
    assert api.calls[0].method == "getMe" and api.calls[0].ok


async def test_send_message_returns_a_real_message(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.message(U.private_chat(STUDENT), STUDENT, "/start"))
    msg = await bot.send_message(STUDENT["id"], "Halo, Budi!")
    assert isinstance(msg, Message)
    assert msg.text == "Halo, Budi!"
    assert msg.chat.id == STUDENT["id"] and msg.chat.type == "private" and msg.chat.first_name == "Budi"
    assert msg.from_user is not None and msg.from_user.id == bot.id
    second = await bot.send_message(STUDENT["id"], "Lagi")
    assert second.message_id > msg.message_id
    assert [m["text"] for m in api.delivered(STUDENT["id"])] == ["Halo, Budi!", "Lagi"]
    assert api.stats.delivered_per_chat[STUDENT["id"]] == 2
    assert [c.chat_id for c in api.sent] == [STUDENT["id"], STUDENT["id"]]


async def test_html_text_is_parsed_into_entities(bot: Bot) -> None:
    msg = await bot.send_message(
        7, "<b>Tebal</b> &amp; <a href='https://kemlu.go.id'>Kemlu</a> 🇮🇩 <i>x</i>", parse_mode=ParseMode.HTML
    )
    assert msg.text == "Tebal & Kemlu 🇮🇩 x"
    kinds = {e.type: text for e, text in msg.parse_entities().items()}
    assert kinds == {MessageEntity.BOLD: "Tebal", MessageEntity.TEXT_LINK: "Kemlu", MessageEntity.ITALIC: "x"}


async def test_reply_markup_round_trips(bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="q:1:a")]])
    msg = await bot.send_message(7, "Pilih", reply_markup=markup)
    assert msg.reply_markup == markup


async def test_wrong_token_is_401(api: FakeBotApi) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{api.base_url}999:WRONG/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=api.base_url):
            pass


async def test_unknown_method_is_404_and_method_names_are_case_insensitive(api: FakeBotApi) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{api.url}sendUnicorn") as resp:
            assert resp.status == 404
            assert (await resp.json())["description"] == "Not Found"
        async with http.post(f"{api.url}GETME") as resp:
            assert (await resp.json())["result"]["username"] == "TutorDiplomasiBot"


async def test_json_urlencoded_and_multipart_bodies(api: FakeBotApi) -> None:
    markup = '{"inline_keyboard": [[{"text": "A", "callback_data": "x"}]]}'
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{api.url}sendMessage", json={"chat_id": 5, "text": "json"}) as resp:
            assert (await resp.json())["result"]["text"] == "json"
        async with http.post(
            f"{api.url}sendMessage", data={"chat_id": "5", "text": "123", "reply_markup": markup}
        ) as resp:
            body = await resp.json()
            assert body["result"]["text"] == "123"  # a numeric-looking text stays a string
            assert body["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "x"
        form = aiohttp.FormData()
        form.add_field("chat_id", "5")
        form.add_field("text", "multi")
        form.add_field("reply_markup", markup)
        form.add_field("document", b"abc", filename="a.txt")
        async with http.post(f"{api.url}sendMessage", data=form) as resp:
            assert (await resp.json())["result"]["text"] == "multi"
    assert api.calls[-1].params["chat_id"] == 5
    assert api.calls[-1].params["document"]["size"] == 3


# ---- text rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "<b>bold <i>both</i></b> <u>u</u> <s>s</s> <del>d</del> <ins>i</ins> <em>e</em> <strong>s</strong>",
        "a &lt; b &gt; c &amp; d &quot;e&quot; &#65; &#x1F600;",
        '<a href="https://t.me/x?a=1&amp;b=2">link</a>',
        '<pre><code class="language-python">print(1 &lt; 2)</code></pre>',
        '<span class="tg-spoiler">s</span> <tg-spoiler>t</tg-spoiler>',
        "<blockquote expandable>q</blockquote> <blockquote>r</blockquote>",
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "<B>upper case tags</B>",
        "a > b",
    ],
)
def test_valid_html(text: str) -> None:
    assert validate_telegram_html(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("é<p>", 'Unsupported start tag "p" at byte offset 2'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("AT&T", 'Character "&" at byte offset 2'),
        ("<a>no href</a>", 'Tag "a" must have attribute "href"'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
def test_invalid_html(text: str, expected: str) -> None:
    description = validate_telegram_html(text)
    assert description is not None
    assert description.startswith("Bad Request: can't parse entities: ")
    assert expected in description


def test_html_entities_use_utf16_offsets() -> None:
    text, entities = parse_telegram_html("🇮🇩 <b>x</b> <pre><code class='language-py'>y</code></pre>")
    assert text == "🇮🇩 x y"
    assert entities == [
        {"type": "bold", "offset": 5, "length": 1},
        {"type": "pre", "offset": 7, "length": 1, "language": "py"},
    ]


async def test_text_rules_raise_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)Message text is empty"):
        await bot.send_message(7, "   ")
    with pytest.raises(BadRequest, match=r"(?i)Message is too long"):
        await bot.send_message(7, "x" * (MessageLimit.MAX_TEXT_LENGTH + 1))
    with pytest.raises(BadRequest, match=r'(?i)Unsupported start tag "div"'):
        await bot.send_message(7, "<div>x</div>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)Message text is empty"):
        await bot.send_message(7, "<b></b>", parse_mode=ParseMode.HTML)
    # Tags and entities do not count toward the limit.
    html = "<b>" + "&amp;" * MessageLimit.MAX_TEXT_LENGTH + "</b>"
    msg = await bot.send_message(7, html, parse_mode=ParseMode.HTML)
    assert len(msg.text) == MessageLimit.MAX_TEXT_LENGTH


async def test_callback_data_limits(bot: Bot) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="x" * 64)]])
    await bot.send_message(7, "ok", reply_markup=ok)
    for data in ("x" * 65, "é" * 33):  # 65 and 66 bytes in UTF-8
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data=data)]])
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(7, "no", reply_markup=too_long)


async def test_button_must_have_exactly_one_action(api: FakeBotApi) -> None:
    async with aiohttp.ClientSession() as http:
        for button in (
            {"text": "only text"},
            {"text": "", "callback_data": "a"},
            {"text": "two", "url": "https://a.b", "callback_data": "a"},
        ):
            payload = {"chat_id": 1, "text": "t", "reply_markup": {"inline_keyboard": [[button]]}}
            async with http.post(f"{api.url}sendMessage", json=payload) as resp:
                assert resp.status == 400, button


async def test_edit_message_text(api: FakeBotApi, bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    msg = await bot.send_message(7, "Soal 1", reply_markup=markup)
    edited = await bot.edit_message_text("Soal 1 ✅", chat_id=7, message_id=msg.message_id)
    assert isinstance(edited, Message) and edited.text == "Soal 1 ✅" and edited.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)Message is not modified"):
        await bot.edit_message_text("Soal 1 ✅", chat_id=7, message_id=msg.message_id)
    with pytest.raises(BadRequest, match=r"(?i)Message to edit not found"):
        await bot.edit_message_text("x", chat_id=7, message_id=999)
    assert await bot.delete_message(7, msg.message_id)
    with pytest.raises(BadRequest, match=r"(?i)Message to delete not found"):
        await bot.delete_message(7, msg.message_id)


# ---- chats ------------------------------------------------------------------------------------


async def test_blocked_kicked_and_migrated_chats(api: FakeBotApi, bot: Bot) -> None:
    api.block(111)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(111, "hi")
    api.kick(-5001)
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(-5001, "hi")
    api.migrate(-5002, -1009876543210)
    with pytest.raises(ChatMigrated) as info:
        await bot.send_message(-5002, "hi")
    assert info.value.new_chat_id == -1009876543210
    assert (await bot.send_message(-1009876543210, "hi")).chat.type == "supergroup"
    assert [c.error_code for c in api.calls[-4:]] == [403, 403, 400, None]


async def test_migrate_message_update_migrates_the_chat(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.migrate_message(GROUP, -1001111111111))
    with pytest.raises(ChatMigrated):
        await bot.send_message(GROUP["id"], "hi")


async def test_admins_and_members(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.message(GROUP, STUDENT, "halo"))
    api.set_admins(GROUP["id"], [222], anonymous=[333], creator=444)
    assert (await bot.get_chat_member(GROUP["id"], 444)).status == "creator"
    assert (await bot.get_chat_member(GROUP["id"], 222)).status == "administrator"
    anon = await bot.get_chat_member(GROUP["id"], 333)
    assert anon.status == "administrator" and anon.is_anonymous  # type: ignore[attr-defined]
    member = await bot.get_chat_member(GROUP["id"], STUDENT["id"])
    assert member.status == "member" and member.user.first_name == "Budi"
    assert (await bot.get_chat_member(GROUP["id"], U.GROUP_ANONYMOUS_BOT_ID)).status == "administrator"
    assert {m.user.id for m in await bot.get_chat_administrators(GROUP["id"])} == {222, 333, 444}
    chat = await bot.get_chat(GROUP["id"])
    assert chat.title == "Kelas 9A" and chat.type == "group"
    assert await bot.send_chat_action(GROUP["id"], "typing")
    assert await bot.leave_chat(GROUP["id"])
    with pytest.raises(Forbidden, match="not a member"):
        await bot.send_message(GROUP["id"], "hi")


# ---- polls ------------------------------------------------------------------------------------


async def test_quiz_poll_send_vote_and_stop(api: FakeBotApi, bot: Bot) -> None:
    msg = await bot.send_poll(
        STUDENT["id"],
        "Kapan ASEAN berdiri?",
        ["1945", "1967", InputPollOption("1999")],
        type="quiz",
        correct_option_ids=[1],
        is_anonymous=False,
        explanation="Deklarasi Bangkok, <b>8 Agustus 1967</b>.",
        explanation_parse_mode=ParseMode.HTML,
        open_period=60,
    )
    assert msg.poll is not None
    poll = msg.poll
    assert [o.text for o in poll.options] == ["1945", "1967", "1999"]
    assert poll.type == "quiz" and poll.correct_option_ids == (1,) and not poll.is_anonymous
    assert poll.explanation == "Deklarasi Bangkok, 8 Agustus 1967."
    assert poll.close_date is not None

    answer = api.poll_answer_update(poll.id, STUDENT, [1])
    parsed = Update.de_json({"update_id": 1, **answer}, bot)
    assert parsed.poll_answer is not None and parsed.poll_answer.option_ids == (1,)
    assert api.polls[poll.id].voter_counts() == [0, 1, 0]

    stopped = await bot.stop_poll(STUDENT["id"], msg.message_id)
    assert stopped.is_closed and stopped.options[1].voter_count == 1 and stopped.total_voter_count == 1
    with pytest.raises(BadRequest, match=r"(?i)Poll has already been closed"):
        await bot.stop_poll(STUDENT["id"], msg.message_id)
    with pytest.raises(ValueError, match="closed"):
        api.poll_answer_update(poll.id, U.user(112), [0])


async def test_anonymous_polls_never_produce_poll_answers(api: FakeBotApi, bot: Bot) -> None:
    msg = await bot.send_poll(-5001, "Setuju?", ["Ya", "Tidak"])
    assert msg.poll is not None and msg.poll.is_anonymous
    with pytest.raises(ValueError, match="anonymous"):
        api.poll_answer_update(msg.poll.id, STUDENT, [0])


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"question": " ", "options": ["a", "b"]}, "Text must be non-empty"),
        ({"question": "q" * (PollLimit.MAX_QUESTION_LENGTH + 1), "options": ["a", "b"]}, "question length"),
        ({"question": "q", "options": ["a"]}, "at least 2 option"),
        ({"question": "q", "options": [str(i) for i in range(PollLimit.MAX_OPTION_NUMBER + 1)]}, "more than"),
        ({"question": "q", "options": ["a", "b" * (PollLimit.MAX_OPTION_LENGTH + 1)]}, "options length"),
        ({"question": "q", "options": ["a", " "]}, "Text must be non-empty"),
        ({"question": "q", "options": ["a", "b"], "type": "quiz"}, "correct quiz option"),
        ({"question": "q", "options": ["a", "b"], "type": "quiz", "correct_option_ids": [2]}, "correct_option_id"),
        (
            {
                "question": "q",
                "options": ["a", "b"],
                "type": "quiz",
                "correct_option_ids": [0],
                "explanation": "e" * (PollLimit.MAX_EXPLANATION_LENGTH + 1),
            },
            "explanation must have at most",
        ),
        (
            {
                "question": "q",
                "options": ["a", "b"],
                "type": "quiz",
                "correct_option_ids": [0],
                "explanation": "a\nb\nc\nd",
            },
            "line feeds",
        ),
        ({"question": "q", "options": ["a", "b"], "open_period": PollLimit.MIN_OPEN_PERIOD - 1}, "open_period"),
    ],
)
async def test_poll_rules(bot: Bot, kwargs: dict, expected: str) -> None:
    # PTB str.capitalize()s descriptions after stripping "Bad Request: ", hence (?i).
    with pytest.raises(BadRequest, match=r"(?i)" + expected):
        await bot.send_poll(7, **kwargs)


async def test_poll_options_as_plain_strings_over_http(api: FakeBotApi) -> None:
    async with aiohttp.ClientSession() as http:
        payload = {"chat_id": 1, "question": "q", "options": ["a", {"text": "b"}]}
        async with http.post(f"{api.url}sendPoll", json=payload) as resp:
            body = await resp.json()
    assert [o["text"] for o in body["result"]["poll"]["options"]] == ["a", "b"]


# ---- inline and callback queries --------------------------------------------------------------


async def test_inline_results_are_checked(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.inline_query(STUDENT, "asean", id="iq-1"))

    def article(rid: str, text: str = "ASEAN", parse_mode: str | None = None) -> InlineQueryResultArticle:
        return InlineQueryResultArticle(rid, "ASEAN", InputTextMessageContent(text, parse_mode=parse_mode))

    assert await bot.answer_inline_query("iq-1", [article("1"), article("2")])
    with pytest.raises(BadRequest, match=r"(?i)RESULT_ID_DUPLICATE"):
        await bot.answer_inline_query("iq-1", [article("1"), article("1")])
    with pytest.raises(BadRequest, match=r"(?i)Unsupported start tag"):
        await bot.answer_inline_query("iq-1", [article("1", "<x>", ParseMode.HTML)])
    with pytest.raises(BadRequest, match=r"(?i)RESULTS_TOO_MUCH"):
        await bot.answer_inline_query("iq-1", [article(str(i)) for i in range(51)])


async def test_callback_query_answer(bot: Bot) -> None:
    assert await bot.answer_callback_query("cbq-1", text="Benar!")
    with pytest.raises(BadRequest):
        await bot.answer_callback_query("cbq-1", text="x" * 201)


# ---- updates ----------------------------------------------------------------------------------


async def test_long_poll_wakes_on_inject(api: FakeBotApi, bot: Bot) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_for_long_poll()
    update_id = api.inject(U.message(U.private_chat(STUDENT), STUDENT, "/kuis"))
    updates = await poll
    assert time.monotonic() - started < 15  # woken by inject, not by the 30 s timeout (margin for a slow machine)
    assert [u.update_id for u in updates] == [update_id]
    assert updates[0].message is not None and updates[0].message.text == "/kuis"


async def test_get_updates_offset_and_limit(api: FakeBotApi, bot: Bot) -> None:
    ids = [api.inject(U.message(U.private_chat(STUDENT), STUDENT, f"m{i}")) for i in range(3)]
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates()] == ids  # nothing confirmed yet
    assert [u.update_id for u in await bot.get_updates(offset=ids[1] + 1)] == ids[2:]
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert api.pending_updates == 0


async def test_allowed_updates_filters(api: FakeBotApi, bot: Bot) -> None:
    api.inject(U.message(U.private_chat(STUDENT), STUDENT, "hi"))
    cb = api.inject(U.callback_query(STUDENT, None, "a"))
    updates = await bot.get_updates(allowed_updates=["callback_query"])
    assert [u.update_id for u in updates] == [cb]


async def test_stop_releases_pending_long_poll() -> None:
    api = await FakeBotApi().start()
    async with aiohttp.ClientSession() as http:
        request = asyncio.create_task(http.post(f"{api.url}getUpdates", json={"timeout": 30}))
        await api.wait_for_long_poll()
        started = time.monotonic()
        await api.stop()
        async with await request as resp:
            assert await resp.json() == {"ok": True, "result": []}
    assert time.monotonic() - started < 15  # released by the stop, not by the 30 s timeout


async def test_webhook_conflicts_with_get_updates_and_delivers(api: FakeBotApi, bot: Bot) -> None:
    received: asyncio.Queue[dict] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        assert request.headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cret"
        await received.put(await request.json())
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        assert (await bot.get_webhook_info()).url.endswith("/hook")
        with pytest.raises(Conflict):
            await bot.get_updates()
        update_id = api.inject(U.message(U.private_chat(STUDENT), STUDENT, "via hook"))
        delivered = await asyncio.wait_for(received.get(), 5)
        assert delivered["update_id"] == update_id and delivered["message"]["text"] == "via hook"
        assert await bot.delete_webhook()
        assert await bot.get_updates() == ()
    finally:
        await bot.delete_webhook()
        await runner.cleanup()


def test_builders_deserialize_in_ptb() -> None:
    bot = Bot(FakeBotApi().token)
    private = U.private_chat(STUDENT)
    text = U.message(GROUP, STUDENT, "/kuis@TutorDiplomasiBot sejarah @budi_siswa")
    built = [
        text,
        U.edited_message(private, STUDENT, "diubah", message_id=5),
        U.sticker_message(private, STUDENT),
        U.photo_message(private, STUDENT, caption="foto"),
        U.voice_message(private, STUDENT),
        U.callback_query(STUDENT, text["message"], "q:1"),
        U.poll_answer("123", STUDENT, [0, 2]),
        U.inline_query(STUDENT, "asean"),
        U.my_chat_member(GROUP, STUDENT, "left", "member"),
        U.my_chat_member(private, STUDENT, "member", "kicked"),
        U.my_chat_member(GROUP, STUDENT, "member", "administrator"),
        U.my_chat_member(GROUP, STUDENT, "member", "restricted"),
        U.migrate_message(GROUP, -1001234567890),
        U.migrate_from_message(U.group_chat(-1001234567890, "Kelas 9A", "supergroup"), GROUP["id"]),
        U.message(GROUP, None, "anon", sender_chat=GROUP),
    ]
    for i, update in enumerate(built):
        parsed = Update.de_json({"update_id": i + 1, **update}, bot)
        assert parsed.effective_user is not None or parsed.effective_chat is not None
    msg = Update.de_json({"update_id": 1, **text}, bot).message
    assert msg is not None
    commands = msg.parse_entities([MessageEntity.BOT_COMMAND])
    assert list(commands.values()) == ["/kuis@TutorDiplomasiBot"]
    assert list(msg.parse_entities([MessageEntity.MENTION]).values()) == ["@budi_siswa"]
    assert U.text_entities("tanpa perintah a/b") == []


# ---- failures and flood control ---------------------------------------------------------------


async def test_fail_next(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(7, "a")
    assert retry_seconds(info.value) == 3
    api.fail_next("sendMessage", status=502, count=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(7, "a")
    assert (await bot.send_message(7, "a")).text == "a"
    assert api.stats.too_many_requests == 1 and api.stats.errors[502] == 2


async def test_flood_limits(api: FakeBotApi, bot: Bot) -> None:
    api.flood_limits(per_second=30, per_group_per_minute=20, retry_after=2)
    # Thirty in a burst pass; the thirty-first inside the same second is refused.
    for i in range(30):
        await bot.send_message(1000 + i, "x")
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(7, "x")
    assert retry_seconds(info.value) == 2
    assert api.stats.too_many_requests == 1

    api.flood_limits(per_second=1000, per_group_per_minute=20)
    for _ in range(20):
        await bot.send_message(-5001, "x")
    with pytest.raises(RetryAfter):
        await bot.send_message(-5001, "x")
    await bot.send_message(-5002, "another group is fine")
    api.flood_limits(enabled=False)
    await bot.send_message(-5001, "unlimited again")


# ---- waiting helpers --------------------------------------------------------------------------


async def test_wait_for_sees_later_calls_and_reports_on_timeout(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(7, "before")
    mark = api.mark()
    waiter = asyncio.create_task(api.wait_for_method("sendMessage", chat_id=7, since=mark))
    await bot.send_message(8, "other chat")
    await bot.send_message(7, "after")
    call = await waiter
    assert call.text == "after" and call.result["text"] == "after"
    second = await api.wait_for(lambda c: c.method == "sendMessage", count=3)
    assert second.text == "after"
    with pytest.raises(TimeoutError, match="sendMessage chat_id=7"):
        await api.wait_for_method("sendPoll", since=mark, timeout=0.05)


async def test_commands_and_menu_button(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([("kuis", "Mulai kuis"), ("bantuan", "Bantuan")])
    assert [c.command for c in await bot.get_my_commands()] == ["kuis", "bantuan"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Kuis-Baru", "x")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert await bot.set_chat_menu_button()


async def test_gate_lets_requests_through_one_by_one_and_severs_the_rest(api: FakeBotApi, bot: Bot) -> None:
    async with api.gated("sendMessage") as gate:
        sends = [asyncio.create_task(bot.send_message(STUDENT["id"], f"pesan {i}")) for i in range(3)]
        await gate.until_waiting(3)
        assert api.calls_of("sendMessage") == []  # nothing answered while held
        await gate.allow(1)
        await api.wait_for_method("sendMessage")
        await gate.until_waiting(2)
        assert len(api.calls_of("sendMessage")) == 1
    # Leaving the gate fails the held requests: they never take effect.
    results = await asyncio.gather(*sends, return_exceptions=True)
    assert sum(isinstance(r, Message) for r in results) == 1
    assert sum(isinstance(r, NetworkError) for r in results) == 2
    assert len(api.calls_of("sendMessage")) == 1 and len(api.delivered(STUDENT["id"])) == 1
    assert (await bot.send_message(STUDENT["id"], "sesudahnya")).text == "sesudahnya"  # the gate is gone
