"""`python -m bot` (also the `tutor-diplomasi` script): run, console, ask, check, stats, health.

With no subcommand: the Telegram bot when a token is configured, else the console tutor.
Every command exits non-zero with a one-line reason on bad usage or bad content.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from bot.core.content import ContentInvalid, load_content
from bot.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from bot.core.content import ContentBank, ContentProblem
    from bot.core.conversation import Tutor
    from bot.core.freshness import StaleFact


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, like argparse but without the usage block
        print(f"{self.prog}: {message} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m bot", description="Tutor Diplomasi: Telegram tutor bot and console.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    console = sub.add_parser("console", help="the tutor in this terminal (reads standard input)")
    console.add_argument("--lang", choices=["id", "en"], default="id", help="interface language; answers and quiz questions stay in Indonesian")
    ask = sub.add_parser("ask", help="print the reply the bot would send in a private chat")
    ask.add_argument("--json", action="store_true", help="print one JSON object (JSON Lines with '-')")
    ask.epilog = ("With '-', each input line is a question, or a JSON object {\"question\": \"…\"} so that "
                  "a pasted multi-line question fits on one line; a line starting with '{' that is not such "
                  "an object is reported (exit 1 at the end). Unanswered questions are kept for the teacher "
                  "in the bot's database when it exists.")
    ask.add_argument("--lang", choices=["id", "en"], default="id",
                     help="interface language; answers and quiz questions stay in Indonesian")
    ask.add_argument("text", nargs="*", help="the question, or '-' to read one question per line")
    ask.add_argument("--image", metavar="FILE", help="read the question from a photo or screenshot (needs Tesseract)")
    check = sub.add_parser("check", help="validate content/ (or CONTENT_DIR)")
    check.add_argument("--json", action="store_true", help="print one JSON report")
    check.add_argument("--dir", help="content directory (default: CONTENT_DIR or content/)")
    stats = sub.add_parser("stats", help="print the owners' statistics from the database")
    stats.add_argument("--picture", metavar="FILE.png",
                       help="also draw the last 30 days (active chats, answers, unanswered questions) as a PNG")
    sub.add_parser("health", help="exit 0 when the running bot is healthy (asks its /healthz on PORT)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    command = args.command
    if command is None:
        command = "run" if settings.token else "console"
        if command == "console":
            from bot.core.i18n import t

            print(t("console.hint_token"), file=sys.stderr)
    try:
        if command == "check":
            return cmd_check(settings, args.json, args.dir)
        if command == "ask" and args.image:
            from bot.photo_cli import cmd_ask_image

            return cmd_ask_image(settings, args.image, args.json, args.lang)
        if command == "ask":
            if not args.text:
                print("ask: give a question, '-' to read questions from standard input, or --image FILE",
                      file=sys.stderr)
                return 2
            return cmd_ask(settings, args.text, args.json, args.lang)
        if command == "console":
            return cmd_console(settings, getattr(args, "lang", "id"))
        if command == "run":
            return cmd_run(settings)
        if command == "stats":
            return cmd_stats(settings, args.picture)
        if command == "health":
            from bot.runner import health

            return health(settings)
    except ContentInvalid as exc:
        more = len(exc.problems) - 1
        extra = f"{more} more problem(s); " if more else ""
        print(f"content is invalid: {exc.problems[0]} ({extra}see `python -m bot check`)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        if command not in PIPE_COMMANDS:
            raise
        _silence_stdout()
        return 0
    return 2


PIPE_COMMANDS = {"ask", "check", "console", "stats"}  # their output is often piped into `head`


def _silence_stdout() -> None:
    """The reader went away (`... | head -1`): that is not an error, and Python's final flush must not say so."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def cmd_check(settings: Settings, as_json: bool, directory: str | None) -> int:
    from pathlib import Path

    path = Path(directory) if directory else settings.resolved_content_dir
    bank, problems = load_content(path)
    lists = []
    if not problems:  # needs a loadable bank: the matcher's view of the phrasings
        from bot.core.cards import compare_with_faq
        from bot.core.lists import short_lists
        from bot.core.matcher import indistinct_phrasings

        problems = indistinct_phrasings(bank) + compare_with_faq(bank)
        lists = short_lists(bank)
    warnings, stale = _check_warnings(settings, bank)
    warnings = [*warnings, *lists]
    if as_json:
        print(json.dumps({
            "topics": len(bank.topics), "faq": len(bank.faq), "quiz": len(bank.quiz), "cards": len(bank.cards),
            "errors": [p.as_dict() for p in problems],
            "warnings": [w.as_dict() for w in warnings],
            "stale": [s.as_dict() for s in stale],
            "reported": _reported(settings),
        }, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
        for warning in warnings:
            print(f"warning: {warning}")
        for fact in stale:
            print(f"warning: stale {fact.kind} [{fact.id}]: review_by {fact.review_by} has passed (as_of {fact.as_of})")
        status = "OK" if not problems else f"{len(problems)} problem(s)"
        if warnings or stale:
            status += f", {len(warnings)} warning(s), {len(stale)} stale fact(s)"
        print(f"{path}: {len(bank.topics)} topics, {len(bank.faq)} FAQ entries, {len(bank.quiz)} quiz questions, "
              f"{len(bank.cards)} fact cards: {status}")
    return 1 if problems else 0


def _reported(settings: Settings) -> dict[str, list[str]] | None:
    """FAQ, card and quiz ids with open mistake reports in the bot's database (None: no database)."""
    from bot.stats import open_report_refs

    return asyncio.run(open_report_refs(settings))


def _check_warnings(settings: Settings, bank: ContentBank) -> tuple[list[ContentProblem], list[StaleFact]]:
    """Quiz-writing warnings and facts past their review date (today in BOT_TIMEZONE): never errors."""
    from datetime import UTC, datetime

    from bot.core.freshness import stale_facts
    from bot.core.lint import lint_quiz
    from bot.core.schedule import local_day

    today = local_day(datetime.now(UTC), settings.bot_timezone)
    return lint_quiz(bank), stale_facts(bank.faq.values(), bank.quiz.values(), today)


def _tutor(settings: Settings) -> Tutor:
    from bot.tutor_cache import tutor_for

    return tutor_for(settings)


def cmd_ask(settings: Settings, words: list[str], as_json: bool, lang: str) -> int:
    """Print the replies; exit 1 when a line of `ask -` looked like JSON but was not a question object."""
    from bot.ask_log import AskLog

    tutor = _tutor(settings)
    out = sys.stdout.buffer  # UTF-8 whatever the locale, so the output is always valid UTF-8
    kept = AskLog(settings)
    bad_lines = 0

    def answer(question: str) -> None:
        reply = tutor.reply(question, lang)
        if as_json:
            out.write((json.dumps(reply.as_json(), ensure_ascii=False) + "\n").encode("utf-8"))
        else:
            out.write((reply.plain() + ("\n\n" if words == ["-"] else "\n")).encode("utf-8"))
        kept.keep(reply)

    try:
        if words == ["-"]:
            for number, raw in enumerate(sys.stdin.buffer, 1):  # bytes: an invalid byte becomes U+FFFD
                try:
                    question = _stdin_question(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
                except BadJsonLine as exc:
                    bad_lines += 1
                    if as_json:  # in place of that line's answer, so output lines still match input lines
                        out.write((json.dumps({"line": number, "error": str(exc)}) + "\n").encode("utf-8"))
                    else:
                        print(f"line {number}: {exc}", file=sys.stderr)
                    continue
                answer(question)
        else:
            # argv holds undecodable bytes as surrogates; turn them into U+FFFD like stdin
            answer(" ".join(words).encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        out.flush()
    finally:
        kept.close()
    return 1 if bad_lines else 0


class BadJsonLine(ValueError):
    """A line of `ask -` that starts like a JSON object but is not {"question": "…"}."""


def _stdin_question(line: str) -> str:
    """One line of `ask -`: a JSON Lines object {"question": "…"} (multi-line questions), or the question itself.

    A line starting with "{" is always read as JSON: a broken object is reported, never answered as text.
    """
    if not line.lstrip().startswith("{"):
        return line
    try:
        data = json.loads(line)
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        column = f" at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise BadJsonLine(f"not valid JSON ({reason}{column}); write {{\"question\": \"…\"}}") from None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        raise BadJsonLine('a JSON line needs a "question" key with text, e.g. {"question": "apa itu asean"}')
    return data["question"]


def cmd_console(settings: Settings, lang: str) -> int:
    asyncio.run(_console(settings, lang))
    return 0


async def _console(settings: Settings, lang: str) -> None:
    """The console tutor, logging unanswered questions to the same database the bot uses."""
    from datetime import UTC, datetime

    from bot.console import run_console
    from bot.core.conversation import Reply
    from bot.storage import Store

    tutor = _tutor(settings)
    try:
        store = await Store.open(settings.database_url, default_timezone=settings.bot_timezone)
    except Exception as exc:  # the tutor still works without a database; say why once
        print(f"database unavailable ({type(exc).__name__}); unanswered questions will not be saved",
              file=sys.stderr)
        await run_console(tutor, lang, quiz_length=settings.quiz_length)
        return

    async def log(reply: Reply) -> None:
        await store.log_unanswered(None, reply.question, [(c.faq_id, c.score) for c in reply.candidates],
                                   datetime.now(UTC), origin="console")

    try:
        await run_console(tutor, lang, log_unanswered=log, quiz_length=settings.quiz_length)
    finally:
        await store.close()


def cmd_run(settings: Settings) -> int:
    if not settings.token:
        print("TELEGRAM_BOT_TOKEN is not set (environment or .env); see .env.example", file=sys.stderr)
        return 2
    from bot.runner import run

    return run(settings)


def cmd_stats(settings: Settings, picture: str | None = None) -> int:
    from bot.stats import print_stats

    return asyncio.run(print_stats(settings, picture))
