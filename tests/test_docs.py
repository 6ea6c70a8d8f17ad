"""README.md and .env.example stay true to the code: every setting and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

from bot.app import ADMIN_COMMANDS, GROUP_COMMANDS, PRIVATE_COMMANDS
from bot.cli import build_parser
from bot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()
ENV_EXAMPLE = (REPO / ".env.example").read_text()


def test_every_setting_is_in_env_example_and_the_readme_table_with_its_default() -> None:
    table = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([A-Z_]+)` \| ([^|]+) \|", README, re.M)}
    for name, field in Settings.model_fields.items():
        env = name.upper()
        assert re.search(rf"^#? ?{env}=", ENV_EXAMPLE, re.M), f"{env} missing from .env.example"
        assert env in table, f"{env} missing from the README's settings table"
        default = field.get_default(call_default_factory=True)
        if isinstance(default, (str, int, float)) and not isinstance(default, bool):
            shown = str(int(default)) if isinstance(default, float) and default.is_integer() else str(default)
            assert shown in table[env], f"README shows {table[env]!r} as {env}'s default, the code has {default!r}"


def test_every_command_is_in_the_readme() -> None:
    for name, _, _ in [*PRIVATE_COMMANDS, *GROUP_COMMANDS, *ADMIN_COMMANDS]:
        assert f"/{name}" in README, name
    for owner_only in ("/siarkan", "/statistik"):
        assert owner_only in README
    subcommands = next(a for a in build_parser()._actions if a.dest == "command").choices
    for sub in subcommands:
        assert f"`{sub}" in README, f"python -m bot {sub} is not in the README"


def test_readme_links_resolve() -> None:
    for target in re.findall(r"\]\((?!https?://|#)([^)]+)\)", README):
        assert (REPO / target).exists(), target
