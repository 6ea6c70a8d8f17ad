"""`python -m bot run`: the Telegram bot by long polling or by webhook, with `/healthz` and a clean stop.

Why our own lifecycle instead of `Application.run_polling`/`run_webhook`: PTB's webhook server is a
private tornado app with one route, and we need `/healthz` on the same port (a load balancer and
Docker's HEALTHCHECK ask it). So we serve a small tornado app of our own, built only from PTB's
public pieces (`Update.de_json`, `Application.update_queue`, `Bot.set_webhook`), and run the same
start/stop sequence PTB runs: initialize, post_init, start taking updates, start; and on SIGTERM or
SIGINT: stop taking updates, let handlers in flight and the broadcast sends under way finish
(`Application.stop` waits for both; a broadcast takes no new chats once stopping), shutdown,
post_shutdown, exit 0. Should Telegram make the bot wait out a long flood limit meanwhile, the
wait ends after the broadcast's shutdown grace (5 s): waiting sends are left for the next start
(see bot/broadcast/flight.py), so the process still exits within 10 seconds.

In polling mode the same `/healthz` is served on 127.0.0.1 only, so `python -m bot health` (the
Docker HEALTHCHECK) sees the bot's real state in both modes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import signal
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import tornado.web
from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import ExtBot
from tornado.httpserver import HTTPServer

import bot.broadcast
from bot.health import VITALS_KEY
from bot.health import check_health as health_of
from bot.logs import ThrottledLog, setup_logging
from bot.reachability import (
    STARTUP_RETRY_SECONDS,
    UnreachableInWords,
    in_words,
    is_unreachable,
    polling_error_logger,
    startup_unreachable,
)
from bot.services import TutorApplication
from bot.settings import Settings
from bot.transport import Vitals, update_kind

if TYPE_CHECKING:
    from bot.core.conversation import Tutor

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 2 * 1024 * 1024  # Telegram updates are a few KB; refuse anything absurd
MAX_SECRET_CHARS = 256
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class StartupError(Exception):
    """A configuration problem found before anything started; one line for the operator."""


@dataclass(frozen=True)
class Mode:
    """How updates arrive: long polling, or webhook at `path` (public URL `url`)."""

    webhook: bool
    listen: str
    port: int
    path: str | None = None
    url: str | None = None
    secret: str | None = None


def mode_of(settings: Settings) -> Mode:
    """Polling without WEBHOOK_URL; webhook with it, which then also needs a valid WEBHOOK_SECRET."""
    if not settings.webhook_url:
        return Mode(webhook=False, listen="127.0.0.1", port=settings.port)
    url_problem = webhook_url_problem(settings.webhook_url)
    if url_problem:
        raise StartupError(f"WEBHOOK_URL {url_problem}")
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not secret:
        raise StartupError(
            "WEBHOOK_SECRET is required with WEBHOOK_URL: 1-256 characters from A-Z a-z 0-9 _ - "
            "(Telegram sends it back in every request; without it anyone could post fake updates)"
        )
    secret_problem = webhook_secret_problem(secret)
    if secret_problem:
        raise StartupError(f"WEBHOOK_SECRET is invalid: {secret_problem}")
    path = urlsplit(settings.webhook_url).path.rstrip("/") or "/"
    if path == HEALTH_PATH:
        raise StartupError(f"WEBHOOK_URL must not end in {HEALTH_PATH}: that path is the health check")
    return Mode(webhook=True, listen="0.0.0.0", port=settings.port, path=path, url=settings.webhook_url,
                secret=secret)


def webhook_secret_problem(secret: str) -> str | None:
    """What Telegram would refuse in a secret_token, in words (the secret itself is never repeated)."""
    if _SECRET_RE.match(secret):
        return None
    if len(secret) > MAX_SECRET_CHARS:
        return f"it is {len(secret)} characters long; Telegram accepts at most {MAX_SECRET_CHARS}"
    bad = sorted({_char_name(c) for c in secret if not _SECRET_RE.match(c)})
    return (f"it contains {', '.join(bad)}; use only A-Z a-z 0-9 _ - (1-{MAX_SECRET_CHARS} characters), "
            "e.g. the output of: python3 -c \"import secrets; print(secrets.token_urlsafe(32))\"")


def _char_name(char: str) -> str:
    names = {" ": "a space", "\t": "a tab"}
    return names.get(char, f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}")


def webhook_url_problem(url: str) -> str | None:
    """Telegram delivers updates to HTTPS only; plain http:// is accepted for a loopback host (local tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS:
        return None
    return "must be an https:// URL: Telegram only delivers updates to HTTPS (put a TLS proxy in front of the bot)"


async def check_health(application: TutorApplication, mode: Mode | None = None) -> dict[str, Any]:
    """Every field of /healthz (see bot/health.py): booleans and ages, `failing` names what is down."""
    updater = application.updater
    polling = mode is not None and not mode.webhook
    taking_updates = application.running and (not polling or (updater is not None and updater.running))
    return await health_of(application, polling=polling, taking_updates=bool(taking_updates))


REFUSED = "webhook requests without the right secret token refused (latest from %s)"


class _QuietHandler(tornado.web.RequestHandler):
    """No `Server: TornadoServer/6.x` header: the exact version only helps whoever probes the port."""

    def set_default_headers(self) -> None:
        self.clear_header("Server")


class _NotFoundHandler(_QuietHandler):
    """Any other path: 404, without the Server header either."""

    def prepare(self) -> None:
        raise tornado.web.HTTPError(HTTPStatus.NOT_FOUND)


class _HealthHandler(_QuietHandler):
    """GET /healthz: 200 with the checks when all are up, 503 with the same body otherwise."""

    def initialize(self, bot_app: TutorApplication, mode: Mode) -> None:
        self.application_ = bot_app
        self.mode = mode

    async def get(self) -> None:
        report = await check_health(self.application_, self.mode)
        healthy = not report["failing"]
        self.set_status(HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(report))


class _WebhookHandler(_QuietHandler):
    """POST from Telegram: 403 without the right secret (nothing is queued), else the update is queued.

    Refusals are counted, and logged at most once a minute: anyone who finds the port could
    otherwise fill the log with one warning per request.

    While the bot is stopping it answers 503, so Telegram redelivers the update later (to this
    process after a restart, or to another one behind the load balancer) instead of losing it.
    """

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot_app: TutorApplication, secret: str, refused: ThrottledLog) -> None:
        self.application_ = bot_app
        self.secret = secret.encode()
        self.refused = refused

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Content-Type", "application/json")

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            self.refused.note(REFUSED, self.request.remote_ip)
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if not self.application_.running:
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.split(";", 1)[0].strip().lower() != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
        try:
            data = json.loads(self.request.body)
        except Exception as exc:
            log.error("webhook body is not JSON (%s); refused", type(exc).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from exc
        try:
            update = Update.de_json(data, self.application_.bot)
        except Exception as exc:  # counted, and logged once per kind (type and id, never the content)
            vitals: Vitals | None = self.application_.bot_data.get(VITALS_KEY)
            update_id = data.get("update_id") if isinstance(data, dict) else None
            if vitals is not None:
                vitals.unreadable_update(update_kind(data), update_id, exc, source="webhook")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from exc
        bot = self.application_.bot
        if isinstance(bot, ExtBot):
            bot.insert_callback_data(update)
        await self.application_.update_queue.put(update)
        self.finish("{}")


def make_web_app(application: TutorApplication, mode: Mode,
                 clock: Callable[[], float] = time.monotonic) -> tornado.web.Application:
    """The tornado app: /healthz always, the webhook route only in webhook mode.

    Its setting "refused_webhooks" counts the webhook requests refused for a wrong secret.
    """
    refused = ThrottledLog(log, logging.WARNING, interval=60.0, clock=clock)
    routes: list[Any] = [(re.escape(HEALTH_PATH), _HealthHandler, {"bot_app": application, "mode": mode})]
    if mode.webhook:
        assert mode.path is not None and mode.secret is not None
        path = "" if mode.path == "/" else re.escape(mode.path)
        routes.append((rf"{path}/?", _WebhookHandler,
                       {"bot_app": application, "secret": mode.secret, "refused": refused}))
    return tornado.web.Application(routes, log_function=lambda handler: None, default_handler_class=_NotFoundHandler,
                                   refused_webhooks=refused)


async def serve(application: TutorApplication, mode: Mode, stop: asyncio.Event) -> None:
    """PTB's run_polling/run_webhook sequence with our web app; returns after `stop` is set and all is flushed."""
    http: HTTPServer | None = None
    web_app = make_web_app(application, mode)
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        http = HTTPServer(web_app, max_body_size=MAX_UPDATE_BYTES, xheaders=True)
        try:
            http.listen(mode.port, address=mode.listen)
        except OSError as exc:
            if mode.webhook:
                raise
            # Polling works without the health endpoint (e.g. port taken on a laptop); say so once.
            log.warning("health endpoint not served: cannot listen on %s:%d (%s)", mode.listen, mode.port, exc)
            http = None
        await application.start()
        if mode.webhook:
            assert mode.url is not None
            await application.bot.set_webhook(url=mode.url, secret_token=mode.secret,
                                              allowed_updates=Update.ALL_TYPES)
            log.info("serving updates by webhook on %s:%d%s (health at %s)", mode.listen, mode.port, mode.path,
                     HEALTH_PATH)
        else:
            assert application.updater is not None
            on_error = polling_error_logger(application.bot.base_url, application.bot_data.get(VITALS_KEY))
            await application.updater.start_polling(allowed_updates=Update.ALL_TYPES, error_callback=on_error)
            log.info("serving updates by long polling (health at http://%s:%d%s)", mode.listen, mode.port,
                     HEALTH_PATH)
        await stop.wait()
        log.info("stop signal received: finishing handlers in flight and the current broadcast batch")
    finally:
        # Stop taking updates first, then let the Application drain its queue, jobs and tasks.
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            stopping = asyncio.ensure_future(application.stop())
            done, _ = await asyncio.wait({stopping}, timeout=bot.broadcast.shutdown_grace(application))
            if not done:
                bot.broadcast.on_stop_deadline(application)
            await stopping
            if application.post_stop is not None:
                await application.post_stop(application)
        if http is not None:
            http.stop()
            await http.close_all_connections()
        web_app.settings["refused_webhooks"].flush()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        for handler in logging.getLogger().handlers:
            handler.flush()


async def _main(settings: Settings, mode: Mode, tutor: Tutor) -> int:
    from bot.app import build_application

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    while True:
        application = build_application(settings, tutor=tutor)
        try:
            await serve(application, mode, stop)
        except InvalidToken:
            log.error("Telegram rejected TELEGRAM_BOT_TOKEN; copy it again from @BotFather")
            return 1
        except (TelegramError, OSError) as exc:
            if not is_unreachable(exc):
                log.error("the bot could not start: %s", exc)
                return 1
            if stop.is_set():  # stopped while still trying to reach Telegram
                log.info("stopped before Telegram could be reached (%s)", in_words(exc))
                break
            log.warning("%s", startup_unreachable(exc, settings.telegram_api_base_url))
            with contextlib.suppress(TimeoutError):  # a stop signal ends the wait, and the bot
                await asyncio.wait_for(stop.wait(), STARTUP_RETRY_SECONDS)
            if stop.is_set():
                break
            continue
        except Exception:  # e.g. the database is unreachable in post_init: one logged reason, exit 1
            log.exception("the bot could not start")
            return 1
        break
    log.info("stopped cleanly")
    return 0


def log_secrets(settings: Settings) -> list[str]:
    """What the log must never show: the bot token, the webhook secret, the database password
    (as written in DATABASE_URL and percent-decoded)."""
    secrets = [settings.token or ""]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    try:
        password = urlsplit(settings.database_url).password
    except ValueError:
        password = None
    if password:
        secrets += [password, unquote(password)]
    return [s for s in dict.fromkeys(secrets) if s]


def run(settings: Settings) -> int:
    """Run the bot until SIGTERM/SIGINT; 0 after a clean stop, 1 when it could not start, 2 on bad settings.

    The content is loaded before anything touches the network: invalid content raises ContentInvalid
    (the command line prints its first cause in one line and exits 1) without contacting Telegram.
    """
    setup_logging(settings.log_level, settings.log_format, secrets=log_secrets(settings))
    for handler in logging.getLogger().handlers:  # after the redacting filter, which formats tracebacks
        handler.addFilter(UnreachableInWords())
    try:
        mode = mode_of(settings)
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from bot.tutor_cache import tutor_for  # not for `health`: its Docker check must start fast

    tutor = tutor_for(settings)
    return asyncio.run(_main(settings, mode, tutor))


def health(settings: Settings, timeout: float = 8.0) -> int:
    """`python -m bot health`: ask the running bot's /healthz on this machine; 0 when healthy, else 1."""
    url = f"http://127.0.0.1:{settings.port}{HEALTH_PATH}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via HTTP(S)_PROXY
    try:
        with opener.open(url, timeout=timeout) as response:
            body = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read().decode(errors="replace"), exc.code
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: no answer from {url} ({exc})", file=sys.stderr)
        return 1
    print(body)
    if status != HTTPStatus.OK:
        try:
            failing = json.loads(body).get("failing") or []
        except (ValueError, AttributeError):
            failing = []
        print(f"unhealthy ({status}): {', '.join(failing) or 'no details'}", file=sys.stderr)
        return 1
    return 0
