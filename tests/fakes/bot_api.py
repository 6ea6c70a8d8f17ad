"""A fake Telegram Bot API server for tests and benchmarks.

Real python-telegram-bot code talks to it over HTTP (``base_url=api.base_url``), so the bot under
test goes through PTB's real request, error-mapping and deserialisation paths.  The fake enforces
the Telegram rules that bots trip over in production (text limits, HTML parsing, poll limits,
callback data size, blocked users, migrated groups, flood control), answering with Telegram's own
error descriptions so PTB raises the same exceptions it would against Telegram.

Per-request work is O(1) in the number of past calls: calls are only appended, and waiters scan
forward from an index, so benchmarks can push tens of thousands of messages through it.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import math
import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web
from telegram.constants import (
    CallbackQueryLimit,
    ChatAction,
    InlineKeyboardButtonLimit,
    InlineKeyboardMarkupLimit,
    InlineQueryLimit,
    InlineQueryResultLimit,
    MessageLimit,
    PollLimit,
)

from tests.fakes import updates as U
from tests.fakes.media import MediaMethods

JSON = dict[str, Any]

DEFAULT_TOKEN = "123456:TEST-fake-token-abcdefghij"
GROUP_ANONYMOUS_BOT_ID = U.GROUP_ANONYMOUS_BOT_ID

# Updates Telegram leaves out unless they are asked for in allowed_updates.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Methods that put a message into a chat: recorded in ``api.sent`` / ``api.delivered`` and
# counted by flood control.
SENDING_METHODS = frozenset({"sendMessage", "sendPoll", "sendPhoto", "sendDocument"})
EDITING_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup", "stopPoll"})
FLOOD_METHODS = SENDING_METHODS | EDITING_METHODS
# Parameters that are strings even when they look like JSON (form fields are all strings).
_STRING_PARAMS = frozenset(
    {
        "text",
        "question",
        "explanation",
        "description",
        "caption",
        "title",
        "parse_mode",
        "explanation_parse_mode",
        "question_parse_mode",
        "description_parse_mode",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "next_offset",
        "action",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "ip_address",
        "switch_pm_text",
        "switch_pm_parameter",
    }
)
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_PATH_RE = re.compile(r"^/bot([^/]+)/([A-Za-z0-9_]+)/?$")
_FILE_PATH_RE = re.compile(r"^/file/bot([^/]+)/(.+)$")
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses larger files (Bot API: "file is too big")
_CHAT_ACTIONS = frozenset(a.value for a in ChatAction)


# --------------------------------------------------------------------------------------------
# HTML parse mode
# --------------------------------------------------------------------------------------------

_HTML_TAGS = frozenset("b strong i em u ins s strike del a code pre span tg-spoiler blockquote tg-emoji".split())
_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8}));")
_SPECIAL_RE = re.compile(r"[<&]")


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(exc)`` is Telegram's description."""


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_entity(match: re.Match[str]) -> str | None:
    named, dec, hexa = match.groups()
    if named:
        return _NAMED_ENTITIES[named]
    code = int(dec) if dec else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def parse_telegram_html(text: str) -> tuple[str, list[JSON]]:
    """Parse Telegram-flavoured HTML into (plain text, entities) the way the Bot API does.

    Raises :class:`HtmlParseError` whose message is the full Bot API description
    ("Bad Request: can't parse entities: ...").  Stricter than Telegram in one respect: a bare
    "&" that does not start an entity is rejected, because the Bot API docs require escaping it.
    """
    prefix = "Bad Request: can't parse entities: "

    def fail(reason: str) -> HtmlParseError:
        return HtmlParseError(prefix + reason)

    out: list[str] = []
    out16 = 0  # length of the output so far in UTF-16 code units
    stack: list[JSON] = []
    entities: list[JSON] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "&":
            match = _ENTITY_RE.match(text, i)
            decoded = _decode_entity(match) if match else None
            if match is None or decoded is None:
                raise fail(f'Character "&" at byte offset {_byte_offset(text, i)} must be escaped as "&amp;"')
            out.append(decoded)
            out16 += U.utf16_len(decoded)
            i = match.end()
            continue
        if c != "<":
            nxt = _SPECIAL_RE.search(text, i)
            j = nxt.start() if nxt else n
            chunk = text[i:j]
            out.append(chunk)
            out16 += U.utf16_len(chunk)
            i = j
            continue
        begin = i
        if i + 1 < n and text[i + 1] == "/":
            j = i + 2
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            end_name = text[i + 2 : j].lower()
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] != ">":
                raise fail(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            if not stack:
                raise fail(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            opened = stack.pop()
            if end_name and end_name != opened["tag"]:
                raise fail(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{opened["tag"]}>", found "</{end_name}>"'
                )
            _close_tag(opened, out16, stack, entities)
            i = j + 1
            continue
        j = i + 1
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise fail(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[i + 1 : j].lower()
        if tag not in _HTML_TAGS:
            raise fail(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        attrs, j = _parse_attributes(text, j, tag, begin, fail)
        if tag == "a" and not attrs.get("href"):
            raise fail(f'Tag "a" must have attribute "href" at byte offset {_byte_offset(text, begin)}')
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise fail(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}')
        if tag == "tg-emoji" and not attrs.get("emoji-id"):
            raise fail(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {_byte_offset(text, begin)}')
        stack.append({"tag": tag, "attrs": attrs, "start": out16})
        i = j
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]["tag"]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _parse_attributes(
    text: str, j: int, tag: str, begin: int, fail: Callable[[str], HtmlParseError]
) -> tuple[dict[str, str], int]:
    """Read ``name="value"`` pairs up to the closing ``>``; return them and the index after it."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while j < n and text[j].isspace():
            j += 1
        if j >= n:
            raise fail(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[j] == ">":
            return attrs, j + 1
        k = j
        while k < n and (text[k].isalnum() or text[k] in "-_"):
            k += 1
        if k == j:
            raise fail(f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        name = text[j:k].lower()
        while k < n and text[k].isspace():
            k += 1
        if k >= n:
            raise fail(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[k] != "=":
            attrs[name] = ""  # a flag such as <blockquote expandable>
            j = k
            continue
        k += 1
        while k < n and text[k].isspace():
            k += 1
        if k >= n:
            raise fail(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[k] in "\"'":
            end = text.find(text[k], k + 1)
            if end < 0:
                raise fail(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
            raw, j = text[k + 1 : end], end + 1
        else:
            end = k
            while end < n and not text[end].isspace() and text[end] != ">":
                end += 1
            raw, j = text[k:end], end
        attrs[name] = html.unescape(raw)


def _close_tag(opened: JSON, out16: int, stack: list[JSON], entities: list[JSON]) -> None:
    tag, attrs, start = opened["tag"], opened["attrs"], opened["start"]
    length = out16 - start
    if tag == "code" and stack and stack[-1]["tag"] == "pre":
        # <pre><code class="language-x"> is one pre entity with a language.
        cls = attrs.get("class", "")
        if cls.startswith("language-") and len(cls) > len("language-"):
            stack[-1]["language"] = cls[len("language-") :]
        return
    if length <= 0:
        return
    entity: JSON = {"type": _TAG_TYPES[tag], "offset": start, "length": length}
    if tag == "a":
        entity["url"] = attrs["href"]
    elif tag == "pre" and opened.get("language"):
        entity["language"] = opened["language"]
    elif tag == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = attrs["emoji-id"]
    entities.append(entity)


def validate_telegram_html(text: str) -> str | None:
    """None when Telegram would accept ``text`` with parse_mode HTML, else its error description."""
    try:
        parse_telegram_html(text)
    except HtmlParseError as exc:
        return str(exc)
    return None


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Call:
    """One request the fake answered (``at`` is ``time.monotonic()`` when it was answered)."""

    method: str
    params: JSON
    ok: bool
    error_code: int | None
    result: Any
    at: float
    description: str | None = None

    @property
    def chat_id(self) -> int | str | None:
        """The request's chat_id, as an int when numeric."""
        return _norm_chat_id(self.params.get("chat_id"))

    @property
    def text(self) -> str | None:
        """The text the request asked to send (raw, before HTML parsing)."""
        return self.params.get("text")


@dataclass
class Stats:
    """Counters for benchmarks and duplicate detection."""

    calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[int] = field(default_factory=Counter)
    too_many_requests: int = 0
    delivered_per_chat: Counter[int] = field(default_factory=Counter)

    @property
    def delivered(self) -> int:
        """Messages delivered over all chats."""
        return sum(self.delivered_per_chat.values())


@dataclass
class FloodLimits:
    """Flood-control settings; windows slide over ``time.monotonic()``."""

    enabled: bool = False
    per_second: int = 30
    per_group_per_minute: int = 20
    per_chat_per_second: int | None = None
    retry_after: int = 1  # 0: as Telegram does, the seconds until the window that was exceeded frees up
    methods: frozenset[str] = FLOOD_METHODS


@dataclass
class PollState:
    """A poll the bot sent, with the votes the test made."""

    id: str
    chat_id: int
    message_id: int
    question: str
    options: list[str]
    type: str = "regular"
    is_anonymous: bool = True
    allows_multiple_answers: bool = False
    allows_revoting: bool = True
    correct_option_ids: list[int] = field(default_factory=list)
    explanation: str | None = None
    explanation_entities: list[JSON] = field(default_factory=list)
    open_period: int | None = None
    close_date: int | None = None
    is_closed: bool = False
    votes: dict[int, list[int]] = field(default_factory=dict)

    @property
    def closed(self) -> bool:
        """Closed explicitly or because its open period / close date has passed."""
        return self.is_closed or (self.close_date is not None and time.time() >= self.close_date)

    def voter_counts(self) -> list[int]:
        """Votes per option."""
        counts = [0] * len(self.options)
        for chosen in self.votes.values():
            for option in chosen:
                counts[option] += 1
        return counts

    def to_json(self) -> JSON:
        """The Bot API ``Poll`` object (Bot API 9.6+ shape that PTB 22.8 requires)."""
        counts = self.voter_counts()
        data: JSON = {
            "id": self.id,
            "question": self.question,
            "options": [
                {"text": text, "voter_count": counts[i], "persistent_id": str(i)} for i, text in enumerate(self.options)
            ],
            "total_voter_count": sum(1 for v in self.votes.values() if v),
            "is_closed": self.closed,
            "is_anonymous": self.is_anonymous,
            "type": self.type,
            "allows_multiple_answers": self.allows_multiple_answers,
            "allows_revoting": self.allows_revoting,
            "members_only": False,
        }
        if self.correct_option_ids:
            data["correct_option_ids"] = list(self.correct_option_ids)
        if self.explanation:
            data["explanation"] = self.explanation
            if self.explanation_entities:
                data["explanation_entities"] = self.explanation_entities
        if self.open_period is not None:
            data["open_period"] = self.open_period
        if self.close_date is not None:
            data["close_date"] = self.close_date
        return data


@dataclass
class Outage:
    """A stretch of 5xx answers or hangs (FakeBotApi.outage)."""

    status: int
    methods: frozenset[str]
    hang: float
    until: float | None
    remaining: int | None
    hit: int = 0

    @property
    def active(self) -> bool:
        if self.until is not None and time.monotonic() >= self.until:
            return False
        return self.remaining is None or self.hit < self.remaining

    def end(self) -> None:
        self.until = 0.0


class ApiError(Exception):
    """An error answer: HTTP status = error_code, as Telegram does."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


class Gate:
    """A turnstile for one method's requests: each waits until `allow` lets it through.

    `sever()` fails every request still waiting (and any later one) with 502, as when the bot's
    process dies before its request reaches Telegram: the request never takes effect.
    """

    def __init__(self) -> None:
        self._changed = asyncio.Condition()
        self.waiting = 0
        self._allowance = 0
        self._severed = False

    async def enter(self) -> None:
        async with self._changed:
            self.waiting += 1
            self._changed.notify_all()
            try:
                await self._changed.wait_for(lambda: self._severed or self._allowance > 0)
            finally:
                self.waiting -= 1
                self._changed.notify_all()
            if self._severed:
                raise ApiError(502, "Bad Gateway")
            self._allowance -= 1

    async def allow(self, count: int) -> None:
        """Let ``count`` more requests through (waiting ones first)."""
        async with self._changed:
            self._allowance += count
            self._changed.notify_all()

    async def sever(self) -> None:
        async with self._changed:
            self._severed = True
            self._changed.notify_all()

    async def until_waiting(self, count: int, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        """Wait until ``count`` requests are held at the gate."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self.waiting >= count), timeout)


def _bad(description: str) -> ApiError:
    return ApiError(400, description)


def _norm_chat_id(value: Any) -> int | str | None:
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    return value


def _decode_form_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _as_bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def _update_allowed(kind: str, allowed: frozenset[str] | None) -> bool:
    if not allowed:
        return kind not in _OPT_IN_UPDATES
    return kind in allowed


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class FakeBotApi(MediaMethods):
    """An in-process HTTP server speaking the Telegram Bot API for one bot token.

    ``strict=True`` additionally rejects what a real bot could not do without prior contact:
    messaging a chat never seen in an injected update (403 "bot can't initiate conversation" /
    400 "chat not found"), replying to unknown messages and answering unknown queries.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_id: int = U.BOT_ID,
        bot_username: str = U.BOT_USERNAME,
        *,
        bot_first_name: str = U.BOT_FIRST_NAME,
        strict: bool = False,
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_user: JSON = U.bot_user(bot_id, bot_username, bot_first_name)
        self.strict = strict
        self.port: int | None = None
        self.calls: list[Call] = []
        self.sent: list[Call] = []
        self.stats = Stats()
        self.polls: dict[str, PollState] = {}
        self.webhook: JSON = {}
        self._flood = FloodLimits()
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()
        self._updates_event = asyncio.Event()
        self._calls_event = asyncio.Event()
        self._poller_event = asyncio.Event()
        self.long_polls_waiting = 0
        self._pending: deque[JSON] = deque()
        self._update_ids = itertools.count(1)
        self._allowed_updates: frozenset[str] | None = None
        self._chats: dict[int, JSON] = {}
        self._users: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._next_message_id: dict[int, int] = defaultdict(lambda: 1)
        self._delivered: dict[int, list[JSON]] = defaultdict(list)
        self._blocked: set[int] = set()
        self._kicked: set[int] = set()
        self._left: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._admins: dict[int, dict[int, JSON]] = {}
        self._callback_ids: set[str] = set()
        self._files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, bytes), see add_file
        self.downloads: list[str] = []  # file paths downloaded, in order
        self.uploads: list[tuple[str, int, str, bytes]] = []  # (method, chat id, file name, bytes), see media.py
        self._inline_ids: set[str] = set()
        self._commands: dict[str, list[JSON]] = {}
        self._menu_buttons: dict[int | None, JSON] = {}
        self._failures: dict[str, deque[tuple[int, int, str | None]]] = defaultdict(deque)
        self._outages: list[Outage] = []  # fault injection: 5xx and hangs for a while (see outage())
        self._window_all: deque[float] = deque()
        self._window_groups: dict[int, deque[float]] = defaultdict(deque)
        self._window_chats: dict[int, deque[float]] = defaultdict(deque)
        self._poll_ids = itertools.count(5_000_000_000_000_000_001)
        self._webhook_task: asyncio.Task[None] | None = None
        self._webhook_session: ClientSession | None = None
        self._handlers: dict[str, tuple[str, Callable[[JSON], Awaitable[Any]]]] = {}
        for name in (
            "getMe logOut close getUpdates setWebhook deleteWebhook getWebhookInfo sendMessage "
            "editMessageText editMessageReplyMarkup deleteMessage sendPoll stopPoll "
            "answerCallbackQuery answerInlineQuery setMyCommands getMyCommands deleteMyCommands "
            "setChatMenuButton getChatMenuButton getChat getChatMember getChatAdministrators "
            "sendChatAction leaveChat getFile sendPhoto sendDocument"
        ).split():
            self._handlers[name.lower()] = (name, getattr(self, "_m_" + name))

    # ---- lifecycle ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """What to pass as PTB's ``base_url`` (the token is appended by PTB)."""
        if self.port is None:
            raise RuntimeError("FakeBotApi is not started")
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def url(self) -> str:
        """Full method prefix including the token, for plain HTTP clients."""
        return f"{self.base_url}{self.token}/"

    async def start(self) -> FakeBotApi:
        """Bind 127.0.0.1 on a free port and start serving."""
        self._stopping.clear()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server  # the only way aiohttp exposes the bound port
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        """Stop serving; pending long polls return [] at once."""
        self._stopping.set()
        self._wake_updates()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._webhook_task
            self._webhook_task = None
        if self._webhook_session is not None:
            await self._webhook_session.close()
            self._webhook_session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ---- test controls --------------------------------------------------------------------

    def inject(self, update: JSON) -> int:
        """Queue an update for getUpdates (or the webhook); returns its update_id."""
        update_id = next(self._update_ids)
        full = {"update_id": update_id, **{k: v for k, v in update.items() if k != "update_id"}}
        self._remember_update(full)
        self._pending.append(full)
        self._wake_updates()
        return update_id

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: sends to the private chat fail with 403."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """The user restarted the bot."""
        self._blocked.discard(chat_id)

    def kick(self, chat_id: int) -> None:
        """The bot was removed from the group: sends fail with 403."""
        self._kicked.add(chat_id)

    def unkick(self, chat_id: int) -> None:
        """The bot was added back to the group."""
        self._kicked.discard(chat_id)
        self._left.discard(chat_id)

    def migrate(self, old_id: int, new_id: int) -> None:
        """The group became supergroup ``new_id``: sends to ``old_id`` fail with migrate_to_chat_id."""
        self._migrated[old_id] = new_id
        old = self._chats.get(old_id, {})
        self._chats.setdefault(new_id, {"id": new_id, "type": "supergroup", "title": old.get("title", "Grup")})

    def set_admins(
        self,
        chat_id: int,
        user_ids: Iterable[int],
        anonymous: Iterable[int] = (),
        *,
        creator: int | None = None,
    ) -> None:
        """Set the chat's administrators; ``anonymous`` ones (also admins) have is_anonymous."""
        anon = set(anonymous)
        admins: dict[int, JSON] = {}
        for uid in [*user_ids, *anon, *([creator] if creator is not None else [])]:
            status = "creator" if uid == creator else "administrator"
            admins[uid] = U.chat_member(self._user_json(uid), status, is_anonymous=uid in anon)
        self._admins[chat_id] = admins

    @contextlib.contextmanager
    def held(self, method: str) -> Iterator[tuple[asyncio.Event, asyncio.Event]]:
        """Hold every ``method`` request (before answering it) until the test sets the gate: yields
        (arrived, gate). Proves what the bot does while a call is still in flight."""
        arrived, gate = asyncio.Event(), asyncio.Event()
        name, answer = self._handlers[method.lower()]

        async def hold(params: JSON) -> Any:
            arrived.set()
            await gate.wait()
            return await answer(params)

        self._handlers[method.lower()] = (name, hold)
        try:
            yield arrived, gate
        finally:
            gate.set()
            self._handlers[method.lower()] = (name, answer)

    @contextlib.asynccontextmanager
    async def gated(self, method: str) -> AsyncIterator[Gate]:
        """Hold ``method`` requests at a turnstile the test opens one request at a time (see Gate)."""
        gate = Gate()
        name, answer = self._handlers[method.lower()]

        async def through(params: JSON) -> Any:
            await gate.enter()
            return await answer(params)

        self._handlers[method.lower()] = (name, through)
        try:
            yield gate
        finally:
            await gate.sever()
            self._handlers[method.lower()] = (name, answer)

    def fail_next(
        self,
        method: str,
        status: int = 429,
        count: int = 1,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Force the next ``count`` calls of ``method`` ("*" = any method) to fail with ``status``."""
        key = "*" if method == "*" else method.lower()
        for _ in range(count):
            self._failures[key].append((status, max(1, int(retry_after)), description))

    def flood_limits(
        self,
        enabled: bool = True,
        per_second: int = 30,
        per_group_per_minute: int = 20,
        retry_after: int | None = 1,
        *,
        per_chat_per_second: int | None = None,
        methods: Iterable[str] = FLOOD_METHODS,
    ) -> None:
        """Switch Telegram's flood control on/off: 429 with retry_after beyond the limits
        (``retry_after=None``: the seconds until the exceeded window frees up, as Telegram answers)."""
        self._flood = FloodLimits(
            enabled,
            per_second,
            per_group_per_minute,
            per_chat_per_second,
            0 if retry_after is None else max(1, int(retry_after)),
            frozenset(methods),
        )
        self._window_all.clear()
        self._window_groups.clear()
        self._window_chats.clear()

    def delivered(self, chat_id: int) -> list[JSON]:
        """Messages (Message JSON) the bot successfully sent to ``chat_id``, in order."""
        return list(self._delivered.get(chat_id, ()))

    def duplicate_texts(self, chat_id: int) -> dict[str, int]:
        """Texts delivered more than once to ``chat_id`` (with counts): catches double sends."""
        counts = Counter(m.get("text") or m.get("poll", {}).get("question") for m in self._delivered.get(chat_id, ()))
        return {text: n for text, n in counts.items() if n > 1 and text is not None}

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current state of a stored message (after edits), or None if unknown/deleted."""
        return self._messages.get((chat_id, message_id))

    def poll_for_message(self, chat_id: int, message_id: int) -> PollState | None:
        """The poll sent in the given message."""
        msg = self._messages.get((chat_id, message_id))
        return self.polls.get(msg["poll"]["id"]) if msg and "poll" in msg else None

    def poll_answer_update(self, poll_id: str, user: JSON, option_ids: list[int]) -> JSON:
        """Record ``user``'s vote and build the poll_answer update (inject it yourself).

        Raises ValueError where Telegram would never produce such an update: anonymous polls,
        closed polls, options out of range, several options on a single-answer poll.
        """
        poll = self.polls.get(poll_id)
        if poll is None:
            raise KeyError(f"unknown poll {poll_id!r}")
        if poll.is_anonymous:
            raise ValueError("anonymous polls never produce poll_answer updates")
        if poll.closed:
            raise ValueError("the poll is closed")
        chosen = sorted(set(option_ids))
        if any(not 0 <= o < len(poll.options) for o in chosen):
            raise ValueError(f"option ids {option_ids} out of range")
        if len(chosen) > 1 and not poll.allows_multiple_answers:
            raise ValueError("this poll allows a single answer")
        if poll.type == "quiz" and user["id"] in poll.votes and poll.votes[user["id"]]:
            raise ValueError("quiz answers can't be changed")
        poll.votes[user["id"]] = chosen
        self._users.setdefault(user["id"], user)
        return U.poll_answer(poll_id, user, chosen)

    def vote(self, poll_id: str, user: JSON, option_ids: list[int]) -> int:
        """Record a vote and inject its poll_answer update; returns the update_id."""
        return self.inject(self.poll_answer_update(poll_id, user, option_ids))

    def poll_update(self, poll_id: str) -> JSON:
        """A ``poll`` update with the poll's current state (Telegram sends these on changes)."""
        return {"poll": self.polls[poll_id].to_json()}

    def close_poll(self, poll_id: str) -> JSON:
        """Close the poll as if its open_period ran out; returns the ``poll`` update to inject."""
        self.polls[poll_id].is_closed = True
        return self.poll_update(poll_id)

    def commands(self, scope_type: str = "default", language_code: str = "") -> list[JSON]:
        """Commands set with setMyCommands for a scope type and language."""
        return list(self._commands.get(f"{scope_type}|{language_code}", ()))

    @property
    def pending_updates(self) -> int:
        """Updates injected but not yet confirmed by the bot."""
        return len(self._pending)

    # ---- fault injection: Telegram failing for a while, updates the library cannot read -----

    def outage(self, status: int = 500, *, seconds: float | None = None, count: int | None = None,
               methods: Iterable[str] = ("sendMessage",), hang: float = 0.0) -> Outage:
        """Telegram misbehaves for ``methods``: each call fails with ``status`` (500, 502...) or, with
        ``hang`` > 0, is handled (the message *is* delivered) but answered only that much later, as when
        Telegram is slow, for ``seconds`` from now and/or the next ``count`` calls. Returns the Outage
        (``end()`` stops it early; ``hit`` counts the calls it caught)."""
        outage = Outage(status, frozenset(m.lower() for m in methods), hang,
                        None if seconds is None else time.monotonic() + seconds, count)
        self._outages.append(outage)
        return outage

    def _outage_fault(self, method: str) -> float:
        """Raise the outage's 5xx, or return how long to hold the answer back (0: not at all)."""
        for outage in list(self._outages):
            if not outage.active:
                self._outages.remove(outage)
                continue
            if method.lower() not in outage.methods:
                continue
            outage.hit += 1
            if outage.hang > 0:
                return outage.hang  # handled normally, answered late
            default = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
            raise ApiError(outage.status, default.get(outage.status, "Error"))
        return 0.0

    def inject_unreadable_poll_answer(self, poll_id: str, user: JSON, option_ids: list[int]) -> int:
        """A poll_answer as an older Bot API server sends it: without ``option_persistent_ids``, which
        python-telegram-bot 22.8 requires, so the library cannot read it. Returns its update_id."""
        update = U.poll_answer(poll_id, user, option_ids)
        del update["poll_answer"]["option_persistent_ids"]
        return self.inject(update)

    # ---- waiting --------------------------------------------------------------------------

    def mark(self) -> int:
        """The index of the next call, for ``since=`` in the wait helpers."""
        return len(self.calls)

    def calls_of(
        self, method: str, *, chat_id: int | None = None, since: int = 0, ok: bool | None = True
    ) -> list[Call]:
        """Recorded calls of ``method`` (optionally for one chat / only successful ones)."""
        return [c for c in self.calls[since:] if _matches(c, method, chat_id, ok)]

    async def wait_for(
        self,
        predicate: Callable[[Call], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the promised test API
        *,
        since: int | None = None,
        count: int = 1,
    ) -> Call:
        """Wait for the ``count``-th call from index ``since`` (default 0) that matches ``predicate``.

        Wakes on every recorded call, never polls with sleeps.  On timeout raises TimeoutError
        listing the most recent calls, which is usually enough to see what the bot did instead.
        """
        index = since or 0
        found = 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            while index < len(self.calls):
                call = self.calls[index]
                index += 1
                if predicate(call):
                    found += 1
                    if found >= count:
                        return call
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(self._timeout_report(found, count, since or 0))
            event = self._calls_event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue

    async def wait_for_method(
        self,
        method: str,
        chat_id: int | None = None,
        count: int = 1,
        since: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the promised test API
        *,
        ok: bool | None = True,
    ) -> Call:
        """Wait for the ``count``-th successful (``ok=None``: any) call of ``method`` [to ``chat_id``]."""
        return await self.wait_for(
            lambda c: _matches(c, method, chat_id, ok), timeout=timeout, since=since, count=count
        )

    async def wait_for_long_poll(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109 - test API
        """Wait until some getUpdates request is parked in long polling (the bot is polling)."""
        async with asyncio.timeout(timeout):
            while self.long_polls_waiting == 0:
                await self._poller_event.wait()

    def _timeout_report(self, found: int, count: int, since: int) -> str:
        recent = self.calls[max(since, len(self.calls) - 15) :]
        lines = [
            f"  {c.method} chat_id={c.params.get('chat_id')!r} ok={c.ok}"
            f"{'' if c.ok else f' {c.error_code} {c.description}'} params="
            f"{ {k: v for k, v in c.params.items() if k != 'chat_id'}!r:.200}"
            for c in recent
        ]
        return (
            f"no matching call (found {found} of {count}) among {len(self.calls) - since} calls since "
            f"index {since}; most recent:\n" + ("\n".join(lines) or "  (none)")
        )

    # ---- HTTP plumbing --------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        file_match = _FILE_PATH_RE.match(request.path)
        if file_match is not None:
            return self._download(*file_match.groups())
        match = _PATH_RE.match(request.path)
        if match is None:
            return _error_response(ApiError(404, "Not Found"))
        token, raw_method = match.groups()
        entry = self._handlers.get(raw_method.lower())
        method = entry[0] if entry else raw_method
        try:
            params = await self._read_params(request)
        except ApiError as exc:
            return self._finish(method, {}, exc)
        if token != self.token:
            return self._finish(method, params, ApiError(401, "Unauthorized"))
        if entry is None:
            return self._finish(method, params, ApiError(404, "Not Found"))
        try:
            hang = self._outage_fault(method)
            self._forced_failure(method)
            if method in self._flood.methods:
                self._check_flood(params)
            result = await entry[1](params)
        except ApiError as exc:
            return self._finish(method, params, exc)
        response = self._finish(method, params, None, result)
        if hang:
            await asyncio.sleep(hang)  # done and recorded; only the answer is late (the client may give up)
        return response

    async def _read_params(self, request: web.Request) -> JSON:
        params: JSON = {k: _decode_form_value(k, v) for k, v in request.query.items()}
        if not request.can_read_body:
            return params
        ctype = request.content_type
        if ctype == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise _bad("Bad Request: can't parse JSON encoded request") from exc
            if isinstance(body, dict):
                params.update(body)
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = _decode_form_value(key, value)
                else:  # an uploaded file
                    data = value.file.read()
                    params[key] = {"file_name": value.filename, "content_type": value.content_type, "size": len(data),
                                   "data": data}
        return params

    def _finish(self, method: str, params: JSON, error: ApiError | None, result: Any = None) -> web.Response:
        now = time.monotonic()
        stats = self.stats
        stats.calls[method] += 1
        if error is None:
            call = Call(method, params, True, None, result, now)
            if method in SENDING_METHODS or method in EDITING_METHODS:
                self.sent.append(call)
            response = web.Response(
                body=json.dumps({"ok": True, "result": result}, ensure_ascii=False).encode(),
                content_type="application/json",
            )
        else:
            call = Call(method, params, False, error.code, None, now, error.description)
            stats.errors[error.code] += 1
            if error.code == 429:
                stats.too_many_requests += 1
            response = _error_response(error)
        self.calls.append(call)
        event, self._calls_event = self._calls_event, asyncio.Event()
        event.set()
        return response

    def _forced_failure(self, method: str) -> None:
        queue = self._failures.get(method.lower()) or self._failures.get("*")
        if not queue:
            return
        status, retry_after, description = queue.popleft()
        if status == 429:
            raise ApiError(
                429, description or f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        default = {500: "Internal Server Error", 502: "Bad Gateway", 400: "Bad Request", 403: "Forbidden"}
        raise ApiError(status, description or default.get(status, "Error"))

    def _check_flood(self, params: JSON) -> None:
        flood = self._flood
        if not flood.enabled:
            return
        now = time.monotonic()
        retry = {"retry_after": flood.retry_after}
        too_many = f"Too Many Requests: retry after {flood.retry_after}"
        window = self._window_all
        while window and window[0] <= now - 1.0:
            window.popleft()
        chat_id = _norm_chat_id(params.get("chat_id"))
        group_window = chat_window = None
        if isinstance(chat_id, int) and chat_id < 0:
            group_window = self._window_groups[chat_id]
            while group_window and group_window[0] <= now - 60.0:
                group_window.popleft()
        if isinstance(chat_id, int) and flood.per_chat_per_second is not None:
            chat_window = self._window_chats[chat_id]
            while chat_window and chat_window[0] <= now - 1.0:
                chat_window.popleft()
        if (
            len(window) >= flood.per_second
            or (group_window is not None and len(group_window) >= flood.per_group_per_minute)
            or (chat_window is not None and len(chat_window) >= (flood.per_chat_per_second or 0))
        ):
            if not flood.retry_after:  # realistic: until the oldest send of the full window leaves it
                frees = [w[0] + span - now for w, span, limit in (
                    (window, 1.0, flood.per_second), (group_window, 60.0, flood.per_group_per_minute),
                    (chat_window, 1.0, flood.per_chat_per_second or 0)) if w is not None and w and len(w) >= limit]
                seconds = max(1, math.ceil(max(frees, default=1.0)))
                retry, too_many = {"retry_after": seconds}, f"Too Many Requests: retry after {seconds}"
            raise ApiError(429, too_many, retry)
        window.append(now)
        if group_window is not None:
            group_window.append(now)
        if chat_window is not None:
            chat_window.append(now)

    def _wake_updates(self) -> None:
        event, self._updates_event = self._updates_event, asyncio.Event()
        event.set()

    # ---- state helpers --------------------------------------------------------------------

    def _remember_update(self, update: JSON) -> None:
        for key, value in update.items():
            if not isinstance(value, dict):
                continue
            if key in ("message", "edited_message", "channel_post", "edited_channel_post"):
                self._remember_message(value)
            if key == "callback_query":
                self._callback_ids.add(value["id"])
                if isinstance(value.get("message"), dict):
                    self._remember_message(value["message"], store=False)
            if key == "inline_query":
                self._inline_ids.add(value["id"])
            if isinstance(value.get("chat"), dict):
                self._chats.setdefault(value["chat"]["id"], value["chat"])
            for who in ("from", "user"):
                if isinstance(value.get(who), dict):
                    self._users.setdefault(value[who]["id"], value[who])

    def _remember_message(self, msg: JSON, *, store: bool = True) -> None:
        chat = msg.get("chat") or {}
        chat_id = chat.get("id")
        if chat_id is None:
            return
        self._chats.setdefault(chat_id, chat)
        if isinstance(msg.get("from"), dict):
            self._users.setdefault(msg["from"]["id"], msg["from"])
        mid = msg.get("message_id")
        if isinstance(mid, int):
            if store:
                self._messages[(chat_id, mid)] = msg
            if mid >= self._next_message_id[chat_id]:
                self._next_message_id[chat_id] = mid + 1
        if msg.get("migrate_to_chat_id"):
            self.migrate(chat_id, msg["migrate_to_chat_id"])
        if isinstance(msg.get("reply_to_message"), dict):
            self._remember_message(msg["reply_to_message"])

    def _user_json(self, user_id: int) -> JSON:
        if user_id == self.bot_id:
            return self.bot_user
        if user_id == GROUP_ANONYMOUS_BOT_ID:
            return U.group_anonymous_bot()
        return self._users.get(user_id) or U.user(user_id, "User", language_code=None)

    def _chat_json(self, chat_id: int) -> JSON:
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                chat = U.private_chat(self._user_json(chat_id))
            elif chat_id <= -1_000_000_000_000:
                chat = {"id": chat_id, "type": "supergroup", "title": f"Supergroup {chat_id}"}
            else:
                chat = {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
        return {k: chat[k] for k in ("id", "type", "title", "username", "first_name", "last_name") if k in chat}

    def _target_chat(self, params: JSON, *, sending: bool = True) -> int:
        """Resolve chat_id and apply the chat's state (blocked, kicked, migrated...)."""
        raw = _norm_chat_id(params.get("chat_id"))
        if raw is None or raw == "":
            raise _bad("Bad Request: chat_id is empty")
        if isinstance(raw, str):
            name = raw.lstrip("@").lower()
            for cid, chat in self._chats.items():
                if str(chat.get("username", "")).lower() == name:
                    raw = cid
                    break
            else:
                raise _bad("Bad Request: chat not found")
        chat_id = int(raw)
        if chat_id in self._migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id > 0:
            if sending and chat_id in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if self.strict and chat_id not in self._chats:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        else:
            kind = "supergroup" if self._chat_json(chat_id)["type"] != "group" else "group"
            if chat_id in self._kicked:
                raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
            if chat_id in self._left:
                raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
            if self.strict and chat_id not in self._chats:
                raise _bad("Bad Request: chat not found")
        return chat_id

    def _new_message(self, chat_id: int, params: JSON) -> JSON:
        mid = self._next_message_id[chat_id]
        self._next_message_id[chat_id] = mid + 1
        msg: JSON = {
            "message_id": mid,
            "from": self.bot_user,
            "chat": self._chat_json(chat_id),
            "date": int(time.time()),
        }
        reply_to = self._reply_target(chat_id, params)
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            msg["reply_markup"] = markup
        return msg

    def _reply_target(self, chat_id: int, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict):
            reply = {}
        mid = reply.get("message_id", params.get("reply_to_message_id"))
        if mid is None:
            return None
        target_chat = _norm_chat_id(reply.get("chat_id", chat_id))
        found = self._messages.get((target_chat, int(mid)))  # type: ignore[arg-type]
        allow = _as_bool(reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply")))
        if found is None:
            if self.strict and not allow:
                raise _bad("Bad Request: message to be replied not found")
            return None
        return {k: v for k, v in found.items() if k != "reply_to_message"}

    def _deliver(self, chat_id: int, msg: JSON) -> JSON:
        self._messages[(chat_id, msg["message_id"])] = msg
        self._delivered[chat_id].append(msg)
        self.stats.delivered_per_chat[chat_id] += 1
        return msg

    def _stored_bot_message(self, params: JSON, not_found: str) -> tuple[int, JSON]:
        chat_id = self._target_chat(params, sending=False)
        try:
            mid = int(params.get("message_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise _bad("Bad Request: message identifier is not specified") from exc
        msg = self._messages.get((chat_id, mid))
        if msg is None:
            raise _bad(not_found)
        return chat_id, msg

    # ---- validation -----------------------------------------------------------------------

    def _formatted(
        self, text: Any, parse_mode: Any, entities: Any, *, limit: int, empty: str, long: str
    ) -> tuple[str, list[JSON]]:
        """Apply parse_mode and Telegram's length rules; return (text, entities) as Telegram stores them."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        parsed_entities: list[JSON] = entities if isinstance(entities, list) else []
        if isinstance(parse_mode, str) and parse_mode.upper() == "HTML":
            try:
                text, parsed_entities = parse_telegram_html(text)
            except HtmlParseError as exc:
                raise _bad(str(exc)) from exc
        if not text.strip():
            raise _bad(empty)
        if len(text) > limit:
            raise _bad(long)
        return text, parsed_entities

    def _message_text(self, params: JSON) -> tuple[str, list[JSON]]:
        return self._formatted(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            limit=MessageLimit.MAX_TEXT_LENGTH,
            empty="Bad Request: message text is empty",
            long="Bad Request: message is too long",
        )

    @staticmethod
    def _check_markup(markup: Any) -> None:
        if markup is None:
            return
        if not isinstance(markup, dict):
            raise _bad("Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return  # reply keyboards, ReplyKeyboardRemove and ForceReply are not checked
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad('Bad Request: can\'t parse inline keyboard button: field "inline_keyboard" must be an Array')
        total = 0
        for row in rows:
            if len(row) > InlineKeyboardMarkupLimit.BUTTONS_PER_ROW:
                raise _bad("Bad Request: too many buttons in a row")
            for button in row:
                total += 1
                _check_button(button)
        if total > InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER:
            raise _bad("Bad Request: reply markup is too long")

    # ---- methods --------------------------------------------------------------------------

    async def _m_getMe(self, params: JSON) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_logOut(self, params: JSON) -> bool:
        return True

    async def _m_close(self, params: JSON) -> bool:
        return True

    async def _m_getUpdates(self, params: JSON) -> list[JSON]:
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        limit = max(1, min(limit, 100))
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed)
        pending = self._pending
        if offset < 0:
            while len(pending) > -offset:
                pending.popleft()
        elif offset:
            self._confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = self._take_updates(limit)
            if result or self._stopping.is_set():
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._updates_event
            self.long_polls_waiting += 1
            poller_event, self._poller_event = self._poller_event, asyncio.Event()
            poller_event.set()
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
            finally:
                self.long_polls_waiting -= 1

    def _take_updates(self, limit: int) -> list[JSON]:
        """Up to ``limit`` unconfirmed updates the bot subscribed to (they stay until confirmed)."""
        allowed = self._allowed_updates
        result: list[JSON] = []
        for update in self._pending:
            if _update_allowed(U.update_type(update), allowed):
                result.append(update)
                if len(result) >= limit:
                    break
        return result

    def _confirm(self, below: int) -> None:
        """Forget updates with update_id < ``below`` (what a getUpdates offset does)."""
        pending = self._pending
        while pending and pending[0]["update_id"] < below:
            pending.popleft()

    async def _m_setWebhook(self, params: JSON) -> bool:
        url = params.get("url") or ""
        if url and not re.match(r"^https?://", url):
            raise _bad("Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        if _as_bool(params.get("drop_pending_updates")):
            self._pending.clear()
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed)
        self.webhook = {"url": url, "secret_token": params.get("secret_token")} if url else {}
        if url and self._webhook_task is None:
            self._webhook_task = asyncio.create_task(self._webhook_loop())
        self._wake_updates()
        return True

    async def _m_deleteWebhook(self, params: JSON) -> bool:
        if _as_bool(params.get("drop_pending_updates")):
            self._pending.clear()
        self.webhook = {}
        self._wake_updates()
        return True

    async def _m_getWebhookInfo(self, params: JSON) -> JSON:
        info: JSON = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self.webhook.get("last_error_message"):
            info["last_error_message"] = self.webhook["last_error_message"]
            info["last_error_date"] = self.webhook["last_error_date"]
        if self._allowed_updates:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    async def _webhook_loop(self) -> None:
        """Deliver pending updates to the webhook URL one by one, as Telegram does."""
        self._webhook_session = ClientSession(timeout=ClientTimeout(total=10))
        while not self._stopping.is_set() and self.webhook.get("url"):
            update = self._take_updates(1)
            if not update:
                event = self._updates_event
                await event.wait()
                continue
            headers = {}
            if self.webhook.get("secret_token"):
                headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
            try:
                async with self._webhook_session.post(self.webhook["url"], json=update[0], headers=headers) as resp:
                    delivered = resp.status < 300
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except Exception as exc:  # any network failure keeps the update pending
                delivered, error = False, f"Connection failed: {exc!r}"
            if delivered:
                self._confirm(update[0]["update_id"] + 1)
            else:
                self.webhook.update(last_error_message=error, last_error_date=int(time.time()))
                event = self._updates_event
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), 0.2)  # back off until new news

    async def _m_sendMessage(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params)
        text, entities = self._message_text(params)
        self._check_markup(params.get("reply_markup"))
        msg = self._new_message(chat_id, params)
        msg["text"] = text
        if entities:
            msg["entities"] = entities
        return self._deliver(chat_id, msg)

    async def _m_editMessageText(self, params: JSON) -> JSON | bool:
        text, entities = self._message_text(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
        if params.get("inline_message_id"):
            return True
        chat_id, msg = self._stored_bot_message(params, "Bad Request: message to edit not found")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise _bad("Bad Request: message can't be edited")
        if "text" not in msg:
            raise _bad("Bad Request: there is no text in the message to edit")
        new_markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        if msg["text"] == text and msg.get("entities", []) == entities and msg.get("reply_markup") == new_markup:
            raise _bad(
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        edited = {k: v for k, v in msg.items() if k not in ("entities", "reply_markup")}
        edited["text"] = text
        edited["edit_date"] = int(time.time())
        if entities:
            edited["entities"] = entities
        if new_markup is not None:
            edited["reply_markup"] = new_markup
        self._messages[(chat_id, msg["message_id"])] = edited
        return edited

    async def _m_editMessageReplyMarkup(self, params: JSON) -> JSON | bool:
        markup = params.get("reply_markup")
        self._check_markup(markup)
        if params.get("inline_message_id"):
            return True
        chat_id, msg = self._stored_bot_message(params, "Bad Request: message to edit not found")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise _bad("Bad Request: message can't be edited")
        new_markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        if msg.get("reply_markup") == new_markup:
            raise _bad(
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        edited = {k: v for k, v in msg.items() if k != "reply_markup"}
        edited["edit_date"] = int(time.time())
        if new_markup is not None:
            edited["reply_markup"] = new_markup
        self._messages[(chat_id, msg["message_id"])] = edited
        return edited

    async def _m_deleteMessage(self, params: JSON) -> bool:
        chat_id, msg = self._stored_bot_message(params, "Bad Request: message to delete not found")
        del self._messages[(chat_id, msg["message_id"])]
        return True

    async def _m_sendPoll(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params)
        poll = self._validate_poll(params)
        self._check_markup(params.get("reply_markup"))
        msg = self._new_message(chat_id, params)
        poll_id = str(next(self._poll_ids))
        state = PollState(id=poll_id, chat_id=chat_id, message_id=msg["message_id"], **poll)
        self.polls[poll_id] = state
        msg["poll"] = state.to_json()
        return self._deliver(chat_id, msg)

    def _validate_poll(self, params: JSON) -> JSON:
        question = params.get("question")
        question = question if isinstance(question, str) else ""
        if isinstance(params.get("question_parse_mode"), str) and params["question_parse_mode"].upper() == "HTML":
            try:
                question, _ = parse_telegram_html(question)
            except HtmlParseError as exc:
                raise _bad(str(exc)) from exc
        question = question.strip()
        if len(question) < PollLimit.MIN_QUESTION_LENGTH:
            raise _bad("Bad Request: text must be non-empty")
        if len(question) > PollLimit.MAX_QUESTION_LENGTH:
            raise _bad(f"Bad Request: poll question length must not exceed {PollLimit.MAX_QUESTION_LENGTH}")
        raw_options = params.get("options")
        if not isinstance(raw_options, list):
            raise _bad("Bad Request: can't parse options JSON object")
        if not raw_options:
            raise _bad("Bad Request: poll must have at least one answer option")
        if len(raw_options) < 2:
            raise _bad("Bad Request: poll must have at least 2 option")
        if len(raw_options) > PollLimit.MAX_OPTION_NUMBER:
            raise _bad(f"Bad Request: poll can't have more than {PollLimit.MAX_OPTION_NUMBER} options")
        options: list[str] = []
        for option in raw_options:
            text = option.get("text") if isinstance(option, dict) else option
            if not isinstance(text, str):
                raise _bad("Bad Request: can't parse InputPollOption: Expected InputPollOption to be an Object")
            if isinstance(option, dict) and str(option.get("text_parse_mode", "")).upper() == "HTML":
                try:
                    text, _ = parse_telegram_html(text)
                except HtmlParseError as exc:
                    raise _bad(str(exc)) from exc
            text = text.strip()
            if not text:
                raise _bad("Bad Request: text must be non-empty")
            if len(text) > PollLimit.MAX_OPTION_LENGTH:
                raise _bad(f"Bad Request: poll options length must not exceed {PollLimit.MAX_OPTION_LENGTH}")
            options.append(text)
        poll_type = params.get("type") or "regular"
        if poll_type not in ("regular", "quiz"):
            raise _bad("Bad Request: unsupported poll type specified")
        correct = params.get("correct_option_ids")
        if correct is None and params.get("correct_option_id") is not None:
            correct = [params["correct_option_id"]]
        correct_ids: list[int] = []
        if poll_type == "quiz":
            if not correct:
                raise _bad("Bad Request: correct quiz option list must be non-empty")
            try:
                correct_ids = [int(c) for c in correct]
            except (TypeError, ValueError) as exc:
                raise _bad("Bad Request: wrong quiz correct_option_id") from exc
            if any(not 0 <= c < len(options) for c in correct_ids):
                raise _bad("Bad Request: wrong quiz correct_option_id")
            if correct_ids != sorted(set(correct_ids)):
                raise _bad("Bad Request: correct quiz option list must be increasing")
        explanation = params.get("explanation")
        explanation_entities: list[JSON] = []
        if explanation:
            if poll_type != "quiz":
                raise _bad("Bad Request: explanation can be specified only for quizzes")
            explanation, explanation_entities = self._formatted(
                explanation,
                params.get("explanation_parse_mode"),
                params.get("explanation_entities"),
                limit=PollLimit.MAX_EXPLANATION_LENGTH,
                empty="Bad Request: text must be non-empty",
                long=f"Bad Request: quiz explanation must have at most {PollLimit.MAX_EXPLANATION_LENGTH} characters",
            )
            if explanation.count("\n") > PollLimit.MAX_EXPLANATION_LINE_FEEDS:
                raise _bad(
                    f"Bad Request: quiz explanation must have at most {PollLimit.MAX_EXPLANATION_LINE_FEEDS} line feeds"
                )
        open_period = params.get("open_period")
        close_date = params.get("close_date")
        if open_period is not None and close_date is not None:
            raise _bad("Bad Request: can't use open_period and close_date simultaneously")
        if open_period is not None:
            open_period = int(open_period)
            if not PollLimit.MIN_OPEN_PERIOD <= open_period <= PollLimit.MAX_OPEN_PERIOD:
                raise _bad("Bad Request: wrong open_period specified")
            close_date = int(time.time()) + open_period
        elif close_date is not None:
            close_date = int(close_date)
            delta = close_date - time.time()
            if not PollLimit.MIN_OPEN_PERIOD <= delta <= PollLimit.MAX_OPEN_PERIOD:
                raise _bad("Bad Request: wrong close_date specified")
        multiple = _as_bool(params.get("allows_multiple_answers"))
        return {
            "question": question,
            "options": options,
            "type": poll_type,
            "is_anonymous": _as_bool(params.get("is_anonymous"), True),
            "allows_multiple_answers": multiple,
            "allows_revoting": _as_bool(params.get("allows_revoting"), poll_type != "quiz"),
            "correct_option_ids": correct_ids,
            "explanation": explanation or None,
            "explanation_entities": explanation_entities,
            "open_period": open_period,
            "close_date": close_date,
            "is_closed": _as_bool(params.get("is_closed")),
        }

    async def _m_stopPoll(self, params: JSON) -> JSON:
        chat_id, msg = self._stored_bot_message(params, "Bad Request: message with poll to stop not found")
        if "poll" not in msg:
            raise _bad("Bad Request: message is not a poll")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise _bad("Bad Request: poll can't be stopped")
        poll = self.polls[msg["poll"]["id"]]
        if poll.closed:
            raise _bad("Bad Request: poll has already been closed")
        markup = params.get("reply_markup")
        self._check_markup(markup)
        poll.is_closed = True
        updated = {**msg, "poll": poll.to_json()}
        if isinstance(markup, dict):
            updated["reply_markup"] = markup
        self._messages[(chat_id, msg["message_id"])] = updated
        return poll.to_json()

    async def _m_answerCallbackQuery(self, params: JSON) -> bool:
        query_id = params.get("callback_query_id")
        if not query_id:
            raise _bad("Bad Request: query_id is empty")
        if self.strict and query_id not in self._callback_ids:
            raise _bad("Bad Request: query is too old and response timeout expired or query ID is invalid")
        text = params.get("text") or ""
        if len(text) > CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH:
            raise _bad("Bad Request: MESSAGE_TOO_LONG")
        self._callback_ids.discard(query_id)
        return True

    async def _m_answerInlineQuery(self, params: JSON) -> bool:
        query_id = params.get("inline_query_id")
        if not query_id:
            raise _bad("Bad Request: query_id is empty")
        if self.strict and query_id not in self._inline_ids:
            raise _bad("Bad Request: query is too old and response timeout expired or query ID is invalid")
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("Bad Request: can't parse inline query results JSON object")
        if len(results) > InlineQueryLimit.RESULTS:
            raise _bad("Bad Request: RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict):
                raise _bad("Bad Request: can't parse InlineQueryResult: Object expected")
            rid = str(result.get("id", ""))
            if not InlineQueryResultLimit.MIN_ID_LENGTH <= len(rid.encode()) <= InlineQueryResultLimit.MAX_ID_LENGTH:
                raise _bad("Bad Request: RESULT_ID_INVALID")
            if rid in seen:
                raise _bad("Bad Request: RESULT_ID_DUPLICATE")
            seen.add(rid)
            content = result.get("input_message_content")
            if isinstance(content, dict) and "message_text" in content:
                self._formatted(
                    content.get("message_text"),
                    content.get("parse_mode"),
                    content.get("entities"),
                    limit=MessageLimit.MAX_TEXT_LENGTH,
                    empty="Bad Request: message text is empty",
                    long="Bad Request: message is too long",
                )
            elif result.get("type") == "article":
                raise _bad("Bad Request: MESSAGE_EMPTY")
            self._check_markup(result.get("reply_markup"))
        self._inline_ids.discard(query_id)
        return True

    @staticmethod
    def _commands_key(params: JSON) -> str:
        scope = params.get("scope") if isinstance(params.get("scope"), dict) else {}
        return f"{scope.get('type', 'default')}|{params.get('language_code') or ''}"

    async def _m_setMyCommands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("Bad Request: BOT_COMMANDS_TOO_MUCH")
        for cmd in commands:
            name = cmd.get("command", "") if isinstance(cmd, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(cmd.get("description", "")).strip()) <= 256:
                raise _bad("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[self._commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def _m_getMyCommands(self, params: JSON) -> list[JSON]:
        return list(self._commands.get(self._commands_key(params), ()))

    async def _m_deleteMyCommands(self, params: JSON) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    async def _m_setChatMenuButton(self, params: JSON) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in ("default", "commands", "web_app"):
            raise _bad("Bad Request: can't parse menu button JSON object")
        chat_id = _norm_chat_id(params.get("chat_id"))
        self._menu_buttons[chat_id if isinstance(chat_id, int) else None] = button
        return True

    async def _m_getChatMenuButton(self, params: JSON) -> JSON:
        chat_id = _norm_chat_id(params.get("chat_id"))
        key = chat_id if isinstance(chat_id, int) else None
        return self._menu_buttons.get(key) or self._menu_buttons.get(None) or {"type": "commands"}

    async def _m_getChat(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params, sending=False)
        chat = self._chat_json(chat_id)
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member(self, chat_id: int, user_id: int) -> JSON:
        user = self._user_json(user_id)
        if chat_id > 0:
            return U.chat_member(user, "member")
        if user_id == GROUP_ANONYMOUS_BOT_ID:
            return U.chat_member(user, "administrator", is_anonymous=True)
        if user_id == self.bot_id and chat_id in self._kicked:
            return U.chat_member(user, "kicked")
        if user_id == self.bot_id and chat_id in self._left:
            return U.chat_member(user, "left")
        admin = self._admins.get(chat_id, {}).get(user_id)
        return admin if admin is not None else U.chat_member(user, "member")

    async def _m_getChatMember(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params, sending=False)
        try:
            user_id = int(params.get("user_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise _bad("Bad Request: invalid user_id specified") from exc
        if chat_id > 0 and user_id not in (chat_id, self.bot_id):
            raise _bad("Bad Request: user not found")
        return self._member(chat_id, user_id)

    async def _m_getChatAdministrators(self, params: JSON) -> list[JSON]:
        chat_id = self._target_chat(params, sending=False)
        if chat_id > 0:
            raise _bad("Bad Request: there are no administrators in the private chat")
        return list(self._admins.get(chat_id, {}).values())

    async def _m_sendChatAction(self, params: JSON) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("Bad Request: wrong parameter action in request")
        return True

    # ---- files: getFile and the download URL (/file/bot<token>/<file_path>) -------------------

    def add_file(self, data: bytes, *, file_id: str | None = None, width: int = 0, height: int = 0) -> JSON:
        """Make `data` downloadable; returns a PhotoSize-like dict for building photo updates."""
        file_id = file_id or f"file-{len(self._files) + 1}"
        self._files[file_id] = (f"photos/{file_id}.jpg", data)
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(data),
                "width": width, "height": height}

    async def _m_getFile(self, params: JSON) -> JSON:
        file_id = params.get("file_id")
        if not isinstance(file_id, str) or file_id not in self._files:
            raise _bad("Bad Request: invalid file_id")
        path, data = self._files[file_id]
        if len(data) > MAX_DOWNLOAD_BYTES:
            raise _bad("Bad Request: file is too big")
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(data), "file_path": path}

    def _download(self, token: str, path: str) -> web.Response:
        if token != self.token:
            return web.Response(status=401, text="Unauthorized")
        for stored_path, data in self._files.values():
            if stored_path == path:
                self.downloads.append(path)
                return web.Response(body=data, content_type="application/octet-stream")
        return web.Response(status=404, text="Not Found")

    async def _m_leaveChat(self, params: JSON) -> bool:
        chat_id = self._target_chat(params, sending=False)
        if chat_id > 0:
            raise _bad("Bad Request: chat member status can't be changed in private chats")
        self._left.add(chat_id)
        return True


def _check_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise _bad("Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _bad("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    actions = [key for key in _BUTTON_ACTIONS if button.get(key) is not None]
    if not actions:
        raise _bad("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise _bad(
            "Bad Request: can't parse inline keyboard button: exactly one of the optional fields must be used, "
            f"got {', '.join(actions)}"
        )
    if "callback_data" in actions:
        data = button["callback_data"]
        size = len(str(data).encode("utf-8"))
        if not InlineKeyboardButtonLimit.MIN_CALLBACK_DATA <= size <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
            raise _bad("Bad Request: BUTTON_DATA_INVALID")
    if "url" in actions and not re.match(r"^(https?|tg)://\S+$", str(button["url"])):
        raise _bad("Bad Request: BUTTON_URL_INVALID")


def _matches(call: Call, method: str, chat_id: int | None, ok: bool | None) -> bool:
    return (
        call.method == method
        and (ok is None or call.ok == ok)
        and (chat_id is None or _norm_chat_id(call.params.get("chat_id")) == chat_id)
    )


def _error_response(error: ApiError) -> web.Response:
    body: JSON = {"ok": False, "error_code": error.code, "description": error.description}
    if error.parameters:
        body["parameters"] = error.parameters
    return web.Response(
        status=error.code, body=json.dumps(body, ensure_ascii=False).encode(), content_type="application/json"
    )
