"""Handlers are registered in one place (bot/handlers/registry.py), every command the menus offer has
one, and the error handler is the dedicated one."""

from __future__ import annotations

import ast
from pathlib import Path

from telegram.ext import CommandHandler

from bot.app import ADMIN_COMMANDS, PRIVATE_COMMANDS, build_application
from bot.handlers import errors
from bot.settings import Settings

BOT = Path(__file__).resolve().parents[2] / "bot"
REGISTRY = BOT / "handlers" / "registry.py"
REGISTERING = {"add_handler", "add_handlers", "add_error_handler"}


def registering_calls(path: Path) -> list[str]:
    """`x.add_handler(...)`-style calls in one file, as "file:line"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(BOT.parent)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REGISTERING
    ]


def test_only_the_registry_adds_handlers() -> None:
    assert registering_calls(REGISTRY), "the registry itself must be seen adding handlers"
    elsewhere = [hit for path in sorted(BOT.rglob("*.py")) if path != REGISTRY for hit in registering_calls(path)]
    assert elsewhere == []


def test_every_menu_command_and_owner_command_is_handled_and_errors_go_to_the_error_handler(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, telegram_bot_token="123456:" + "A" * 35,  # type: ignore[call-arg]
                        database_url=f"sqlite:///{tmp_path}/tutor.db")
    application = build_application(settings)
    assert sorted(application.handlers) == [-2, -1, 0]
    handled = {
        command
        for handler in application.handlers[0]
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    offered = {name for name, _, _ in PRIVATE_COMMANDS + ADMIN_COMMANDS}
    assert offered <= handled, offered - handled
    owners = {"siarkan", "broadcast", "statistik", "stats", "laporan", "reports", "harian", "daily", "zona", "timezone"}
    assert owners <= handled, owners - handled
    assert list(application.error_handlers) == [errors.on_error]
