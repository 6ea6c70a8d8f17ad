"""Settings: the time zone is read the way /zona reads it (WIB, WITA, WIT or an IANA name, any case)."""

from __future__ import annotations

import pytest

from bot.core.schedule import expand_zone_alias
from bot.settings import SettingsError, load_settings


@pytest.mark.parametrize(("given", "zone"), [
    ("WIB", "Asia/Jakarta"), ("wita", "Asia/Makassar"), (" Wit ", "Asia/Jayapura"),
    ("asia/pontianak", "Asia/Pontianak"), ("Asia/Jakarta", "Asia/Jakarta"), ("UTC", "UTC"),
    ("Singapore", "Singapore"),  # a zoneinfo name without a slash, accepted as before
])
def test_bot_timezone_takes_indonesian_names_and_iana_names(given: str, zone: str) -> None:
    settings = load_settings(_env_file=None, bot_timezone=given)
    assert settings.bot_timezone == zone
    assert settings.timezone.key == zone


def test_unknown_bot_timezone_names_the_choices() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(_env_file=None, bot_timezone="WIBB")
    assert info.value.problems == ["Setting BOT_TIMEZONE is invalid: unknown timezone 'WIBB'; use WIB, WITA, WIT "
                                   "or an IANA name such as Asia/Jakarta"]


def test_one_helper_maps_the_indonesian_names() -> None:
    assert [expand_zone_alias(name) for name in ("wib", "WITA", "wit", "Asia/Jayapura")] == [
        "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Asia/Jayapura"]


def test_bot_timezone_wib_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TIMEZONE", "WIB")
    assert load_settings(_env_file=None).bot_timezone == "Asia/Jakarta"
